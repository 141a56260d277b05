// The score caches of the tagger and the parser change speed, not results:
// on every word / step of EWT dev the cached score vector equals the one from
// looking up every feature, and the tags and parses agree.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "dyad/parse.h"
#include "parse/parser_model.h"
#include "parse/tagger.h"

namespace dyad::parse_internal {
namespace {

struct Shipped {
  TaggerModel tagger;
  ParserModel parser;
  std::vector<ConlluSentence> dev;
};

// Loads the shipped models and EWT dev; fails the test when any is missing.
void Load(Shipped* s) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  ASSERT_TRUE(std::filesystem::is_directory(dir))
      << "missing " << dir << ": the UD English EWT treebank is needed for this test";
  const std::string models = std::string(DYAD_SOURCE_DIR) + "/models/";
  auto tagger_bytes = ReadModelFile(models + std::string(kTaggerModelFile));
  ASSERT_TRUE(tagger_bytes.ok()) << tagger_bytes.status().ToString();
  auto parser_bytes = ReadModelFile(models + std::string(kParserModelFile));
  ASSERT_TRUE(parser_bytes.ok()) << parser_bytes.status().ToString();
  auto tagger = TaggerModel::Deserialize(*tagger_bytes, "tagger");
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto parser = ParserModel::Deserialize(*parser_bytes, "parser");
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  s->tagger = std::move(tagger).value();
  s->parser = std::move(parser).value();
  std::vector<Reject> rejects;
  Status st = ReadTreebankSplit(dir, "dev", &s->dev, &rejects);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(s->dev.size(), 2001u);
}

std::vector<std::string_view> Forms(const ConlluSentence& s) {
  std::vector<std::string_view> forms;
  for (const auto& w : s.words) forms.push_back(w.form);
  return forms;
}

TEST(ScoreCacheTest, TaggerCacheGivesTheScoresOfDirectLookups) {
  Shipped m;
  ASSERT_NO_FATAL_FAILURE(Load(&m));
  size_t words = 0, hits = 0, mismatches = 0, differing = 0;
  std::vector<WordAtoms> atoms;
  std::vector<int> a, b;
  for (const ConlluSentence& s : m.dev) {
    ComputeAtoms(Forms(s), &m.tagger.lexicon, &atoms);
    mismatches += m.tagger.CountCacheMismatches(atoms, &words, &hits);
    m.tagger.TagAtoms(atoms, &a);
    m.tagger.TagAtomsUncached(atoms, &b);
    differing += a != b;
  }
  EXPECT_EQ(words, 25147u);
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(differing, 0u);
  std::printf("tagger cache, one pass over EWT dev: %.1f%% of unit lookups hit\n",
              100.0 * hits / (4.0 * words));
}

// The tagger cache lives per thread and is tied to one weight table: two
// models used in turn on one thread, and threads of their own, must each
// get their own model's tags.
TEST(ScoreCacheTest, TaggerCacheKeepsModelsAndThreadsApart) {
  Shipped m;
  ASSERT_NO_FATAL_FAILURE(Load(&m));
  TaggerModel pruned = m.tagger;
  pruned.weights = m.tagger.weights.Pruned(3000);  // a different table: new id
  ASSERT_NE(pruned.weights.id(), m.tagger.weights.id());
  std::vector<std::vector<WordAtoms>> atoms(m.dev.size());
  std::vector<std::vector<int>> expect_full(m.dev.size()), expect_pruned(m.dev.size());
  size_t tags_that_differ = 0;
  for (size_t i = 0; i < m.dev.size(); ++i) {
    ComputeAtoms(Forms(m.dev[i]), &m.tagger.lexicon, &atoms[i]);
    m.tagger.TagAtomsUncached(atoms[i], &expect_full[i]);
    pruned.TagAtomsUncached(atoms[i], &expect_pruned[i]);
    tags_that_differ += expect_full[i] != expect_pruned[i];
  }
  ASSERT_GT(tags_that_differ, 100u);  // else this test could not see a mix-up
  auto run = [&](size_t* wrong) {
    std::vector<int> got;
    for (size_t i = 0; i < m.dev.size(); ++i) {
      m.tagger.TagAtoms(atoms[i], &got);
      *wrong += got != expect_full[i];
      pruned.TagAtoms(atoms[i], &got);
      *wrong += got != expect_pruned[i];
    }
  };
  size_t wrong_here = 0, wrong_a = 0, wrong_b = 0;
  std::thread a(run, &wrong_a), b(run, &wrong_b);
  run(&wrong_here);
  a.join();
  b.join();
  EXPECT_EQ(wrong_here, 0u);
  EXPECT_EQ(wrong_a, 0u);
  EXPECT_EQ(wrong_b, 0u);
}

TEST(ScoreCacheTest, ParserCacheGivesTheScoresOfDirectLookups) {
  Shipped m;
  ASSERT_NO_FATAL_FAILURE(Load(&m));
  size_t steps = 0, hits = 0, mismatches = 0, differing = 0, words = 0;
  std::vector<WordAtoms> atoms;
  std::vector<int> classes, heads_a, labels_a, heads_b, labels_b;
  ParserInput in;
  for (const ConlluSentence& s : m.dev) {
    ComputeAtoms(Forms(s), &m.tagger.lexicon, &atoms);
    m.tagger.TagAtoms(atoms, &classes);
    const int n = static_cast<int>(atoms.size());
    in.Reset(n);
    for (int i = 0; i < n; ++i) {
      const TagClass& c = m.tagger.classes[classes[i]];
      in.Set(i, atoms[i].lower, TagAtom(c.upos, c.xpos), UposAtom(c.upos));
    }
    mismatches += m.parser.CountCacheMismatches(in, n, &steps, &hits);
    m.parser.Parse(in, n, &heads_a, &labels_a);
    m.parser.ParseUncached(in, n, &heads_b, &labels_b);
    differing += heads_a != heads_b || labels_a != labels_b;
    words += n;
  }
  EXPECT_EQ(words, 25147u);
  EXPECT_EQ(steps, 2 * words);  // arc-hybrid: one SHIFT and one arc per word
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(differing, 0u);
  std::printf("parser cache: %zu steps, %.1f%% of unit lookups hit\n", steps,
              100.0 * hits / (4.0 * steps));
}

}  // namespace
}  // namespace dyad::parse_internal
