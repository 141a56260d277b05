// The text stage: normalize, drop boilerplate, split sentences, tokenize,
// lemmatize. Every piece keeps byte offsets into Article::text.
#ifndef DYAD_TEXT_H_
#define DYAD_TEXT_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"

namespace dyad {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct, kSymbol };

// Bytes that Tokens point into: an article's normalized text, its lowercase
// forms and lemmas, and strings copied in by Sentence::Own. Append-only in
// blocks that never move, so a view handed out stays valid as long as the
// store lives, however often the Sentences sharing it are moved or copied.
// Thread-safe: Copy() takes a lock (the text stage fills a store through an
// unlocked path before any other thread can see it).
class TokenStore {
 public:
  // `first_block`: bytes to reserve up front (0: none until first use).
  explicit TokenStore(size_t first_block = 0) {
    if (first_block > 0) NewBlock(first_block);
  }
  TokenStore(const TokenStore&) = delete;
  TokenStore& operator=(const TokenStore&) = delete;

  // Copies `s` into the store; the view lives as long as the store.
  std::string_view Copy(std::string_view s) {
    std::lock_guard<std::mutex> lock(mu_);
    char* p = AllocateUnlocked(s.size());
    if (!s.empty()) std::memcpy(p, s.data(), s.size());
    return std::string_view(p, s.size());
  }
  // `n` bytes for the sole owner to fill, without locking. Not for use once
  // the store is shared between threads. Never null.
  char* AllocateUnlocked(size_t n) {
    // Blocks grow geometrically, so a long article takes few of them; a
    // block is never reallocated, so earlier views stay valid.
    if (n > left_ || cur_ == nullptr) NewBlock(std::max({n, kMinBlock, capacity_}));
    char* p = cur_;
    cur_ += n;
    left_ -= n;
    return p;
  }
  // Bytes held in blocks (capacity, not use).
  size_t capacity() const { return capacity_; }

 private:
  static constexpr size_t kMinBlock = 256;
  void NewBlock(size_t size) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    cur_ = blocks_.back().get();
    left_ = size;
    capacity_ += size;
  }

  std::mutex mu_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  size_t left_ = 0;
  size_t capacity_ = 0;
};

// One token. text, lower and lemma are views: into the TokenStore of the
// Sentence that holds the token (or into static data). They stay valid while
// that Sentence or any copy of it lives; a Token copied out of its Sentence
// must not outlive it. The text stage copies an article's normalized text
// and its ASCII lowercase into the store once; `text` and `lower` are spans of
// those copies, and `lemma` is `lower` (or a prefix of it, "talks" -> "talk")
// when it can be, so most tokens copy no bytes of their own.
// To build tokens by hand use Sentence::AddToken (or Sentence::Own for one
// field); never assign a temporary std::string to a field.
struct Token {
  uint32_t begin = 0;  // byte offsets into Article::text, [begin, end)
  uint32_t end = 0;
  std::string_view text;   // NFC; curly quotes, dashes and odd spaces folded to ASCII forms
  std::string_view lower;  // full Unicode lowercase of `text`
  std::string_view lemma;  // English lemma of `lower` (said -> say, countries -> country);
                           // empty when TextOptions::lemmatize is false
  TokenKind kind = TokenKind::kWord;
  bool space_after = true;  // whitespace follows in the original
};

struct Sentence {
  uint32_t begin = 0;  // byte offsets into Article::text, [begin, end)
  uint32_t end = 0;
  std::string text;  // normalized text: tokens joined as in the original, whitespace collapsed
  std::vector<Token> tokens;
  // The bytes the tokens point into; shared by the Sentences of one
  // AnalyzedText (and by copies of a Sentence). Null for a Sentence built by
  // hand until Own or AddToken first copies into it.
  std::shared_ptr<TokenStore> store;

  // Copies `s` into `store` (made on first use) and returns a view of the
  // copy, valid while this Sentence or any copy of it lives.
  std::string_view Own(std::string_view s);
  // Appends a token whose strings are copied into `store` (once when they
  // are equal); an empty `lower` means the same as `text`, an empty `lemma`
  // the same as `lower`. Offsets and space_after are left for the caller.
  Token& AddToken(std::string_view text, std::string_view lower = {}, std::string_view lemma = {},
                  TokenKind kind = TokenKind::kWord);
};

inline std::string_view Sentence::Own(std::string_view s) {
  if (store == nullptr) store = std::make_shared<TokenStore>();
  return store->Copy(s);
}

inline Token& Sentence::AddToken(std::string_view text, std::string_view lower,
                                 std::string_view lemma, TokenKind kind) {
  Token& t = tokens.emplace_back();
  t.kind = kind;
  t.text = Own(text);
  t.lower = lower.empty() || lower == text ? t.text : Own(lower);
  t.lemma = lemma.empty() || lemma == t.lower ? t.lower : Own(lemma);
  return t;
}

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
// Tokenize: every token of `text` (lemmatized) in one Sentence, without
// sentence splitting; its store holds the tokens' bytes.
Sentence Tokenize(std::string_view text, uint32_t base_offset = 0);
// English lemma of a lowercase word form; the word itself when unknown.
std::string Lemmatize(std::string_view lower_word);

}  // namespace dyad

#endif  // DYAD_TEXT_H_
