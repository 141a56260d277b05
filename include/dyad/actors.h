// Actor resolution: who is who across spellings, roles and documents.
//
// Three pieces, each usable alone:
//
//  * ActorRegistry: the actors the engine knows beyond the dictionary
//    (persons learned from role phrases), with every spelling seen, codes
//    with the date range they were seen in, and mention counts. An interface,
//    so the store can persist it; InMemoryActorRegistry is the reference
//    implementation, with a JSONL serialization (docs/actors.md).
//  * RoleInducer: reads role introductions ("Chinese Ambassador to Iran Cong
//    Peiwu", "Iraq's Parliament Speaker Mohammed al-Halbousi", "Foreign
//    Minister X of Y", "Y's defence chief, X", "X, a senior aide to President
//    Y") and proposes an actor code for the named person from the dictionary's
//    countries and agents (roles), with the sentence as evidence.
//  * ArticleResolver: walks one article's sentences in order, keeps the actors
//    mentioned so far, and gives every coder event's source and target an
//    actor id and canonical name; later mentions (bare surnames, "the Russian
//    envoy", "the speaker", pronouns) resolve to the most recent compatible
//    actor.
//
// Thread safety: RoleInducer and ArticleResolver are immutable after
// construction (const methods are thread-safe) except through the registry
// they are given; InMemoryActorRegistry is not synchronized (FindByName caches
// its answers): one thread at a time, or
// external locking.
#ifndef DYAD_ACTORS_H_
#define DYAD_ACTORS_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/date.h"
#include "dyad/dictionary.h"
#include "dyad/event.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

// ---------------------------------------------------------------------------
// Registry

enum class ActorSource : uint8_t { kDictionary, kLearned };
std::string_view ActorSourceName(ActorSource s);  // "dictionary" | "learned"

// One code of an actor and the span of article dates it was seen with
// (unknown dates leave the range empty).
struct ActorCodeSeen {
  std::string code;
  Date first;
  Date last;
};

struct ActorRecord {
  std::string id;    // "learned:cong-peiwu", "dict:data/dict/x.dyad:12"
  std::string name;  // canonical name (the first full form seen)
  ActorSource source = ActorSource::kLearned;
  std::vector<ActorCodeSeen> codes;    // first = the code the role gave
  std::vector<std::string> spellings;  // every distinct form seen, canonical first
  uint64_t mentions = 0;
  std::string role;            // the role words that introduced it ("ambassador")
  std::string evidence;        // the sentence that introduced it
  std::string evidence_where;  // "<article_id>#<sentence_index>"
};

// Storage of actor records. Implementations: InMemoryActorRegistry here; the
// SQLite store implements it as well. Calls return Status for I/O failures.
class ActorRegistry {
 public:
  virtual ~ActorRegistry() = default;
  // The record with `id`, or nullopt.
  virtual Result<std::optional<ActorRecord>> Get(std::string_view id) const = 0;
  // Inserts or replaces the record with the same id.
  virtual Status Put(const ActorRecord& record) = 0;
  // Every record, ordered by id.
  virtual Result<std::vector<ActorRecord>> List() const = 0;
  // Records having a spelling that name_match judges the same person as
  // `name` (any spelling variant), best score first. A bare surname matches
  // when `allow_surname` and it equals (by phonetic key) a record's last
  // name token.
  virtual Result<std::vector<ActorRecord>> FindByName(std::string_view name,
                                                      bool allow_surname) const = 0;
};

class InMemoryActorRegistry final : public ActorRegistry {
 public:
  InMemoryActorRegistry();
  ~InMemoryActorRegistry() override;
  Result<std::optional<ActorRecord>> Get(std::string_view id) const override;
  Status Put(const ActorRecord& record) override;
  Result<std::vector<ActorRecord>> List() const override;
  Result<std::vector<ActorRecord>> FindByName(std::string_view name,
                                              bool allow_surname) const override;
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One record as one JSON line (no newline); see docs/actors.md.
std::string ActorRecordToJson(const ActorRecord& record);
// The codes as one table cell: "IRNGOV 2013-08-03..2021-08-02; IRN".
std::string ActorCodesText(const ActorRecord& record);
// Parses one line written by ActorRecordToJson. InvalidArgument says what is
// wrong.
Result<ActorRecord> ActorRecordFromJson(std::string_view line);
// Writes every record of `registry`, one JSON line each.
Status WriteActorRegistry(const ActorRegistry& registry, std::ostream& out);
// Reads JSON lines into `registry`. A bad line is skipped and described in
// `warnings` as "<source>:<line>: what; line skipped". Returns the number of
// records read.
Result<size_t> ReadActorRegistry(std::istream& in, std::string_view source, ActorRegistry* registry,
                                 std::vector<std::string>* warnings);

// Learned records as a dictionary in dyad's format ([actors] section;
// docs/dictionary-dyad-format.md), each with its evidence as a comment.
std::string LearnedActorsAsDictionary(const std::vector<ActorRecord>& records);

// Stable id of a learned person: "learned:" + folded name with '-' for blanks.
std::string LearnedActorId(std::string_view name);

// True when `query` is empty, is contained in the record's name or one of its
// spellings (folded), names the same person as a spelling (name_match, any
// transliteration), or is a single token equal by phonetic key to a
// spelling's last token ("Halbusi" for "Mohammed al-Halbousi").
bool ActorMatchesName(const ActorRecord& record, std::string_view query);

// ---------------------------------------------------------------------------
// Role induction

struct InducedActor {
  std::string name;          // the person's name as written ("Cong Peiwu")
  std::string code;          // composed code ("CHNGOV")
  std::string role;          // the agent phrase as written ("Ambassador")
  std::string pattern;       // which construction: "country-role-name", ...
  uint32_t first_token = 0;  // the name's tokens in the sentence, [first, last)
  uint32_t last_token = 0;
  // Non-empty when the name is itself a dictionary actor: its dictionary
  // code. The dictionary wins; a different `code` is a conflict to report.
  std::string dictionary_code;
  uint32_t span_first = 0;  // the whole introduction (role and name), [first, last)
  uint32_t span_last = 0;
};

class RoleInducer {
 public:
  // `dict` supplies the vocabulary: actor phrases with a 3-letter country
  // code and agents (roles). Usually the default dictionary.
  explicit RoleInducer(std::shared_ptr<const Dictionary> dict);

