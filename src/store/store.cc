// EventStore: writing articles, mentions and merged events (include/dyad/store.h).
#include "dyad/store.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_set>

#include "dyad/story.h"
#include "store/actor_store.h"
#include "store/merge.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace dyad {

std::string NormalizedTextHash(std::string_view text) {
  uint64_t h = 1469598103934665603ull;
  bool pending_space = false, any = false;
  auto feed = [&](unsigned char c) {
    h ^= c;
    h *= 1099511628211ull;
  };
  for (unsigned char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = any;
      continue;
    }
    if (pending_space) feed(' ');
    pending_space = false;
    any = true;
    feed(static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
  }
  if (!any) return "";
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016" PRIx64, h);
  return buf;
}

struct EventStore::Impl {
  sql::Db db;
  sql::Stmt has_article, insert_article, insert_lsh, find_lsh, get_minhash, get_source_key,
      insert_sentence, find_events_dated, find_events_undated, find_actor_events_dated,
      find_actor_events_undated, insert_event, insert_mention, update_counts, fill_actor_ids,
      insert_conflict, add_counter, min_counter, max_counter, add_dyad_count, add_root_count;
  // Actor resolution (EnableActorResolution); null until enabled.
  std::unique_ptr<store::SqliteActorRegistry> registry;
  std::unique_ptr<ArticleResolver> resolver;
  std::function<void(const Reject&)> on_warning;
};

EventStore::EventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventStore::~EventStore() = default;
const sql::Db& EventStore::db() const { return impl_->db; }

