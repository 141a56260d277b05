// A learned second opinion on sentence boundaries: an averaged perceptron
// that revisits the few kinds of token gap where the rule splitter goes
// wrong in web and e-mail text (after a letter closing, an address or link
// tag, a clock time; an ellipsis before a word) and adds or drops an end.
// Trained on the UD English Web Treebank train split by
// `dyad train splitter`; the weights are compiled in from
// boundary_weights.inc, so splitting needs no file at run time. Thread-safe:
// the weights are immutable. See docs/text-stage.md.
#ifndef DYAD_TEXT_BOUNDARY_MODEL_H_
#define DYAD_TEXT_BOUNDARY_MODEL_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace dyad::text {

// Weights keyed by feature hash. Immutable after construction; safe to share
// between threads.
class BoundaryWeights {
 public:
  BoundaryWeights() = default;
  BoundaryWeights(const uint32_t* keys, const float* values, size_t n, float threshold);

  float Score(const uint32_t* keys, size_t n) const;
  float threshold() const { return threshold_; }
  bool empty() const { return slots_.empty(); }

  // The weights compiled into the library (boundary_weights.inc).
  static const BoundaryWeights& Builtin();

 private:
  // Open addressing, power-of-two size, key 0 = empty (no feature hashes to
  // 0). Key and weight side by side: one cache line per probe.
  struct Slot {
    uint32_t key = 0;
    float value = 0;
  };
  std::vector<Slot> slots_;
  uint32_t mask_ = 0;
  float threshold_ = 0;
};

// The gaps the model decides, and their features. A gap `i` is the place
// before token i (1 <= i < tokens.size()) of `tokens`, which point into
// `text`; both must outlive the featurizer.
class BoundaryFeaturizer {
 public:
  BoundaryFeaturizer(std::string_view text, const std::vector<RawToken>& tokens)
      : s_(text), t_(tokens) {}

  // Is gap i one the model decides? `rule_boundary`: the rules put an end
  // there; `since`: tokens from the previous rule end to i. Inline: it runs
  // on every token.
  bool IsCandidate(size_t i, bool rule_boundary, size_t since) const;

  // Feature hashes of gap i into *keys (cleared first). `since` and `until`:
  // tokens from the previous rule end to i, and from i to the next one.
  void Features(size_t i, bool rule_boundary, size_t since, size_t until,
                std::vector<uint32_t>* keys) const;

 private:
  std::string_view Text(size_t i) const {
    return std::string_view(s_.data() + t_[i].nb, t_[i].ne - t_[i].nb);
  }
  uint32_t WordHash(size_t i) const;
  // "Debra", not "BEIJING" or "said".
  bool IsTitlecase(size_t i) const {
    const std::string_view w = Text(i);
    if (t_[i].kind != TokenKind::kWord || w.size() < 2 || w[0] < 'A' || w[0] > 'Z') return false;
    for (char c : w.substr(1)) {
      if (c >= 'a' && c <= 'z') return true;
    }
    return false;
  }
  // The last word of a letter's closing: "Thanks,", "Best regards,".
  static bool IsClosingWord(std::string_view w) {
    static constexpr std::string_view kClosings[] = {
        "Thanks", "thanks", "Thx",   "Regards", "regards", "Sincerely", "Cheers",
        "Best",   "Love",   "Yours", "yours",   "wishes",  "Thank",     "you"};
    for (std::string_view c : kClosings) {
      if (w == c) return true;
    }
    return false;
  }
  uint32_t Shape(size_t i) const;

  std::string_view s_;
  const std::vector<RawToken>& t_;
};

