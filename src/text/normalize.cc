#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <array>
#include <cstring>
#include <numeric>

namespace dyad::text {
namespace {

constexpr char kReplacementChar[] = "\xEF\xBF\xBD";

// ASCII bytes copied unchanged by the fast path: printable characters, space,
// tab and newline, except '-' (runs of it fold) and '\r' (line ends fold).
constexpr std::array<bool, 256> MakePlainAscii() {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x7f; ++c) t[c] = true;
  t['-'] = false;
  t['\t'] = true;
  t['\n'] = true;
  return t;
}
constexpr std::array<bool, 256> kPlainAscii = MakePlainAscii();

enum class FoldKind { kKeep, kReplace, kRemove };

// Folding of one (non-ASCII) code point; `repl` receives the ASCII replacement.
FoldKind FoldCodePoint(char32_t c, const char** repl) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2039:
    case 0x203A:
    case 0xFF07:
      *repl = "'";
      return FoldKind::kReplace;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
    case 0xFF02:
      *repl = "\"";
      return FoldKind::kReplace;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      *repl = "-";
      return FoldKind::kReplace;
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      *repl = " ";
      return FoldKind::kReplace;
    case 0x0085:
    case 0x2028:
    case 0x2029:
      *repl = "\n";
      return FoldKind::kReplace;
    case 0x2026:
      *repl = "...";
      return FoldKind::kReplace;
    case 0x00AD:
    case 0xFEFF:
      return FoldKind::kRemove;
    default:
      break;
  }
  if (c >= 0x2000 && c <= 0x200A) {
    *repl = " ";
    return FoldKind::kReplace;
  }
  if ((c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
      (c >= 0x2060 && c <= 0x2064)) {
    return FoldKind::kRemove;
  }
  if (c >= 0x80 && c <= 0x9F) {  // C1 controls (U+0085 handled above)
    *repl = " ";
    return FoldKind::kReplace;
  }
  return FoldKind::kKeep;
}

const icu::Normalizer2* NfcInstance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  return U_SUCCESS(status) ? nfc : nullptr;
}

}  // namespace

char32_t DecodeUtf8(std::string_view s, size_t i, int* len) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  const unsigned char b0 = p[i];
  *len = 1;
  if (b0 < 0x80) return b0;
  int need;
  char32_t c;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, c = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, c = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, c = b0 & 0x07, min = 0x10000;
  } else {
    return 0xFFFD;
  }
  if (i + need >= n) return 0xFFFD;
  for (int k = 1; k <= need; ++k) {
    const unsigned char b = p[i + k];
    if ((b & 0xC0) != 0x80) return 0xFFFD;
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0xFFFD;
  *len = need + 1;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    int len;
    const char32_t c = DecodeUtf8(s, i, &len);
    if (c == 0xFFFD && len == 1) {
      out += kReplacementChar;
    } else {
      out.append(s.data() + i, len);
    }
    i += len;
  }
  return out;
}

bool IsAscii(std::string_view s) {
  uint64_t acc = 0;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    acc |= w;
  }
  for (; i < s.size(); ++i) acc |= static_cast<unsigned char>(s[i]);
  return (acc & 0x8080808080808080ull) == 0;
}

uint32_t NormalizedText::OrigBegin(size_t i) const {
  if (i >= text_.size()) return orig_size_;
  if (identity_) return static_cast<uint32_t>(i);
  // A span starting inside one replacement (an NFC chunk "-" + U+0301 split
  // by the tokenizer) starts after it, so spans never overlap.
  if (map_[i] & kInside) return OrigEnd(i);
  return map_[i];
}

uint32_t NormalizedText::OrigEnd(size_t j) const {
  if (j >= text_.size()) return orig_size_;
  if (identity_) return static_cast<uint32_t>(j);
  while (j < text_.size() && (map_[j] & kInside)) ++j;
  return j >= text_.size() ? orig_size_ : (map_[j] & kMask);
}

namespace {

// Builds a NormalizedText; keeps the map empty while the output is still an
// exact copy of the input, so pure-ASCII articles never pay for it.
class Emitter {
 public:
  Emitter(std::string* text, std::vector<uint32_t>* map, bool* identity)
      : text_(text), map_(map), identity_(identity) {}

  void Copy(std::string_view in, size_t a, size_t b) {
    text_->append(in.data() + a, b - a);
    if (!*identity_) {
      for (size_t k = a; k < b; ++k) map_->push_back(static_cast<uint32_t>(k));
    }
  }
  // Replaces original bytes [a, b) by `repl` (possibly empty: a removal).
  void Replace(size_t a, std::string_view repl) {
    if (*identity_) {
      *identity_ = false;
      map_->resize(text_->size());
      std::iota(map_->begin(), map_->end(), 0u);
    }
    for (size_t k = 0; k < repl.size(); ++k) {
      map_->push_back(static_cast<uint32_t>(a) | (k ? 0x80000000u : 0u));
    }
    text_->append(repl);
  }

