// Query tests: each query on a small database built from examples/articles,
// compared with golden text files (DYAD_UPDATE_GOLDEN=1 rewrites them), and
// the GDELT column order checked against GDELT's own header file.
#include "dyad/query.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/coder.h"
#include "dyad/dictionary.h"
#include "dyad/store.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rules name their dictionary file by path; goldens hold it relative to the
// source tree so they pass in any checkout.
std::string RelativeToSource(std::string text) {
  const std::string prefix = std::string(DYAD_SOURCE_DIR) + "/";
  for (size_t at; (at = text.find(prefix)) != std::string::npos;) text.erase(at, prefix.size());
  return text;
}

void ExpectGolden(const std::string& raw_actual, const std::string& name) {
  const std::string actual = RelativeToSource(raw_actual);
  std::string golden = std::string(DYAD_SOURCE_DIR) + "/src/query/testdata/" + name;
  if (std::getenv("DYAD_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(golden)) << "missing golden file " << golden
                                  << " (run with DYAD_UPDATE_GOLDEN=1 to create it)";
  EXPECT_EQ(actual, ReadFile(golden)) << "differs from " << golden;
}

class QueryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    fs::path dir = fs::temp_directory_path() / ("dyad_query_test_" + std::to_string(getpid()));
    fs::create_directories(dir);
    path_ = (dir / "examples.db").string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_ + suffix);
    auto store = EventStore::Open(path_);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    // A fixed small dictionary: the goldens follow the store and the coder,
    // not the growth of the bundled dictionary.
    std::vector<DictWarning> warnings;
    auto dict =
        LoadDictionaries({std::string(DYAD_SOURCE_DIR) + "/src/query/testdata/query_test.dyad"},
                         DictionaryLoadOptions(), &warnings);
    ASSERT_TRUE(dict.ok()) << dict.status().ToString();
    std::vector<std::string> ow;
    Coder coder(*dict, CoderOptionsForDictionary(**dict, &ow));
    IngestOptions io;
    io.threads = 1;
    IngestStats stats;
    Status st =
        IngestInputs(store->get(), &coder, {std::string(DYAD_SOURCE_DIR) + "/examples/articles"},
                     ReadOptions(), io, nullptr, &stats);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ASSERT_GT(stats.articles_stored, 5u);
    ASSERT_GT(stats.mentions, 0u);
    store_ = std::move(*store);
  }
  static void TearDownTestSuite() { store_.reset(); }

  static std::string Events(const EventFilter& f, OutputFormat fmt) {
    std::ostringstream out;
    Status st = WriteEvents(*store_, f, fmt, &out);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out.str();
  }

  static inline std::string path_;
  static inline std::unique_ptr<EventStore> store_;
};

TEST_F(QueryTest, AllEventsTsv) { ExpectGolden(Events({}, OutputFormat::kTsv), "events_all.tsv"); }

TEST_F(QueryTest, AllEventsJsonlHaveMentionArrays) {
  std::string out = Events({}, OutputFormat::kJsonl);
  EXPECT_NE(out.find("\"mentions\":[{"), std::string::npos);
  ExpectGolden(out, "events_all.jsonl");
}

TEST_F(QueryTest, DyadEitherDirectionByPrefix) {
  EventFilter f;
  f.dyad_a = "usa";
  f.dyad_b = "RUS";
  std::string out = Events(f, OutputFormat::kCsv);
  ExpectGolden(out, "events_dyad_usa_rus.csv");
  // Every row is USA*->RUS* or RUS*->USA*.
  std::istringstream in(out);
  std::string line;
  std::getline(in, line);
  int rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    EXPECT_TRUE((line.find(",USA") != std::string::npos && line.find(",RUS") != std::string::npos))
        << line;
  }
  EXPECT_GT(rows, 0);
}

TEST_F(QueryTest, ActorCodeAndDates) {
  EventFilter f;
  f.actor = "IRN";
  f.code_prefix = "0";
  f.from = Date::Day(2022, 6, 1);
  f.to = Date::Day(2022, 6, 30);
  ExpectGolden(Events(f, OutputFormat::kTsv), "events_irn_0_june2022.tsv");
}

TEST_F(QueryTest, BadFilterIsInvalidArgument) {
  EventFilter f;
  f.dyad_a = "USA";
  std::ostringstream out;
  EXPECT_EQ(WriteEvents(*store_, f, OutputFormat::kTsv, &out).code(), StatusCode::kInvalidArgument);
  f = {};
  f.from = Date::Month(2020, 1);
  EXPECT_EQ(WriteEvents(*store_, f, OutputFormat::kTsv, &out).code(), StatusCode::kInvalidArgument);
}

