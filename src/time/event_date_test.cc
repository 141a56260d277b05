#include "dyad/event_date.h"

#include <gtest/gtest.h>
#include <simdjson.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace dyad {
namespace {

namespace fs = std::filesystem;

const std::string kTestData = std::string(DYAD_SOURCE_DIR) + "/src/time/testdata/";
const std::string kShared = DYAD_SHARED_DIR;

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

// "-" in a golden column stands for the empty string.
std::string Dash(const std::string& s) { return s == "-" ? "" : s; }

Date ArticleDate(const std::string& s) {
  if (s == "-") return Date{};
  auto d = Date::Parse(s);
  return d ? *d : Date{};
}

// One row of a golden file, after its sentence has been found.
struct GoldenCase {
  std::string where;  // file:line, for messages
  Date article;
  std::string sentence;
  std::string date, precision, phrase;
};

// Checks every case and reports all mismatches at once.
void CheckCases(const std::vector<GoldenCase>& cases) {
  int failures = 0;
  for (const GoldenCase& c : cases) {
    EventDate e = ResolveEventDate(c.sentence, c.article);
    const std::string got_date = e.date.ToString();
    const std::string got_prec(DatePrecisionName(e.date.precision));
    if (got_date != c.date || got_prec != c.precision || e.phrase != c.phrase) {
      ++failures;
      ADD_FAILURE() << c.where << ": \"" << c.sentence << "\" (article " << c.article.ToString()
                    << ")\n  expected " << c.date << " " << c.precision << " \"" << c.phrase
                    << "\"\n  got      " << got_date << " " << got_prec << " \"" << e.phrase
                    << "\"";
    } else {
      // The phrase must sit at its offsets.
      EXPECT_EQ(c.sentence.substr(e.begin, e.end - e.begin), e.phrase) << c.where;
    }
  }
  std::printf("[ dates    ] %zu cases, %d mismatches\n", cases.size(), failures);
}

// --- golden file of sentences written for this test -------------------------

TEST(EventDateGolden, OwnSentences) {
  const std::string path = kTestData + "dates.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::vector<GoldenCase> cases;
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTabs(line);
    ASSERT_EQ(f.size(), 5u) << path << ":" << n << ": want 5 tab-separated columns";
    cases.push_back(
        {"dates.tsv:" + std::to_string(n), ArticleDate(f[0]), f[1], Dash(f[2]), f[3], Dash(f[4])});
  }
  ASSERT_GE(cases.size(), 40u);
  CheckCases(cases);
}

// --- golden file of sentences read in place from ../shared ---------------

// Reads a whole CSV file (RFC 4180 quoting, newlines inside quotes) and returns
// the records; record 0 is the header.
std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string s = ss.str();
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(std::move(field));
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// The "text" field of the JSON lines whose "id" is in `ids`.
std::map<std::string, std::string> ReadGzJsonlTexts(const std::string& path,
                                                    const std::map<std::string, int>& ids) {
  std::map<std::string, std::string> out;
  std::unique_ptr<gzFile_s, int (*)(gzFile)> gz(gzopen(path.c_str(), "rb"), gzclose);
  if (!gz) return out;
  simdjson::ondemand::parser parser;
  std::string line;
  std::vector<char> buf(1 << 16);
  auto handle = [&](const std::string& l) {
    // Cheap prefilter before parsing: the id must occur in the line.
    bool wanted = false;
    for (const auto& [id, unused] : ids)
      if (l.find(id) != std::string::npos) wanted = true;
    if (!wanted) return;
    simdjson::padded_string p(l);
    simdjson::ondemand::document doc;
    if (parser.iterate(p).get(doc)) return;
    std::string_view id, text;
    if (doc["id"].get_string().get(id)) return;
    if (!ids.count(std::string(id))) return;
    if (doc["text"].get_string().get(text)) return;
    out[std::string(id)] = std::string(text);
  };
  while (gzgets(gz.get(), buf.data(), static_cast<int>(buf.size()))) {
    line += buf.data();
    if (!line.empty() && line.back() == '\n') {
      handle(line);
      line.clear();
    }
  }
  if (!line.empty()) handle(line);
  return out;
}

