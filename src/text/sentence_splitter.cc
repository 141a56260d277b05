// Sentence boundaries over the tokens of the normalized text.
//
// A boundary follows '.', '?', '!' or an ellipsis (with any closing quotes or
// brackets glued to it), unless the next token shows the sentence goes on
// (lowercase word, comma, a number after "Feb."); an abbreviation ends a
// sentence only when the next word is a common sentence starter ("in the U.S.
// The ..."). Line structure: a blank line always ends a sentence; a single
// line break does too (titles, list items), except in hard-wrapped text and
// where the line plainly continues (a lowercase next line after a comma).
// Web and e-mail text adds a few unpunctuated ends (timestamps, "<...>"
// closers, salutations, letter openers): see WebBoundaryBefore and
// docs/text-stage.md. After the rules, a learned boundary model
// (text/boundary_model.h) revisits a few kinds of gap the rules get wrong in
// web text; SplitByRules is the rules alone.
#include "text/sentence_splitter.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>

#include "dyad/text.h"
#include "text/boundary_model.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace dyad::text {
namespace {

bool IsUpperStart(std::string_view t) {
  if (t.empty()) return false;
  const auto b = static_cast<unsigned char>(t[0]);
  if (b < 0x80) return b >= 'A' && b <= 'Z';
  return true;  // non-ASCII letters: treated as capitalized (names), lowercase is checked below
}

bool IsLowerStart(std::string_view t) {
  if (t.empty()) return false;
  const auto b = static_cast<unsigned char>(t[0]);
  return b >= 'a' && b <= 'z';
}

bool IsDigitStart(std::string_view t) { return !t.empty() && t[0] >= '0' && t[0] <= '9'; }

// Capitalized words that commonly open an English news sentence; after an
// abbreviation that may end a sentence ("U.S.", "Inc.", "etc.") they decide.
const std::unordered_set<std::string_view>& Starters() {
  static const auto* set = new std::unordered_set<std::string_view>{
      "The",       "A",       "An",          "He",          "She",       "It",        "They",
      "We",        "I",       "You",         "This",        "That",      "These",     "Those",
      "There",     "Here",    "But",         "And",         "Or",        "So",        "Yet",
      "In",        "On",      "At",          "For",         "As",        "If",        "When",
      "While",     "After",   "Before",      "However",     "Meanwhile", "Still",     "Its",
      "His",       "Her",     "Their",       "Our",         "My",        "Your",      "Some",
      "Many",      "Most",    "Several",     "Few",         "No",        "Not",       "One",
      "Both",      "Each",    "Every",       "All",         "Other",     "Also",      "Such",
      "What",      "Why",     "How",         "Who",         "Where",     "Which",     "Last",
      "Earlier",   "Later",   "Since",       "Although",    "Though",    "Because",   "According",
      "Under",     "With",    "Without",     "By",          "From",      "Among",     "During",
      "Despite",   "Until",   "Then",        "Now",         "Today",     "Yesterday", "Mr.",
      "Mrs.",      "Ms.",     "Dr.",         "Officials",   "Police",    "Analysts",  "Shares",
      "Prices",    "Sales",   "Investors",   "Negotiators", "Witnesses", "Residents", "Protesters",
      "Troops",    "Rebels",  "Authorities", "Is",          "Are",       "Was",       "Were",
      "Do",        "Does",    "Did",         "Can",         "Could",     "Will",      "Would",
      "Should",    "Thanks",  "Please",      "Let",         "Just",      "Even",      "Only",
      "More",      "Overall", "Instead",     "Otherwise",   "Indeed",    "Similarly", "Separately",
      "Elsewhere", "Asked",   "Speaking",    "Following",   "Given",     "To",        "Hi",
      "Thank"};
  return *set;
}

// A rule line of one repeated character: "=====", "*****", "-----".
bool IsSeparator(std::string_view t) {
  if (t.size() < 3 || t[1] != t[0]) return false;
  const char c = t[0];
  if (c != '=' && c != '*' && c != '_' && c != '~' && c != '#' && c != '+' && c != '-')
    return false;
  return t.find_first_not_of(c) == std::string_view::npos;
}

bool IsCloser(std::string_view t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "}" || t == "''";
}

bool IsBullet(std::string_view t) {
  if (t.size() < 2 || static_cast<unsigned char>(t[0]) < 0xC2) return false;
  return t == "\xE2\x80\xA2" /* • */ || t == "\xC2\xB7" /* · */ || t == "\xE2\x96\xAA" /* ▪ */ ||
         t == "\xE2\x96\xBA" /* ► */ || t == "\xE2\x80\xA3" /* ‣ */ ||
         t == "\xE2\x97\x8F" /* ● */ || t == "\xE2\x97\xA6" /* ◦ */ || t == "\xE2\x96\xA0" /* ■ */;
}

struct LineInfo {
  bool wrapped = false;  // hard-wrapped text: single newlines are mostly soft
  size_t max_len = 0;
};

// Hard-wrapped text (lines broken near a fixed width, as in old wire copy)
// has many lines close to the longest one, and the longest is short.
LineInfo AnalyzeLines(std::string_view s) {
  LineInfo info;
  size_t nonempty = 0, pos = 0;
  std::vector<size_t> lens;
  while (pos <= s.size()) {
    size_t nl = s.find('\n', pos);
    if (nl == std::string_view::npos) nl = s.size();
    size_t b = pos, e = nl;
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    if (e > b) {
      ++nonempty;
      lens.push_back(e - b);
      info.max_len = std::max(info.max_len, e - b);
    }
    pos = nl + 1;
  }
  if (nonempty < 4 || info.max_len > 120 || info.max_len < 30) return info;
  size_t near_max = 0;
  for (size_t l : lens) near_max += l * 10 >= info.max_len * 7;
  info.wrapped = near_max * 2 >= nonempty;
  return info;
}

class Splitter {
 public:
  Splitter(const NormalizedText& norm, const std::vector<RawToken>& toks, size_t max_tokens)
      : s_(norm.text()), t_(toks), max_tokens_(std::max<size_t>(max_tokens, 1)) {}

