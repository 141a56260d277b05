#include "text/tokenizer.h"

#include <unicode/uchar.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <bit>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>

#include "text/lemmatizer.h"

namespace dyad::text {
namespace {

enum CharClass : uint8_t { kSpace, kWordChar, kPunctChar, kSymbolChar, kOther };

constexpr std::array<uint8_t, 128> MakeAsciiClasses() {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) t[c] = kPunctChar;
  for (int c = 0; c < 0x20; ++c) t[c] = kSpace;
  t[' '] = kSpace;
  t[0x7f] = kSpace;
  for (int c = '0'; c <= '9'; ++c) t[c] = kWordChar;
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kWordChar;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kWordChar;
  for (char c : std::string_view("$%&+<=>^`|~#@")) t[static_cast<unsigned char>(c)] = kSymbolChar;
  return t;
}
constexpr std::array<uint8_t, 128> kAsciiClass = MakeAsciiClasses();

// The run of ASCII letters and digits that starts the 16 bytes at `p`: its
// length (16 when it fills them), with bit masks of the digits and letters
// inside it. Bytes >= 0x80 end the run (they are negative as int8).
inline size_t AsciiWordRun16(const char* p, uint32_t* digits, uint32_t* letters) {
#if defined(__SSE2__)
  const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                      _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
  const __m128i folded = _mm_or_si128(x, _mm_set1_epi8(0x20));
  const __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, _mm_set1_epi8('a' - 1)),
                                       _mm_cmplt_epi8(folded, _mm_set1_epi8('z' + 1)));
  const auto dm = static_cast<uint32_t>(_mm_movemask_epi8(digit));
  const auto lm = static_cast<uint32_t>(_mm_movemask_epi8(letter));
  const uint32_t word = dm | lm;
  const auto run = static_cast<size_t>(std::countr_one(word));
  const uint32_t in_run = run >= 16 ? 0xffffu : (1u << run) - 1;
  *digits = dm & in_run;
  *letters = lm & in_run;
  return run;
#else
  size_t run = 0;
  *digits = *letters = 0;
  while (run < 16) {
    const char c = p[run];
    if (c >= '0' && c <= '9') {
      *digits |= 1u << run;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      *letters |= 1u << run;
    } else {
      break;
    }
    ++run;
  }
  return run;
#endif
}

inline bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Class of the code point at s[i]; sets *len.
CharClass ClassAt(std::string_view s, size_t i, int* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *len = 1;
    return static_cast<CharClass>(kAsciiClass[b]);
  }
  const char32_t c = DecodeUtf8(s, i, len);
  const auto cp = static_cast<UChar32>(c);
  const uint32_t mask = U_GET_GC_MASK(cp);
  if (mask & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) return kWordChar;
  if (u_isUWhiteSpace(cp)) return kSpace;
  if (mask & U_GC_S_MASK) return kSymbolChar;
  if (mask & U_GC_P_MASK) return kPunctChar;
  return kOther;
}

bool IsWordCharAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  int len;
  return ClassAt(s, i, &len) == kWordChar;
}

bool IsLetterAt(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return IsAsciiLetter(static_cast<char>(b));
  int len;
  return u_isalpha(static_cast<UChar32>(DecodeUtf8(s, i, &len)));
}

