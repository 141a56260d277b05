// Tests of the event store: schema and migrations, idempotent re-ingest,
// merge rules (golden), copies and sources.
#include "dyad/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/coder.h"
#include "dyad/default_dictionary.h"
#include "dyad/story.h"
#include "store/merge.h"
#include "store/schema.h"
#include "store/sqlite.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::string TempDb(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("dyad_store_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p.string();
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Compares `actual` with the golden file; DYAD_UPDATE_GOLDEN=1 rewrites it.
void ExpectGolden(const std::string& actual, const std::string& golden) {
  if (std::getenv("DYAD_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << "missing golden file " << golden
                                  << " (run with DYAD_UPDATE_GOLDEN=1 to create it)";
  EXPECT_EQ(actual, ReadFile(golden)) << "differs from " << golden;
}

TEST(Schema, FreshDatabaseIsAtLatestVersionInWalMode) {
  std::string path = TempDb("fresh.db");
  auto s = EventStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*(*s)->SchemaVersion(), kStoreSchemaVersion);
  auto mode = sql::Db::Open(path, true);
  ASSERT_TRUE(mode.ok());
  auto st = mode->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "wal");
  EXPECT_EQ(store::MigrationSteps().size(), static_cast<size_t>(kStoreSchemaVersion));
}

TEST(Schema, MigratesVersionOneToLatestKeepingData) {
  std::string path = TempDb("v1.db");
  {
    StoreOpenOptions o;
    o.target_version = 1;
    auto s = EventStore::Open(path, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(*(*s)->SchemaVersion(), 1);
    auto n = (*s)->db().QueryInt(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_target'");
    EXPECT_EQ(*n, 0);
    ASSERT_TRUE((*s)->db()
                    .Exec("INSERT INTO articles (article_key, outlet, url, title, byline, "
                          "dateline, published, published_precision, language, text, "
                          "source_path, source_line, source_key) VALUES ('old', '', '', 't', "
                          "'', '', '', 'unknown', 'en', 'kept text', 'x', 0, 'article:old')")
                    .ok());
  }
  {
    StoreOpenOptions ro;
    ro.read_only = true;
    auto s = EventStore::Open(path, ro);
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.status().message().find("older"), std::string::npos) << s.status().ToString();
  }
  auto s = EventStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(*(*s)->SchemaVersion(), kStoreSchemaVersion);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                                 "name = 'events_target'"),
            1);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM articles WHERE text = 'kept text'"), 1);
  EXPECT_EQ(
      *(*s)->db().QueryInt("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'kept'"), 1);
}

std::vector<ProcessedArticle> MergeCases();