 private:
  std::string* text_;
  std::vector<uint32_t>* map_;
  bool* identity_;
};

// Folds every code point of `s` (already NFC) into `out`.
void FoldString(std::string_view s, std::string* out) {
  for (size_t i = 0; i < s.size();) {
    int len;
    const char32_t c = DecodeUtf8(s, i, &len);
    const char* repl = nullptr;
    FoldKind k = c < 0x80 ? FoldKind::kKeep : FoldCodePoint(c, &repl);
    if (c < 0x80 && c != '\t' && c != '\n' && (c < 0x20 || c == 0x7f)) {
      k = FoldKind::kReplace;
      repl = (c == '\r' || c == '\f' || c == '\v') ? "\n" : " ";
    }
    if (k == FoldKind::kKeep) {
      if (c == 0xFFFD && len == 1) {
        out->append(kReplacementChar);
      } else {
        out->append(s.data() + i, len);
      }
    } else if (k == FoldKind::kReplace) {
      out->append(repl);
    }
    i += len;
  }
}

}  // namespace

void Normalize(std::string_view in, NormalizedText* out) {
  out->text_.clear();
  out->map_.clear();
  out->identity_ = true;
  out->orig_size_ = static_cast<uint32_t>(in.size());
  out->text_.reserve(in.size() + 16);
  Emitter emit(&out->text_, &out->map_, &out->identity_);

  const size_t n = in.size();
  // NFC is needed only when some non-ASCII stretch is not already NFC; news
  // text almost always is, so the per-chunk path below rarely runs.
  const icu::Normalizer2* nfc = nullptr;
  {
    if (!IsAscii(in)) {
      const icu::Normalizer2* inst = NfcInstance();
      UErrorCode status = U_ZERO_ERROR;
      if (inst != nullptr &&
          !inst->isNormalizedUTF8(icu::StringPiece(in.data(), static_cast<int32_t>(n)), status) &&
          U_SUCCESS(status)) {
        nfc = inst;
      }
    }
  }

  std::string chunk_out;
  size_t i = 0;
  while (i < n) {
    const auto b = static_cast<unsigned char>(in[i]);
    if (b < 0x80) {
      size_t j = i;
      while (j < n && kPlainAscii[static_cast<unsigned char>(in[j])]) ++j;
      // Under NFC a base letter may compose with following combining marks:
      // leave the last ASCII byte before a non-ASCII byte to the chunk path.
      if (nfc != nullptr && j < n && j > i && static_cast<unsigned char>(in[j]) >= 0x80) --j;
      if (j > i) {
        emit.Copy(in, i, j);
        i = j;
        continue;
      }
      const bool before_non_ascii =
          nfc != nullptr && i + 1 < n && static_cast<unsigned char>(in[i + 1]) >= 0x80;
      if (b == '-' && !before_non_ascii) {
        size_t run = 1;
        while (i + run < n && in[i + run] == '-') ++run;
        if (run == 2 || run == 3) {
          emit.Replace(i, "-");
        } else {
          emit.Copy(in, i, i + run);  // a single hyphen, or a rule of dashes
        }
        i += run;
        continue;
      }
      if (b == '\r') {
        const size_t len = (i + 1 < n && in[i + 1] == '\n') ? 2 : 1;
        emit.Replace(i, "\n");
        i += len;
        continue;
      }
      if (b == '\f' || b == '\v') {
        emit.Replace(i, "\n");
        ++i;
        continue;
      }
      if (b < 0x20 || b == 0x7f) {
        emit.Replace(i, " ");
        ++i;
        continue;
      }
      // An ASCII letter held back for NFC: falls through to the chunk path.
    }
    if (nfc != nullptr) {
      // A chunk runs from here to the next code point with an NFC boundary before it.
      int len;
      DecodeUtf8(in, i, &len);
      size_t k = i + len;
      while (k < n) {
        int l2;
        const char32_t c2 = DecodeUtf8(in, k, &l2);
        if (c2 < 0x80 || nfc->hasBoundaryBefore(static_cast<UChar32>(c2))) break;
        k += l2;
      }
      const std::string_view chunk = in.substr(i, k - i);
      std::string normalized;
      icu::StringByteSink<std::string> sink(&normalized);
      UErrorCode status = U_ZERO_ERROR;
      nfc->normalizeUTF8(0, icu::StringPiece(chunk.data(), static_cast<int32_t>(chunk.size())),
                         sink, nullptr, status);
      if (U_FAILURE(status)) normalized.assign(chunk);
      chunk_out.clear();
      FoldString(normalized, &chunk_out);
      if (chunk_out == chunk) {
        emit.Copy(in, i, k);
      } else {
        emit.Replace(i, chunk_out);
      }
      i = k;
      continue;
    }
    int len;
    const char32_t c = DecodeUtf8(in, i, &len);
    if (c == 0xFFFD && len == 1) {
      emit.Replace(i, kReplacementChar);
      ++i;
      continue;
    }
    const char* repl = nullptr;
    switch (FoldCodePoint(c, &repl)) {
      case FoldKind::kKeep:
        emit.Copy(in, i, i + len);
        break;
      case FoldKind::kReplace:
        emit.Replace(i, repl);
        break;
      case FoldKind::kRemove:
        emit.Replace(i, "");
        break;
    }
    i += len;
  }
}

void LowercaseUtf8(std::string_view s, std::string* out) {
  out->clear();
  if (IsAscii(s)) {
    out->resize(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
      const char ch = s[i];
      (*out)[i] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
    }
    return;
  }
  icu::StringByteSink<std::string> sink(out);
  UErrorCode status = U_ZERO_ERROR;
  icu::CaseMap::utf8ToLower("", 0, icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink,
                            nullptr, status);
  if (U_FAILURE(status)) out->assign(s);  // keep the text rather than lose it
}

}  // namespace dyad::text