Result<std::unique_ptr<EventStore>> EventStore::Open(const std::string& path,
                                                     const StoreOpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  DYAD_ASSIGN_OR_RETURN(impl->db, sql::Db::Open(path, options.read_only));
  const sql::Db& db = impl->db;
  if (options.read_only) {
    DYAD_ASSIGN_OR_RETURN(int64_t v, db.QueryInt("PRAGMA user_version"));
    if (v == 0)
      return Status::NotFound(path +
                              ": not a dyad database (no schema); create it with "
                              "'dyad ingest --db " +
                              path + " INPUT...'");
    if (v > kStoreSchemaVersion)
      return Status::Unsupported(path + ": database schema version " + std::to_string(v) +
                                 " is newer than this dyad (" +
                                 std::to_string(kStoreSchemaVersion) + "); use a newer dyad");
    if (v < kStoreSchemaVersion)
      return Status::Unsupported(path + ": database schema version " + std::to_string(v) +
                                 " is older than this dyad's (" +
                                 std::to_string(kStoreSchemaVersion) + "); run 'dyad ingest --db " +
                                 path + "' once to migrate it");
    return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));
  }
  // WAL: readers never block the writer, and a killed writer leaves the last
  // committed transaction intact. synchronous=NORMAL is durable against a
  // process crash (kill -9); only a power loss can drop the last commits.
  DYAD_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  DYAD_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
  DYAD_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  DYAD_RETURN_IF_ERROR(store::Migrate(db, options.target_version));
  if (options.target_version < kStoreSchemaVersion)  // tests of old versions: no statements
    return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));

  Impl& m = *impl;
  DYAD_ASSIGN_OR_RETURN(m.has_article,
                        db.Prepare("SELECT 1 FROM articles WHERE article_key = ?1 UNION ALL "
                                   "SELECT 1 FROM articles WHERE text_hash = ?2 LIMIT 1"));
  DYAD_ASSIGN_OR_RETURN(
      m.insert_article,
      db.Prepare("INSERT INTO articles (article_key, text_hash, outlet, url, title, byline, "
                 "dateline, published, published_precision, pub_day, language, text, "
                 "source_path, source_line, copy_of, source_key, minhash) VALUES "
                 "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)"));
  DYAD_ASSIGN_OR_RETURN(m.insert_lsh,
                        db.Prepare("INSERT OR IGNORE INTO article_lsh (bucket, article_id) "
                                   "VALUES (?1, ?2)"));
  DYAD_ASSIGN_OR_RETURN(m.find_lsh,
                        db.Prepare("SELECT DISTINCT article_id FROM article_lsh WHERE bucket "
                                   "IN (SELECT value FROM json_each(?1)) ORDER BY article_id"));
  DYAD_ASSIGN_OR_RETURN(m.get_minhash,
                        db.Prepare("SELECT minhash, copy_of FROM articles WHERE id = ?1"));
  DYAD_ASSIGN_OR_RETURN(m.get_source_key,
                        db.Prepare("SELECT source_key FROM articles WHERE id = ?1"));
  DYAD_ASSIGN_OR_RETURN(m.insert_sentence,
                        db.Prepare("INSERT INTO sentences (article_id, idx, begin, end) "
                                   "VALUES (?1, ?2, ?3, ?4)"));
  DYAD_ASSIGN_OR_RETURN(
      m.find_events_dated,
      db.Prepare("SELECT id, source_actor_id, target_actor_id, date, date_precision, sentence "
                 "FROM events WHERE source_code = ?1 AND target_code = ?2 AND root_code = ?3 "
                 "AND day_lo <= ?5 AND day_lo >= ?6 AND day_hi >= ?4 ORDER BY id"));
  DYAD_ASSIGN_OR_RETURN(
      m.find_events_undated,
      db.Prepare("SELECT id, source_actor_id, target_actor_id, date, date_precision, sentence "
                 "FROM events WHERE source_code = ?1 AND target_code = ?2 AND root_code = ?3 "
                 "AND day_lo IS NULL AND date = ?4 AND date_precision = ?5 "
                 "AND (?5 <> 'unknown' OR first_article = ?7) ORDER BY id"));
  // Keyed on resolved actor ids when both are known (issue 6: "same actors
  // after resolution"); codes may then differ ("the speaker" coded LEG).
  DYAD_ASSIGN_OR_RETURN(
      m.find_actor_events_dated,
      db.Prepare("SELECT id, source_actor_id, target_actor_id, date, date_precision, sentence "
                 "FROM events WHERE source_actor_id = ?1 AND target_actor_id = ?2 AND "
                 "root_code = ?3 AND day_lo <= ?5 AND day_lo >= ?6 AND day_hi >= ?4 ORDER BY id"));
  DYAD_ASSIGN_OR_RETURN(
      m.find_actor_events_undated,
      db.Prepare("SELECT id, source_actor_id, target_actor_id, date, date_precision, sentence "
                 "FROM events WHERE source_actor_id = ?1 AND target_actor_id = ?2 AND "
                 "root_code = ?3 AND day_lo IS NULL AND date = ?4 AND date_precision = ?5 "
                 "AND (?5 <> 'unknown' OR first_article = ?7) ORDER BY id"));
  DYAD_ASSIGN_OR_RETURN(
      m.insert_conflict,
      db.Prepare("INSERT INTO actor_conflicts (actor_id, article_id, what) VALUES (?1, ?2, ?3)"));
  DYAD_ASSIGN_OR_RETURN(
      m.add_counter, db.Prepare("INSERT INTO counters (name, value) VALUES (?1, ?2) ON CONFLICT "
                                "(name) DO UPDATE SET value = COALESCE(value, 0) + ?2"));
  DYAD_ASSIGN_OR_RETURN(
      m.min_counter, db.Prepare("INSERT INTO counters (name, value) VALUES (?1, ?2) ON CONFLICT "
                                "(name) DO UPDATE SET value = MIN(COALESCE(value, ?2), ?2)"));
  DYAD_ASSIGN_OR_RETURN(
      m.max_counter, db.Prepare("INSERT INTO counters (name, value) VALUES (?1, ?2) ON CONFLICT "
                                "(name) DO UPDATE SET value = MAX(COALESCE(value, ?2), ?2)"));
  DYAD_ASSIGN_OR_RETURN(
      m.add_dyad_count,
      db.Prepare("INSERT INTO dyad_counts (source_code, target_code, n) VALUES (?1, ?2, 1) "
                 "ON CONFLICT (source_code, target_code) DO UPDATE SET n = n + 1"));
  DYAD_ASSIGN_OR_RETURN(
      m.add_root_count,
      db.Prepare("INSERT INTO root_counts (root_code, n) VALUES (?1, 1) "
                 "ON CONFLICT (root_code) DO UPDATE SET n = n + 1"));
  DYAD_ASSIGN_OR_RETURN(
      m.insert_event,
      db.Prepare("INSERT INTO events (source_code, source_name, source_actor_id, target_code, "
                 "target_name, target_actor_id, code, root_code, quad_class, goldstein, date, "
                 "date_precision, day_lo, day_hi, sentence, first_article, num_mentions, "
                 "num_articles, num_sources, source_actor, target_actor) VALUES "
                 "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,0,0,0,?17,?18)"));
  DYAD_ASSIGN_OR_RETURN(
      m.insert_mention,
      db.Prepare("INSERT INTO mentions (event_id, mention_key, article_id, sentence_index, "
                 "sentence_begin, sentence_end, sentence, source_code, source_name, "
                 "source_text, source_begin, source_end, target_code, target_name, "
                 "target_text, target_begin, target_end, code, date, date_precision, "
                 "date_phrase, rule, issues, source_actor_id, target_actor_id) VALUES "
                 "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,"
                 "?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25)"));
  DYAD_ASSIGN_OR_RETURN(
      m.update_counts,
      db.Prepare("UPDATE events SET "
                 "num_mentions = (SELECT COUNT(*) FROM mentions WHERE event_id = ?1), "
                 "num_articles = (SELECT COUNT(DISTINCT article_id) FROM mentions "
                 "WHERE event_id = ?1), "
                 "num_sources = (SELECT COUNT(DISTINCT a.source_key) FROM mentions m "
                 "JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1) "
                 "WHERE id = ?1"));
  DYAD_ASSIGN_OR_RETURN(
      m.fill_actor_ids,
      db.Prepare(
          "UPDATE events SET "
          "source_actor = CASE WHEN source_actor_id = '' THEN ?4 ELSE source_actor END, "
          "target_actor = CASE WHEN target_actor_id = '' THEN ?5 ELSE target_actor END, "
          "source_actor_id = CASE WHEN source_actor_id = '' THEN ?2 ELSE source_actor_id END, "
          "target_actor_id = CASE WHEN target_actor_id = '' THEN ?3 ELSE target_actor_id END "
          "WHERE id = ?1"));
  return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));
}