  // The persons introduced by a role in `sentence`, in token order. `date`
  // resolves date-restricted country codes. Names that are themselves
  // dictionary actors come back with `dictionary_code` set.
  // `known` (may be null) supplies the codes of learned persons named in
  // "X, a senior aide to President Y" when Y is no dictionary actor.
  std::vector<InducedActor> Induce(const Sentence& sentence, const Date& date,
                                   const ActorRegistry* known = nullptr) const;

  const Dictionary& dictionary() const { return *dict_; }

 private:
  std::shared_ptr<const Dictionary> dict_;
};

// ---------------------------------------------------------------------------
// Within-document resolution

// One actor mention found in a sentence.
struct ActorMention {
  uint32_t sentence = 0;
  uint32_t first_token = 0;  // [first, last) in the sentence's tokens
  uint32_t last_token = 0;
  uint32_t begin = 0;  // byte offsets in Article::text
  uint32_t end = 0;
  std::string text;
  // The words naming the actor: the name part of a role introduction ("Cong
  // Peiwu"), else `text`. ActorTally records these as spellings.
  std::string spelling;
  // How it was read: "dictionary", "learned" (role introduction), "registry"
  // (a known learned name), "surname", "role" ("the Russian envoy"),
  // "pronoun", "agent" (a role with no country and no antecedent).
  std::string how;
  std::string code;
  std::string actor_id;  // "" when unresolved
  std::string name;      // canonical name of actor_id
};

// A problem noticed while resolving: a learned actor conflicting with a
// dictionary entry or an earlier learned code.
struct ActorConflict {
  std::string actor_id;
  std::string what;  // "<article_id>#<sentence>: ..."
};

struct ArticleActors {
  std::vector<ActorMention> mentions;  // in text order
  std::vector<ActorConflict> conflicts;
  std::vector<std::string> learned_ids;  // actors first learned in this article
};

struct ResolverOptions {
  // Pronouns and role descriptions look back at most this many sentences.
  uint32_t max_sentence_distance = 6;
  // Learn role-introduced persons into the registry.
  bool learn = true;
};

class ArticleResolver {
 public:
  // `registry` may be null (nothing remembered across articles); it must
  // outlive the resolver.
  ArticleResolver(std::shared_ptr<const Dictionary> dict, ActorRegistry* registry,
                  ResolverOptions options = {});

  // Resolves the mentions of one article. `sentences` are the article's
  // analyzed sentences (AnalyzeText); `events` are the coder's events for
  // the article: each source/target whose offsets overlap a mention gets the
  // mention's actor_id and canonical name (and its code when the coder had
  // none or a pronoun/agent-only code). Fails only when the registry does.
  Result<ArticleActors> Resolve(const Article& article, const std::vector<Sentence>& sentences,
                                std::vector<CodedEvent>* events) const;

 private:
  std::shared_ptr<const Dictionary> dict_;
  RoleInducer inducer_;
  ActorRegistry* registry_;
  ResolverOptions options_;
};

// ---------------------------------------------------------------------------
// Listing actors across articles

// Accumulates resolved mentions of many articles: one record per actor id
// with every spelling seen, each code with the dates it was seen, and the
// mention count. Not thread-safe.
class ActorTally {
 public:
  void Add(const ArticleActors& actors, const Date& article_date);
  // Records ordered by id. Learned records take role and evidence from
  // `registry` (may be null).
  Result<std::vector<ActorRecord>> Records(const ActorRegistry* registry) const;

