// Accuracy of the shipped models (models/) on UD English EWT dev and test.
// Floors are the measured scores rounded down (docs/parser.md); a drop below
// them means a regression in the tagger, the parser or the model files.
#include <gtest/gtest.h>

#include <filesystem>

#include "dyad/parse.h"

namespace dyad {
namespace {

struct Floors {
  const char* split;
  double upos, uas, las;
};

class AccuracyTest : public ::testing::TestWithParam<Floors> {};

TEST_P(AccuracyTest, ShippedModelsMeetFloors) {
  const Floors f = GetParam();
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  ASSERT_TRUE(std::filesystem::is_directory(dir))
      << "missing " << dir << ": the UD English EWT treebank is needed for this test";
  const std::string models = std::string(DYAD_SOURCE_DIR) + "/models";
  auto parser = Parser::Load(models);
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  std::vector<ConlluSentence> gold;
  std::vector<Reject> rejects;
  Status st = ReadTreebankSplit(dir, f.split, &gold, &rejects);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ParseScores s;
  ASSERT_TRUE(EvaluateParser(**parser, gold, &s).ok());
  EXPECT_EQ(s.words, std::string(f.split) == "test" ? 25094u : 25147u);
  EXPECT_GE(s.Pct(s.upos), f.upos);
  EXPECT_GE(s.Pct(s.uas), f.uas);
  EXPECT_GE(s.Pct(s.las), f.las);
  std::printf("%s: UPOS %.2f XPOS %.2f UAS %.2f LAS %.2f (universal-label LAS %.2f)\n", f.split,
              s.Pct(s.upos), s.Pct(s.xpos), s.Pct(s.uas), s.Pct(s.las), s.Pct(s.ulas));
}

INSTANTIATE_TEST_SUITE_P(Ewt, AccuracyTest,
                         ::testing::Values(Floors{"dev", 94.0, 84.0, 81.0},
                                           Floors{"test", 95.0, 85.0, 82.0}),
                         [](const auto& info) { return std::string(info.param.split); });

}  // namespace
}  // namespace dyad
