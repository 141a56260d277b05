// The boundary model: its gate (which gaps it may decide), its weight table,
// how its decisions merge with the rules, and the compiled-in weights.
#include "text/boundary_model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/splitter_train.h"
#include "dyad/text.h"
#include "text/normalize.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace dyad::text {
namespace {

struct Doc {
  NormalizedText norm;
  std::vector<RawToken> tokens;
  std::vector<size_t> rule_ends;
  explicit Doc(std::string_view s) {
    Normalize(s, &norm);
    TokenizeNormalized(norm, s, &tokens);
    SplitByRules(norm, tokens, 512, &rule_ends);
  }
  std::string Tok(size_t i) const {
    return norm.text().substr(tokens[i].nb, tokens[i].ne - tokens[i].nb);
  }
  // "+Word" for a gap the model may add, "-Word" for a rule end it may drop.
  std::vector<std::string> Candidates() const {
    std::vector<std::string> out;
    ForEachCandidate(norm.text(), tokens, rule_ends,
                     [&](size_t i, bool rule, const std::vector<uint32_t>& keys) {
                       EXPECT_FALSE(keys.empty());
                       out.push_back((rule ? "-" : "+") + Tok(i));
                     });
    return out;
  }
};
using V = std::vector<std::string>;

TEST(BoundaryCandidates, LetterClosingsButNotNewsAdverbs) {
  EXPECT_EQ(Doc("Call me. Best regards, Debra Smith").Candidates(), V{"+Debra"});
  EXPECT_EQ(Doc("Meanwhile, China is slowing. Still, Lunar New Year hurts.").Candidates(), V{});
}

TEST(BoundaryCandidates, DatelinesAndTickersAreLeftAlone) {
  EXPECT_EQ(Doc("LONDON (Reuters) - Shares fell. BEIJING - The bank ( BAC.N ) Chairman spoke.")
                .Candidates(),
            V{});
  // A name like "Amazon.com" is not an address; a real one is.
  EXPECT_EQ(Doc("Apple, Google and Amazon.com Inc rose.").Candidates(), V{});
  EXPECT_EQ(Doc("See http://example.org/a.html It is free.").Candidates(), V{"+It"});
}

TEST(BoundaryCandidates, PlainEndsAndLineBreaksStayWithTheRules) {
  // "word. Next" and a line break are never questioned; an ellipsis before
  // a word is.
  EXPECT_EQ(Doc("He left. \"We won,\" she said.\nThen rain.").Candidates(), V{});
  EXPECT_EQ(Doc("We waited ... I hear it works.").Candidates(), V{"-I"});
}

TEST(BoundaryWeights, ScoresKnownKeysOnly) {
  const uint32_t keys[] = {7, 9, 123456789};
  const float values[] = {1.5f, -0.25f, 2.0f};
  const BoundaryWeights w(keys, values, 3, 0.5f);
  EXPECT_FALSE(w.empty());
  EXPECT_FLOAT_EQ(w.threshold(), 0.5f);
  const uint32_t probe[] = {7, 8, 123456789, 9};
  EXPECT_FLOAT_EQ(w.Score(probe, 4), 3.25f);
  const uint32_t none[] = {1, 2};
  EXPECT_FLOAT_EQ(w.Score(none, 2), 0.0f);
  // Key 0 marks "no weights": such a table is empty and changes nothing.
  const uint32_t zero[] = {0};
  const float zv[] = {0};
  EXPECT_TRUE(BoundaryWeights(zero, zv, 1, 0).empty());
}

TEST(RefineBoundaries, VetoesKeepTheTokenLimit) {
  // A model that scores every candidate below its threshold drops every
  // rule end it sees ("... I", "... He") and adds none.
  Doc d("We waited ... I hear it works ... He left ... She stayed.");
  ASSERT_EQ(d.rule_ends.size(), 4u);
  const uint32_t k[] = {1};
  const float v[] = {0};
  const BoundaryWeights veto_all(k, v, 1, 100.0f);
  std::vector<size_t> ends = d.rule_ends;
  RefineBoundaries(d.norm.text(), d.tokens, veto_all, 512, &ends);
  EXPECT_EQ(ends, std::vector<size_t>{d.tokens.size()});
  // With a limit of 4 tokens the long sentence is cut again.
  ends = d.rule_ends;
  RefineBoundaries(d.norm.text(), d.tokens, veto_all, 4, &ends);
  ASSERT_FALSE(ends.empty());
  size_t start = 0;
  for (size_t e : ends) {
    EXPECT_GT(e, start);
    EXPECT_LE(e - start, 4u);
    start = e;
  }
  EXPECT_EQ(ends.back(), d.tokens.size());
  // An empty model is a no-op.
  ends = d.rule_ends;
  RefineBoundaries(d.norm.text(), d.tokens, BoundaryWeights(), 512, &ends);
  EXPECT_EQ(ends, d.rule_ends);
}

std::vector<std::string> Split(std::string_view s) {
  std::vector<std::string> out;
  for (const Sentence& x : SplitSentences(s)) out.push_back(x.text);
  return out;
}

TEST(BuiltinBoundaryModel, SplitsWebTextTheRulesMiss) {
  ASSERT_FALSE(BoundaryWeights::Builtin().empty());
  EXPECT_EQ(Split("I will send it on Monday. Best regards, Debra Smith"),
            (V{"I will send it on Monday.", "Best regards,", "Debra Smith"}));
  // Known gap: between two words ("Sean Here") the model is never asked.
  EXPECT_EQ(Split("Thanks, Sean Here is the file you asked for."),
            (V{"Thanks,", "Sean Here is the file you asked for."}));
}

TEST(BuiltinBoundaryModel, LeavesNewsAlone) {
  EXPECT_EQ(Split("Meanwhile, China is slowing. LONDON (Reuters) - Shares fell 2 percent."),
            (V{"Meanwhile, China is slowing.", "LONDON (Reuters) - Shares fell 2 percent."}));
}

// The checked-in weights are what `dyad train splitter` makes from EWT with
// the default options: retraining reproduces the file byte for byte.
TEST(BuiltinBoundaryModel, RetrainingReproducesTheCheckedInWeights) {
  const std::string ewt = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  ASSERT_TRUE(std::filesystem::exists(ewt + "/file-lists/files.train"))
      << "missing reference data: " << ewt << "/file-lists/files.train";
  const std::string out =
      (std::filesystem::temp_directory_path() / "dyad_boundary_weights_test.inc").string();
  SplitterTrainReport report;
  const Status st = TrainSplitter(ewt, SplitterTrainOptions{}, out, &report);
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto slurp = [](const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  const std::string checked_in =
      slurp(std::string(DYAD_SOURCE_DIR) + "/src/text/boundary_weights.inc");
  EXPECT_EQ(slurp(out), checked_in)
      << "src/text/boundary_weights.inc is stale: regenerate it with `dyad train splitter "
         "--treebank ../shared/data/ud/en_ewt --out src/text/boundary_weights.inc`";
  EXPECT_GT(report.dev_model.f1(), report.dev_rules.f1());
  std::filesystem::remove(out);
}

}  // namespace
}  // namespace dyad::text
