#include "parse/model.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "dyad/parse.h"
#include "parse/parser_model.h"
#include "parse/tagger.h"

namespace dyad::parse_internal {
namespace {

// A few sentences of our own, enough to train toy models.
constexpr char kToy[] =
    "1\tRebels\trebel\tNOUN\tNNS\tNumber=Plur\t2\tnsubj\t_\t_\n"
    "2\tattacked\tattack\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
    "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n"
    "4\ttown\ttown\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tarmy\tarmy\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n"
    "3\tshelled\tshell\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n"
    "4\trebels\trebel\tNOUN\tNNS\tNumber=Plur\t3\tobj\t_\t_\n"
    "5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_\n"
    "6\tHoms\tHoms\tPROPN\tNNP\tNumber=Sing\t3\tobl\t_\t_\n"
    "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "1\tTalks\ttalk\tNOUN\tNNS\tNumber=Plur\t3\tnsubj:pass\t_\t_\n"
    "2\twere\tbe\tAUX\tVBD\tMood=Ind|Number=Plur|Tense=Past|VerbForm=Fin\t3\taux:pass\t_\t_\n"
    "3\theld\thold\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_\n"
    "4\tin\tin\tADP\tIN\t_\t5\tcase\t_\t_\n"
    "5\tGeneva\tGeneva\tPROPN\tNNP\tNumber=Sing\t3\tobl\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n";

std::vector<ConlluSentence> Toy() {
  std::vector<ConlluSentence> s;
  std::vector<Reject> r;
  ParseConllu(kToy, "toy", &s, &r);
  return s;
}

TrainOptions NoPruning() {
  TrainOptions o;
  o.prune_below = 0;
  return o;
}

TaggerModel ToyTagger() {
  auto m = TrainTaggerModel(Toy(), {}, 5, 7, "test", NoPruning());
  EXPECT_TRUE(m.ok());
  return std::move(m).value();
}

ParserModel ToyParser() {
  std::vector<ConlluSentence> toy = Toy();
  std::vector<std::string> labels = {"aux:pass", "case", "det",   "nsubj", "nsubj:pass",
                                     "obj",      "obl",  "punct", "root"};
  std::vector<ParserExample> ex;
  for (const auto& s : toy) {
    ParserExample e;
    e.n = static_cast<int>(s.words.size());
    e.input.Reset(e.n);
    for (int i = 0; i < e.n; ++i) {
      const auto& w = s.words[i];
      e.input.Set(i, WordAtom(w.form), TagAtom(w.upos, w.xpos), UposAtom(w.upos));
      e.gold_heads.push_back(w.head == 0 ? e.n : w.head - 1);
      e.gold_labels.push_back(
          static_cast<int>(std::find(labels.begin(), labels.end(), w.deprel) - labels.begin()));
    }
    ex.push_back(std::move(e));
  }
  auto m = TrainParserModel(labels, 8, ex, {}, 5, 3, NoPruning());
  EXPECT_TRUE(m.ok());
  return std::move(m).value();
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("dyad_model_test_" + name)).string();
}

// Rewrites header field at `offset` and fixes the header CRC, to fake a
// well-formed file of another version or kind.
std::string WithHeaderField(std::string bytes, size_t offset, uint32_t value) {
  std::memcpy(bytes.data() + offset, &value, 4);
  uint32_t crc = static_cast<uint32_t>(
      crc32(crc32(0, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), 28));
  std::memcpy(bytes.data() + 28, &crc, 4);
  return bytes;
}

TEST(ModelTest, TaggerRoundTripIsExact) {
  TaggerModel m = ToyTagger();
  std::string bytes = m.Serialize();
  auto back = TaggerModel::Deserialize(bytes, "toy.tagger");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->Serialize(), bytes);
  EXPECT_EQ(back->classes.size(), m.classes.size());
  EXPECT_EQ(back->weights.num_entries(), m.weights.num_entries());
  std::vector<int> a, b;
  std::vector<std::string_view> words = {"Rebels", "shelled", "the", "town", "."};
  m.Tag(words, &a);
  back->Tag(words, &b);
  EXPECT_EQ(a, b);
  EXPECT_EQ(back->classes[b[1]].xpos, "VBD");
  EXPECT_EQ(back->classes[b[3]].upos, "NOUN");
}

