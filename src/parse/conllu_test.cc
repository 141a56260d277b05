#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/parse_conllu.h"

namespace dyad {
namespace {

std::string TestData(const std::string& name) {
  return std::string(DYAD_SOURCE_DIR) + "/src/parse/testdata/" + name;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ConlluTest, EdgeCasesKeepGoodSentencesAndRejectBadOnes) {
  std::vector<ConlluSentence> s;
  std::vector<Reject> rejects;
  ASSERT_TRUE(ReadConlluFile(TestData("edge_cases.conllu"), &s, &rejects).ok());
  ASSERT_EQ(s.size(), 3u);
  // Sentence 1: a multiword token kept aside, five words, CRLF blank line after it.
  EXPECT_EQ(s[0].words.size(), 5u);
  ASSERT_EQ(s[0].multiwords.size(), 1u);
  EXPECT_EQ(s[0].multiwords[0].first, 2);
  EXPECT_EQ(s[0].multiwords[0].last, 3);
  EXPECT_EQ(s[0].multiwords[0].form, "don't");
  EXPECT_EQ(s[0].words[3].form, "know");
  EXPECT_EQ(s[0].words[3].head, 0);
  EXPECT_EQ(s[0].words[3].deprel, "root");
  EXPECT_EQ(s[0].words[3].misc, "SpaceAfter=No");
  EXPECT_EQ(s[0].comments[2], " text = I don't know.");
  EXPECT_EQ(s[0].where.line, 1);
  // Sentence 3: the empty node 1.1 is skipped.
  ASSERT_EQ(s[1].words.size(), 2u);
  EXPECT_EQ(s[1].words[1].form, "here");
  EXPECT_EQ(s[1].words[1].head, 1);
  // Last sentence has no final newline; "_" as a form is a literal underscore.
  ASSERT_EQ(s[2].words.size(), 2u);
  EXPECT_EQ(s[2].words[1].form, "_");
  EXPECT_EQ(s[2].words[1].lemma, "_");

  ASSERT_EQ(rejects.size(), 3u);
  const std::string path = TestData("edge_cases.conllu");
  EXPECT_EQ(rejects[0].where.path, path);
  EXPECT_EQ(rejects[0].where.line, 12);
  EXPECT_NE(rejects[0].what.find("expected 10 tab-separated columns, found 8"), std::string::npos)
      << rejects[0].what;
  EXPECT_NE(rejects[0].what.find("skipped"), std::string::npos);
  EXPECT_EQ(rejects[1].where.line, 21);
  EXPECT_NE(rejects[1].what.find("HEAD 7 is beyond"), std::string::npos) << rejects[1].what;
  EXPECT_EQ(rejects[2].where.line, 25);
  EXPECT_NE(rejects[2].what.find("word id '3' is not 2"), std::string::npos) << rejects[2].what;
  for (const auto& r : rejects) EXPECT_TRUE(r.fatal);
}

TEST(ConlluTest, WriterMatchesGolden) {
  std::vector<ConlluSentence> s;
  std::vector<Reject> rejects;
  ASSERT_TRUE(ReadConlluFile(TestData("edge_cases.conllu"), &s, &rejects).ok());
  std::string out;
  for (const auto& x : s) AppendConllu(x, &out);
  EXPECT_EQ(out, Slurp(TestData("edge_cases.expected.conllu")));
}

TEST(ConlluTest, WriteThenReadIsIdentity) {
  std::vector<ConlluSentence> s;
  std::vector<Reject> rejects;
  ASSERT_TRUE(ReadConlluFile(TestData("edge_cases.expected.conllu"), &s, &rejects).ok());
  EXPECT_TRUE(rejects.empty());
  std::string once;
  for (const auto& x : s) AppendConllu(x, &once);
  std::vector<ConlluSentence> again;
  ParseConllu(once, "mem", &again, &rejects);
  std::string twice;
  for (const auto& x : again) AppendConllu(x, &twice);
  EXPECT_EQ(once, twice);
}

TEST(ConlluTest, GarbageNeverCrashesAndIsReported) {
  std::vector<ConlluSentence> s;
  std::vector<Reject> rejects;
  ParseConllu("1\tx\n\n\t\t\t\n#only comment\n\n1-x\ta\t_\t_\t_\t_\t_\t_\t_\t_\n", "g", &s,
              &rejects);
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(rejects.size(), 3u);
  ParseConllu("", "empty", &s, &rejects);
  EXPECT_TRUE(s.empty());
}

TEST(ConlluTest, MissingFileIsIOError) {
  std::vector<ConlluSentence> s;
  std::vector<Reject> rejects;
  Status st = ReadConlluFile("/nonexistent/x.conllu", &s, &rejects);
  EXPECT_EQ(st.code(), StatusCode::kIOError);
  EXPECT_NE(st.message().find("/nonexistent/x.conllu"), std::string::npos);
}

TEST(ConlluTest, ReadsEwtSplitsFromFileLists) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  ASSERT_TRUE(std::filesystem::is_directory(dir))
      << "missing " << dir << ": the UD English EWT treebank is needed for this test";
  std::vector<ConlluSentence> dev;
  std::vector<Reject> rejects;
  Status st = ReadTreebankSplit(dir, "dev", &dev, &rejects);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(dev.size(), 2001u);  // as in the official en_ewt-ud-dev.conllu
  EXPECT_TRUE(rejects.empty());
  size_t words = 0;
  for (const auto& s : dev) words += s.words.size();
  EXPECT_EQ(words, 25147u);
  EXPECT_EQ(ReadTreebankSplit(dir, "nosuchsplit", &dev, &rejects).code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace dyad