// Version 2 (before actors and counters) to 3: the new tables exist, the
// counters start from the data already stored, old rows get '' actor columns.
TEST(Schema, MigratesVersionTwoToThreeFillingCounters) {
  std::string path = TempDb("v2.db");
  {
    StoreOpenOptions o;
    o.target_version = 2;
    auto s = EventStore::Open(path, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    ASSERT_EQ(*(*s)->SchemaVersion(), 2);
    const sql::Db& db = (*s)->db();
    ASSERT_TRUE(db.Exec("INSERT INTO articles (article_key, outlet, url, title, byline, dateline, "
                        "published, published_precision, language, text, source_path, "
                        "source_line, source_key) VALUES ('old', 'Wire', '', 't', '', '', "
                        "'2021-04-10', 'day', 'en', 'Iran and Russia signed a deal.', 'x', 0, "
                        "'outlet:wire')")
                    .ok());
    ASSERT_TRUE(db.Exec("INSERT INTO sentences VALUES (1, 0, 0, 30)").ok());
    ASSERT_TRUE(db.Exec("INSERT INTO events (source_code, source_name, source_actor_id, "
                        "target_code, target_name, target_actor_id, code, root_code, quad_class, "
                        "goldstein, date, date_precision, day_lo, day_hi, sentence, "
                        "first_article, num_mentions, num_articles, num_sources) VALUES ('IRN', "
                        "'Iran', '', 'RUS', 'Russia', '', '057', '05', 2, 8.0, '2021-04-10', "
                        "'day', 18727, 18727, 'Iran and Russia signed a deal.', 1, 1, 1, 1)")
                    .ok());
    ASSERT_TRUE(db.Exec("INSERT INTO mentions (event_id, mention_key, article_id, "
                        "sentence_index, sentence_begin, sentence_end, sentence, source_code, "
                        "source_name, source_text, source_begin, source_end, target_code, "
                        "target_name, target_text, target_begin, target_end, code, date, "
                        "date_precision, date_phrase, rule, issues) VALUES (1, 'old#0.0', 1, 0, "
                        "0, 30, 'Iran and Russia signed a deal.', 'IRN', 'Iran', 'Iran', 0, 4, "
                        "'RUS', 'Russia', 'Russia', 9, 15, '057', '2021-04-10', 'day', '', 'r', "
                        "'')")
                    .ok());
  }
  auto s = EventStore::Open(path);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  const sql::Db& db = (*s)->db();
  EXPECT_EQ(*(*s)->SchemaVersion(), 3);
  auto counter = [&](const std::string& name) {
    return *db.QueryInt("SELECT value FROM counters WHERE name = '" + name + "'");
  };
  EXPECT_EQ(counter("articles"), 1);
  EXPECT_EQ(counter("sentences"), 1);
  EXPECT_EQ(counter("mentions"), 1);
  EXPECT_EQ(counter("merged_events"), 1);
  EXPECT_EQ(counter("undated_events"), 0);
  EXPECT_EQ(counter("first_day"), 18727);
  EXPECT_EQ(*db.QueryInt("SELECT n FROM dyad_counts WHERE source_code = 'IRN' AND "
                         "target_code = 'RUS'"),
            1);
  EXPECT_EQ(*db.QueryInt("SELECT n FROM root_counts WHERE root_code = '05'"), 1);
  EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM events WHERE source_actor = '' AND "
                         "target_actor = ''"),
            1);
  EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM mentions WHERE source_actor_id = ''"), 1);
  EXPECT_EQ(*db.QueryInt("SELECT COUNT(*) FROM actors"), 0);
  // The migrated store takes new articles, with actors, and keeps counting.
  std::vector<DictWarning> dw;
  auto dict = LoadDefaultDictionary({}, &dw);
  ASSERT_TRUE(dict.ok());
  ASSERT_TRUE((*s)->EnableActorResolution(*dict).ok());
  std::vector<ProcessedArticle> more = MergeCases();
  more.resize(2);
  ASSERT_TRUE((*s)->AddArticles(&more, MergeOptions(), nullptr).ok());
  EXPECT_EQ(counter("articles"), 3);
  EXPECT_EQ(counter("mentions"), *db.QueryInt("SELECT COUNT(*) FROM mentions"));
  EXPECT_EQ(counter("merged_events"), *db.QueryInt("SELECT COUNT(*) FROM events"));
}

TEST(Schema, RefusesNewerDatabase) {
  std::string path = TempDb("newer.db");
  {
    auto db = sql::Db::Open(path, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 99").ok());
  }
  auto s = EventStore::Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(s.status().message().find("newer"), std::string::npos);
}

TEST(Schema, ReadOnlyOpenOfMissingFileSaysHowToCreateIt) {
  StoreOpenOptions ro;
  ro.read_only = true;
  auto s = EventStore::Open(TempDb("missing.db"), ro);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("dyad ingest"), std::string::npos) << s.status().ToString();
}

TEST(Sqlite, ErrorsNameFileAndSql) {
  std::string path = TempDb("err.db");
  auto db = sql::Db::Open(path, false);
  ASSERT_TRUE(db.ok());
  Status s = db->Exec("SELECT * FROM no_such_table");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find(path), std::string::npos);
  EXPECT_NE(s.message().find("no_such_table"), std::string::npos);
}

TEST(TextHash, IgnoresCaseAndSpacing) {
  EXPECT_EQ(NormalizedTextHash("Iran  and\nRussia "), NormalizedTextHash("iran and russia"));
  EXPECT_NE(NormalizedTextHash("Iran and Russia"), NormalizedTextHash("Iran and Syria"));
  EXPECT_EQ(NormalizedTextHash(" \n\t"), "");
  EXPECT_EQ(NormalizedTextHash("a").size(), 16u);
}

