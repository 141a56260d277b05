#include "parse/arc_hybrid.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "dyad/parse_conllu.h"

namespace dyad::parse_internal {
namespace {

// Follows the dynamic oracle's zero-cost transitions (ties: first class)
// and returns the CoNLL heads and label ids it builds.
void OracleParse(const std::vector<int>& conll_heads, const std::vector<int>& label_ids,
                 int num_labels, int root_label, std::vector<int>* heads,
                 std::vector<int>* labels) {
  const int n = static_cast<int>(conll_heads.size());
  std::vector<int> gold(n);
  for (int i = 0; i < n; ++i) gold[i] = conll_heads[i] == 0 ? n : conll_heads[i] - 1;
  ArcHybrid sys(num_labels, root_label);
  ArcHybridState s;
  s.Init(n);
  int steps = 0;
  while (!s.Terminal() && steps++ < 4 * n + 4) {
    int mc[3];
    for (int m = 0; m < 3; ++m) {
      mc[m] = sys.MoveLegal(s, Move(m)) ? sys.MoveCost(s, Move(m), gold) : 1 << 20;
    }
    int chosen = -1;
    for (int c = 0; c < sys.num_classes() && chosen < 0; ++c) {
      if (sys.Legal(s, c) && sys.ClassCost(s, c, mc, gold, label_ids) == 0) chosen = c;
    }
    ASSERT_GE(chosen, 0) << "no zero-cost transition";
    sys.Apply(&s, chosen);
  }
  ASSERT_TRUE(s.Terminal());
  heads->resize(n);
  labels->resize(n);
  for (int i = 0; i < n; ++i) {
    (*heads)[i] = s.heads[i] == n ? 0 : s.heads[i] + 1;
    (*labels)[i] = s.labels[i];
  }
}

TEST(ArcHybridTest, OracleRebuildsSmallTree) {
  // "She quickly read the old book ." : read is root.
  std::vector<int> heads = {3, 3, 0, 6, 6, 3, 3};
  std::vector<int> labels = {1, 2, 0, 3, 4, 5, 6};  // 0 = root
  std::vector<int> h, l;
  OracleParse(heads, labels, 7, 0, &h, &l);
  EXPECT_EQ(h, heads);
  EXPECT_EQ(l, labels);
}

TEST(ArcHybridTest, OracleRebuildsEveryProjectiveEwtTrainTree) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  ASSERT_TRUE(std::filesystem::is_directory(dir))
      << "missing " << dir << ": the UD English EWT treebank is needed for this test";
  std::vector<ConlluSentence> train;
  std::vector<Reject> rejects;
  ASSERT_TRUE(ReadTreebankSplit(dir, "train", &train, &rejects).ok());
  std::map<std::string, int> ids = {{"root", 0}};
  size_t projective = 0, nonprojective = 0;
  for (const auto& s : train) {
    std::vector<int> heads, labels;
    for (const auto& w : s.words) {
      heads.push_back(w.head);
      labels.push_back(ids.emplace(w.deprel, static_cast<int>(ids.size())).first->second);
    }
    if (!IsProjective(heads)) {
      ++nonprojective;
      continue;
    }
    ++projective;
    std::vector<int> h, l;
    OracleParse(heads, labels, 64, 0, &h, &l);
    ASSERT_EQ(h, heads) << s.where.ToString();
    ASSERT_EQ(l, labels) << s.where.ToString();
  }
  EXPECT_EQ(projective + nonprojective, train.size());
  EXPECT_EQ(nonprojective, 288u);  // measured on UD 2.15 EWT train
}

TEST(ArcHybridTest, ProjectivityCheck) {
  EXPECT_TRUE(IsProjective({2, 0, 2}));
  // 1->3 and 2->4 cross.
  EXPECT_FALSE(IsProjective({3, 4, 0, 3}));
}

TEST(ArcHybridTest, CostsCountLostArcs) {
  // Words 0 1 2, ROOT = 3. Gold: 0 <- 1, 1 root, 2 <- 1.
  std::vector<int> gold = {1, 3, 1};
  ArcHybrid sys(3, 0);
  ArcHybridState s;
  s.Init(3);
  sys.Apply(&s, 0);  // SHIFT 0
  // LEFT: 0 gets head 1 (gold): cost 0. SHIFT: pushes 1, losing 0 <- 1: cost 1.
  EXPECT_EQ(sys.MoveCost(s, kLeft, gold), 0);
  EXPECT_EQ(sys.MoveCost(s, kShift, gold), 1);
  EXPECT_FALSE(sys.MoveLegal(s, kRight));
  sys.Apply(&s, 0);  // SHIFT 1 (wrong)
  // RIGHT: 1 gets head 0 and is popped: loses 1's head (ROOT) and 2 <- 1.
  EXPECT_EQ(sys.MoveCost(s, kRight, gold), 2);
}

}  // namespace
}  // namespace dyad::parse_internal