const std::unordered_map<std::string_view, uint8_t>& AbbrevTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string_view, uint8_t>;
    for (std::string_view w :
         {"mr",   "mrs",    "ms",   "dr",     "prof",   "gen",   "lt",  "col",   "sen",  "rep",
          "gov",  "st",     "sgt",  "capt",   "cpt",    "maj",   "adm", "rev",   "hon",  "pres",
          "gens", "reps",   "sens", "messrs", "mt",     "ft",    "fr",  "brig",  "cmdr", "cdr",
          "cpl",  "pvt",    "supt", "insp",   "det",    "atty",  "amb", "lieut", "vs",   "cf",
          "viz",  "approx", "fig",  "figs",   "vol",    "vols",  "pp",  "op",    "ca",   "dept",
          "univ", "assn",   "ave",  "blvd",   "rd",     "mssrs", "sec", "spc",   "drs",  "ext",
          "tel",  "incl",   "esp",  "govt",   "approx", "min",   "max", "nr",    "dist"}) {
      (*t)[w] = kAbbrevTitle;
    }
    for (std::string_view w : {"inc", "corp", "ltd", "co", "jr", "sr", "etc", "bros", "plc", "llc",
                               "cos", "est", "ed", "eds", "al"}) {
      (*t)[w] = kAbbrevMayEnd;
    }
    for (std::string_view w :
         {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}) {
      (*t)[w] = kAbbrevMonth;
    }
    for (std::string_view w : {"no", "nos"}) (*t)[w] = kAbbrevNumber;
    (*t)["v"] = kAbbrevTitle;  // "Hamdan v. Rumsfeld"
    for (std::string_view w :
         {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}) {
      (*t)[w] = kAbbrevDay;
    }
    for (std::string_view w :
         {"ala",  "ariz", "ark", "calif", "colo", "conn", "del",  "fla",  "ga",
          "ill",  "ind",  "kan", "kans",  "ky",   "la",   "md",   "mass", "mich",
          "minn", "miss", "mo",  "mont",  "neb",  "nev",  "okla", "ore",  "pa",
          "tenn", "tex",  "va",  "vt",    "wash", "wis",  "wyo"}) {
      (*t)[w] = kAbbrevState;
    }
    return t;
  }();
  return *table;
}

bool IsTld(std::string_view s) {
  for (std::string_view t : {"com", "org", "net", "gov", "edu", "int", "mil", "co", "uk", "io",
                             "info", "ru", "de", "fr", "cn", "in", "au", "ca"}) {
    if (s == t) return true;
  }
  return false;
}

bool StartsWithIgnoreCase(std::string_view s, size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (AsciiLower(s[i + k]) != prefix[k]) return false;
  }
  return true;
}

bool IsEmailLocalChar(char c) {
  return IsAsciiLetter(c) || IsAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}

// A URL starting at s[i] ("http://", "https://", "ftp://", "www."): its end, or i.
size_t ScanUrl(std::string_view s, size_t i) {
  if (!(StartsWithIgnoreCase(s, i, "http://") || StartsWithIgnoreCase(s, i, "https://") ||
        StartsWithIgnoreCase(s, i, "ftp://") || StartsWithIgnoreCase(s, i, "www."))) {
    return i;
  }
  size_t e = i;
  int parens = 0;
  while (e < s.size()) {
    const char c = s[e];
    if (c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '<' || c == '>') break;
    if (c == '(') ++parens;
    if (c == ')') --parens;
    ++e;
  }
  // Trailing sentence punctuation belongs to the sentence, not the URL.
  while (e > i) {
    const char c = s[e - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'') {
      --e;
    } else if (c == ')' && parens < 0) {
      --e;
      ++parens;
    } else {
      break;
    }
  }
  return e;
}

// An e-mail address starting at s[i]: its end, or i.
size_t ScanEmail(std::string_view s, size_t i) {
  size_t at = i;
  while (at < s.size() && IsEmailLocalChar(s[at])) ++at;
  if (at == i || at >= s.size() || s[at] != '@') return i;
  size_t e = at + 1;
  bool dot = false;
  while (e < s.size() &&
         (IsAsciiLetter(s[e]) || IsAsciiDigit(s[e]) || s[e] == '.' || s[e] == '-')) {
    if (s[e] == '.') dot = true;
    ++e;
  }
  while (e > at + 1 && (s[e - 1] == '.' || s[e - 1] == '-')) --e;
  if (!dot || e <= at + 1 || s[e - 1] == '@') return i;
  // The last label must hold a letter ("x@y.com", not "x@1.5").
  size_t last = s.rfind('.', e - 1);
  if (last == std::string_view::npos || last < at || last + 1 >= e) return i;
  return e;
}

class Scanner {
 public:
  Scanner(const NormalizedText& norm, std::string_view orig, std::vector<RawToken>* out)
      : s_(norm.text()), norm_(norm), orig_(orig), out_(out) {}