TEST(MergePieces, DayRanges) {
  auto d = store::DayRangeOf(Date::Day(2020, 2, 10));
  EXPECT_TRUE(d.known);
  EXPECT_EQ(d.lo, d.hi);
  auto m = store::DayRangeOf(Date::Month(2020, 2));
  EXPECT_TRUE(m.known);
  EXPECT_EQ(m.hi - m.lo, 28);  // leap February: 29 days
  EXPECT_FALSE(store::DayRangeOf(Date::Year(2020)).known);
  EXPECT_FALSE(store::DayRangeOf(Date()).known);
}

TEST(MergePieces, ContentWordJaccard) {
  auto a = store::ContentWords("Iran and Russia signed a trade deal on Monday.");
  auto b = store::ContentWords("Russia and Iran signed the deal in Tehran.");
  // a: iran russia signed trade deal monday; b: russia iran signed deal tehran
  EXPECT_EQ(a.size(), 6u);
  EXPECT_DOUBLE_EQ(store::WordJaccard(a, b), 4.0 / 7.0);
  EXPECT_DOUBLE_EQ(store::WordJaccard({}, {}), 0.0);
}

// ---- merge rules, on hand-made articles ----------------------------------------

CodedEvent MakeEvent(const std::string& article_id, int sentence, const std::string& src,
                     const std::string& tgt, const std::string& code, Date date,
                     const std::string& text) {
  CodedEvent e;
  e.event_id = article_id + "#" + std::to_string(sentence) + ".0";
  e.source.code = src;
  e.source.name = src;
  e.target.code = tgt;
  e.target.name = tgt;
  e.code = code;
  e.root_code = code.substr(0, 2);
  e.quad_class = 1;
  e.goldstein = 1.0;
  e.date = date;
  e.article_id = article_id;
  e.sentence_index = static_cast<uint32_t>(sentence);
  e.sentence = text;
  return e;
}

ProcessedArticle MakeArticle(const std::string& id, const std::string& outlet, Date published,
                             const std::string& text, std::vector<CodedEvent> events) {
  ProcessedArticle p;
  p.article.id = id;
  p.article.outlet = outlet;
  p.article.published = published;
  p.article.title = "title of " + id;
  p.article.text = text;
  p.article.source.path = "test";
  p.text_hash = NormalizedTextHash(text);
  p.sentences = {{0, static_cast<uint32_t>(text.size())}};
  StoryOptions so;
  so.num_hashes = 64;
  so.bands = 16;
  p.minhash = ComputeMinHash(text, so).values;
  p.events = std::move(events);
  return p;
}