TEST(ModelTest, TrainingIsDeterministic) {
  EXPECT_EQ(ToyTagger().Serialize(), ToyTagger().Serialize());
  EXPECT_EQ(ToyParser().Serialize(), ToyParser().Serialize());
}

TEST(ModelTest, ParserRoundTripThroughPublicApi) {
  const std::string tp = TempPath("rt.tagger"), pp = TempPath("rt.parser");
  ASSERT_TRUE(WriteModelFile(tp, ToyTagger().Serialize()).ok());
  std::string parser_bytes = ToyParser().Serialize();
  ASSERT_TRUE(WriteModelFile(pp, parser_bytes).ok());
  auto parser = Parser::LoadFiles(tp, pp);
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  ParsedSentence out;
  ASSERT_TRUE((*parser)->Parse({"Rebels", "attacked", "the", "town", "."}, &out).ok());
  ASSERT_EQ(out.words.size(), 5u);
  // Training data: the toy parser must reproduce it.
  EXPECT_EQ(out.words[0].head, 2);
  EXPECT_EQ(out.words[0].deprel, "nsubj");
  EXPECT_EQ(out.words[1].head, 0);
  EXPECT_EQ(out.words[1].deprel, "root");
  EXPECT_EQ(out.words[3].head, 2);
  EXPECT_EQ(out.words[3].deprel, "obj");
  EXPECT_EQ(out.words[1].feats, "Mood=Ind|Tense=Past|VerbForm=Fin");
  // Exactly one root, whatever the input.
  ASSERT_TRUE((*parser)->Parse({"in", "in", "in", ".", "Geneva", "the"}, &out).ok());
  int roots = 0;
  for (const auto& w : out.words) roots += w.head == 0;
  EXPECT_EQ(roots, 1);
  ASSERT_TRUE((*parser)->Parse(std::vector<std::string_view>{}, &out).ok());
  EXPECT_TRUE(out.words.empty());
  std::vector<std::string_view> huge(Parser::kMaxWords + 1, "x");
  EXPECT_EQ((*parser)->Parse(huge, &out).code(), StatusCode::kInvalidArgument);
  auto again = ParserModel::Deserialize(parser_bytes, "p");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->Serialize(), parser_bytes);
  std::filesystem::remove(tp);
  std::filesystem::remove(pp);
}

TEST(ModelTest, TruncatedCorruptedAndWrongFilesAreRejected) {
  const std::string bytes = ToyTagger().Serialize();
  auto expect_error = [](Result<TaggerModel> r, StatusCode code, const std::string& what) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find("my.tagger"), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(what), std::string::npos) << r.status().message();
  };
  expect_error(TaggerModel::Deserialize(bytes.substr(0, bytes.size() - 1), "my.tagger"),
               StatusCode::kCorruption, "truncated");
  expect_error(TaggerModel::Deserialize(bytes.substr(0, 10), "my.tagger"), StatusCode::kCorruption,
               "truncated");
  expect_error(TaggerModel::Deserialize("", "my.tagger"), StatusCode::kCorruption, "retrain");
  std::string flipped = bytes;
  flipped[flipped.size() / 2] ^= 0x20;
  expect_error(TaggerModel::Deserialize(flipped, "my.tagger"), StatusCode::kCorruption, "CRC-32");
  std::string bad_header = bytes;
  bad_header[9] ^= 1;
  expect_error(TaggerModel::Deserialize(bad_header, "my.tagger"), StatusCode::kCorruption,
               "header is corrupted");
  std::string magic = bytes;
  magic[0] = 'X';
  expect_error(TaggerModel::Deserialize(magic, "my.tagger"), StatusCode::kCorruption,
               "not a dyad model");
  expect_error(TaggerModel::Deserialize(WithHeaderField(bytes, 8, 99), "my.tagger"),
               StatusCode::kUnsupported, "format version 99");
  expect_error(TaggerModel::Deserialize(WithHeaderField(bytes, 12, 2), "my.tagger"),
               StatusCode::kInvalidArgument, "is a parser model");
  expect_error(TaggerModel::Deserialize(ToyParser().Serialize(), "my.tagger"),
               StatusCode::kInvalidArgument, "expected a tagger model");
  // A valid container with a garbled payload: caught by payload checks.
  expect_error(TaggerModel::FromPayload(std::string(64, '\x07'), "my.tagger"),
               StatusCode::kUnsupported, "feature set version");
}

