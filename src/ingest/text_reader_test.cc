#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/ingest.h"
#include "ingest/test_util.h"

namespace dyad {
namespace {

using testing::Collected;

Collected ParseText(const std::string& bytes, const std::string& path = "dir/a.txt") {
  Collected c;
  ParseTextArticle(bytes, SourceLocation{path, 0}, c.Visitor());
  return c;
}

TEST(TextReader, HeadlineBlankLineBody) {
  Collected c =
      ParseText("Labour plans pay rise\n\nPay for new parents is to rise.\n\nMore later.\n");
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  const Article& a = c.articles[0];
  EXPECT_EQ(a.title, "Labour plans pay rise");
  EXPECT_EQ(a.text, "Pay for new parents is to rise.\n\nMore later.");
  EXPECT_EQ(a.id, "a.txt");
  EXPECT_EQ(a.source.path, "dir/a.txt");
  EXPECT_FALSE(a.published.known());
  EXPECT_TRUE(c.rejects.empty());
}

TEST(TextReader, HeaderLinesAreNotBodyButDatelineIs) {
  Collected c = ParseText(
      "Published: 2019-11-04\nTalks end\nBy Jane Smith\n\nMOSCOW (Reuters) - Two ministers met.\n");
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  const Article& a = c.articles[0];
  EXPECT_EQ(a.published, Date::Day(2019, 11, 4));
  EXPECT_EQ(a.title, "Talks end");
  EXPECT_EQ(a.byline, "Jane Smith");
  EXPECT_EQ(a.dateline, "MOSCOW");
  EXPECT_EQ(a.outlet, "Reuters");
  EXPECT_EQ(a.text, "MOSCOW (Reuters) - Two ministers met.");
}

TEST(TextReader, OutletFromHeaderWinsOverDateline) {
  Collected c = ParseText("Source: Daily Star\n\nBEIRUT (AP) — Talks began.\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].outlet, "Daily Star");
  EXPECT_EQ(c.articles[0].dateline, "BEIRUT");
}

TEST(TextReader, HardWrappedFirstLineIsNotATitle) {
  Collected c = ParseText(
      "The ministers of the two states met on Tuesday in the capital to\n"
      "discuss the border and agreed to meet again.\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].title, "");
  EXPECT_EQ(c.articles[0].text.substr(0, 15), "The ministers o");
}

TEST(TextReader, BomAndCrlf) {
  Collected c =
      ParseText("\xEF\xBB\xBFTitle here\r\nDate: 2020-01-02\r\n\r\nBody one.\r\nBody two.\r\n");
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  EXPECT_EQ(c.articles[0].title, "Title here");
  EXPECT_EQ(c.articles[0].published, Date::Day(2020, 1, 2));
  EXPECT_EQ(c.articles[0].text, "Body one.\nBody two.");
  EXPECT_TRUE(c.rejects.empty());
}

TEST(TextReader, EmptyFileIsFatal) {
  Collected c = ParseText("");
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_TRUE(c.rejects[0].fatal);
  EXPECT_EQ(c.rejects[0].ToString(), "dir/a.txt: empty file; skipped");
}

TEST(TextReader, WhitespaceOnlyIsFatal) {
  Collected c = ParseText(" \n\n\t\n");
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].what, "no text (only whitespace); skipped");
}

TEST(TextReader, BinaryFileIsFatal) {
  std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  Collected c = ParseText(png);
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].ToString(), "dir/a.txt: binary file, not text; skipped");
  // No NUL, but mostly control bytes.
  Collected d = ParseText(std::string(100, '\x01') + "text");
  EXPECT_TRUE(d.articles.empty());
  ASSERT_EQ(d.rejects.size(), 1u);
  EXPECT_EQ(d.rejects[0].what, "binary file, not text; skipped");
}

TEST(TextReader, InvalidUtf8IsRepairedWithWarning) {
  // Offsets: "Title\n\n" is 7 bytes, "Caf\xC3\xA9" 5 more: the bad 0xFF is at 12.
  Collected c = ParseText("Title\n\nCaf\xC3\xA9\xFF ok \xE2\x82 end.\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Caf\xC3\xA9\xEF\xBF\xBD ok \xEF\xBF\xBD end.");
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_FALSE(c.rejects[0].fatal);
  EXPECT_EQ(c.rejects[0].ToString(),
            "dir/a.txt: invalid UTF-8 at byte offset 12 of the file (2 bad sequences); "
            "replaced with U+FFFD, article kept");
}

TEST(TextReader, OnlyHeaderLinesIsFatal) {
  Collected c = ParseText("Published: 2019-11-04\nBy Jane Smith\n");
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].what, "no article text after the header lines; skipped");
}

TEST(TextReader, FiftyMegabyteSingleLineFile) {
  std::string big;
  big.reserve(50u << 20);
  const std::string sentence = "The envoy met the minister in the capital on Tuesday. ";
  while (big.size() < (50u << 20)) big += sentence;
  testing::TempDir t;
  const std::string path = t.Write("big.txt", big);
  Collected c;
  ASSERT_TRUE(ReadInputs({path}, {}, c.Visitor()).ok());
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  EXPECT_EQ(c.articles[0].text.size(), big.size() - 1);  // trailing space trimmed
  EXPECT_EQ(c.articles[0].id, "big.txt");
  EXPECT_TRUE(c.rejects.empty());
}

TEST(TextReader, ByAsSentenceIsNotAByline) {
  Collected c = ParseText("Talks collapse\nBy Tuesday, the talks had failed.\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].byline, "");
  EXPECT_EQ(c.articles[0].text, "Talks collapse\nBy Tuesday, the talks had failed.");
}

// Golden test: every file in testdata/dates/ against expected.tsv. Set
// DYAD_UPDATE_GOLDEN=1 to rewrite the expected file after a deliberate change.
TEST(TextReader, GoldenHeaderExtraction) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::path(DYAD_SOURCE_DIR) / "src/ingest/testdata/dates";
  ASSERT_TRUE(fs::is_directory(dir)) << "missing test data folder " << dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".txt") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 12u);
  std::string got = "file\tpublished\tprecision\toutlet\tdateline\tbyline\ttitle\n";
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Collected c = ParseText(ss.str(), f.filename().string());
    ASSERT_EQ(c.articles.size(), 1u) << f << ": " << c.RejectText();
    const Article& a = c.articles[0];
    got += f.filename().string() + "\t" + a.published.ToString() + "\t" +
           std::string(DatePrecisionName(a.published.precision)) + "\t" + a.outlet + "\t" +
           a.dateline + "\t" + a.byline + "\t" + a.title + "\n";
  }
  const fs::path golden = dir / "expected.tsv";
  if (std::getenv("DYAD_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << got;
  }
  std::ifstream in(golden, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << golden;
  std::stringstream want;
  want << in.rdbuf();
  EXPECT_EQ(got, want.str());
}

}  // namespace
}  // namespace dyad
