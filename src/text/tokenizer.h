// The tokenizer's inner form, shared by Tokenize() and the sentence splitter:
// tokens as spans of the normalized text, plus what the splitter needs to know
// (line breaks before a token, an attached abbreviation period).
#ifndef DYAD_TEXT_TOKENIZER_H_
#define DYAD_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/text.h"
#include "text/normalize.h"

namespace dyad::text {

enum RawTokenFlag : uint8_t {
  kFlagAbbrev = 1,   // a known abbreviation with its period ("Mr.", "Inc.", "etc.")
  kFlagAcronym = 2,  // letters with periods ("U.S.", "e.g.") or an initial ("W.")
  kFlagUrl = 4,      // a URL or e-mail address
};

// Abbreviations that keep their period, by how they behave at a sentence end.
enum AbbrevClass : uint8_t {
  kNotAbbrev = 0,
  kAbbrevMayEnd,  // "Inc.", "etc.", "Jr.": can end a sentence
  kAbbrevTitle,   // "Mr.", "Gen.", "e.g.", "vs.": never end one
  kAbbrevMonth,   // "Feb.": not before a day number
  kAbbrevNumber,  // "No.": an abbreviation only before a number
  kAbbrevState,   // "Calif.": only capitalized; can end a sentence
  kAbbrevDay,     // "Sat.": only capitalized; like a month
};
// The class of `word` (without its period; any case).
AbbrevClass AbbrevClassOf(std::string_view word);

struct RawToken {
  uint32_t nb = 0;  // [nb, ne): byte offsets into the normalized text
  uint32_t ne = 0;
  TokenKind kind = TokenKind::kWord;
  uint8_t flags = 0;
  uint8_t newlines_before = 0;  // '\n' between the previous token and this one (capped at 255)
  bool space_after = false;     // whitespace follows in the text
};

// Splits the normalized text into tokens. `orig` is the text `norm` was made
// from; it tells a real hyphen (joins "al-Sadr") from a folded dash (splits).
void TokenizeNormalized(const NormalizedText& norm, std::string_view orig,
                        std::vector<RawToken>* out);

// An article's normalized text and its ASCII-lowercased twin (bytes >= 0x80
// unchanged), copied once into a TokenStore; tokens are views into them.
// Each is followed by kArticleBytesPadding zero bytes, so 16 bytes can be
// read from any offset of the text.
constexpr size_t kArticleBytesPadding = 16;
struct ArticleBytes {
  const char* text = nullptr;
  const char* lower = nullptr;
};
// Copies `norm` and its lowercase into `store` (which the caller owns alone).
ArticleBytes CopyToStore(const NormalizedText& norm, TokenStore* store);

// Fills `out` from `rt`: text, lowercase, lemma (when `lemmatize`), kind,
// original offsets (plus `base`), space_after. The strings are views into
// `bytes` or, when a lowercase form or lemma differs, copies in `store`
// (unlocked: the caller owns `store` alone).
void MakeToken(const NormalizedText& norm, const ArticleBytes& bytes, const RawToken& rt,
               uint32_t base, bool lemmatize, TokenStore* store, Token* out);

// Lowercase ASCII comparison of a token's text with `lower` (ASCII only).
bool EqualsIgnoreAsciiCase(std::string_view s, std::string_view lower);

}  // namespace dyad::text

#endif  // DYAD_TEXT_TOKENIZER_H_