  // Fills `ends` with the index one past the last token of each sentence.
  void Run(std::vector<size_t>* ends) {
    ends->clear();
    const size_t n = t_.size();
    bool any_newline = false;
    for (const RawToken& t : t_) any_newline |= t.newlines_before > 0;
    if (any_newline) lines_ = AnalyzeLines(s_);
    size_t start = 0;
    for (size_t i = 0; i < n; ++i) {
      if (i > start &&
          (LineBreakEnds(i) || IsBulletOrRule(i) || IsRule(i - 1) || WebBoundaryBefore(i, start))) {
        ends->push_back(i);
        start = i;
      }
      if (i + 1 - start >= max_tokens_) {
        ends->push_back(i + 1);
        start = i + 1;
        continue;
      }
      if (!IsTerminal(i)) continue;
      size_t j = i;
      while (j + 1 < n && t_[j + 1].newlines_before == 0 && !t_[j].space_after &&
             IsCloser(Text(j + 1))) {
        ++j;
      }
      if (j + 1 - start > max_tokens_) j = start + max_tokens_ - 1;
      if (BoundaryAfter(i, j)) {
        ends->push_back(j + 1);
        start = j + 1;
        i = j;
      }
    }
    if (start < n) ends->push_back(n);
  }

 private:
  std::string_view Text(size_t i) const {
    return std::string_view(s_.data() + t_[i].nb, t_[i].ne - t_[i].nb);
  }

  // A bullet or a separator rule at token i. Words and numbers are neither,
  // so most tokens are decided by their kind without a compare.
  bool IsBulletOrRule(size_t i) const {
    if (t_[i].kind == TokenKind::kWord || t_[i].kind == TokenKind::kNumber) return false;
    const std::string_view x = Text(i);
    return IsBullet(x) || IsSeparator(x);
  }
  bool IsRule(size_t i) const {
    return t_[i].kind != TokenKind::kWord && t_[i].kind != TokenKind::kNumber &&
           IsSeparator(Text(i));
  }

  // The last token of an emoticon followed by a space: ":-)", ":)", ";)", ":P".
  bool IsEmoticonEnd(size_t i) const {
    if (i == 0 || t_[i].ne - t_[i].nb != 1 || !t_[i].space_after) return false;
    const std::string_view t = Text(i);
    if (t != ")" && t != "(" && t != "P" && t != "D" && t != "p") return false;
    size_t k = i - 1;
    if (Text(k) == "-" && t_[k].ne == t_[i].nb && k > 0) --k;
    const std::string_view eyes = Text(k);
    return (eyes == ":" || eyes == ";") && t_[k].ne <= t_[i].nb && t_[i].nb - t_[k].ne <= 1 &&
           (k == 0 || t_[k - 1].space_after);
  }

  bool IsTerminal(size_t i) const {
    const std::string_view t = Text(i);
    if (IsEmoticonEnd(i)) return true;
    if (t_[i].kind != TokenKind::kPunct) {
      return (t_[i].flags & (kFlagAbbrev | kFlagAcronym)) != 0;
    }
    const char c = t[0];
    return c == '.' || c == '!' || c == '?';
  }