// The merge-rule cases; each line of the golden file is a merged event.
std::vector<ProcessedArticle> MergeCases() {
  const Date d10 = Date::Day(2021, 4, 10), d11 = Date::Day(2021, 4, 11),
             d13 = Date::Day(2021, 4, 13);
  const std::string s1 = "Iran and Russia signed a trade agreement in Tehran on Saturday.";
  const std::string wire =
      "TEHRAN - Iran and Russia signed a trade agreement in Tehran on Saturday, officials "
      "said, after two days of talks between the foreign ministers of both countries.";
  std::vector<ProcessedArticle> v;
  // a1: the first report.
  v.push_back(
      MakeArticle("a1", "Wire A", d10, wire, {MakeEvent("a1", 0, "IRN", "RUS", "057", d10, s1)}));
  // a2: another outlet, a day later, similar words: joins a1's event (new source).
  v.push_back(MakeArticle(
      "a2", "Paper B", d11, "Russia and Iran signed a trade agreement in Tehran, Moscow said.",
      {MakeEvent("a2", 0, "IRN", "RUS", "057", d11,
                 "Russia and Iran signed a trade agreement in Tehran, Moscow said.")}));
  // a3: a near-copy of a1 by a third outlet: joins, but is not a new source.
  v.push_back(MakeArticle("a3", "Paper C", d10, wire + " Updated.",
                          {MakeEvent("a3", 0, "IRN", "RUS", "057", d10, s1)}));
  // a4: same dyad and root, three days later: outside the +-1 day window.
  v.push_back(MakeArticle("a4", "Paper B", d13, "Iran and Russia signed another trade agreement.",
                          {MakeEvent("a4", 0, "IRN", "RUS", "057", d13,
                                     "Iran and Russia signed another trade agreement.")}));
  // a5: reversed direction: a different event.
  v.push_back(MakeArticle("a5", "Paper B", d10, "Russia signed a trade agreement with Iran.",
                          {MakeEvent("a5", 0, "RUS", "IRN", "057", d10,
                                     "Russia signed a trade agreement with Iran.")}));
  // a6: same dyad and day, different root code (04): a different event.
  v.push_back(MakeArticle("a6", "Paper D", d10, "Iran's minister met Russia's envoy in Tehran.",
                          {MakeEvent("a6", 0, "IRN", "RUS", "040", d10,
                                     "Iran's minister met Russia's envoy in Tehran.")}));
  // a7: same dyad, root and day, unrelated words: similarity below the threshold.
  v.push_back(MakeArticle("a7", "Paper D", d11, "Oil output figures for April were published.",
                          {MakeEvent("a7", 0, "IRN", "RUS", "057", d11,
                                     "Oil output figures for April were published.")}));
  // a8: month-precise date (April 2021) with similar words: compatible with a1's day.
  v.push_back(
      MakeArticle("a8", "Paper E", Date::Month(2021, 4),
                  "In April Iran and Russia signed a trade agreement in Tehran.",
                  {MakeEvent("a8", 0, "IRN", "RUS", "057", Date::Month(2021, 4),
                             "In April Iran and Russia signed a trade agreement in Tehran.")}));
  // a9: two sentences of one undated article reporting one event: one event, one article.
  v.push_back(MakeArticle(
      "a9", "", Date(), "Iran and Russia signed a trade agreement. The trade agreement was signed.",
      {MakeEvent("a9", 0, "IRN", "RUS", "057", Date(), "Iran and Russia signed a trade agreement."),
       MakeEvent("a9", 1, "IRN", "RUS", "057", Date(),
                 "The trade agreement Iran Russia signed.")}));
  // a10: undated, another article: never merges with a9's undated event.
  v.push_back(MakeArticle("a10", "", Date(), "Iran and Russia signed a trade agreement today.",
                          {MakeEvent("a10", 0, "IRN", "RUS", "057", Date(),
                                     "Iran and Russia signed a trade agreement.")}));
  // a11: resolved actor ids that differ from a1's: a different event.
  auto e11 = MakeEvent("a11", 0, "IRN", "RUS", "057", d10, s1);
  e11.source.actor_id = "Q794";
  auto p11 =
      MakeArticle("a11", "Paper F", d10, "Iran and Russia signed a trade pact, " + s1, {e11});
  v.push_back(p11);
  auto e12 = MakeEvent("a12", 0, "IRN", "RUS", "057", d10, s1);
  e12.source.actor_id = "Q0000";
  v.push_back(MakeArticle("a12", "Paper G", d10, "Tehran: " + s1 + " Both sides said so.", {e12}));
  return v;
}

std::string DumpEvents(const EventStore& s) {
  std::string out =
      "event\tsource\ttarget\tcode\tdate\tmentions\tarticles\tsources\tmention_articles\n";
  auto st = s.db().Prepare(
      "SELECT e.id, e.source_code, e.target_code, e.code, e.date, e.num_mentions, "
      "e.num_articles, e.num_sources, (SELECT group_concat(k, ',') FROM (SELECT a.article_key "
      "AS k FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id "
      "ORDER BY m.id)) FROM events e ORDER BY e.id");
  EXPECT_TRUE(st.ok());
  while (*st->Step()) {
    out += std::to_string(st->Int(0));
    for (int c : {1, 2, 3, 4}) out += "\t" + std::string(st->Text(c));
    for (int c : {5, 6, 7}) out += "\t" + std::to_string(st->Int(c));
    out += "\t" + std::string(st->Text(8)) + "\n";
  }
  return out;
}

