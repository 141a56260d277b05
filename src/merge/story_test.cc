#include "dyad/story.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace dyad {
namespace {

// A deterministic text of `n` words drawn from a vocabulary of `vocab` words.
std::string RandomText(uint32_t seed, size_t n, size_t vocab = 5000) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, vocab - 1);
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += "w" + std::to_string(pick(rng));
  }
  return s;
}

// `text` with every `every`-th word replaced.
std::string Edit(const std::string& text, size_t every) {
  std::string out;
  size_t word = 0, start = 0;
  while (start <= text.size()) {
    size_t sp = text.find(' ', start);
    if (sp == std::string::npos) sp = text.size();
    if (!out.empty()) out += ' ';
    out += (++word % every == 0) ? "edited" + std::to_string(word) : text.substr(start, sp - start);
    start = sp + 1;
  }
  return out;
}

Article MakeArticle(std::string title, std::string text, Date date) {
  Article a;
  a.title = std::move(title);
  a.text = std::move(text);
  a.published = date;
  return a;
}

TEST(StoryWords, LowercasesAndSplitsOnUnicodePunctuation) {
  std::string buf;
  auto w = StoryWords(
      "The Court\xE2\x80\x99s ruling\xC2\xA0on Monday \xE2\x80\x94 Gda\xC5\x84sk, 2021!", &buf);
  std::vector<std::string> got(w.begin(), w.end());
  EXPECT_EQ(got, (std::vector<std::string>{"the", "court", "s", "ruling", "on", "monday",
                                           "gda\xC5\x84sk", "2021"}));
}

// The signature estimate must track the exact shingle Jaccard (the slow
// reference): with 128 hashes the standard error is at most 0.045.
TEST(MinHash, EstimateTracksExactJaccard) {
  StoryOptions o;
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const std::string a = RandomText(seed, 400);
    const std::string b = Edit(a, 3 + seed % 12);
    const double exact = ShingleJaccard(a, b, o.shingle_words);
    const double est = EstimateJaccard(ComputeMinHash(a, o), ComputeMinHash(b, o));
    EXPECT_NEAR(est, exact, 0.15) << "seed " << seed;
  }
  const std::string a = RandomText(7, 300);
  EXPECT_DOUBLE_EQ(ShingleJaccard(a, a, 4), 1.0);
  EXPECT_DOUBLE_EQ(EstimateJaccard(ComputeMinHash(a, o), ComputeMinHash(a, o)), 1.0);
  EXPECT_LT(ShingleJaccard(a, RandomText(8, 300), 4), 0.01);
}

TEST(ClusterStories, CopiesAndStoriesAreSeparate) {
  // Filler words come from a 50-word vocabulary: every article has them, so
  // they carry no story weight, but 4-word shingles of them stay distinct.
  auto filler = [](uint32_t seed) { return RandomText(seed, 300, 50); };
  const std::string wire =
      "Rebels seized the port city of Hodeidah on Tuesday after days of fighting. " + filler(42);
  std::vector<Article> in;
  // 0: a lightly edited copy published a day later; 1: the original;
  // 2: an unrelated text; 3: an independent report of the original's event;
  // 4: empty.
  in.push_back(
      MakeArticle("Rebels seize port city of Hodeidah", Edit(wire, 60), Date::Day(2021, 3, 11)));
  in.push_back(MakeArticle("Rebels seize port city of Hodeidah", wire, Date::Day(2021, 3, 10)));
  in.push_back(MakeArticle("Central bank raises interest rates",
                           "The central bank raised its key rate by half a point. " + filler(43),
                           Date::Day(2021, 3, 10)));
  in.push_back(
      MakeArticle("Hodeidah port falls to rebels",
                  "Rebel fighters seized Hodeidah and its port, the governor said. " + filler(44),
                  Date::Day(2021, 3, 10)));
  in.push_back(MakeArticle("", "", Date{}));
  for (int k = 0; k < 20; ++k)  // background articles, so idf means something
    in.push_back(MakeArticle("Topic " + std::to_string(k) + " update",
                             "Item" + std::to_string(k) + " " + filler(100 + k),
                             Date::Day(2021, 3, 10)));
  StoryOptions o;
  StoryClusters c = ClusterStories(in, o);
  ASSERT_EQ(c.story.size(), in.size());
  EXPECT_EQ(c.copy_group[0], c.copy_group[1]);
  EXPECT_EQ(c.is_copy_of[0], 1);  // the earlier article is the original
  EXPECT_EQ(c.is_copy_of[1], -1);
  EXPECT_NE(c.copy_group[3], c.copy_group[1]);  // a rewrite is not a copy...
  EXPECT_EQ(c.story[3], c.story[1]);            // ...but it is the same story
  EXPECT_EQ(c.story[0], c.story[1]);
  EXPECT_NE(c.story[2], c.story[1]);
  EXPECT_NE(c.story[4], c.story[1]);
  EXPECT_EQ(c.is_copy_of[4], -1);

  // Outside the date window the rewrite is its own story; the copy stays a copy.
  in[3].published = Date::Day(2021, 3, 20);
  c = ClusterStories(in, o);
  EXPECT_NE(c.story[3], c.story[1]);
  EXPECT_EQ(c.copy_group[0], c.copy_group[1]);
}