  // Does a sentence end after token j, given terminal token i (i <= j)?
  bool BoundaryAfter(size_t i, size_t j) const {
    const size_t next = j + 1;
    if (next >= t_.size()) return true;
    const std::string_view t = Text(i);
    const std::string_view nt = Text(next);
    // A line break that ends the sentence is handled by the caller's loop.
    if (t_[next].newlines_before > 0 && LineBreakEnds(next)) return false;
    if (nt == "," || nt == ";" || nt == ":" || nt == ")" || nt == "]") return false;
    // More terminal punctuation follows (". . .", ".?"): the boundary comes after it.
    // A spaced ellipsis after a full stop opens the next sentence when text
    // follows it on the line ("day. ...the birth rate").
    if (t_[next].kind == TokenKind::kPunct && (nt[0] == '.' || nt[0] == '?' || nt[0] == '!')) {
      return t_[i].kind == TokenKind::kPunct && t == "." && t_[j].space_after && nt.size() >= 3 &&
             nt[1] == '.' && next + 1 < t_.size() && t_[next + 1].newlines_before == 0;
    }
    // A URL or e-mail address after terminal punctuation starts a new sentence.
    if (IsUrl(next)) return true;
    const bool quoted = j > i;  // closing quotes or brackets were glued to the terminal
    // "EY4096.1", "3.Next": a period glued to a number is not an end.
    if (!t_[j].space_after && IsDigitStart(nt)) return false;
    if (IsEmoticonEnd(i)) return IsUpperStart(nt);
    if (t_[i].kind == TokenKind::kPunct) {
      // "Direct Dial:?" is not a question.
      if (t[0] == '?' && i > 0 && Text(i - 1) == ":" && t_[i - 1].ne == t_[i].nb) return false;
      // After a quotation, a lowercase word is the attribution: "'Why?' he asked."
      if (quoted && IsLowerStart(nt)) return false;
      if (t[0] == '!' || t[0] == '?') return true;
      if (t.size() >= 2) return IsUpperStart(nt) || nt == "\"";  // an ellipsis
      // A list marker "1." at the start of a line is not a sentence.
      if (i > 0 && t_[i - 1].kind == TokenKind::kNumber && t_[i - 1].ne - t_[i - 1].nb <= 2 &&
          t_[i - 1].ne == t_[i].nb && (i - 1 == 0 || t_[i - 1].newlines_before > 0)) {
        return false;
      }
      // A period with no space before a lowercase word is a file name or
      // domain piece ("Newsfeed.com"); with a space, a new (sloppy) sentence.
      if (IsLowerStart(nt) && !t_[j].space_after) return false;
      // Reuters instrument codes and domains: "RDSa.L", "PPHN.S", "Newsfeed.Com".
      if (!t_[j].space_after && t_[next].kind == TokenKind::kWord && nt.size() <= 3) return false;
      return true;
    }
    // An abbreviation or acronym with its period: a lowercase word or a
    // number after it ("Feb. 3", "Inc. said") continues the sentence.
    if (IsLowerStart(nt) || IsDigitStart(nt)) return false;
    if (t_[i].flags & kFlagAbbrev) {
      const AbbrevClass cls = AbbrevClassOf(t.substr(0, t.size() - 1));
      if (cls == kAbbrevTitle || cls == kAbbrevNumber) return false;
    } else if (EqualsIgnoreAsciiCase(t, "e.g.") || EqualsIgnoreAsciiCase(t, "i.e.")) {
      return false;
    }
    std::string_view word = nt;
    if (nt == "\"" && next + 1 < t_.size()) word = Text(next + 1);
    return Starters().count(word) > 0;
  }

  bool IsUrl(size_t i) const {
    return (t_[i].flags & kFlagUrl) != 0 && t_[i].kind == TokenKind::kSymbol;
  }

  // "11/27/2000": month/day/year as one number token.
  bool IsSlashDate(size_t i) const {
    if (t_[i].kind != TokenKind::kNumber) return false;
    const std::string_view t = Text(i);
    const size_t a = t.find('/');
    const size_t b = a == std::string_view::npos ? a : t.find('/', a + 1);
    return a != std::string_view::npos && b != std::string_view::npos && a >= 1 && a <= 2 &&
           b - a - 1 >= 1 && b - a - 1 <= 2 && (t.size() - b - 1 == 2 || t.size() - b - 1 == 4);
  }

  // "10:25" or "10:25:07".
  bool IsClockTime(size_t i) const {
    if (t_[i].kind != TokenKind::kNumber) return false;
    const std::string_view t = Text(i);
    const size_t c = t.find(':');
    return c != std::string_view::npos && c >= 1 && c <= 2 && t.size() - c - 1 >= 2 &&
           t.find('/') == std::string_view::npos;
  }