TEST(Merge, RulesGolden) {
  auto s = EventStore::Open(TempDb("merge.db"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  std::vector<ProcessedArticle> cases = MergeCases();
  IngestStats stats;
  ASSERT_TRUE((*s)->AddArticles(&cases, MergeOptions(), &stats).ok());
  EXPECT_EQ(stats.articles_stored, 12u);
  EXPECT_EQ(stats.copies, 1u);  // a3
  ExpectGolden(DumpEvents(**s), std::string(DYAD_SOURCE_DIR) + "/src/store/testdata/merge.golden");
}

TEST(Merge, IncrementalAcrossBatchesEqualsOneBatch) {
  auto one = EventStore::Open(TempDb("merge_one.db"));
  auto many = EventStore::Open(TempDb("merge_many.db"));
  ASSERT_TRUE(one.ok() && many.ok());
  std::vector<ProcessedArticle> all = MergeCases();
  ASSERT_TRUE((*one)->AddArticles(&all, MergeOptions(), nullptr).ok());
  for (ProcessedArticle& p : MergeCases()) {
    std::vector<ProcessedArticle> b;
    b.push_back(std::move(p));
    ASSERT_TRUE((*many)->AddArticles(&b, MergeOptions(), nullptr).ok());
  }
  EXPECT_EQ(*(*one)->CanonicalDump(), *(*many)->CanonicalDump());
}

TEST(Merge, WindowIsConfigurable) {
  auto s = EventStore::Open(TempDb("merge_window.db"));
  ASSERT_TRUE(s.ok());
  std::vector<ProcessedArticle> cases = MergeCases();
  MergeOptions wide;
  wide.window_days = 3;
  ASSERT_TRUE((*s)->AddArticles(&cases, wide, nullptr).ok());
  // a4 (three days after a1) now joins a1's event.
  auto n = (*s)->db().QueryInt(
      "SELECT COUNT(*) FROM mentions m JOIN articles a ON a.id = m.article_id "
      "WHERE a.article_key = 'a4' AND m.event_id = 1");
  EXPECT_EQ(*n, 1);
}

TEST(Ingest, ReAddingArticlesChangesNothing) {
  auto s = EventStore::Open(TempDb("idem.db"));
  ASSERT_TRUE(s.ok());
  std::vector<ProcessedArticle> cases = MergeCases();
  ASSERT_TRUE((*s)->AddArticles(&cases, MergeOptions(), nullptr).ok());
  std::string before = *(*s)->CanonicalDump();
  std::vector<ProcessedArticle> again = MergeCases();
  // Same text under a new id is a duplicate too.
  again.push_back(MakeArticle("renamed", "X", Date(), MergeCases()[1].article.text, {}));
  IngestStats stats;
  ASSERT_TRUE((*s)->AddArticles(&again, MergeOptions(), &stats).ok());
  EXPECT_EQ(stats.duplicates, again.size());
  EXPECT_EQ(stats.articles_stored, 0u);
  EXPECT_EQ(*(*s)->CanonicalDump(), before);
}

TEST(Ingest, FailedBatchStoresNothing) {
  auto s = EventStore::Open(TempDb("atomic.db"));
  ASSERT_TRUE(s.ok());
  std::vector<ProcessedArticle> cases = MergeCases();
  // Two events with one mention key violate the UNIQUE constraint mid-batch.
  cases[3].events.push_back(cases[3].events[0]);
  Status st = (*s)->AddArticles(&cases, MergeOptions(), nullptr);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM articles"), 0);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM mentions"), 0);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM events"), 0);
}

// ---- actors --------------------------------------------------------------------

std::string WriteJsonl(const std::string& name, const std::string& lines) {
  std::string path = TempDb(name);
  std::ofstream(path) << lines;
  return path;
}