Status EventStore::EnableActorResolution(std::shared_ptr<const Dictionary> dict,
                                         ResolverOptions options) {
  if (!dict) return Status::InvalidArgument("actor resolution needs a dictionary");
  DYAD_ASSIGN_OR_RETURN(int v, SchemaVersion());
  if (v < 3)
    return Status::Unsupported(impl_->db.path() + ": schema version " + std::to_string(v) +
                               " has no actor tables");
  DYAD_ASSIGN_OR_RETURN(impl_->registry, store::SqliteActorRegistry::Make(&impl_->db));
  impl_->resolver = std::make_unique<ArticleResolver>(std::move(dict), impl_->registry.get(), options);
  return Status::Ok();
}

void EventStore::set_on_warning(std::function<void(const Reject&)> fn) {
  impl_->on_warning = std::move(fn);
}

Result<std::vector<StoredActor>> EventStore::Actors() const {
  return store::ReadStoredActors(impl_->db);
}

Result<int> EventStore::SchemaVersion() const {
  DYAD_ASSIGN_OR_RETURN(int64_t v, impl_->db.QueryInt("PRAGMA user_version"));
  return static_cast<int>(v);
}

Result<int64_t> EventStore::MergedEventCount() const {
  return impl_->db.QueryInt("SELECT COUNT(*) FROM events");
}

Result<bool> EventStore::HasArticle(const std::string& id, const std::string& text_hash) const {
  sql::Stmt& st = impl_->has_article;
  st.Bind(1, id);
  if (text_hash.empty())
    st.BindNull(2);
  else
    st.Bind(2, text_hash);
  Result<bool> row = st.Step();
  st.Reset();
  return row;
}