  void Run() {
    const size_t n = s_.size();
    size_t i = 0;
    unsigned newlines = 0;
    while (i < n) {
      const char c = s_[i];
      if (c == ' ' || c == '\t') {
        ++i;
        continue;
      }
      if (c == '\n') {
        ++newlines;
        ++i;
        continue;
      }
      int len;
      const CharClass cls = ClassAt(s_, i, &len);
      if (cls == kSpace) {
        i += len;
        continue;
      }
      newlines_ = static_cast<uint8_t>(newlines > 255 ? 255 : newlines);
      newlines = 0;
      i = ScanToken(i, cls, len);
    }
    // space_after: whitespace follows the token in the text.
    for (RawToken& t : *out_) {
      if (t.ne >= n) {
        t.space_after = false;
      } else {
        int len;
        t.space_after = ClassAt(s_, t.ne, &len) == kSpace;
      }
    }
  }

 private:
  void Emit(size_t b, size_t e, TokenKind kind, uint8_t flags = 0) {
    RawToken t;
    t.nb = static_cast<uint32_t>(b);
    t.ne = static_cast<uint32_t>(e);
    t.kind = kind;
    t.flags = flags;
    t.newlines_before = newlines_;
    newlines_ = 0;
    out_->push_back(t);
  }

  // True when the '-' at normalized offset p was a plain hyphen in the original
  // (a folded dash or "--" separates words instead).
  bool IsRealHyphen(size_t p) const {
    if (norm_.identity()) return p + 1 >= orig_.size() || orig_[p + 1] != '-';
    const uint32_t o = norm_.OrigBegin(p);
    if (o >= orig_.size()) return false;
    if (orig_[o] == '-') return o + 1 >= orig_.size() || orig_[o + 1] != '-';
    // U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN join words too.
    return orig_.substr(o, 3) == "\xE2\x80\x90" || orig_.substr(o, 3) == "\xE2\x80\x91";
  }

  size_t ScanToken(size_t i, CharClass cls, int len) {
    const char c = s_[i];
    if (c == 'h' || c == 'H' || c == 'w' || c == 'W' || c == 'f' || c == 'F') {
      const size_t e = ScanUrl(s_, i);
      if (e > i) {
        Emit(i, e, TokenKind::kSymbol, kFlagUrl);
        return e;
      }
    }
    if (cls == kWordChar) return ScanWord(i);
    if (c == '.' || c == '!' || c == '?') {
      size_t e = i + 1;
      if (c == '.') {
        while (e < s_.size() && s_[e] == '.') ++e;
      } else {
        while (e < s_.size() && (s_[e] == '!' || s_[e] == '?')) ++e;
      }
      Emit(i, e, TokenKind::kPunct);
      return e;
    }
    if (c == '=' || c == '*' || c == '_' || c == '~' || c == '#' || c == '+' || c == '-') {
      // A rule of separator characters ("=====", "_____") is one token.
      size_t e = i + 1;
      while (e < s_.size() && s_[e] == c) ++e;
      if (e - i >= 3) {
        Emit(i, e, TokenKind::kPunct);
        return e;
      }
    }
    Emit(i, i + len, cls == kSymbolChar || cls == kOther ? TokenKind::kSymbol : TokenKind::kPunct);
    return i + len;
  }

