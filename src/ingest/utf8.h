// UTF-8 checks and repair shared by the readers (internal to src/ingest).
#ifndef DYAD_INGEST_UTF8_H_
#define DYAD_INGEST_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace dyad::ingest {

struct Utf8Repair {
  size_t bad_sequences = 0;     // each maximal invalid subsequence became one U+FFFD
  size_t first_bad_offset = 0;  // byte offset (in the input) of the first bad byte
};

// Appends `in` to *out with every invalid UTF-8 sequence replaced by U+FFFD
// (one replacement per maximal invalid subpart, as Unicode recommends).
Utf8Repair AppendRepairedUtf8(std::string_view in, std::string* out);

// True when `in` is valid UTF-8 (fast SIMD check).
bool IsValidUtf8(std::string_view in);

// Repairs *s in place when needed and returns what was done.
Utf8Repair RepairUtf8InPlace(std::string* s);

// "invalid UTF-8 at byte offset N (M bad sequences); replaced with U+FFFD"
std::string DescribeRepair(const Utf8Repair& r, std::string_view unit);

// Strips a leading UTF-8 byte order mark. Returns true when one was removed.
bool StripBom(std::string_view* s);

// Binary sniff over the first 8 KiB: a NUL byte, or more than 30% control bytes
// (other than tab, newline, carriage return, form feed, vertical tab, escape).
bool LooksBinary(std::string_view head);
inline constexpr size_t kBinarySniffBytes = 8192;

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_UTF8_H_