namespace {

// Candidate buckets of a signature: one per band of kMinHashRows values.
constexpr size_t kMinHashRows = 4;

std::vector<int64_t> LshBuckets(const std::vector<uint64_t>& sig) {
  std::vector<int64_t> out;
  for (size_t b = 0; b + kMinHashRows <= sig.size(); b += kMinHashRows) {
    uint64_t h = 1469598103934665603ull ^ b;
    for (size_t i = b; i < b + kMinHashRows; ++i) {
      h ^= sig[i];
      h *= 1099511628211ull;
      h ^= h >> 29;
    }
    out.push_back(static_cast<int64_t>(h >> 1));  // non-negative, fits SQLite's int64
  }
  return out;
}

double SignatureJaccard(const std::vector<uint64_t>& a, std::string_view blob) {
  if (blob.size() != a.size() * sizeof(uint64_t) || a.empty()) return 0;
  size_t same = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t v;
    std::memcpy(&v, blob.data() + i * sizeof v, sizeof v);
    if (v == a[i]) ++same;
  }
  return static_cast<double>(same) / static_cast<double>(a.size());
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

std::string JoinIssues(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += ';';
    out += s;
  }
  return out;
}

}  // namespace

Status EventStore::AddArticles(std::vector<ProcessedArticle>* batch, const MergeOptions& merge,
                               IngestStats* stats) {
  std::vector<Reject> warnings;
  Status s = AddArticlesInTransaction(batch, merge, stats, &warnings);
  if (!s.ok()) {
    // The batch rolled back: so did what the resolver taught the registry.
    if (impl_->registry) impl_->registry->Reload().IgnoreError();
    return s;
  }
  if (impl_->on_warning)
    for (const Reject& r : warnings) impl_->on_warning(r);
  return s;
}