TEST_F(QueryTest, TimelineByMonthAndDay) {
  for (const char* by : {"day", "week", "month", "year"}) {
    std::ostringstream out;
    Status st = WriteTimeline(*store_, "USA", "RUS", *ParsePeriod(by), OutputFormat::kTsv, &out);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ExpectGolden(out.str(), std::string("timeline_usa_rus_") + by + ".tsv");
  }
  EXPECT_FALSE(ParsePeriod("fortnight").ok());
}

TEST_F(QueryTest, SearchWithSnippets) {
  std::ostringstream out;
  Status st = WriteSearch(*store_, "sanctions Russia", false, 10, OutputFormat::kTsv, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_NE(out.str().find("[sanctions]"), std::string::npos) << out.str();
  ExpectGolden(out.str(), "search_sanctions_russia.tsv");
  // Punctuation in plain words is not FTS syntax.
  std::ostringstream odd;
  EXPECT_TRUE(WriteSearch(*store_, "U.S. \"quote AND", false, 10, OutputFormat::kTsv, &odd).ok());
  std::ostringstream empty;
  EXPECT_EQ(WriteSearch(*store_, "  ", false, 10, OutputFormat::kTsv, &empty).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(QueryTest, Stats) {
  std::ostringstream out;
  Status st = WriteStats(*store_, 5, OutputFormat::kTsv, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ExpectGolden(out.str(), "stats.tsv");
}

TEST_F(QueryTest, GdeltExportHas61ColumnsPerRow) {
  std::ostringstream out;
  Status st = WriteGdeltExport(*store_, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  std::istringstream in(out.str());
  std::string line;
  int rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 60) << line;
  }
  EXPECT_GT(rows, 0);
  ExpectGolden(out.str(), "export.gdelt.tsv");
}

TEST_F(QueryTest, MentionExportCsv) {
  std::ostringstream out;
  Status st = WriteMentionExport(*store_, OutputFormat::kCsv, &out);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ExpectGolden(out.str(), "export_mentions.csv");
}

TEST_F(QueryTest, ActorsWithCodesSpellingsAndCounts) {
  for (auto [fmt, name] : {std::pair{OutputFormat::kTsv, "actors.tsv"},
                           std::pair{OutputFormat::kJsonl, "actors.jsonl"}}) {
    std::ostringstream out;
    Status st = WriteActors(*store_, "", fmt, &out);
    ASSERT_TRUE(st.ok()) << st.ToString();
    ExpectGolden(out.str(), name);
  }
}

TEST_F(QueryTest, ActorsByNameMatchesSpellingVariants) {
  std::ostringstream all;
  ASSERT_TRUE(WriteActors(*store_, "", OutputFormat::kTsv, &all).ok());
  // Neither is a spelling in the articles: name_match finds "Ebrahim Raisi"
  // for the full name in another transliteration and for the bare surname.
  for (const char* name : {"Ibrahim Raisi", "Raeisi"}) {
    std::ostringstream some;
    ASSERT_TRUE(WriteActors(*store_, name, OutputFormat::kTsv, &some).ok());
    ExpectGolden(some.str(), "actors_name_raisi.tsv");
    EXPECT_NE(some.str().find("\nlearned:ebrahim-raisi\t"), std::string::npos) << name;
    EXPECT_LT(some.str().size(), all.str().size());
  }
}

TEST_F(QueryTest, LearnedActorsAsDictionary) {
  std::ostringstream out;
  ASSERT_TRUE(WriteLearnedActorsDictionary(*store_, "", &out).ok());
  ExpectGolden(out.str(), "actors_export.dyad");
}

TEST(Gdelt, ColumnOrderMatchesGdeltHeaderFile) {
  const std::string path = std::string(DYAD_SHARED_DIR) +
                           "/data/codebook/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv";
  ASSERT_TRUE(fs::exists(path)) << "GDELT column label file missing: " << path;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // tableId,dataType,Empty,Description
  std::vector<std::string> names;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    names.push_back(line.substr(0, line.find(',')));
  }
  ASSERT_EQ(names.size(), kGdeltColumnCount);
  for (size_t i = 0; i < kGdeltColumnCount; ++i)
    EXPECT_EQ(GdeltColumns()[i], names[i]) << "column " << i;
}

}  // namespace
}  // namespace dyad
