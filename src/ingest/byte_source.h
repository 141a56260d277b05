// Streaming byte sources for the readers (internal to src/ingest): a file
// descriptor, gzip and zstd decompressors layered on any source, and a line
// reader with a length cap. Memory stays bounded by the buffer sizes and the
// longest line, never by the size of the (decompressed) input.
#ifndef DYAD_INGEST_BYTE_SOURCE_H_
#define DYAD_INGEST_BYTE_SOURCE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::ingest {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf; 0 means end of input.
  virtual Result<size_t> Read(char* buf, size_t n) = 0;
};

// Opens `path` for reading. NotFound / IOError (naming the path and the OS
// reason) when it cannot be opened or is a folder.
Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
// Standard input (not closed on destruction).
std::unique_ptr<ByteSource> StdinSource();
// Serves `prefix` first, then the rest of `rest`.
std::unique_ptr<ByteSource> PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest);
// A source over bytes held in memory (tests, fuzzers).
std::unique_ptr<ByteSource> MemorySource(std::string bytes);

enum class Compression { kNone, kGzip, kZstd };
// Decompresses `in` (gzip: concatenated members are read in turn). Corrupt
// data is reported as a Corruption status from Read.
std::unique_ptr<ByteSource> Decompress(Compression c, std::unique_ptr<ByteSource> in);
// From the first bytes of a stream: gzip 1f 8b, zstd 28 b5 2f fd.
Compression SniffCompression(std::string_view head);
std::string_view CompressionName(Compression c);

// Reads the whole source. Sets *too_big (and stops) once more than max_bytes were seen.
Result<std::string> ReadAll(ByteSource* in, size_t max_bytes, bool* too_big);

// Reads up to n bytes (fewer only at end of input).
Result<std::string> ReadPrefix(ByteSource* in, size_t n);

// Splits a source into lines ('\n'; a trailing '\r' is removed). Lines longer
// than max_line are not kept: Next() reports them with *too_long set and an
// empty line, after skipping to their end.
class LineReader {
 public:
  LineReader(ByteSource* in, size_t max_line) : in_(in), max_line_(max_line) {}
  // False at end of input. *line_number is 1-based.
  Result<bool> Next(std::string* line, int64_t* line_number, bool* too_long);
  int64_t bytes_read() const { return bytes_read_; }

 private:
  Status Fill();
  ByteSource* in_;
  size_t max_line_;
  std::string buf_;
  size_t chunk_ = 0;  // size of the next read
  size_t pos_ = 0;
  bool eof_ = false;
  int64_t line_ = 0;
  int64_t bytes_read_ = 0;
};

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_BYTE_SOURCE_H_