  size_t ScanWord(size_t i) {
    const size_t n = s_.size();
    const bool starts_digit = IsAsciiDigit(s_[i]);
    bool numeric = starts_digit;  // digits and inner separators only, so far
    bool letters_only = true;     // ASCII letters only, so far
    bool apostrophe = false;      // an inner apostrophe was taken in
    size_t e = i;
    while (true) {
      while (e < n) {
        if (e + 16 <= n) {
          // 16 bytes at a time: a whole ASCII word usually ends inside one
          // block, which saves the branch miss a byte loop takes at every
          // word end (that loop was ~17% of TokenizeNormalized's samples).
          uint32_t digits, letters;
          const size_t run = AsciiWordRun16(s_.data() + e, &digits, &letters);
          if (digits) letters_only = false;
          if (letters) numeric = false;
          e += run;
          if (run == 16) continue;
        }
        if (e >= n) break;
        const auto b = static_cast<unsigned char>(s_[e]);
        if (b < 0x80) {
          if (kAsciiClass[b] != kWordChar) break;
          if (IsAsciiDigit(static_cast<char>(b))) {
            letters_only = false;
          } else {
            numeric = false;
          }
          ++e;
        } else {
          int len;
          if (ClassAt(s_, e, &len) != kWordChar) break;
          numeric = false;
          letters_only = false;
          e += len;
        }
      }
      if (e >= n) break;
      const char ch = s_[e];
      if (numeric && (ch == '.' || ch == ',' || ch == ':' || ch == '/') && e + 1 < n &&
          IsAsciiDigit(s_[e + 1])) {
        ++e;
        continue;
      }
      if (ch == '-' && e > i && IsWordCharAt(s_, e + 1) && IsRealHyphen(e)) {
        numeric = false;
        letters_only = false;
        ++e;
        continue;
      }
      if (ch == '\'' && IsLetterAt(s_, e + 1)) {
        numeric = false;
        letters_only = false;
        apostrophe = true;
        ++e;
        continue;
      }
      break;
    }
    // E-mail addresses and bare domains ("Reuters.com") are single tokens.
    if (e < n && (s_[e] == '@' || s_[e] == '.' || s_[e] == '_' || s_[e] == '+')) {
      const size_t m = ScanEmail(s_, i);
      if (m > e) {
        Emit(i, m, TokenKind::kSymbol, kFlagUrl);
        return m;
      }
    }
    if (!numeric && e + 2 < n && s_[e] == '.') {
      size_t d = e;
      while (d + 1 < n && s_[d] == '.') {
        size_t k = d + 1;
        while (k < n && s_[k] >= 'a' && s_[k] <= 'z') ++k;
        if (k == d + 1 || !IsTld(s_.substr(d + 1, k - d - 1)) || IsWordCharAt(s_, k)) break;
        d = k;
      }
      if (d > e) {
        Emit(i, d, TokenKind::kWord, kFlagUrl);
        return d;
      }
    }
    if (numeric) {
      Emit(i, e, TokenKind::kNumber);
      return e;
    }
    if (apostrophe && SplitClitic(i, e)) return e;
    if (e < n && s_[e] == '.' && letters_only) return AttachPeriod(i, e);
    Emit(i, e, TokenKind::kWord);
    return e;
  }

  // PTB-style clitics: "don't" -> do + n't, "Iran's" -> Iran + 's.
  bool SplitClitic(size_t i, size_t e) {
    const size_t len = e - i;
    if (len > 3 && AsciiLower(s_[e - 3]) == 'n' && s_[e - 2] == '\'' &&
        AsciiLower(s_[e - 1]) == 't') {
      Emit(i, e - 3, TokenKind::kWord);
      Emit(e - 3, e, TokenKind::kWord);
      return true;
    }
    size_t q = e;
    for (size_t k = e; k > i + 1; --k) {
      if (s_[k - 1] == '\'') {
        q = k - 1;
        break;
      }
    }
    if (q == e || q == i) return false;
    if (e - q - 1 > 2) return false;
    std::string_view suffix = s_.substr(q + 1, e - q - 1);
    char buf[2] = {0, 0};
    for (size_t k = 0; k < suffix.size(); ++k) buf[k] = AsciiLower(suffix[k]);
    const std::string_view lower(buf, suffix.size());
    if (lower == "s" || lower == "re" || lower == "ve" || lower == "ll" || lower == "d" ||
        lower == "m") {
      Emit(i, q, TokenKind::kWord);
      Emit(q, e, TokenKind::kWord);
      return true;
    }
    return false;
  }

  // A letters-only word at [i, e) followed by '.': keeps the period when the
  // word is an abbreviation, an initial or part of a dotted acronym.
  size_t AttachPeriod(size_t i, size_t e) {
    const size_t n = s_.size();
    if (e - i == 1) {
      // Dotted acronym: single letters each followed by a period ("U.S.", "e.g.").
      size_t j = e + 1;
      int letters = 1;
      while (j + 1 < n && IsAsciiLetter(s_[j]) && s_[j + 1] == '.') {
        j += 2;
        ++letters;
      }
      if (letters >= 2) {
        Emit(i, j, TokenKind::kWord, kFlagAcronym);
        return j;
      }
      if (s_[i] >= 'A' && s_[i] <= 'Z') {
        Emit(i, e + 1, TokenKind::kWord, kFlagAcronym);  // an initial: "George W. Bush"
        return e + 1;
      }
      if (s_[i] == 'v') {
        Emit(i, e + 1, TokenKind::kWord, kFlagAbbrev);
        return e + 1;
      }
      Emit(i, e, TokenKind::kWord);
      return e;
    }
    if (e - i <= 7) {
      char buf[8];
      for (size_t k = i; k < e; ++k) buf[k - i] = AsciiLower(s_[k]);
      const auto& table = AbbrevTable();
      auto it = table.find(std::string_view(buf, e - i));
      if (it != table.end()) {
        bool attach = true;
        if (it->second == kAbbrevNumber) {
          size_t k = e + 1;
          while (k < n && s_[k] == ' ') ++k;
          attach = k < n && IsAsciiDigit(s_[k]);
        } else if (it->second == kAbbrevState || it->second == kAbbrevDay) {
          attach = s_[i] >= 'A' && s_[i] <= 'Z';
        }
        if (attach) {
          Emit(i, e + 1, TokenKind::kWord, kFlagAbbrev);
          return e + 1;
        }
      }
    }
    Emit(i, e, TokenKind::kWord);
    return e;
  }

