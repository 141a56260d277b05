#include "text/tokenizer.h"

#include <unicode/uchar.h>

#include <array>
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
// while a hit costs one hash, one 64-byte line and one compare. An entry is
// plain bytes in one cache line. 16,384 entries (1 MiB) answer 92% of
// lookups on the first 3,000 Reuters 2012-13 articles; 4,096 answered 82%.
// The old memo held three std::string per entry, keyed by the original case.
// It is per thread, so AnalyzeText stays free of shared mutable state.
struct alignas(64) CachedLemma {
  char key[24];
  char lemma[32];
  uint8_t key_len = 0;  // 0: empty slot (tokens are never empty)
  uint8_t lemma_len = 0;
};
constexpr size_t kLemmaCacheSize = 16384;  // power of two
constexpr size_t kMaxCachedKey = sizeof(CachedLemma::key);

CachedLemma* LemmaCache() {
  thread_local const std::unique_ptr<CachedLemma[]> cache =
      std::make_unique<CachedLemma[]>(kLemmaCacheSize);
  return cache.get();
}

// Hash of a zero-padded 24-byte key and its length.
inline size_t KeyHash(const uint64_t (&key)[3], size_t n) {
  uint64_t h = (key[0] * 0x9E3779B97F4A7C15ull) ^ (key[1] * 0xC2B2AE3D27D4EB4Full) ^
               (key[2] * 0x165667B19E3779F9ull) ^ n;
  h ^= h >> 29;
  h *= 0xBF58476D1CE4E5B9ull;
  return static_cast<size_t>(h ^ (h >> 32));
}

// Replaces the contents of `out` with `v` (which never aliases `out`).
// clear() + append() skips assign()'s general replace path (_M_replace with
// its aliasing checks): three strings are set per token, and the switch cut
// AnalyzeText's instructions by 7% under callgrind (first 1,000 Reuters
// 2012-13 articles).
inline void SetString(std::string_view v, std::string* out) {
  out->clear();
  out->append(v.data(), v.size());
}

// The lemma of `lower` into `out`, through the per-thread cache. `key` is
// `lower` zero-padded to 24 bytes (lower.size() <= kMaxCachedKey), compared
// as three words.
void CachedLemmatize(const uint64_t (&key)[3], std::string_view lower, std::string* out) {
  CachedLemma& c = LemmaCache()[KeyHash(key, lower.size()) & (kLemmaCacheSize - 1)];
  uint64_t have[3];
  std::memcpy(have, c.key, sizeof(have));
  if (c.key_len == lower.size() && have[0] == key[0] && have[1] == key[1] && have[2] == key[2]) {
    SetString(std::string_view(c.lemma, c.lemma_len), out);
    return;
  }
  LemmatizeInto(lower, out);
  if (out->size() <= sizeof(c.lemma)) {
    std::memcpy(c.key, key, sizeof(key));
    c.key_len = static_cast<uint8_t>(lower.size());
    std::memcpy(c.lemma, out->data(), out->size());
    c.lemma_len = static_cast<uint8_t>(out->size());
  }
}

// Lowercase and lemma of a word token. An ASCII word of at most 24 bytes is
// lowercased straight into the zero-padded cache key (the common case, no
// ICU, no variable-length copy); anything else takes ICU's full lowercase.
void LowerAndLemma(std::string_view text, bool lemmatize, Token* out) {
  const size_t n = text.size();
  if (n <= kMaxCachedKey) {
    uint64_t key[3] = {0, 0, 0};
    char kb[sizeof(key)] = {};
    unsigned char any_high = 0;
    for (size_t k = 0; k < n; ++k) {
      const char ch = text[k];
      any_high |= static_cast<unsigned char>(ch);
      kb[k] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + 32) : ch;
    }
    if (!(any_high & 0x80)) {
      std::memcpy(key, kb, sizeof(key));
      SetString(std::string_view(kb, n), &out->lower);
      if (lemmatize) CachedLemmatize(key, out->lower, &out->lemma);
      return;
    }
  }
  LowercaseUtf8(text, &out->lower);
  if (!lemmatize) return;
  const std::string_view lower = out->lower;
  if (lower.size() > kMaxCachedKey) {
    LemmatizeInto(lower, &out->lemma);
    return;
  }
  uint64_t key[3] = {0, 0, 0};
  std::memcpy(key, lower.data(), lower.size());
  CachedLemmatize(key, lower, &out->lemma);
}

}  // namespace

void MakeToken(const NormalizedText& norm, const RawToken& rt, uint32_t base, bool lemmatize,
               Token* out) {
  const std::string_view text(norm.text().data() + rt.nb, rt.ne - rt.nb);
  out->begin = base + norm.OrigBegin(rt.nb);
  out->end = base + norm.OrigEnd(rt.ne);
  SetString(text, &out->text);
  out->kind = rt.kind;
  out->space_after = rt.space_after;
  if (rt.kind == TokenKind::kNumber || rt.kind == TokenKind::kPunct) {
    // No case and no inflection (ASCII digits and punctuation, or Unicode ones).
    SetString(text, &out->lower);
    if (lemmatize) {
      SetString(text, &out->lemma);
    } else {
      out->lemma.clear();
    }
    return;
  }
  if (rt.kind == TokenKind::kWord && !(rt.flags & kFlagUrl)) {
    LowerAndLemma(text, lemmatize, out);
    if (!lemmatize) out->lemma.clear();
    return;
  }
  LowercaseUtf8(text, &out->lower);
  if (lemmatize) {
    SetString(out->lower, &out->lemma);
  } else {
    out->lemma.clear();
  }
}

}  // namespace dyad::text

namespace dyad {

std::vector<Token> Tokenize(std::string_view text, uint32_t base_offset) {
  text::NormalizedText norm;
  text::Normalize(text, &norm);
  std::vector<text::RawToken> raw;
  text::TokenizeNormalized(norm, text, &raw);
  std::vector<Token> tokens(raw.size());
  for (size_t k = 0; k < raw.size(); ++k) {
    text::MakeToken(norm, raw[k], base_offset, /*lemmatize=*/true, &tokens[k]);
  }
  return tokens;
}

}  // namespace dyad
