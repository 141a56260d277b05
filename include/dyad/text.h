// The text stage: normalize, drop boilerplate, split sentences, tokenize,
// lemmatize. Every piece keeps byte offsets into Article::text.
#ifndef DYAD_TEXT_H_
#define DYAD_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"

namespace dyad {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

struct Token {
  uint32_t begin = 0;  // byte offsets into Article::text, [begin, end)
  uint32_t end = 0;
  std::string text;    // NFC; curly quotes, dashes and odd spaces folded to ASCII forms
  std::string lower;   // full Unicode lowercase of `text`
  std::string lemma;   // English lemma of `lower` (said -> say, countries -> country)
  TokenKind kind = TokenKind::kWord;
  bool space_after = true;  // whitespace follows in the original
};

struct Sentence {
  uint32_t begin = 0;  // byte offsets into Article::text, [begin, end)
  uint32_t end = 0;
  std::string text;    // normalized text: tokens joined as in the original, whitespace collapsed
  std::vector<Token> tokens;
};

// A stretch of Article::text that the boilerplate filter dropped, and why.
struct RemovedSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::string reason;  // "share block", "photo credit", ...
};

struct AnalyzedText {
  std::vector<Sentence> sentences;
  std::vector<RemovedSpan> removed;
};

struct TextOptions {
  bool remove_boilerplate = true;
  bool lemmatize = true;
  // Sentences longer than this many tokens are cut into pieces, so no later
  // stage ever sees an unbounded sentence.
  size_t max_sentence_tokens = 512;
};

// Runs the whole text stage on one article. Never fails: any valid UTF-8 gives
// a (possibly empty) result. Thread-safe: no shared mutable state.
AnalyzedText AnalyzeText(const Article& article, const TextOptions& options = {});

// The pieces, for tests and for callers that need only one of them.
// Splits `text` (valid UTF-8) into sentences with tokens; offsets are into `text`.
std::vector<Sentence> SplitSentences(std::string_view text, const TextOptions& options = {});
std::vector<Token> Tokenize(std::string_view text, uint32_t base_offset = 0);
// English lemma of a lowercase word form; the word itself when unknown.
std::string Lemmatize(std::string_view lower_word);

}  // namespace dyad

#endif  // DYAD_TEXT_H_