// Article 1 introduces "Iraq's Parliament Speaker Mohammed al-Halbousi"; a
// later run's article names him "Iraq's Halbusi" only (another spelling, bare
// surname): the store's registry resolves it, across runs.
TEST(Actors, BareSurnameInLaterArticleResolvesToLearnedActor) {
  const std::string db = TempDb("actors.db");
  const std::string first = WriteJsonl(
      "first.jsonl",
      "{\"id\":\"first\",\"date\":\"2023-05-01\",\"text\":\"Iraq's Parliament Speaker "
      "Mohammed al-Halbousi met Chinese Ambassador to Iran Cong Peiwu in Baghdad on Sunday. "
      "Halbousi criticized Turkey.\"}\n");
  const std::string second = WriteJsonl(
      "second.jsonl",
      "{\"id\":\"second\",\"date\":\"2023-06-02\",\"text\":\"Iraq's Halbusi accused Turkey "
      "of aggression on Friday.\"}\n"
      "{\"id\":\"third\",\"date\":\"2023-06-03\",\"text\":\"Turkish Ambassador Mohammed "
      "al-Halbousi met Iraqi officials.\"}\n");
  std::vector<DictWarning> dw;
  auto dict = LoadDefaultDictionary({}, &dw);
  ASSERT_TRUE(dict.ok());
  std::vector<std::string> ow;
  Coder coder(*dict, CoderOptionsForDictionary(**dict, &ow));
  IngestOptions io;
  io.threads = 1;
  std::vector<Reject> warnings;
  auto on_reject = [&](const Reject& r) { warnings.push_back(r); };
  for (const std::string& input : {first, second}) {  // two runs, the store reopened
    auto s = EventStore::Open(db);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    IngestStats stats;
    Status st = IngestInputs(s->get(), &coder, {input}, ReadOptions(), io, on_reject, &stats);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }
  auto s = EventStore::Open(db);
  ASSERT_TRUE(s.ok());
  const sql::Db& d = (*s)->db();
  // The second article's event carries the learned actor, in events and mentions.
  auto q = d.Prepare(
      "SELECT e.source_actor_id, e.source_actor, e.source_code, m.source_actor_id, "
      "e.target_actor_id FROM mentions m JOIN events e ON e.id = m.event_id WHERE "
      "m.mention_key = 'second#0.0'");
  ASSERT_TRUE(q.ok());
  ASSERT_TRUE(*q->Step()) << "the second article's event was not stored";
  EXPECT_EQ(q->Text(0), "learned:mohammed-al-halbousi");
  EXPECT_EQ(q->Text(1), "Mohammed al-Halbousi");
  EXPECT_EQ(q->Text(2), "IRQLEG");
  EXPECT_EQ(q->Text(3), "learned:mohammed-al-halbousi");
  EXPECT_EQ(q->Text(4), "dict:TUR");
  // The stored actor: spellings with counts, code with its date range.
  auto actors = (*s)->Actors();
  ASSERT_TRUE(actors.ok()) << actors.status().ToString();
  const StoredActor* hal = nullptr;
  for (const StoredActor& a : *actors)
    if (a.record.id == "learned:mohammed-al-halbousi") hal = &a;
  ASSERT_NE(hal, nullptr);
  EXPECT_EQ(hal->record.source, ActorSource::kLearned);
  EXPECT_EQ(hal->record.evidence_where, "first#0");
  EXPECT_EQ(hal->record.spellings,
            (std::vector<std::string>{"Mohammed al-Halbousi", "Halbousi", "Halbusi"}));
  EXPECT_EQ(hal->spelling_counts, (std::vector<uint64_t>{2, 1, 1}));
  EXPECT_EQ(hal->record.mentions, 4u);
  ASSERT_GE(hal->record.codes.size(), 1u);
  EXPECT_EQ(hal->record.codes[0].code, "IRQLEG");
  EXPECT_EQ(hal->record.codes[0].first.ToString(), "2023-05-01");
  EXPECT_EQ(hal->record.codes[0].last.ToString(), "2023-06-02");
  ASSERT_EQ(hal->record.codes.size(), 2u);  // the third article's role added TURGOV
  EXPECT_EQ(hal->record.codes[1].code, "TURGOV");
  EXPECT_EQ(hal->record.codes[1].first.ToString(), "2023-06-03");
  EXPECT_EQ(hal->events, 3u);  // the source of first#0.0, second#0.0 and third#0.0
  // The third article's new role for him is a conflict, reported with file:line
  // and kept in the table.
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_FALSE(warnings[0].fatal);
  EXPECT_EQ(warnings[0].where.ToString(), second + ":2");
  EXPECT_NE(warnings[0].what.find("actor conflict: third#0: 'Mohammed al-Halbousi' introduced as "
                                  "TURGOV"),
            std::string::npos)
      << warnings[0].what;
  EXPECT_EQ(*d.QueryInt("SELECT COUNT(*) FROM actor_conflicts"), 1);
}

