// The event coder: who did what to whom, read from the raw words of a
// sentence with a compiled Dictionary (include/dyad/dictionary.h).
//
// The approach is TABARI's shallow parse (TABARI manual ch. 5-7), extended
// where the validation suites show it: words are classified (actors, agents,
// verbs, pronouns, conjunctions, ...), agents are composed with their actors,
// compound actors ("Iran and Russia") and pronouns are resolved, short
// comma-delimited clauses are dropped, the sentence is cut into clauses at
// conjunctions, and each verb's patterns are matched around it, longest
// first. The source is the pattern's "$" or the first actor before the verb,
// the target the pattern's "+" or the first actor after it; passive voice
// swaps them. See docs/coder.md for the algorithm, options and bounds.
//
// Thread safety: a Coder is immutable after construction; every const method
// may be called from any number of threads at once, each thread with its own
// CoderScratch (the per-thread buffers reused across sentences).
//
// Bounds: the text stage cuts sentences at TextOptions::max_sentence_tokens
// (512); CodeSentence additionally ignores tokens past
// CoderOptions::max_sentence_words. Pattern matching costs at most
// CoderOptions::max_match_steps steps per (verb, pattern) pair, and a
// sentence yields at most CoderOptions::max_events events.
#ifndef DYAD_CODER_H_
#define DYAD_CODER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/date.h"
#include "dyad/dictionary.h"
#include "dyad/event.h"
#include "dyad/ingest.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

class Parser;  // dyad/parse.h

// Settings; the defaults are TABARI's defaults with PETRARCH's require_dyad.
struct CoderOptions {
  // TABARI "SET: CODE BY ...": which events of a sentence are kept.
  enum class CodeBy : uint8_t {
    kClause,    // the first event of each conjunction-delimited clause (default)
    kSentence,  // only the first event of the sentence
    kAll,       // every verb that yields an event
  };
  CodeBy code_by = CodeBy::kClause;

  // An event needs both a source and a target (PETRARCH require_dyad).
  bool require_dyad = true;

  // Comma-delimited nonrestrictive clauses are dropped when the number of
  // words between two commas is in (min, max]; b* for the stretch before the
  // first comma, e* after the last (TABARI "COMMA:", manual 8.6).
  bool comma_off = false;
  int comma_min = 2, comma_max = 10;
  int comma_bmin = 128, comma_bmax = 0;
  int comma_emin = 2, comma_emax = 10;

  // Complexity filter (TABARI "COMPLEX:"); 0 / false = inactive. A complex
  // sentence yields no events and SentenceStatus::kComplex.
  int complex_verbs = 0;
  int complex_actors = 0;
  int complex_conj = 0;
  int complex_pronouns = 0;
  bool complex_noactprior = false;
  bool complex_noverb = false;

  // TABARI "DEFAULT:" codes, used when no actor is found (empty = off).
  // `*_prior` / `*_after`: also when there is no actor before / after the verb.
  std::string default_source, default_target;
  bool default_source_prior = false, default_target_after = false;

  // TABARI "SET: CONVERT AGENTS": an agent with no actor becomes an actor
  // with the agent's own code.
  bool convert_agents = false;
  // TABARI "FORWARD:": a pronoun with no antecedent in its sentence refers to
  // the first named actor (without agents) of the previous sentence of the
  // same story (see CoderScratch::NewStory).
  bool forward = false;
  // TABARI "SET: MINIMUM WORDS": shorter sentences are not coded.
  int minimum_words = 0;

