// Text normalization with a map back to the original bytes.
//
// Normalize() produces NFC text in which typographic variants are folded to
// their ASCII forms (curly quotes, dashes, odd spaces, ellipsis) and invisible
// characters are removed, and records for every output byte which original
// byte it came from, so tokens found in the normalized text can report offsets
// into the original (the idea of sentencepiece's norm_to_orig).
#ifndef DYAD_TEXT_NORMALIZE_H_
#define DYAD_TEXT_NORMALIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dyad::text {

class NormalizedText {
 public:
  const std::string& text() const { return text_; }
  size_t size() const { return text_.size(); }

  // Original offset where the normalized byte `i` begins (i <= size(); size()
  // maps to the original length). Use for the start of a span. A byte in the
  // middle of one replaced original character maps to that character's end,
  // so spans [OrigBegin(b), OrigEnd(e)) of disjoint normalized spans never overlap.
  uint32_t OrigBegin(size_t i) const;
  // Original offset where a normalized span ending before byte `j` ends: a
  // span never ends inside the bytes of one replaced original character.
  uint32_t OrigEnd(size_t j) const;

  // True when the output is byte-identical to the input (the map is identity).
  bool identity() const { return identity_; }

 private:
  friend void Normalize(std::string_view in, NormalizedText* out);
  static constexpr uint32_t kInside = 0x80000000u;  // byte continues a replacement
  static constexpr uint32_t kMask = 0x7fffffffu;

  std::string text_;
  // map_[i]: original offset of the unit that produced byte i; kInside is set
  // on all but the first byte of a multi-byte replacement. Empty when identity_.
  std::vector<uint32_t> map_;
  uint32_t orig_size_ = 0;
  bool identity_ = true;
};

// Normalizes `in`, which should be valid UTF-8: an invalid byte becomes U+FFFD
// in the output, so the output is always valid UTF-8. `out` is reused so a
// caller looping over articles avoids reallocating. Inputs must be < 2 GiB.
//
// Folds: NFC; U+2018/2019/201A/201B/2032/2039/203A/FF07 -> '; U+201C/201D/
// 201E/201F/2033/00AB/00BB/FF02 -> "; hyphen and dash variants U+2010-2015,
// U+2212, U+FE58, U+FE63, U+FF0D and runs of 2-3 ASCII '-' -> -; U+00A0,
// U+1680, U+2000-200A, U+202F, U+205F, U+3000 and C0/C1 controls -> space;
// CR LF, CR, U+0085, U+2028, U+2029, FF, VT -> \n; U+2026 -> "...".
// Removes: U+00AD soft hyphen, U+200B-200F, U+202A-202E, U+2060-2064, U+FEFF.
void Normalize(std::string_view in, NormalizedText* out);

// Full Unicode lowercase (ICU, root locale) of UTF-8 `s`, appended to `out`
// after clearing it. Pure-ASCII input takes a fast path without ICU.
void LowercaseUtf8(std::string_view s, std::string* out);

// Decodes the code point at s[i] (valid UTF-8 assumed; an invalid byte
// decodes as U+FFFD of length 1). Sets *len to its byte length.
char32_t DecodeUtf8(std::string_view s, size_t i, int* len);
// Appends the UTF-8 encoding of `c` to `out`.
void AppendUtf8(char32_t c, std::string* out);
// True when every byte of `s` is below 0x80 (checked 8 bytes at a time).
bool IsAscii(std::string_view s);
// Replaces invalid UTF-8 sequences in `s` with U+FFFD.
std::string RepairUtf8(std::string_view s);

}  // namespace dyad::text

#endif  // DYAD_TEXT_NORMALIZE_H_