  std::string_view s_;
  const NormalizedText& norm_;
  std::string_view orig_;
  std::vector<RawToken>* out_;
  uint8_t newlines_ = 0;
};

}  // namespace

bool EqualsIgnoreAsciiCase(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t k = 0; k < s.size(); ++k) {
    if (AsciiLower(s[k]) != lower[k]) return false;
  }
  return true;
}

AbbrevClass AbbrevClassOf(std::string_view word) {
  if (word.empty() || word.size() > 7) return kNotAbbrev;
  char buf[8];
  for (size_t k = 0; k < word.size(); ++k) buf[k] = AsciiLower(word[k]);
  const auto& table = AbbrevTable();
  auto it = table.find(std::string_view(buf, word.size()));
  return it == table.end() ? kNotAbbrev : static_cast<AbbrevClass>(it->second);
}

void TokenizeNormalized(const NormalizedText& norm, std::string_view orig,
                        std::vector<RawToken>* out) {
  out->clear();
  Scanner(norm, orig, out).Run();
}

namespace {

// A per-thread memo of lemmas keyed by the lowercase form. Words repeat
// (Zipf), and a lemma lookup probes the WordNet tables once per suffix rule,
// while a hit costs one hash, one 32-byte slot and two compares. A slot holds
// an ASCII form of at most 16 bytes (99.9% of word tokens on the first 3,000
// Reuters 2012-13 articles; longer ones skip the memo) and its lemma as an
// edit: drop `strip` bytes from the end of the form, then append `add`
// ("countries" -> drop 3, add "y"; "talks" -> drop 1; "said" -> drop 2,
// add "y"). 16,384 slots take 512 KiB per thread; the old memo's 64-byte
// slots took 1 MiB, and the cache misses on its loads were ~9% of
// text_bench's time (perf annotate). It is per thread, so AnalyzeText stays
// free of shared mutable state.
struct alignas(32) LemmaSlot {
  uint64_t key[2];      // the form, zero-padded to 16 bytes
  uint8_t key_len = 0;  // 0: empty slot (tokens are never empty)
  uint8_t strip = 0;
  uint8_t add_len = 0;
  char add[13];
};
static_assert(sizeof(LemmaSlot) == 32);
constexpr size_t kLemmaCacheSize = 16384;
constexpr size_t kLemmaSets = kLemmaCacheSize / 2;  // power of two
constexpr size_t kMaxCachedKey = sizeof(LemmaSlot::key);
// ArticleBytes::text and ::lower are each followed by this many zero bytes,
// so a token of up to 16 bytes is read as two 8-byte words (or one 16-byte
// block) wherever it starts.
constexpr size_t kLowerPadding = kArticleBytesPadding;

LemmaSlot* LemmaCache() {
  struct alignas(64) Line {
    LemmaSlot way[2];
  };
  thread_local const std::unique_ptr<Line[]> cache = std::make_unique<Line[]>(kLemmaSets);
  return cache[0].way;
}

// Copies `s` into `store` for the text stage, which owns it alone while it
// builds (no lock).
std::string_view StoreCopy(std::string_view s, TokenStore* store) {
  if (s.empty()) return {};
  char* p = store->AllocateUnlocked(s.size());
  std::memcpy(p, s.data(), s.size());
  return std::string_view(p, s.size());
}

// Hash of a zero-padded 16-byte key and its length.
inline size_t KeyHash(uint64_t k0, uint64_t k1, size_t n) {
  uint64_t h = (k0 * 0x9E3779B97F4A7C15ull) ^ (k1 * 0xC2B2AE3D27D4EB4Full) ^ n;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  return static_cast<size_t>(h ^ (h >> 32));
}

// `lemma` of `lower` as a view: `lower` itself or a prefix of it when the
// lemma only drops an ending (no bytes copied), else a copy in `store`.
std::string_view LemmaView(std::string_view lower, size_t keep, std::string_view add,
                           TokenStore* store) {
  if (add.empty()) return lower.substr(0, keep);
  char* p = store->AllocateUnlocked(keep + add.size());
  std::memcpy(p, lower.data(), keep);
  std::memcpy(p + keep, add.data(), add.size());
  return std::string_view(p, keep + add.size());
}

// The lemma of `lower` through the per-thread memo. `k0`, `k1` are `lower`
// zero-padded to 16 bytes (lower.size() <= kMaxCachedKey).
std::string_view LookupLemma(uint64_t k0, uint64_t k1, std::string_view lower, TokenStore* store) {
  const size_t n = lower.size();
  // Two-way sets: both slots of a set share one 64-byte line; the newer
  // entry is kept in the first.
  LemmaSlot* set = LemmaCache() + 2 * (KeyHash(k0, k1, n) & (kLemmaSets - 1));
  for (int way = 0; way < 2; ++way) {
    const LemmaSlot& c = set[way];
    if (c.key_len == n && c.key[0] == k0 && c.key[1] == k1) {
      if (c.strip == 0 && c.add_len == 0) return lower;
      return LemmaView(lower, n - c.strip, std::string_view(c.add, c.add_len), store);
    }
  }
  LemmaSlot& c = set[0];
  set[1] = set[0];
  thread_local std::string lemma;
  LemmatizeInto(lower, &lemma);
  size_t keep = 0;
  while (keep < n && keep < lemma.size() && lemma[keep] == lower[keep]) ++keep;
  const std::string_view add = std::string_view(lemma).substr(keep);
  if (add.size() <= sizeof(c.add)) {
    c.key[0] = k0;
    c.key[1] = k1;
    c.key_len = static_cast<uint8_t>(n);
    c.strip = static_cast<uint8_t>(n - keep);
    c.add_len = static_cast<uint8_t>(add.size());
    std::memcpy(c.add, add.data(), add.size());
  }
  return LemmaView(lower, keep, add, store);
}

// The lemma of `lower` without the memo (forms longer than 16 bytes or not
// ASCII).
std::string_view UncachedLemma(std::string_view lower, TokenStore* store) {
  thread_local std::string lemma;
  LemmatizeInto(lower, &lemma);
  size_t keep = 0;
  while (keep < lower.size() && keep < lemma.size() && lemma[keep] == lower[keep]) ++keep;
  return LemmaView(lower, keep, std::string_view(lemma).substr(keep), store);
}

// Lowercase of a token through ICU (full Unicode case mapping): `text`
// itself when unchanged, else a copy in `store`.
std::string_view UnicodeLower(std::string_view text, TokenStore* store) {
  thread_local std::string lower;
  LowercaseUtf8(text, &lower);
  return lower == text ? text : StoreCopy(lower, store);
}

static_assert(std::endian::native == std::endian::little, "LowBytes assumes little-endian loads");

// Low `n` bytes of a little-endian 8-byte word (0 < n <= 8 keeps them all at 8).
inline uint64_t LowBytes(uint64_t w, size_t n) {
  return n >= 8 ? w : (w & ((uint64_t{1} << (8 * n)) - 1));
}

}  // namespace