TEST(ScorePairwise, CountsPairs) {
  // gold {0,1,2} {3,4}; predicted {0,1} {2,3,4}
  auto s = ScorePairwise({0, 0, 1, 1, 1}, {7, 7, 7, 9, 9});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->gold_pairs, 4u);
  EXPECT_EQ(s->predicted_pairs, 4u);
  EXPECT_EQ(s->correct_pairs, 2u);
  EXPECT_DOUBLE_EQ(s->precision, 0.5);
  EXPECT_DOUBLE_EQ(s->recall, 0.5);
  EXPECT_FALSE(ScorePairwise({0}, {0, 1}).ok());
}

// The AllSides same-story corpus: each line is one story covered by 2-3
// outlets. Floors are the measured values rounded down (docs/stories.md).
TEST(StoryEval, AllsidesPairwise) {
  const std::string path = std::string(DYAD_SHARED_DIR) +
                           "/data/corpora/allsides_same_story/data/raw_crawled/"
                           "headline_11_2021-10-19_crawled_all.jsonl";
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing evaluation corpus " << path;
  auto corpus = ReadAllsidesStories(path);
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  for (const Reject& r : corpus->rejects) std::printf("[ reject   ] %s\n", r.ToString().c_str());
  ASSERT_EQ(corpus->articles.size(), 1479u);  // 469 stories x 3 + 36 x 2; one story has none

  // Defaults were tuned on the even-numbered stories (dev half); the
  // odd-numbered ones are held out. The whole file is denser (twice the
  // stories per day), so its precision is lower than either half's.
  auto run = [&](const char* name, int half, const StoryOptions& o) {
    std::vector<Article> arts;
    std::vector<uint32_t> gold;
    for (size_t i = 0; i < corpus->articles.size(); ++i) {
      if (half >= 0 && static_cast<int>(corpus->gold_story[i] % 2) != half) continue;
      arts.push_back(corpus->articles[i]);
      gold.push_back(corpus->gold_story[i]);
    }
    StoryClusters c = ClusterStories(arts, o);
    PairwiseScore s = ScorePairwise(c.story, gold).value();
    std::printf(
        "[ allsides ] %-9s window %2d: %4zu articles -> %3u stories, %4u copy groups; "
        "pairwise precision %.4f recall %.4f f1 %.4f (pairs %llu predicted, %llu gold, %llu "
        "correct)\n",
        name, o.date_window_days, arts.size(), c.num_stories, c.num_copy_groups, s.precision,
        s.recall, s.f1, static_cast<unsigned long long>(s.predicted_pairs),
        static_cast<unsigned long long>(s.gold_pairs),
        static_cast<unsigned long long>(s.correct_pairs));
    return s;
  };
  const StoryOptions o;
  PairwiseScore all = run("all", -1, o);
  PairwiseScore dev = run("dev", 0, o);
  PairwiseScore held = run("held-out", 1, o);
  // Floors: the values measured with the defaults, rounded down to 2 decimals.
  EXPECT_GE(all.precision, 0.80);
  EXPECT_GE(all.recall, 0.81);
  EXPECT_GE(dev.precision, 0.94);
  EXPECT_GE(dev.recall, 0.83);
  EXPECT_GE(held.precision, 0.88);
  EXPECT_GE(held.recall, 0.80);
  // The one copy pair in the file: the same New York Times report filed
  // under two AllSides stories.
  EXPECT_EQ(ClusterStories(corpus->articles, o).num_copy_groups, 1478u);
  // Text alone, without the date window, and single linkage: for the record.
  StoryOptions no_window = o;
  no_window.date_window_days = -1;
  run("no-window", -1, no_window);
  StoryOptions single = o;
  single.average_linkage = false;
  run("single", -1, single);
}

}  // namespace
}  // namespace dyad
