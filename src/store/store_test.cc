// Tests of the event store: schema and migrations, idempotent re-ingest,
// merge rules (golden), copies and sources.
#include "dyad/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

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
  EXPECT_EQ(*(*s)->SchemaVersion(), 2);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND "
                                 "name = 'events_target'"),
            1);
  EXPECT_EQ(*(*s)->db().QueryInt("SELECT COUNT(*) FROM articles WHERE text = 'kept text'"), 1);
  EXPECT_EQ(
      *(*s)->db().QueryInt("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'kept'"), 1);
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

}  // namespace
}  // namespace dyad