// Markdown "[text](url "title")" -> "text"; "*x*" -> "x".
std::string StripMarkdownLinks(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ']' && i + 1 < s.size() && s[i + 1] == '(') {
      size_t close = s.find(')', i + 2);
      // URLs may hold "(...)": skip to the ')' that ends the link.
      size_t quote = s.find('"', i + 2);
      if (quote != std::string::npos && quote < close) {
        size_t q2 = s.find('"', quote + 1);
        if (q2 != std::string::npos) close = s.find(')', q2);
      }
      if (close == std::string::npos) break;
      i = close;
      continue;
    }
    if (s[i] == '[' || s[i] == '*') continue;
    out.push_back(s[i]);
  }
  return out;
}

TEST(EventDateGolden, CorpusSentences) {
  const std::string golden = kTestData + "dates_corpus.tsv";
  std::ifstream in(golden);
  ASSERT_TRUE(in) << "missing golden file " << golden;
  ASSERT_TRUE(fs::is_directory(kShared + "/data/corpora"))
      << "missing shared corpora folder " << kShared << "/data/corpora (DYAD_SHARED_DIR)";

  struct Row {
    int line;
    std::string source, locator, start, stop, article, date, precision, phrase;
  };
  std::vector<Row> rows;
  std::map<std::string, std::map<std::string, int>> gz_ids;  // source -> ids
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    auto f = SplitTabs(line);
    ASSERT_EQ(f.size(), 8u) << golden << ":" << n << ": want 8 tab-separated columns";
    rows.push_back({n, f[0], f[1], f[2], f[3], f[4], Dash(f[5]), f[6], Dash(f[7])});
    if (f[0].ends_with(".jsonl.gz")) gz_ids[f[0]][f[1]] = 1;
  }
  ASSERT_GE(rows.size(), 40u);

  std::map<std::string, std::vector<std::vector<std::string>>> csvs;
  std::map<std::string, std::map<std::string, std::string>> gz_texts;
  for (const auto& [source, ids] : gz_ids) {
    const std::string path = kShared + "/data/corpora/" + source;
    ASSERT_TRUE(fs::exists(path)) << "missing corpus file " << path;
    gz_texts[source] = ReadGzJsonlTexts(path, ids);
  }

  std::vector<GoldenCase> cases;
  for (const Row& r : rows) {
    const std::string where = "dates_corpus.tsv:" + std::to_string(r.line);
    const std::string path = kShared + "/data/corpora/" + r.source;
    ASSERT_TRUE(fs::exists(path)) << where << ": missing corpus file " << path;
    std::string text;
    if (r.source.ends_with(".csv")) {
      if (!csvs.count(r.source)) csvs[r.source] = ReadCsv(path);
      const auto& recs = csvs[r.source];
      const size_t rec = std::stoul(r.locator);
      ASSERT_LT(rec, recs.size()) << where << ": no record " << rec << " in " << path;
      ASSERT_GE(recs[rec].size(), 4u) << where;
      text = recs[rec][3];
    } else if (r.source.ends_with(".jsonl.gz")) {
      auto it = gz_texts[r.source].find(r.locator);
      ASSERT_NE(it, gz_texts[r.source].end()) << where << ": no id " << r.locator << " in " << path;
      text = it->second;
    } else {  // Markdown page: locator is a 1-based line number
      std::ifstream md(path);
      const int want = std::stoi(r.locator);
      for (int k = 1; std::getline(md, text) && k < want; ++k) {
      }
      text = StripMarkdownLinks(text);
    }
    const size_t b = text.find(r.start);
    ASSERT_NE(b, std::string::npos)
        << where << ": \"" << r.start << "\" not found in " << path << " record " << r.locator;
    const size_t e = text.find(r.stop, b);
    ASSERT_NE(e, std::string::npos) << where << ": \"" << r.stop << "\" not found after start";
    cases.push_back({where, ArticleDate(r.article), text.substr(b, e + r.stop.size() - b), r.date,
                     r.precision, r.phrase});
  }
  CheckCases(cases);
}

// --- targeted unit tests ----------------------------------------------------

const Date kSat = Date::Day(2019, 1, 5);  // a Saturday

TEST(EventDate, WeekdayOnArticleDayIsThatDay) {
  EventDate e = ResolveEventDate("Protesters marched on Saturday.", kSat);
  EXPECT_EQ(e.date, kSat);
  EXPECT_EQ(e.source, EventDateSource::kText);
  EXPECT_FALSE(e.future);
}