  // A capitalized word that is not all capitals ("Kay", not "KABUL"): a name
  // in a salutation, never a news dateline.
  bool IsTitlecaseWord(size_t i) const {
    if (t_[i].kind != TokenKind::kWord || (t_[i].flags & (kFlagUrl | kFlagAcronym))) return false;
    const std::string_view t = Text(i);
    if (t.size() < 2 || t[0] < 'A' || t[0] > 'Z') return false;
    for (size_t k = 1; k < t.size(); ++k) {
      if (t[k] >= 'a' && t[k] <= 'z') return true;
    }
    return false;
  }

  // Boundaries of web and e-mail text that have no terminal punctuation.
  // Each pattern is rare in news copy (counted on Reuters 2012-13) and was
  // chosen on the EWT train split; see docs/text-stage.md.
  bool WebBoundaryBefore(size_t i, size_t start) const {
    const RawToken& t = t_[i];
    const RawToken& p = t_[i - 1];
    // Past a sentence's first words, a lowercase word or punctuation at i
    // starts nothing unless "AM"/"PM" precedes it; most tokens leave here.
    const char c0 = s_[t.nb];
    const char p0 = s_[p.nb];
    if (i - start > 4 && (t.kind == TokenKind::kPunct || (c0 >= 'a' && c0 <= 'z')) && p0 != 'A' &&
        p0 != 'P') {
      return false;
    }
    const std::string_view pt = Text(i - 1);
    // "... Cheryl Marshall 11/27/2000 10:25 AM": an e-mail header's timestamp.
    if (IsSlashDate(i) && i + 1 < t_.size() && IsClockTime(i + 1) &&
        (IsUpperStart(pt) || IsUrl(i - 1) || pt == ">" || p.kind == TokenKind::kNumber)) {
      return true;
    }
    // ... and the message after it: "11/10/2000 01:04 PM Steve, I noticed".
    if (i >= 3 && (pt == "AM" || pt == "PM") && IsClockTime(i - 2) && IsSlashDate(i - 3) &&
        t.kind != TokenKind::kPunct) {
      return true;
    }
    // "<< File: report.xls >> Please ...", "<jane@example.com> 10/27/2000".
    if (pt == ">" && (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) &&
        !IsLowerStart(Text(i))) {
      if (i >= 2 && Text(i - 2) == ">" && t_[i - 2].ne == p.nb) return true;
      for (size_t k = i - 1; k-- > start;) {
        if (Text(k) == "<") return true;
      }
    }
    // Openers of a letter or a request that are never capitalized inside a
    // sentence: "... the draft Please call me".
    if (p.kind == TokenKind::kWord && !(p.flags & (kFlagAbbrev | kFlagAcronym)) &&
        t.kind == TokenKind::kWord) {
      static constexpr std::string_view kOpeners[] = {"Please", "Attached", "Dear",  "Hi",
                                                      "Hello",  "FYI",      "Sorry", "Regards"};
      const std::string_view w = Text(i);
      for (std::string_view o : kOpeners) {
        if (w == o) return true;
      }
    }
    // A salutation: "Kay - Can you ...", "Hi John, the ...", "Dear Sir: ...".
    const size_t n = i - start;
    if (n >= 2 && n <= 4 && (pt == "-" || pt == ":" || pt == ",")) {
      const std::string_view first = Text(start);
      if (first == "Hi" || first == "Hello" || first == "Dear" || first == "Hey") {
        bool names = start + 1 < i - 1;
        for (size_t k = start + 1; k < i - 1; ++k) names &= IsTitlecaseWord(k);
        if (names) return true;
      } else if (n == 2 && pt == "-" && IsTitlecaseWord(start) && IsUpperStart(Text(i)) &&
                 t.kind == TokenKind::kWord) {
        return true;
      }
    }
    return false;
  }

