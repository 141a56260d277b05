#include "store/schema.h"

#include <string>

#include "dyad/store.h"

namespace dyad::store {

const std::vector<std::string_view>& MigrationSteps() {
  static const std::vector<std::string_view> kSteps = {
      // 0 -> 1: the tables.
      R"sql(
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  article_key TEXT NOT NULL UNIQUE,
  text_hash TEXT UNIQUE,
  outlet TEXT NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  byline TEXT NOT NULL,
  dateline TEXT NOT NULL,
  published TEXT NOT NULL,
  published_precision TEXT NOT NULL,
  pub_day INTEGER,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  source_path TEXT NOT NULL,
  source_line INTEGER NOT NULL,
  copy_of INTEGER REFERENCES articles(id),
  source_key TEXT NOT NULL,
  minhash BLOB
);
CREATE TABLE article_lsh (
  bucket INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  PRIMARY KEY (bucket, article_id)
) WITHOUT ROWID;
CREATE TABLE sentences (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  idx INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  source_code TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_actor_id TEXT NOT NULL,
  target_code TEXT NOT NULL,
  target_name TEXT NOT NULL,
  target_actor_id TEXT NOT NULL,
  code TEXT NOT NULL,
  root_code TEXT NOT NULL,
  quad_class INTEGER NOT NULL,
  goldstein REAL NOT NULL,
  date TEXT NOT NULL,
  date_precision TEXT NOT NULL,
  day_lo INTEGER,
  day_hi INTEGER,
  sentence TEXT NOT NULL,
  first_article INTEGER NOT NULL REFERENCES articles(id),
  num_mentions INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  num_sources INTEGER NOT NULL
);
CREATE INDEX events_merge ON events (source_code, target_code, root_code, day_lo);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  mention_key TEXT NOT NULL UNIQUE,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  sentence_index INTEGER NOT NULL,
  sentence_begin INTEGER NOT NULL,
  sentence_end INTEGER NOT NULL,
  sentence TEXT NOT NULL,
  source_code TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_text TEXT NOT NULL,
  source_begin INTEGER NOT NULL,
  source_end INTEGER NOT NULL,
  target_code TEXT NOT NULL,
  target_name TEXT NOT NULL,
  target_text TEXT NOT NULL,
  target_begin INTEGER NOT NULL,
  target_end INTEGER NOT NULL,
  code TEXT NOT NULL,
  date TEXT NOT NULL,
  date_precision TEXT NOT NULL,
  date_phrase TEXT NOT NULL,
  rule TEXT NOT NULL,
  issues TEXT NOT NULL
);
CREATE INDEX mentions_event ON mentions (event_id);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE VIRTUAL TABLE articles_fts USING fts5 (
  title, text, content='articles', content_rowid='id'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
  VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text)
  VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
)sql",
      // 1 -> 2: indexes for the query commands (target-first dyads, date ranges).
      R"sql(
CREATE INDEX events_target ON events (target_code, source_code);
CREATE INDEX events_day ON events (day_lo);
CREATE INDEX articles_pub_day ON articles (pub_day);
)sql",
      // 2 -> 3: resolved actors (issue 5) and counters for stats (issue 6).
      R"sql(
CREATE TABLE actors (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('dictionary', 'learned')),
  role TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  evidence_where TEXT NOT NULL DEFAULT '',
  mentions INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE actor_codes (
  actor_id TEXT NOT NULL REFERENCES actors(id),
  code TEXT NOT NULL,
  first_day TEXT NOT NULL DEFAULT '',
  last_day TEXT NOT NULL DEFAULT '',
  seq INTEGER NOT NULL,
  PRIMARY KEY (actor_id, code)
) WITHOUT ROWID;
CREATE TABLE actor_spellings (
  actor_id TEXT NOT NULL REFERENCES actors(id),
  spelling TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  seq INTEGER NOT NULL,
  PRIMARY KEY (actor_id, spelling)
) WITHOUT ROWID;
CREATE TABLE actor_conflicts (
  id INTEGER PRIMARY KEY,
  actor_id TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  what TEXT NOT NULL
);
ALTER TABLE events ADD COLUMN source_actor TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN target_actor TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN source_actor_id TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN target_actor_id TEXT NOT NULL DEFAULT '';
CREATE INDEX events_actor_merge ON events (source_actor_id, target_actor_id, root_code, day_lo);
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value INTEGER
) WITHOUT ROWID;
INSERT INTO counters (name, value)
  SELECT 'articles', COUNT(*) FROM articles
  UNION ALL SELECT 'copies', COUNT(*) FROM articles WHERE copy_of IS NOT NULL
  UNION ALL SELECT 'sentences', COUNT(*) FROM sentences
  UNION ALL SELECT 'mentions', COUNT(*) FROM mentions
  UNION ALL SELECT 'merged_events', COUNT(*) FROM events
  UNION ALL SELECT 'undated_events', COUNT(*) FROM events WHERE day_lo IS NULL
  UNION ALL SELECT 'first_day', MIN(day_lo) FROM events
  UNION ALL SELECT 'last_day', MAX(day_hi) FROM events;
CREATE TABLE dyad_counts (
  source_code TEXT NOT NULL,
  target_code TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (source_code, target_code)
) WITHOUT ROWID;
INSERT INTO dyad_counts SELECT source_code, target_code, COUNT(*) FROM events
  GROUP BY source_code, target_code;
CREATE INDEX dyad_counts_n ON dyad_counts (n DESC, source_code, target_code);
CREATE TABLE root_counts (
  root_code TEXT PRIMARY KEY,
  n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO root_counts SELECT root_code, COUNT(*) FROM events GROUP BY root_code;
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_source_key ON articles (source_key);
)sql",
  };
  return kSteps;
}

Status Migrate(const sql::Db& db, int target) {
  const auto& steps = MigrationSteps();
  if (target < 0 || target > static_cast<int>(steps.size()))
    return Status::InvalidArgument("schema version " + std::to_string(target) +
                                   " does not exist; this build knows 0.." +
                                   std::to_string(steps.size()));
  DYAD_ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version"));
  if (version > static_cast<int64_t>(steps.size()))
    return Status::Unsupported(db.path() + ": database schema version " + std::to_string(version) +
                               " is newer than this dyad (" + std::to_string(steps.size()) +
                               "); use a newer dyad");
  for (int64_t v = version; v < target; ++v) {
    DYAD_ASSIGN_OR_RETURN(sql::Transaction tx, sql::Transaction::Begin(&db));
    // Re-read inside the write lock: another process may have migrated meanwhile.
    DYAD_ASSIGN_OR_RETURN(int64_t now, db.QueryInt("PRAGMA user_version"));
    if (now != v) {
      DYAD_RETURN_IF_ERROR(tx.Commit());
      v = now - 1;
      continue;
    }
    DYAD_RETURN_IF_ERROR(db.Exec(steps[static_cast<size_t>(v)]));
    DYAD_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(v + 1)));
    DYAD_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::Ok();
}

}  // namespace dyad::store