TEST(EventDate, FutureWeekdayIsFlagged) {
  EventDate e = ResolveEventDate("The ministers will meet on Tuesday.", kSat);
  EXPECT_EQ(e.date, Date::Day(2019, 1, 8));
  EXPECT_TRUE(e.future);
  e = ResolveEventDate("Talks are planned for next week.", kSat);
  EXPECT_EQ(e.date, Date::Month(2019, 1));
  EXPECT_TRUE(e.future);
}

TEST(EventDate, NoPhraseKeepsArticleDate) {
  EventDate e = ResolveEventDate("Police arrested two men.", Date::Month(2015, 3));
  EXPECT_EQ(e.date, Date::Month(2015, 3));
  EXPECT_EQ(e.phrase, "");
  EXPECT_EQ(e.source, EventDateSource::kArticle);
}

TEST(EventDate, NoArticleDateNeverInvents) {
  EventDate e = ResolveEventDate("Police arrested two men on Friday.", Date{});
  EXPECT_FALSE(e.date.known());
  EXPECT_EQ(e.phrase, "on Friday");
  EXPECT_EQ(e.source, EventDateSource::kUnresolved);
  e = ResolveEventDate("Police arrested two men.", Date{});
  EXPECT_FALSE(e.date.known());
  EXPECT_EQ(e.source, EventDateSource::kNone);
  // An explicit year needs no article date.
  e = ResolveEventDate("The treaty was signed on March 3, 1999.", Date{});
  EXPECT_EQ(e.date, Date::Day(1999, 3, 3));
}

TEST(EventDate, NearestToVerbWins) {
  const std::string s = "Officials said on Monday that the attack happened on Saturday.";
  EXPECT_EQ(ResolveEventDate(s, Date::Day(2019, 1, 9)).phrase, "on Monday");
  const uint32_t verb = static_cast<uint32_t>(s.find("happened"));
  EventDate e = ResolveEventDate(s, Date::Day(2019, 1, 9), {}, verb);
  EXPECT_EQ(e.phrase, "on Saturday");
  EXPECT_EQ(e.date, Date::Day(2019, 1, 5));
}

TEST(EventDate, BareYearInNounPhraseIsNotADate) {
  EXPECT_TRUE(FindDatePhrases("Iran breached the 2015 nuclear deal.", kSat).empty());
  EXPECT_TRUE(FindDatePhrases("He won the 2016 election.", kSat).empty());
  EXPECT_EQ(FindDatePhrases("He won the election in 2016.", kSat).at(0).date, Date::Year(2016));
}

TEST(EventDate, BlockedRangesAreSkipped) {
  EXPECT_TRUE(FindDatePhrases("Fighting has continued since Monday.", kSat).empty());
  EXPECT_TRUE(FindDatePhrases("The law must pass by March.", kSat).empty());
}

TEST(EventDate, AllPhrasesInOrder) {
  auto all = FindDatePhrases("Yesterday he flew to Paris, and on Feb. 8 he met Macron.",
                             Date::Day(2019, 2, 11));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].phrase, "Yesterday");
  EXPECT_EQ(all[0].date, Date::Day(2019, 2, 10));
  EXPECT_EQ(all[1].phrase, "on Feb. 8");
  EXPECT_EQ(all[1].date, Date::Day(2019, 2, 8));
}

TEST(EventDate, LeapDayGoesBackToALeapYear) {
  EXPECT_EQ(ResolveEventDate("It opened on February 29.", Date::Day(2019, 6, 1)).date,
            Date::Day(2016, 2, 29));
  EXPECT_TRUE(FindDatePhrases("It opened on February 30.", Date::Day(2019, 6, 1)).empty());
}

TEST(EventDate, OffsetsPointIntoTheSentence) {
  const std::string s = "Gdańsk’s mayor died on Monday’s evening.";
  auto all = FindDatePhrases(s, Date::Day(2019, 1, 16));
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(s.substr(all[0].begin, all[0].end - all[0].begin), all[0].phrase);
  EXPECT_EQ(all[0].date, Date::Day(2019, 1, 14));
}

}  // namespace
}  // namespace dyad