Status EventStore::AddArticlesInTransaction(std::vector<ProcessedArticle>* batch,
                                            const MergeOptions& merge, IngestStats* stats,
                                            std::vector<Reject>* warnings) {
  Impl& m = *impl_;
  IngestStats local;
  IngestStats& st = stats ? *stats : local;
  IngestStats delta;
  uint64_t undated_new = 0;
  DYAD_ASSIGN_OR_RETURN(sql::Transaction tx, sql::Transaction::Begin(&m.db));
  for (ProcessedArticle& p : *batch) {
    const Article& a = p.article;
    DYAD_ASSIGN_OR_RETURN(bool dup, HasArticle(a.id, p.text_hash));
    if (dup) {
      ++delta.duplicates;
      continue;
    }
    // Near-duplicate copy of a stored article?
    int64_t copy_of = 0;
    std::vector<int64_t> buckets = LshBuckets(p.minhash);
    if (!buckets.empty()) {
      std::string json = "[";
      for (size_t i = 0; i < buckets.size(); ++i)
        json += (i ? "," : "") + std::to_string(buckets[i]);
      json += "]";
      m.find_lsh.Bind(1, json);
      std::vector<int64_t> cands;
      for (;;) {
        Result<bool> row = m.find_lsh.Step();
        if (!row.ok()) {
          m.find_lsh.Reset();
          return row.status();
        }
        if (!*row) break;
        cands.push_back(m.find_lsh.Int(0));
      }
      m.find_lsh.Reset();
      double best = -1;
      for (int64_t c : cands) {
        m.get_minhash.Bind(1, c);
        Result<bool> row = m.get_minhash.Step();
        if (!row.ok()) {
          m.get_minhash.Reset();
          return row.status();
        }
        if (*row) {
          double j = SignatureJaccard(p.minhash, m.get_minhash.Blob(0));
          if (j >= merge.copy_threshold && j > best) {
            best = j;
            copy_of = m.get_minhash.IsNull(1) ? c : m.get_minhash.Int(1);
          }
        }
        m.get_minhash.Reset();
      }
    }
    std::string source_key;
    if (copy_of) {
      m.get_source_key.Bind(1, copy_of);
      Result<bool> row = m.get_source_key.Step();
      if (row.ok() && *row) source_key = std::string(m.get_source_key.Text(0));
      m.get_source_key.Reset();
      if (!row.ok()) return row.status();
      ++delta.copies;
    }
    if (source_key.empty())
      source_key = a.outlet.empty() ? "article:" + a.id : "outlet:" + ToLowerAscii(a.outlet);

    sql::Stmt& ins = m.insert_article;
    ins.Bind(1, a.id);
    if (p.text_hash.empty())
      ins.BindNull(2);
    else
      ins.Bind(2, p.text_hash);
    ins.Bind(3, a.outlet).Bind(4, a.url).Bind(5, a.title).Bind(6, a.byline).Bind(7, a.dateline);
    ins.Bind(8, a.published.ToString()).Bind(9, DatePrecisionName(a.published.precision));
    if (a.published.precision == DatePrecision::kDay)
      ins.Bind(10, static_cast<int64_t>(a.published.DaysSinceEpoch()));
    else
      ins.BindNull(10);
    ins.Bind(11, a.language).Bind(12, a.text).Bind(13, a.source.path).Bind(14, a.source.line);
    if (copy_of)
      ins.Bind(15, copy_of);
    else
      ins.BindNull(15);
    ins.Bind(16, source_key);
    if (p.minhash.empty())
      ins.BindNull(17);
    else
      ins.BindBlob(17, p.minhash.data(), p.minhash.size() * sizeof(uint64_t));
    DYAD_RETURN_IF_ERROR(ins.Run());
    const int64_t aid = sqlite3_last_insert_rowid(m.db.get());
    for (int64_t b : buckets) DYAD_RETURN_IF_ERROR(m.insert_lsh.Bind(1, b).Bind(2, aid).Run());
    for (size_t i = 0; i < p.sentences.size(); ++i) {
      DYAD_RETURN_IF_ERROR(m.insert_sentence.Bind(1, aid)
                               .Bind(2, static_cast<int64_t>(i))
                               .Bind(3, static_cast<int64_t>(p.sentences[i].first))
                               .Bind(4, static_cast<int64_t>(p.sentences[i].second))
                               .Run());
    }
    delta.sentences += p.sentences.size();
    ++delta.articles_stored;

    // Actors: resolved in input order against everything stored before.
    if (m.resolver && !p.text_sentences.empty()) {
      DYAD_ASSIGN_OR_RETURN(ArticleActors aa, ResolveKeepingCoderNames(*m.resolver, a,
                                                                       p.text_sentences,
                                                                       &p.events));
      for (const ActorMention& am : aa.mentions) {
        if (am.actor_id.empty()) continue;
        DYAD_RETURN_IF_ERROR(m.registry->TallyMention(am, a.published));
        ++delta.actor_mentions;
      }
      delta.actors_learned += aa.learned_ids.size();
      for (const ActorConflict& c : aa.conflicts) {
        DYAD_RETURN_IF_ERROR(
            m.insert_conflict.Bind(1, c.actor_id).Bind(2, aid).Bind(3, c.what).Run());
        warnings->push_back(ActorConflictWarning(a, c));
        ++delta.actor_conflicts;
      }
      p.text_sentences.clear();
    }

    for (const CodedEvent& e : p.events) {
      store::DayRange range = store::DayRangeOf(e.date);
      std::vector<std::string> words = store::ContentWords(e.sentence);
      // Candidates: same actors (resolved ids when both are known, else
      // codes), same root code, compatible dates.
      const bool by_ids = !e.source.actor_id.empty() && !e.target.actor_id.empty();
      sql::Stmt& find = by_ids ? (range.known ? m.find_actor_events_dated
                                              : m.find_actor_events_undated)
                               : (range.known ? m.find_events_dated : m.find_events_undated);
      if (by_ids)
        find.Bind(1, e.source.actor_id).Bind(2, e.target.actor_id).Bind(3, e.root_code);
      else
        find.Bind(1, e.source.code).Bind(2, e.target.code).Bind(3, e.root_code);
      if (range.known) {
        find.Bind(4, range.lo - merge.window_days).Bind(5, range.hi + merge.window_days);
        // day_lo >= lo - window - 31 keeps the index range bounded: no stored
        // range is longer than a month.
        find.Bind(6, range.lo - merge.window_days - 31);
      } else {
        // Undated reports merge only within their own article: without a date
        // nothing says two articles describe the same occurrence.
        find.Bind(4, e.date.ToString()).Bind(5, DatePrecisionName(e.date.precision)).Bind(7, aid);
      }
      int64_t event_id = 0;
      double best = -1;
      for (;;) {
        Result<bool> row = find.Step();
        if (!row.ok()) {
          find.Reset();
          return row.status();
        }
        if (!*row) break;
        std::string_view src_id = find.Text(1), tgt_id = find.Text(2);
        if (!e.source.actor_id.empty() && !src_id.empty() && src_id != e.source.actor_id) continue;
        if (!e.target.actor_id.empty() && !tgt_id.empty() && tgt_id != e.target.actor_id) continue;
        double sim = store::WordJaccard(words, store::ContentWords(find.Text(5)));
        if (sim >= merge.min_similarity && sim > best) {
          best = sim;
          event_id = find.Int(0);
        }
      }
      find.Reset();
      if (event_id == 0) {
        sql::Stmt& ev = m.insert_event;
        ev.Bind(1, e.source.code).Bind(2, e.source.name).Bind(3, e.source.actor_id);
        ev.Bind(4, e.target.code).Bind(5, e.target.name).Bind(6, e.target.actor_id);
        ev.Bind(7, e.code).Bind(8, e.root_code).Bind(9, e.quad_class).Bind(10, e.goldstein);
        ev.Bind(11, e.date.ToString()).Bind(12, DatePrecisionName(e.date.precision));
        if (range.known)
          ev.Bind(13, range.lo).Bind(14, range.hi);
        else
          ev.BindNull(13).BindNull(14);
        ev.Bind(15, e.sentence).Bind(16, aid);
        ev.Bind(17, e.source.actor_name);
        ev.Bind(18, e.target.actor_name);
        DYAD_RETURN_IF_ERROR(ev.Run());
        event_id = sqlite3_last_insert_rowid(m.db.get());
        ++delta.new_events;
        if (range.known) {
          DYAD_RETURN_IF_ERROR(m.min_counter.Bind(1, "first_day").Bind(2, range.lo).Run());
          DYAD_RETURN_IF_ERROR(m.max_counter.Bind(1, "last_day").Bind(2, range.hi).Run());
        } else {
          ++undated_new;
        }
        DYAD_RETURN_IF_ERROR(
            m.add_dyad_count.Bind(1, e.source.code).Bind(2, e.target.code).Run());
        DYAD_RETURN_IF_ERROR(m.add_root_count.Bind(1, e.root_code).Run());
      } else {
        ++delta.joined_events;
        // The event takes the first resolved actor ids any of its mentions has.
        if (!e.source.actor_id.empty() || !e.target.actor_id.empty())
          DYAD_RETURN_IF_ERROR(m.fill_actor_ids.Bind(1, event_id)
                                   .Bind(2, e.source.actor_id)
                                   .Bind(3, e.target.actor_id)
                                   .Bind(4, e.source.actor_name)
                                   .Bind(5, e.target.actor_name)
                                   .Run());
      }
      sql::Stmt& mt = m.insert_mention;
      mt.Bind(1, event_id).Bind(2, e.event_id).Bind(3, aid);
      mt.Bind(4, static_cast<int64_t>(e.sentence_index))
          .Bind(5, static_cast<int64_t>(e.sentence_begin))
          .Bind(6, static_cast<int64_t>(e.sentence_end))
          .Bind(7, e.sentence);
      mt.Bind(8, e.source.code).Bind(9, e.source.name).Bind(10, e.source.text);
      mt.Bind(11, static_cast<int64_t>(e.source.begin))
          .Bind(12, static_cast<int64_t>(e.source.end));
      mt.Bind(13, e.target.code).Bind(14, e.target.name).Bind(15, e.target.text);
      mt.Bind(16, static_cast<int64_t>(e.target.begin))
          .Bind(17, static_cast<int64_t>(e.target.end));
      mt.Bind(18, e.code).Bind(19, e.date.ToString()).Bind(20, DatePrecisionName(e.date.precision));
      mt.Bind(21, e.date_phrase).Bind(22, e.rule).Bind(23, JoinIssues(e.issues));
      mt.Bind(24, e.source.actor_id).Bind(25, e.target.actor_id);
      DYAD_RETURN_IF_ERROR(mt.Run());
      if (m.registry) {
        delta.resolved_slots += !e.source.actor_id.empty();
        delta.resolved_slots += !e.target.actor_id.empty();
        DYAD_RETURN_IF_ERROR(m.registry->TallyEvent(e.source.actor_id));
        if (e.target.actor_id != e.source.actor_id)
          DYAD_RETURN_IF_ERROR(m.registry->TallyEvent(e.target.actor_id));
      }
      DYAD_RETURN_IF_ERROR(m.update_counts.Bind(1, event_id).Run());
      ++delta.mentions;
    }
  }
  // Counters behind `dyad stats` (issue 6: counting whole tables took 497 ms
  // on the Reuters database).
  for (auto [name, n] : {std::pair<const char*, uint64_t>{"articles", delta.articles_stored},
                         {"copies", delta.copies},
                         {"sentences", delta.sentences},
                         {"mentions", delta.mentions},
                         {"merged_events", delta.new_events},
                         {"undated_events", undated_new}})
    DYAD_RETURN_IF_ERROR(m.add_counter.Bind(1, name).Bind(2, static_cast<int64_t>(n)).Run());
  DYAD_RETURN_IF_ERROR(tx.Commit());
  st.actor_mentions += delta.actor_mentions;
  st.resolved_slots += delta.resolved_slots;
  st.actors_learned += delta.actors_learned;
  st.actor_conflicts += delta.actor_conflicts;
  st.duplicates += delta.duplicates;
  st.copies += delta.copies;
  st.articles_stored += delta.articles_stored;
  st.sentences += delta.sentences;
  st.mentions += delta.mentions;
  st.new_events += delta.new_events;
  st.joined_events += delta.joined_events;
  return Status::Ok();
}