  // Verbs preceded by a determiner, or capitalized inside a mixed-case
  // sentence, are read as nouns (TABARI manual 7.4).
  bool noun_by_determiner = true;
  bool noun_by_capital = true;
  // "not", "n't", "never" before a verb that no pattern mentions: no event.
  bool negation = true;
  // Drop a sentence-final attribution clause (", the Kremlin announced ...":
  // a comma, an actor, a reporting verb) before coding, so the reporter is
  // never taken as the target. On in the validation runners too (it changes
  // no record of either suite).
  bool drop_attribution = true;
  // Read the doer and the one acted on from a dependency parse of the
  // sentence when a parser is installed (Coder::set_parser): the subject
  // (or a passive's "by" agent, a relative clause's noun, a control verb's
  // object, a coordinated verb's subject) is the source, the indirect or
  // direct object, passive subject or prepositional object the target — each
  // only when an actor stands in that phrase; otherwise the shallow rules
  // above decide. A pattern's "$"/"+" always wins. Only sentences with an
  // event verb and an actor are parsed. See docs/coder.md ("Syntax").
  bool syntax = true;
  // Exact dictionary words also match token lemmas.
  bool use_lemma = false;
  // "al-Assad" is read as "al Assad" (TABARI reads '-' as a blank).
  bool split_hyphens = false;
  // TABARI 5.2.3: exact dictionary words also match with the regular endings
  // -s, -es, -ed, -en, -ing (verbs) and -s, -es (actors, agents, nouns).
  bool tabari_endings = false;
  // PETRARCH-style noun phrases: an agent before a compound ("ambassadors of
  // A, B and C") applies to every member; "from" joins agent and actor like
  // "of"/"in"; up to this many unlisted words (adjectives) may stand between
  // a conjunction and the next actor of a compound.
  bool distribute_agents = false;
  bool agent_from = false;
  int compound_gap = 0;
  // PETRARCH noun phrases: a possessive actor closely followed by another
  // actor only qualifies it ("Dagolath's first deputy minister Telemar" is
  // the minister, not Dagolath). TABARI reads the first actor.
  bool possessive_qualifier = false;
  // PETRARCH: an agent with no actor becomes the anonymous actor "---" with
  // that agent ("---GOV"), a full actor slot. Always so without
  // require_dyad; with it, only when this is set.
  bool anonymous_agents = false;
  // TABARI "[+++]" patterns mark the sentence too complex; PETRARCH has no
  // such code and skips those patterns (false).
  bool complex_codes = true;
  // Fill SentenceResult::trace with the word classes (for debugging).
  bool trace = false;

  // Bounds (see the header comment).
  size_t max_sentence_words = 512;
  size_t max_match_steps = 2000;
  size_t max_events = 64;
};

// Applies one TABARI .options command line ("COMPLEX: VERBS[5] NOACTPRIOR",
// "SET: CODE BY SENTENCE", "COMMA: OFF", "DEFAULT: SOURCE [X] PRIOR", ...) to
// `options`. Commands that do not affect coding (LABEL, OUTPUT, FORWARD, ...)
// return OK with `*ignored` set; an unreadable command is InvalidArgument
// saying what was expected.
Status ApplyTabariOption(std::string_view line, CoderOptions* options, bool* ignored = nullptr);

// Options for a dictionary: the defaults, then every coding option the
// dictionary's files carry (TABARI .options lines), in file order.
// Unreadable lines are appended to `warnings` as "file:line: what".
CoderOptions CoderOptionsForDictionary(const Dictionary& dict, std::vector<std::string>* warnings);

// One actor slot of an event, in sentence words.
struct CodedActor {
  std::string code;          // composed actor code ("GONGOV")
  std::string name;          // the dictionary phrase that matched (primary form)
  uint32_t first_token = 0;  // token span in the sentence, [first, last)
  uint32_t last_token = 0;
};

struct SentenceEvent {
  CodedActor source;
  CodedActor target;
  std::string code;  // CAMEO code as written ("064")
  std::string rule;  // "verb RESTORE (file:line) pattern '- * TIES' (file:line)"
};

enum class SentenceStatus : uint8_t {
  kNoEvent,   // nothing coded
  kCoded,     // events found
  kDiscard,   // a discard phrase or [###] code
  kComplex,   // complexity filter or a [+++] code
  kTooShort,  // fewer than minimum_words words
};
std::string_view SentenceStatusName(SentenceStatus s);

struct SentenceResult {
  SentenceStatus status = SentenceStatus::kNoEvent;
  std::vector<SentenceEvent> events;
  std::string note;   // why discarded/complex, for messages
  std::string trace;  // CoderOptions::trace: how the words were read
};