ArticleBytes CopyToStore(const NormalizedText& norm, TokenStore* store) {
  const std::string& s = norm.text();
  ArticleBytes out;
  char* text = store->AllocateUnlocked(s.size() + kLowerPadding);
  char* lower = store->AllocateUnlocked(s.size() + kLowerPadding);
  if (!s.empty()) std::memcpy(text, s.data(), s.size());
  std::memset(text + s.size(), 0, kLowerPadding);
  // Bytes >= 0x80 are copied as they are: a token holding one is lowercased
  // through ICU instead (MakeToken). Eight bytes at a time: for each byte
  // below 0x80, adding 0x80 - 'A' sets its high bit when it is >= 'A', and
  // adding 0x80 - 'Z' - 1 when it is > 'Z'; the difference marks 'A'..'Z',
  // whose 0x20 bit is then set.
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const uint64_t low7 = w & ~kHigh;
    const uint64_t ge_a = low7 + kOnes * (0x80 - 'A');
    const uint64_t gt_z = low7 + kOnes * (0x80 - 'Z' - 1);
    const uint64_t upper = (ge_a ^ gt_z) & ~w & kHigh;
    w |= upper >> 2;
    std::memcpy(lower + i, &w, 8);
  }
  for (; i < s.size(); ++i) {
    const char ch = s[i];
    lower[i] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
  }
  std::memset(lower + s.size(), 0, kLowerPadding);
  out.text = text;
  out.lower = lower;
  return out;
}

