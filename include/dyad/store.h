// The event store: articles, sentences, coded events and their mentions in
// one SQLite database, with merged events (several reports of one real-world
// event) and full-text search. The schema and its migrations are written up
// in docs/store-schema.md.
//
// Guarantees:
//  * An article is committed atomically with its sentences, mentions and the
//    merged events they create or join (one transaction per batch of whole
//    articles). Killing the process at any moment leaves a consistent database;
//    re-running the same ingest completes it with nothing duplicated or lost.
//  * Re-ingesting an article (same id, or same normalized-text hash) changes
//    nothing.
//  * Merging is deterministic: the same inputs in the same order give the same
//    database, however the work was split across runs and threads.
//
// Thread safety: an EventStore belongs to one thread at a time. Several
// processes may read one database while one writes (WAL mode).
#ifndef DYAD_STORE_H_
#define DYAD_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/date.h"
#include "dyad/event.h"
#include "dyad/ingest.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

namespace sql {
class Db;
}

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kStoreSchemaVersion = 3;

struct StoreOpenOptions {
  bool read_only = false;  // queries: never creates or migrates
  // Migrate a writable database up to this version (tests use lower ones).
  int target_version = kStoreSchemaVersion;
};

// When two reports are the same real-world event (docs/store-schema.md).
struct MergeOptions {
  // Day-precise dates within this many days of each other are compatible.
  // A month-precise date covers its whole month (plus the window).
  int window_days = 1;
  // Minimum Jaccard similarity of the two sentences' content words.
  double min_similarity = 0.1;
  // Near-duplicate copies: estimated Jaccard of word 4-shingles at or above this.
  double copy_threshold = 0.8;
};

// One article after the text stage and the coder: what gets stored.
struct ProcessedArticle {
  Article article;
  std::string text_hash;  // hex of the normalized text's hash; "" for empty text
  std::vector<std::pair<uint32_t, uint32_t>> sentences;  // byte spans in article.text
  std::vector<CodedEvent> events;
  std::vector<uint64_t> minhash;  // copy-detection signature (empty: too short to compare)
  // The text stage's sentences (tokens included), kept for actor resolution
  // when the article is stored; empty: no resolution for this article.
  std::vector<Sentence> text_sentences;
};

// Lowercase, whitespace-collapsed text, hashed (64-bit FNV-1a) as 16 hex digits.
// Two texts that differ only in case and spacing have the same hash.
std::string NormalizedTextHash(std::string_view text);

// Runs the text stage once and codes its sentences (CodeAnalyzedArticle),
// dating events with the time stage (ResolveEventDate); the sentences stay in
// `text_sentences` for actor resolution.
ProcessedArticle ProcessArticle(Article article, const Coder& coder,
                                const TextOptions& text_options, CoderScratch* scratch);

// Installs the time stage (include/dyad/event_date.h) as the coder's event-date
// hook: each event's date is resolved from its sentence against the article date.
void InstallEventDateResolver(Coder* coder);

struct IngestStats {
  uint64_t articles_read = 0;
  uint64_t rejected = 0;    // fatal rejects from the readers
  uint64_t duplicates = 0;  // already stored (same id or same text hash)
  uint64_t articles_stored = 0;
  uint64_t copies = 0;  // stored articles found to be near-duplicates of stored ones
  uint64_t sentences = 0;
  uint64_t mentions = 0;       // coded events stored
  uint64_t new_events = 0;     // merged events created
  uint64_t joined_events = 0;  // mentions that joined an existing merged event
  uint64_t actor_mentions = 0;   // resolved actor mentions stored
  uint64_t resolved_slots = 0;   // event sources/targets given an actor id
  uint64_t actors_learned = 0;   // persons first learned from a role introduction
  uint64_t actor_conflicts = 0;  // reported through the warning callback
  double seconds = 0;
};

// One actor as stored: the registry record (mentions = resolved mentions in
// stored articles; codes with the span of article dates they were seen on;
// spellings in the order first seen) with per-spelling mention counts and
// the number of stored events (mentions rows) naming it as source or target.
struct StoredActor {
  ActorRecord record;
  std::vector<uint64_t> spelling_counts;  // parallel to record.spellings
  uint64_t events = 0;
};

class EventStore {
 public:
  // Opens or creates the database at `path`, in WAL mode, migrating a writable
  // one to options.target_version. A database written by a newer dyad is
  // refused (Unsupported) rather than misread.
  static Result<std::unique_ptr<EventStore>> Open(const std::string& path,
                                                  const StoreOpenOptions& options = {});
  ~EventStore();
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // PRAGMA user_version.
  Result<int> SchemaVersion() const;

  // True when an article with this id or this (non-empty) text hash is stored.
  Result<bool> HasArticle(const std::string& id, const std::string& text_hash) const;

  // Stores whole articles in one transaction: each article with its sentences
  // and mentions, merged into events. Articles already stored are skipped and
  // counted in stats->duplicates. On error nothing of the batch is stored.
  Status AddArticles(std::vector<ProcessedArticle>* batch, const MergeOptions& merge,
                     IngestStats* stats);

  // From now on AddArticles resolves the actors of every article it stores
  // (ArticleResolver over `dict`, usually the coder's dictionary) with the
  // store's own registry of learned actors, so an article resolves names
  // learned from earlier ones, across runs. Fills ActorRef::actor_id/name of
  // the events, merges on actor ids, and counts mentions, spellings and codes
  // in the actor tables, in the article's transaction.
  Status EnableActorResolution(std::shared_ptr<const Dictionary> dict,
                               ResolverOptions options = {});
  // Receives resolver conflicts (a learned code against the dictionary or an
  // earlier code) as non-fatal rejects at the article's file:line; they are
  // also kept in the actor_conflicts table.
  void set_on_warning(std::function<void(const Reject&)> fn);

  // Every actor in the actor tables, ordered by id.
  Result<std::vector<StoredActor>> Actors() const;

  // Number of merged events stored.
  Result<int64_t> MergedEventCount() const;

  // Every table's rows in a fixed order, one line per row: two databases hold
  // the same data exactly when their dumps are equal (used by the kill -9 test).
  Result<std::string> CanonicalDump() const;

  const sql::Db& db() const;

 private:
  struct Impl;
  explicit EventStore(std::unique_ptr<Impl> impl);
  Status AddArticlesInTransaction(std::vector<ProcessedArticle>* batch, const MergeOptions& merge,
                                  IngestStats* stats, std::vector<Reject>* warnings);
  std::unique_ptr<Impl> impl_;
};

struct IngestProgress {
  uint64_t articles_read = 0;
  uint64_t articles_stored = 0;
  double seconds = 0;
};

struct IngestOptions {
  int threads = 0;                   // coding threads; 0 = all cores
  size_t batch_articles = 32;        // articles per transaction
  std::optional<Date> default_date;  // for articles with no publication date
  TextOptions text;
  MergeOptions merge;
  // Resolve actors with the coder's dictionary (EventStore::EnableActorResolution).
  bool resolve_actors = true;
  std::function<void(const IngestProgress&)> on_progress;  // after each committed batch
};

// Reads `inputs`, codes every article with `coder` (installs the event-date
// resolver on it) and stores them in input order. Articles already stored are
// skipped before coding. Rejects go to `on_reject`. Non-OK only when reading
// or the database cannot go on; what was committed before stays committed.
Status IngestInputs(EventStore* store, Coder* coder, const std::vector<std::string>& inputs,
                    const ReadOptions& read_options, const IngestOptions& options,
                    const std::function<void(const Reject&)>& on_reject, IngestStats* stats);

}  // namespace dyad

#endif  // DYAD_STORE_H_