// Per-thread working memory; reuse one per thread across sentences so the
// hot path does not allocate once the buffers have grown.
class CoderScratch {
 public:
  CoderScratch();
  ~CoderScratch();
  CoderScratch(const CoderScratch&) = delete;
  CoderScratch& operator=(const CoderScratch&) = delete;
  // Forgets what carries over between sentences (the FORWARD actor); call at
  // the start of each story. Coder::CodeArticle calls it for every article.
  void NewStory();
  // Sentences this scratch's thread has parsed (CoderOptions::syntax), and
  // events whose source or target the parse chose.
  uint64_t parsed_sentences() const;
  uint64_t syntax_events() const;

  struct Impl;
  Impl* impl() { return impl_.get(); }

 private:
  std::unique_ptr<Impl> impl_;
};

// Hook for the time stage: the date of an event read from its sentence.
// Until a resolver is installed, events carry the article date.
using EventDateResolver =
    std::function<Date(const Article& article, const Sentence& sentence, std::string* phrase)>;

class Coder {
 public:
  Coder(std::shared_ptr<const Dictionary> dict, CoderOptions options);
  ~Coder();
  Coder(const Coder&) = delete;
  Coder& operator=(const Coder&) = delete;

  const Dictionary& dictionary() const { return *dict_; }
  const CoderOptions& options() const { return options_; }

  // Codes one sentence. `date` resolves date-restricted actor codes. Any
  // tokens at all are accepted; never fails. `result` is overwritten.
  void CodeSentence(std::span<const Token> tokens, const Date& date, CoderScratch* scratch,
                    SentenceResult* result) const;

  // Runs the text stage on `article`, codes every sentence and appends one
  // CodedEvent per event, in sentence order, with article fields, codebook
  // fields (root, QuadClass, Goldstein) and the date filled in. Returns the
  // number of sentences coded.
  size_t CodeArticle(const Article& article, const TextOptions& text_options, CoderScratch* scratch,
                     std::vector<CodedEvent>* out) const;

  // CodeArticle without the text stage: codes the already-analyzed
  // `sentences` of `article` (AnalyzeText's output) the same way (dateline of
  // the first sentence skipped, story-level discards end the article), dating
  // events with `date_resolver` when it is set. For callers that need the
  // sentences themselves too (actor resolution, the store), so the text stage
  // runs once per article. Returns the number of sentences looked at.
  size_t CodeSentences(const Article& article, std::span<const Sentence> sentences,
                       const EventDateResolver& date_resolver, CoderScratch* scratch,
                       std::vector<CodedEvent>* out) const;

  // Installs the dependency parser used when CoderOptions::syntax is on;
  // call before use. Without one, coding is shallow only.
  void set_parser(std::shared_ptr<const Parser> parser) { parser_ = std::move(parser); }
  const Parser* parser() const { return parser_.get(); }

  // Installs the event-date hook (see EventDateResolver); call before use.
  void set_date_resolver(EventDateResolver r) { date_resolver_ = std::move(r); }

  struct Index;  // precomputed pattern order and synset lookups (coder.cc)

 private:
  std::shared_ptr<const Dictionary> dict_;
  CoderOptions options_;
  std::unique_ptr<Index> index_;
  EventDateResolver date_resolver_;
  std::shared_ptr<const Parser> parser_;
};

// Reads `inputs` with the ingest readers, codes every article with `coder`
// on `threads` threads (0 = all cores) and calls `on_event` for each event in
// input order: the output is identical for any thread count. Batches of
// articles are coded in parallel and handed over in order. Rejects go to
// `on_reject`. Returns a non-OK Status only when reading cannot go on.
struct CodeRunStats {
  uint64_t articles = 0;
  uint64_t sentences = 0;
  uint64_t events = 0;
};
Status CodeInputs(const Coder& coder, const std::vector<std::string>& inputs,
                  const ReadOptions& read_options, const TextOptions& text_options, int threads,
                  const std::function<void(const CodedEvent&)>& on_event,
                  const std::function<void(const Reject&)>& on_reject,
                  CodeRunStats* stats = nullptr);

}  // namespace dyad

#endif  // DYAD_CODER_H_