TEST(ModelTest, MissingModelFolderSaysWhatToDo) {
  auto r = Parser::Load("/nonexistent/models");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/models"), std::string::npos);
  EXPECT_NE(r.status().message().find("dyad train"), std::string::npos);
}

TEST(ModelTest, WeightTableScoresWhatWasStored) {
  TrainWeights::Quantized q;
  q.scale = 0.5f;
  q.keys = {5, 9};
  q.counts = {2, 1};
  q.classes = {0, 2, 1};
  q.weights = {100, -7, 3};
  auto t = WeightTable::Build(3, q);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->score_size(), 16);
  uint32_t keys[] = {9, 5, 12345};
  std::vector<int32_t> scores(t->score_size(), 0);
  t->Score(keys, 3, scores.data());
  EXPECT_EQ(scores[0], 100);
  EXPECT_EQ(scores[1], 3);
  EXPECT_EQ(scores[2], -7);
  for (int c = 3; c < 16; ++c) EXPECT_EQ(scores[c], 0) << "padding lane " << c;
  std::string bytes;
  t->AppendTo(&bytes);
  size_t pos = 0;
  auto back = WeightTable::ReadFrom(bytes, &pos, 3);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(pos, bytes.size());
  std::vector<int32_t> again(back->score_size(), 0);
  back->Score(keys, 3, again.data());
  EXPECT_EQ(again, scores);
  // Class out of range is refused.
  pos = 0;
  EXPECT_FALSE(WeightTable::ReadFrom(bytes, &pos, 2).ok());
}