  // Does the line break before token i end the sentence?
  bool LineBreakEnds(size_t i) const {
    const RawToken& t = t_[i];
    if (t.newlines_before == 0 || i == 0) return false;
    if (t.newlines_before >= 2) return true;
    // Is the break followed by a blank-looking line, a bullet or a list number?
    const std::string_view nt = Text(i);
    if (IsBullet(nt) || nt == "*" || nt == "-" || nt == "#") return true;
    if (t.kind == TokenKind::kNumber && i + 1 < t_.size() &&
        (Text(i + 1) == "." || Text(i + 1) == ")") && t_[i + 1].nb == t.ne) {
      return true;
    }
    // A single line break surrounded by only spaces and tabs.
    const std::string_view prev = Text(i - 1);
    if (lines_.wrapped) {
      // Soft unless the previous line stopped well short of the wrap width.
      const size_t nl = s_.rfind('\n', t.nb);
      size_t line_start = s_.rfind('\n', nl == 0 ? 0 : nl - 1);
      line_start = (line_start == std::string_view::npos || nl == 0) ? 0 : line_start + 1;
      const size_t len = nl - line_start;
      return len * 10 < lines_.max_len * 7;
    }
    if (prev == "," || prev == "-" || prev == "(" || prev == "&") return false;
    if (IsLowerStart(nt) && t_[i - 1].kind == TokenKind::kWord && IsLowerStart(prev)) return false;
    return true;
  }

  std::string_view s_;
  const std::vector<RawToken>& t_;
  size_t max_tokens_;
  LineInfo lines_;
};

}  // namespace

void SplitByRules(const NormalizedText& norm, const std::vector<RawToken>& tokens,
                  size_t max_tokens, std::vector<size_t>* ends) {
  Splitter(norm, tokens, max_tokens).Run(ends);
}

void SplitNormalized(const NormalizedText& norm, const std::vector<RawToken>& tokens,
                     size_t max_tokens, std::vector<size_t>* ends) {
  Splitter(norm, tokens, max_tokens).Run(ends);
  RefineBoundaries(norm.text(), tokens, BoundaryWeights::Builtin(), max_tokens, ends);
}

void BuildSentences(const NormalizedText& norm, const std::vector<RawToken>& tokens,
                    const std::vector<size_t>& ends, uint32_t base, bool lemmatize,
                    std::vector<Sentence>* out) {
  if (tokens.empty()) return;
  // One store per call: the text and its lowercase twin (2n bytes) plus room
  // for the lowercase forms and lemmas that differ, usually one allocation.
  auto store = std::make_shared<TokenStore>(2 * norm.size() + norm.size() / 4 + 64);
  const ArticleBytes bytes = CopyToStore(norm, store.get());
  size_t start = 0;
  out->reserve(out->size() + ends.size());
  for (size_t end : ends) {
    if (end <= start) continue;
    Sentence& sent = out->emplace_back();
    sent.store = store;
    sent.tokens.resize(end - start);
    // The text is at most the normalized span: sized once, written through a
    // pointer (append() per token cost ~1.5% of text_bench), then cut.
    sent.text.resize(tokens[end - 1].ne - tokens[start].nb);
    char* w = sent.text.data();
    char* const w_end = w + sent.text.size();
    for (size_t k = start; k < end; ++k) {
      MakeToken(norm, bytes, tokens[k], base, lemmatize, store.get(), &sent.tokens[k - start]);
      const RawToken& rt = tokens[k];
      const size_t len = rt.ne - rt.nb;
      if (len <= kArticleBytesPadding &&
          w_end - w >= static_cast<ptrdiff_t>(kArticleBytesPadding)) {
        // A short token: one fixed 16-byte copy (the source is padded; the
        // bytes past `len` are overwritten by the next token or cut below).
        std::memcpy(w, bytes.text + rt.nb, kArticleBytesPadding);
      } else {
        std::memcpy(w, bytes.text + rt.nb, len);
      }
      w += len;
      if (k + 1 < end && rt.space_after) *w++ = ' ';
    }
    sent.text.resize(static_cast<size_t>(w - sent.text.data()));
    sent.begin = sent.tokens.front().begin;
    sent.end = sent.tokens.back().end;
    start = end;
  }
}

void SplitSentencesInto(std::string_view text, uint32_t base, const TextOptions& options,
                        std::vector<Sentence>* out) {
  // Scratch buffers reused across calls on a thread: allocating them per
  // article was ~3% of text_bench's time (perf).
  struct Scratch {
    NormalizedText norm;
    std::vector<RawToken> tokens;
    std::vector<size_t> ends;
  };
  thread_local Scratch scratch;
  Normalize(text, &scratch.norm);
  TokenizeNormalized(scratch.norm, text, &scratch.tokens);
  SplitNormalized(scratch.norm, scratch.tokens, options.max_sentence_tokens, &scratch.ends);
  BuildSentences(scratch.norm, scratch.tokens, scratch.ends, base, options.lemmatize, out);
}

}  // namespace dyad::text

namespace dyad {

std::vector<Sentence> SplitSentences(std::string_view text, const TextOptions& options) {
  std::vector<Sentence> out;
  text::SplitSentencesInto(text, 0, options, &out);
  return out;
}

}  // namespace dyad
