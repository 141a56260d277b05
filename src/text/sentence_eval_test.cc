// Measured sentence-splitting quality on the UD English Web Treebank (EWT):
// each document is rebuilt from its CoNLL-U sentences and split again.
#include "text/sentence_eval.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>

namespace dyad::text {
namespace {

TEST(ParseConlluDocuments, RebuildsTextParagraphsAndSpaceAfter) {
  const std::string conllu =
      "# newdoc id = d1\n# sent_id = 1\n# newpar id = p1\n# text = Hi there.\n"
      "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n"
      "3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\tSpaceAfter=No\n\n"
      "# sent_id = 2\n# text = \"Yes\n"
      "1\t\"\t\"\tPUNCT\t``\t_\t2\tpunct\t_\tSpaceAfter=No\n"
      "2\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n"
      "# sent_id = 3\n# newpar id = p2\n# text = Bye.\n"
      "1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n"
      "2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
  auto docs = ParseConlluDocuments(conllu, "inline");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 1u);
  const GoldDocument& d = (*docs)[0];
  EXPECT_EQ(d.id, "d1");
  // SpaceAfter=No on the last token of sentence 1 glues sentence 2 to it.
  EXPECT_EQ(d.text, "Hi there.\"Yes\n\nBye.");
  EXPECT_EQ(d.sentence_ends, (std::vector<uint32_t>{9, 13, 19}));
  EXPECT_EQ(d.paragraph_final, (std::vector<bool>{false, true, true}));
}

TEST(ParseConlluDocuments, SentenceWithoutTextIsCorruption) {
  auto docs =
      ParseConlluDocuments("# sent_id = 1\n1\tHi\thi\tX\tX\t_\t0\troot\t_\t_\n\n", "f.conllu");
  ASSERT_FALSE(docs.ok());
  EXPECT_NE(docs.status().message().find("f.conllu:1"), std::string::npos);
}

TEST(EvaluateSentenceSplitting, CountsExactEndMatches) {
  GoldDocument d;
  d.text = "He left. She stayed.";
  d.sentence_ends = {8, 20};
  d.paragraph_final = {false, true};
  SentenceEval e = EvaluateSentenceSplitting({d});
  EXPECT_EQ(e.all.gold, 2u);
  EXPECT_EQ(e.all.predicted, 2u);
  EXPECT_EQ(e.all.correct, 2u);
  EXPECT_DOUBLE_EQ(e.all.f1(), 1.0);
  EXPECT_EQ(e.inside_paragraphs.gold, 1u);
  EXPECT_EQ(e.inside_paragraphs.correct, 1u);
}

std::string EwtDir() {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  return dir;
}

void RunSplit(const std::string& split, double floor_f1) {
  const std::string dir = EwtDir();
  const std::string list = dir + "/file-lists/files." + split;
  ASSERT_TRUE(std::filesystem::exists(list))
      << "missing reference data: " << list << " (DYAD_SHARED_DIR=" << DYAD_SHARED_DIR << ")";
  auto docs = LoadConlluDocuments(dir + "/sources", list);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_GT(docs->size(), 100u);
  const SentenceEval e = EvaluateSentenceSplitting(*docs);
  std::printf(
      "EWT %s: %zu documents; all boundaries P=%.4f R=%.4f F1=%.4f (gold %zu, predicted %zu, "
      "correct %zu); inside paragraphs P=%.4f R=%.4f F1=%.4f (gold %zu)\n",
      split.c_str(), e.documents, e.all.precision(), e.all.recall(), e.all.f1(), e.all.gold,
      e.all.predicted, e.all.correct, e.inside_paragraphs.precision(), e.inside_paragraphs.recall(),
      e.inside_paragraphs.f1(), e.inside_paragraphs.gold);
  EXPECT_GE(e.all.f1(), floor_f1) << "sentence splitting F1 on EWT " << split
                                  << " fell below its measured floor";
}

// Floors are the measured F1 rounded down to two decimals. Measured
// 2026-11-22 with the boundary model (text/boundary_model.h, trained on the
// train split, threshold chosen on dev, test run once at the end): test
// 0.9504, dev 0.9597. Rules alone: 0.9432 and 0.9519; before the web-text
// rules of issue #2: 0.9323 and 0.9395. See docs/text-stage.md. Raise them
// when the splitter improves.
TEST(EwtSentenceSplitting, TestSetF1) { RunSplit("test", 0.95); }
TEST(EwtSentenceSplitting, DevSetF1) { RunSplit("dev", 0.95); }

}  // namespace
}  // namespace dyad::text