// Dictionary actors never become learned ones: a role naming a dictionary
// actor is a conflict, and the dictionary's code is kept.
TEST(Actors, DictionaryActorsAreNotOverriddenByRoles) {
  const std::string dict_path = WriteJsonl("persons.dyad",
                                           "[actors]\n"
                                           "Vladimir Putin | Putin => RUSGOV\n"
                                           "Iran | Iranian => IRN\n"
                                           "China | Chinese => CHN\n"
                                           "[agents]\n"
                                           "foreign minister | officials => ~GOV\n"
                                           "[verbs]\n"
                                           "block MEET => 040\n"
                                           "verb meet\n");
  std::vector<DictWarning> dw;
  auto dict = LoadDictionaries({dict_path}, DictionaryLoadOptions(), &dw);
  ASSERT_TRUE(dict.ok()) << dict.status().ToString();
  auto s = EventStore::Open(TempDb("dict_wins.db"));
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->EnableActorResolution(*dict).ok());
  std::vector<Reject> warnings;
  (*s)->set_on_warning([&](const Reject& r) { warnings.push_back(r); });
  std::vector<ProcessedArticle> batch;
  ProcessedArticle p = MakeArticle("v1", "Wire", Date::Day(2023, 1, 5),
                                   "Iranian Foreign Minister Vladimir Putin met Chinese officials.",
                                   {});
  p.text_sentences = AnalyzeText(p.article).sentences;
  batch.push_back(std::move(p));
  ASSERT_TRUE((*s)->AddArticles(&batch, MergeOptions(), nullptr).ok());
  auto actors = (*s)->Actors();
  ASSERT_TRUE(actors.ok());
  int putin = 0;
  for (const StoredActor& a : *actors) {
    EXPECT_NE(a.record.source, ActorSource::kLearned) << a.record.id;
    if (a.record.spellings != std::vector<std::string>{"Vladimir Putin"}) continue;
    ++putin;
    ASSERT_EQ(a.record.codes.size(), 1u);
    EXPECT_EQ(a.record.codes[0].code, "RUSGOV");
  }
  EXPECT_EQ(putin, 1);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].ToString(),
            "test: actor conflict: v1#0: role 'Foreign Minister' gives IRNGOV for "
            "'Vladimir Putin' but the dictionary codes it RUSGOV; dictionary kept");
}

// Merging keys on resolved ids: two reports of one meeting whose coder codes
// differ but whose actors resolve to the same ids are one event.
TEST(Merge, KeysOnResolvedActorIdsWhenPresent) {
  auto s = EventStore::Open(TempDb("merge_ids.db"));
  ASSERT_TRUE(s.ok());
  const Date d = Date::Day(2023, 5, 1);
  const std::string text = "Halbousi met Cong Peiwu in Baghdad to discuss trade.";
  auto e1 = MakeEvent("m1", 0, "IRQLEG", "CHNGOV", "040", d, text);
  e1.source.actor_id = "learned:mohammed-al-halbousi";
  e1.target.actor_id = "learned:cong-peiwu";
  auto e2 = MakeEvent("m2", 0, "IRQ", "CHN", "040", d, "The speaker met Cong Peiwu in Baghdad.");
  e2.source.actor_id = "learned:mohammed-al-halbousi";
  e2.target.actor_id = "learned:cong-peiwu";
  auto e3 = MakeEvent("m3", 0, "IRQLEG", "CHNGOV", "040", d, text);  // unresolved: by codes
  std::vector<ProcessedArticle> batch;
  batch.push_back(MakeArticle("m1", "Wire A", d, text, {e1}));
  batch.push_back(MakeArticle("m2", "Paper B", d, "The speaker met Cong Peiwu in Baghdad.", {e2}));
  batch.push_back(MakeArticle("m3", "Paper C", d,
                              "Officials said Halbousi and the envoy Cong Peiwu met on trade.", {e3}));
  ASSERT_TRUE((*s)->AddArticles(&batch, MergeOptions(), nullptr).ok());
  EXPECT_EQ(DumpEvents(**s),
            "event\tsource\ttarget\tcode\tdate\tmentions\tarticles\tsources\tmention_articles\n"
            "1\tIRQLEG\tCHNGOV\t040\t2023-05-01\t3\t3\t3\tm1,m2,m3\n");
}

}  // namespace
}  // namespace dyad