// The gate is what keeps the model off the hot path of news text: it is a
// few byte compares per token, and it lets through only gaps where EWT shows
// the rules go wrong (measured on the dev split, docs/text-stage.md).
inline bool BoundaryFeaturizer::IsCandidate(size_t i, bool rule_boundary, size_t since) const {
  const RawToken& a = t_[i - 1];
  const RawToken& b = t_[i];
  // Line breaks are left to the rules: the treebank text has none inside a
  // paragraph, so the model knows nothing about them.
  if (b.newlines_before > 0) return false;
  // After a word the model is not consulted: "said Obama" is everywhere in
  // news. Most tokens leave here.
  if (!rule_boundary && a.kind == TokenKind::kWord && !(a.flags & kFlagUrl)) return false;
  auto terminal = [&](const RawToken& t) {
    const char c = s_[t.nb];
    return t.kind == TokenKind::kPunct && t.ne - t.nb == 1 && (c == '.' || c == '!' || c == '?');
  };
  const char cb = s_[b.nb];
  const char ca = s_[a.nb];
  if (rule_boundary) {
    // Only an end before a word is questioned ("Yahoo! and", "...  I hear");
    // before bullets and rules ("*", "^^^^") the rules stand, and so does
    // the plain end "... word. Next", "...?\" Next".
    if (b.kind != TokenKind::kWord && b.kind != TokenKind::kNumber) return false;
    if (!(cb >= 'A' && cb <= 'Z')) return true;
    if (terminal(a)) return false;
    return !((ca == '"' || ca == ')' || ca == '\'') && i >= 2 && terminal(t_[i - 2]));
  }
  // A new sentence follows whitespace and opens with a capitalized word, a
  // URL, a list dash or star, an opening quote or "[".
  if (!a.space_after) return false;
  if (b.kind == TokenKind::kNumber) return false;
  if (b.kind == TokenKind::kWord) {
    if (!(b.flags & kFlagUrl) && cb >= 'a' && cb <= 'z') return false;
  } else if (!(b.flags & kFlagUrl)) {
    if (cb != '-' && cb != '"' && cb != '*' && cb != '[') return false;
  }
  if (a.flags & kFlagUrl) {
    // A real address ("http://...", "jo@x.com"), not a name like "Amazon.com".
    const std::string_view u = Text(i - 1);
    return u.find("://") != std::string_view::npos || u.find('@') != std::string_view::npos ||
           u.substr(0, 4) == "www.";
  }
  if (a.kind == TokenKind::kNumber) {
    return Text(i - 1).find(':') != std::string_view::npos;  // a clock time ends a header line
  }
  switch (ca) {
    case ',':  // "Thanks, Sean", "Best regards, Debra"; not "Meanwhile, China"
      return since <= 4 && i >= 2 && IsClosingWord(Text(i - 2));
    case '-':  // "Debra - I have"; not "LONDON (Reuters) - Shares", "BEIJING - The"
      return since >= 2 && since <= 3 && IsTitlecase(i - 2);
    case ')':  // "(... Ave.) Does anyone", not "Citigroup (C.N) Chairman"
      return i >= 2 && terminal(t_[i - 2]);
    case '.':
    case '!':
    case '?':
    case ']':
    case '>':
      return true;
    default:
      return false;  // openers, joiners, bullets, colons
  }
}

// Calls fn(i, rule_boundary, keys) for every candidate gap, in text order,
// with the features the model sees there. Training and RefineBoundaries
// both use it, so they cannot disagree on candidates or features.
// `rule_ends` are the rules' sentence ends (token indexes, as
// SplitByRules gives them).
template <typename Fn>
void ForEachCandidate(std::string_view text, const std::vector<RawToken>& tokens,
                      const std::vector<size_t>& rule_ends, Fn&& fn) {
  if (tokens.size() < 2 || rule_ends.empty()) return;
  BoundaryFeaturizer f(text, tokens);
  thread_local std::vector<uint32_t> keys;
  size_t prev = 0;  // the previous rule end
  for (size_t k = 0; k < rule_ends.size(); ++k) {
    const size_t e = rule_ends[k];
    // Gaps strictly inside the rule sentence [prev, e), then the gap at e.
    for (size_t i = prev + 1; i < e; ++i) {
      // The gate's first test, here so that the loop over words stays tight.
      const RawToken& a = tokens[i - 1];
      if (a.kind == TokenKind::kWord && !(a.flags & kFlagUrl)) continue;
      if (!f.IsCandidate(i, false, i - prev)) continue;
      f.Features(i, false, i - prev, e - i, &keys);
      fn(i, false, keys);
    }
    if (e < tokens.size() && e > 0 && f.IsCandidate(e, true, e - prev)) {
      const size_t next = k + 1 < rule_ends.size() ? rule_ends[k + 1] : tokens.size();
      f.Features(e, true, e - prev, next - e, &keys);
      fn(e, true, keys);
    }
    prev = e;
  }
}

// Rewrites `ends` (rule ends) with the model's decisions on candidate gaps:
// adds the gaps it scores above the threshold, drops the rule ends it scores
// below. Keeps every sentence at most `max_tokens` long. A no-op when
// `weights` is empty.
void RefineBoundaries(std::string_view text, const std::vector<RawToken>& tokens,
                      const BoundaryWeights& weights, size_t max_tokens, std::vector<size_t>* ends);

}  // namespace dyad::text

#endif  // DYAD_TEXT_BOUNDARY_MODEL_H_