 private:
  std::vector<ActorRecord> records_;  // kept sorted by id
};

// Reads `dyad code --format jsonl` output (fields article_id, date,
// sentence_index, sentence; one line per event, articles contiguous),
// rebuilds each article's coded sentences, resolves them with `resolver`
// and adds the mentions to `tally`. A bad line is skipped and described in
// `warnings` as "<source>:<line>: what; line skipped". Returns the number of
// articles read.
Result<size_t> TallyCodeOutput(std::istream& in, std::string_view source,
                               const ArticleResolver& resolver, ActorTally* tally,
                               std::vector<std::string>* warnings);

// ---------------------------------------------------------------------------
// Coding and resolving together

// Codes the already-analyzed `sentences` of `article` (AnalyzeText) exactly
// as Coder::CodeArticle codes the article (dateline skipped, story-level
// discards, codebook fields, event dates from `date_resolver` when set), so a
// caller that also resolves actors runs the text stage once. Returns the
// number of sentences looked at. Thread-safe as Coder::CodeArticle is.
size_t CodeAnalyzedArticle(const Coder& coder, const Article& article,
                           const std::vector<Sentence>& sentences,
                           const EventDateResolver& date_resolver, CoderScratch* scratch,
                           std::vector<CodedEvent>* out);

// ArticleResolver::Resolve, except that each ActorRef keeps the name the coder
// gave it (the dictionary phrase that matched): the resolved actor's
// canonical name goes to ActorRef::actor_name only. Output columns that
// existed before resolution keep their values.
Result<ArticleActors> ResolveKeepingCoderNames(const ArticleResolver& resolver,
                                               const Article& article,
                                               const std::vector<Sentence>& sentences,
                                               std::vector<CodedEvent>* events);

// A resolver conflict as a non-fatal reject at the article's file:line:
// "actor conflict: <what>".
Reject ActorConflictWarning(const Article& article, const ActorConflict& conflict);

struct CodeResolveStats {
  uint64_t articles = 0;
  uint64_t sentences = 0;
  uint64_t events = 0;
  uint64_t resolved_slots = 0;  // event sources and targets given an actor id
  uint64_t conflicts = 0;       // reported to on_reject as warnings
};

// CodeInputs (include/dyad/coder.h) with actor resolution: each article is
// analyzed once, coded on `threads` workers (0 = all cores) and resolved by
// `resolver` on the calling thread in input order, so its registry is shared
// across articles and the output is identical for any thread count. Events
// reach `on_event` with ActorRef::actor_id and name filled where resolved.
// Conflicts go to `on_reject` as warnings (fatal = false). Non-OK when
// reading cannot go on or the resolver's registry fails.
Status CodeAndResolveInputs(const Coder& coder, const ArticleResolver& resolver,
                            const std::vector<std::string>& inputs,
                            const ReadOptions& read_options, const TextOptions& text_options,
                            int threads, const EventDateResolver& date_resolver,
                            const std::function<void(const CodedEvent&)>& on_event,
                            const std::function<void(const Reject&)>& on_reject,
                            CodeResolveStats* stats = nullptr);

// ---------------------------------------------------------------------------
// Evaluation on ConfliBERT's cameo_ner (BIO-tagged sentences, "word TAG"
// lines, blank line between sentences; tags B-/I- S source, T target, R
// other actor, O).

struct SpanScore {
  size_t gold = 0;
  size_t predicted = 0;
  size_t exact = 0;         // predicted spans equal to a gold span
  size_t overlap_pred = 0;  // predicted spans overlapping some gold span
  size_t overlap_gold = 0;  // gold spans overlapping some predicted span
  double ExactPrecision() const;
  double ExactRecall() const;
  double OverlapPrecision() const;
  double OverlapRecall() const;
};

struct NerEvalReport {
  size_t sentences = 0;
  size_t rejected_lines = 0;
  std::vector<std::string> warnings;  // "path:line: what was done"
  SpanScore any;                      // every gold span (S, T, R) vs every actor mention found
  SpanScore source;                   // gold S vs coder event sources
  SpanScore target;                   // gold T vs coder event targets
  // Coded events by orientation against the gold spans: source overlaps a
  // gold source and target a gold target (right way round), the reverse, or
  // neither.
  size_t events = 0, events_oriented = 0, events_reversed = 0;
  std::string Summary() const;
};

// Reads `files` (cameo_ner train.txt / test.txt), codes each sentence with
// the default-dictionary coder `dict` and the resolver's mention finder, and
// scores spans. With `parser`, the coder reads subjects and objects from the
// parse (CoderOptions::syntax). NotFound names a missing file.
Result<NerEvalReport> EvaluateCameoNer(const std::vector<std::string>& files,
                                       std::shared_ptr<const Dictionary> dict,
                                       std::shared_ptr<const Parser> parser = nullptr);

}  // namespace dyad

#endif  // DYAD_ACTORS_H_
