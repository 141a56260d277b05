#include "ingest/utf8.h"

#include <simdjson.h>

namespace dyad::ingest {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes at
// s[i] start an invalid sequence. *bad_len receives the length of the maximal
// invalid subpart to replace (at least 1) when 0 is returned.
size_t ValidSequenceLength(std::string_view s, size_t i, size_t* bad_len) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  *bad_len = 1;
  if (c < 0x80) return 1;
  size_t need;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  size_t k = 1;
  for (; k <= need; ++k) {
    if (i + k >= s.size()) break;
    const unsigned char t = b(i + k);
    const unsigned char tlo = k == 1 ? lo : 0x80, thi = k == 1 ? hi : 0xBF;
    if (t < tlo || t > thi) break;
  }
  if (k > need) return need + 1;
  *bad_len = k;  // the lead byte plus the continuation bytes that fit
  return 0;
}

}  // namespace

bool IsValidUtf8(std::string_view in) { return simdjson::validate_utf8(in.data(), in.size()); }

Utf8Repair AppendRepairedUtf8(std::string_view in, std::string* out) {
  Utf8Repair r;
  if (IsValidUtf8(in)) {
    out->append(in);
    return r;
  }
  out->reserve(out->size() + in.size() + 16);
  size_t i = 0;
  while (i < in.size()) {
    // Copy ASCII runs quickly.
    size_t j = i;
    while (j < in.size() && static_cast<unsigned char>(in[j]) < 0x80) ++j;
    out->append(in.substr(i, j - i));
    i = j;
    if (i >= in.size()) break;
    size_t bad_len;
    const size_t n = ValidSequenceLength(in, i, &bad_len);
    if (n > 0) {
      out->append(in.substr(i, n));
      i += n;
    } else {
      if (r.bad_sequences == 0) r.first_bad_offset = i;
      ++r.bad_sequences;
      out->append(kReplacement);
      i += bad_len;
    }
  }
  return r;
}

Utf8Repair RepairUtf8InPlace(std::string* s) {
  if (IsValidUtf8(*s)) return {};
  std::string out;
  Utf8Repair r = AppendRepairedUtf8(*s, &out);
  s->swap(out);
  return r;
}

std::string DescribeRepair(const Utf8Repair& r, std::string_view unit) {
  return "invalid UTF-8 at byte offset " + std::to_string(r.first_bad_offset) + " of the " +
         std::string(unit) + " (" + std::to_string(r.bad_sequences) +
         (r.bad_sequences == 1 ? " bad sequence" : " bad sequences") +
         "); replaced with U+FFFD, article kept";
}

bool StripBom(std::string_view* s) {
  if (s->substr(0, 3) == "\xEF\xBB\xBF") {
    s->remove_prefix(3);
    return true;
  }
  return false;
}

bool LooksBinary(std::string_view head) {
  head = head.substr(0, kBinarySniffBytes);
  if (head.empty()) return false;
  size_t control = 0;
  for (char ch : head) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == 0) return true;
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ||
        c == 0x7F)
      ++control;
  }
  return control * 10 > head.size() * 3;
}

}  // namespace dyad::ingest