void MakeToken(const NormalizedText& norm, const ArticleBytes& bytes, const RawToken& rt,
               uint32_t base, bool lemmatize, TokenStore* store, Token* out) {
  const size_t n = rt.ne - rt.nb;
  const std::string_view text(bytes.text + rt.nb, n);
  out->begin = base + norm.OrigBegin(rt.nb);
  out->end = base + norm.OrigEnd(rt.ne);
  out->text = text;
  out->kind = rt.kind;
  out->space_after = rt.space_after;
  if (rt.kind == TokenKind::kNumber || rt.kind == TokenKind::kPunct) {
    // No case and no inflection (ASCII digits and punctuation, or Unicode ones).
    out->lower = text;
    out->lemma = lemmatize ? text : std::string_view();
    return;
  }
  const bool word = rt.kind == TokenKind::kWord && !(rt.flags & kFlagUrl);
  const char* lp = bytes.lower + rt.nb;
  if (n <= kMaxCachedKey) {
    // The common case: a short word, read as two words of its lowercase
    // (zero padding after the text makes the reads safe), which are also the
    // memo key. A copy through memcpy of n bytes stalled the loads that
    // followed (store forwarding: 9% of MakeToken's samples).
    uint64_t k0, k1;
    std::memcpy(&k0, lp, 8);
    std::memcpy(&k1, lp + 8, 8);
    k0 = LowBytes(k0, n);
    k1 = n > 8 ? LowBytes(k1, n - 8) : 0;
    if (((k0 | k1) & 0x8080808080808080ull) == 0) {
      // ASCII: the lowercase is the span of the lowercased copy.
      const std::string_view lower(lp, n);
      out->lower = lower;
      if (!lemmatize) {
        out->lemma = std::string_view();
      } else if (word) {
        out->lemma = LookupLemma(k0, k1, lower, store);
      } else {
        out->lemma = lower;  // symbols, URLs and e-mail addresses have no lemma
      }
      return;
    }
  }
  unsigned char any_high = 0;
  for (size_t k = 0; k < n; ++k) any_high |= static_cast<unsigned char>(text[k]);
  const std::string_view lower =
      (any_high & 0x80) ? UnicodeLower(text, store) : std::string_view(lp, n);
  out->lower = lower;
  if (!lemmatize) {
    out->lemma = std::string_view();
  } else if (word) {
    out->lemma = UncachedLemma(lower, store);
  } else {
    out->lemma = lower;
  }
}

}  // namespace dyad::text

namespace dyad {

Sentence Tokenize(std::string_view text, uint32_t base_offset) {
  text::NormalizedText norm;
  text::Normalize(text, &norm);
  std::vector<text::RawToken> raw;
  text::TokenizeNormalized(norm, text, &raw);
  Sentence out;
  out.store = std::make_shared<TokenStore>(2 * norm.size() + 64);
  const text::ArticleBytes bytes = text::CopyToStore(norm, out.store.get());
  out.tokens.resize(raw.size());
  for (size_t k = 0; k < raw.size(); ++k) {
    text::MakeToken(norm, bytes, raw[k], base_offset, /*lemmatize=*/true, out.store.get(),
                    &out.tokens[k]);
    out.text.append(out.tokens[k].text);
    if (k + 1 < raw.size() && raw[k].space_after) out.text.push_back(' ');
  }
  if (!out.tokens.empty()) {
    out.begin = out.tokens.front().begin;
    out.end = out.tokens.back().end;
  }
  return out;
}

}  // namespace dyad