Result<std::string> EventStore::CanonicalDump() const {
  const sql::Db& db = impl_->db;
  std::string out;
  {
    DYAD_ASSIGN_OR_RETURN(sql::Stmt ic, db.Prepare("PRAGMA integrity_check"));
    DYAD_ASSIGN_OR_RETURN(bool row, ic.Step());
    out += "integrity_check\t" + std::string(row ? ic.Text(0) : "?") + "\n";
  }
  DYAD_RETURN_IF_ERROR(
      db.Exec("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')"));
  static const char* kTables[][2] = {
      {"articles", "id"},
      {"article_lsh", "bucket, article_id"},
      {"sentences", "article_id, idx"},
      {"events", "id"},
      {"mentions", "id"},
      {"actors", "id"},
      {"actor_codes", "actor_id, code"},
      {"actor_spellings", "actor_id, spelling"},
      {"actor_conflicts", "id"},
      {"counters", "name"},
      {"dyad_counts", "source_code, target_code"},
      {"root_counts", "root_code"},
  };
  for (const auto& t : kTables) {
    std::string q = std::string("SELECT * FROM ") + t[0] + " ORDER BY " + t[1];
    DYAD_ASSIGN_OR_RETURN(sql::Stmt s, db.Prepare(q));
    int n = sqlite3_column_count(s.get());
    for (;;) {
      DYAD_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out += t[0];
      for (int c = 0; c < n; ++c) {
        out += '\t';
        switch (sqlite3_column_type(s.get(), c)) {
          case SQLITE_NULL:
            out += "NULL";
            break;
          case SQLITE_INTEGER:
            out += std::to_string(s.Int(c));
            break;
          case SQLITE_FLOAT: {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.17g", s.Double(c));
            out += buf;
            break;
          }
          case SQLITE_BLOB:
            out += "blob:" + NormalizedTextHash(s.Blob(c)) + ":" + std::to_string(s.Blob(c).size());
            break;
          default:
            out += s.Text(c);
            break;
        }
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace dyad