// The fast Score() (one-entry rows in the slot, sparse rows, SIMD dense
// rows) must add exactly what the one-entry-at-a-time reference adds, for
// every row layout and for keys that are absent.
TEST(ModelTest, WeightTableScoreMatchesReference) {
  Rng rng(7);
  for (int num_classes : {3, 17, 103, 131}) {
    TrainWeights::Quantized q;
    uint32_t key = 0;
    for (int f = 0; f < 3000; ++f) {
      key += 1 + static_cast<uint32_t>(rng.Next() % 5000);
      // Row lengths from 1 to num_classes: all three layouts occur.
      const int len = 1 + static_cast<int>(rng.Next() % (f % 3 == 0 ? num_classes : 4));
      std::vector<int> cls(num_classes);
      for (int c = 0; c < num_classes; ++c) cls[c] = c;
      rng.Shuffle(&cls);
      cls.resize(std::min(len, num_classes));
      std::sort(cls.begin(), cls.end());
      q.keys.push_back(key);
      q.counts.push_back(static_cast<uint32_t>(cls.size()));
      for (int c : cls) {
        int w = static_cast<int>(rng.Next() % 65535) - 32767;
        q.classes.push_back(static_cast<uint16_t>(c));
        q.weights.push_back(static_cast<int16_t>(w == 0 ? 1 : w));
      }
    }
    auto t = WeightTable::Build(num_classes, q);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(t->num_entries(), q.classes.size());
    if (num_classes > 3) {
      EXPECT_GT(t->num_dense_rows(), 0u);
    }
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<uint32_t> keys;
      for (int i = 0; i < 120; ++i) {
        // Mostly stored keys, some absent ones.
        keys.push_back(rng.Next() % 4 == 0 ? static_cast<uint32_t>(rng.Next() | 1)
                                           : q.keys[rng.Next() % q.keys.size()]);
      }
      std::vector<int32_t> fast(t->score_size(), 0), slow(t->score_size(), 0);
      t->Score(keys.data(), keys.size(), fast.data());
      t->ScoreReference(keys.data(), keys.size(), slow.data());
      ASSERT_EQ(fast, slow) << num_classes << " classes, trial " << trial;
      // ScoreInto: each key's weights go to the vector it names, and only there.
      constexpr int kOuts = 5;
      std::vector<uint8_t> dest(keys.size());
      std::vector<std::vector<int32_t>> into(kOuts, std::vector<int32_t>(t->score_size(), 0));
      std::vector<std::vector<int32_t>> expect = into;
      int32_t* outs[kOuts];
      for (int d = 0; d < kOuts; ++d) outs[d] = into[d].data();
      std::vector<std::vector<uint32_t>> keys_of(kOuts);
      for (size_t i = 0; i < keys.size(); ++i) {
        dest[i] = static_cast<uint8_t>(rng.Next() % kOuts);
        keys_of[dest[i]].push_back(keys[i]);
      }
      for (int d = 0; d < kOuts; ++d) {
        t->ScoreReference(keys_of[d].data(), keys_of[d].size(), expect[d].data());
      }
      t->ScoreInto(keys.data(), dest.data(), keys.size(), outs);
      for (int d = 0; d < kOuts; ++d) {
        ASSERT_EQ(into[d], expect[d])
            << num_classes << " classes, trial " << trial << ", out " << d;
      }
    }
    // Serialization is unchanged by the in-memory layout.
    std::string a, b;
    t->AppendTo(&a);
    size_t pos = 0;
    auto back = WeightTable::ReadFrom(a, &pos, num_classes);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    back->AppendTo(&b);
    EXPECT_EQ(a, b);
  }
}

TEST(ModelTest, FirstArgMaxIsTheFirstMaximum) {
  Rng rng(11);
  for (int n = 1; n <= 140; ++n) {
    for (int trial = 0; trial < 20; ++trial) {
      std::vector<int32_t> v(n);
      // Few distinct values, so ties are common; negative values too.
      for (auto& x : v) x = static_cast<int32_t>(rng.Next() % 7) - 5;
      if (trial == 0) std::fill(v.begin(), v.end(), -3);
      const int expect = static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());
      ASSERT_EQ(FirstArgMax(v.data(), n), expect) << "n=" << n << " trial " << trial;
    }
  }
  // Large magnitudes.
  const std::vector<int32_t> big = {INT32_MIN, -1, INT32_MAX, 5, INT32_MAX, 0, 0, 0, 0, 7};
  EXPECT_EQ(FirstArgMax(big.data(), static_cast<int>(big.size())), 2);
  const std::vector<int32_t> low(9, INT32_MIN);
  EXPECT_EQ(FirstArgMax(low.data(), 9), 0);
}

// Rows must list each class once, in ascending order, with nonzero weights
// (what training writes); anything else is a corrupted file.
TEST(ModelTest, WeightTableRejectsMalformedRows) {
  TrainWeights::Quantized q;
  q.keys = {5};
  q.counts = {2};
  q.classes = {2, 1};
  q.weights = {4, 4};
  auto unsorted = WeightTable::Build(3, q);
  ASSERT_FALSE(unsorted.ok());
  EXPECT_NE(unsorted.status().message().find("ascending"), std::string::npos);
  q.classes = {1, 1};
  EXPECT_FALSE(WeightTable::Build(3, q).ok());
  q.classes = {0, 1};
  q.weights = {4, 0};
  auto zero = WeightTable::Build(3, q);
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("zero"), std::string::npos);
}

}  // namespace
}  // namespace dyad::parse_internal
