// The tagger and the parser timed apart on the news-length EWT test
// sentences (20-60 words; gold tokenization), each with and without its
// score cache (/cached:1 and /cached:0 give the same output: see
// src/parse/parser_cache_test.cc). Word atoms and the parser's tagged input
// are computed beforehand, so each benchmark times one stage alone.
//
//   build/bench/parse_stages_bench [--benchmark_min_time=1] [--benchmark_repetitions=5]
//
// BM_ScoreSteps times WeightTable::Score alone on the feature keys of every
// parser step (103 keys each, recorded while parsing): /classes:103 with the
// shipped parser table, /classes:3 with a table of the same keys whose rows
// keep one weight per move (SHIFT, LEFT, RIGHT) - what a parser scoring the
// transition apart from the label would look up per step. Its scores are
// meaningless; only its cost is.
//
// Rates are per CPU second (the machine is shared). parse_bench times the
// whole public Parser. Needs ../shared/data/ud/en_ewt and the shipped models.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dyad/parse.h"
#include "parse/parser_model.h"
#include "parse/tagger.h"

namespace {

namespace pi = dyad::parse_internal;

struct Data {
  pi::TaggerModel tagger;
  pi::ParserModel parser;
  std::vector<std::vector<pi::WordAtoms>> atoms;  // per news-length sentence
  std::vector<pi::ParserInput> inputs;            // the same, tagged
  std::vector<int> lengths;
  size_t words = 0;
  std::vector<uint32_t> step_keys;  // 103 per parser step
  pi::WeightTable moves;            // 3-class table over the parser's keys
};

Data* g_data = nullptr;

void SetRates(benchmark::State& state) {
  const double n = static_cast<double>(g_data->lengths.size());
  state.counters["sentences/s"] =
      benchmark::Counter(n * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(g_data->words) * state.iterations(), benchmark::Counter::kIsRate);
}

// Arg 1: with the score cache; 0: without.
void BM_TaggerOnlyNewsLength(benchmark::State& state) {
  std::vector<int> classes;
  const bool cached = state.range(0) != 0;
  for (auto _ : state) {
    for (const auto& atoms : g_data->atoms) {
      if (cached) {
        g_data->tagger.TagAtoms(atoms, &classes);
      } else {
        g_data->tagger.TagAtomsUncached(atoms, &classes);
      }
      benchmark::DoNotOptimize(classes.data());
    }
  }
  SetRates(state);
}

void BM_ParserOnlyNewsLength(benchmark::State& state) {
  std::vector<int> heads, labels;
  const bool cached = state.range(0) != 0;
  for (auto _ : state) {
    for (size_t i = 0; i < g_data->inputs.size(); ++i) {
      if (cached) {
        g_data->parser.Parse(g_data->inputs[i], g_data->lengths[i], &heads, &labels);
      } else {
        g_data->parser.ParseUncached(g_data->inputs[i], g_data->lengths[i], &heads, &labels);
      }
      benchmark::DoNotOptimize(heads.data());
    }
  }
  SetRates(state);
}

void BM_ScoreSteps(benchmark::State& state) {
  const pi::WeightTable& t = state.range(0) == 3 ? g_data->moves : g_data->parser.weights;
  std::vector<int32_t> scores(t.score_size());
  const std::vector<uint32_t>& keys = g_data->step_keys;
  constexpr size_t kKeys = 103;
  for (auto _ : state) {
    for (size_t i = 0; i + kKeys <= keys.size(); i += kKeys) {
      std::fill(scores.begin(), scores.end(), 0);
      t.Score(&keys[i], kKeys, scores.data());
      benchmark::DoNotOptimize(scores.data());
    }
  }
  state.counters["steps/s"] = benchmark::Counter(
      static_cast<double>(keys.size() / kKeys) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["keys/s"] = benchmark::Counter(
      static_cast<double>(keys.size()) * state.iterations(), benchmark::Counter::kIsRate);
}

// The parser table's rows reduced to one entry per move (the largest |weight|
// among its classes), read back from the serialized table (docs/parser.md).
bool BuildMoveTable(Data* data) {
  std::string bytes;
  data->parser.weights.AppendTo(&bytes);
  pi::ByteReader r(bytes);
  uint32_t features = 0, entries = 0;
  pi::TrainWeights::Quantized q;
  if (!r.U32(&features) || !r.U32(&entries) || !r.F32(&q.scale)) return false;
  const uint64_t num_labels = data->parser.labels.size();
  uint64_t key = 0;
  for (uint32_t f = 0; f < features; ++f) {
    uint64_t delta = 0, count = 0;
    if (!r.Varint(&delta) || !r.Varint(&count)) return false;
    key += delta;
    int best[3] = {0, 0, 0};
    for (uint64_t j = 0; j < count; ++j) {
      uint64_t cls = 0, zigzag = 0;
      if (!r.Varint(&cls) || !r.Varint(&zigzag)) return false;
      const int w = static_cast<int>(zigzag >> 1) ^ -static_cast<int>(zigzag & 1);
      const int move = cls == 0 ? 0 : cls <= num_labels ? 1 : 2;
      if (std::abs(w) > std::abs(best[move])) best[move] = w;
    }
    uint32_t kept = 0;
    for (int move = 0; move < 3; ++move) {
      if (best[move] == 0) continue;
      q.classes.push_back(static_cast<uint16_t>(move));
      q.weights.push_back(static_cast<int16_t>(best[move]));
      ++kept;
    }
    if (kept == 0) continue;
    q.keys.push_back(static_cast<uint32_t>(key));
    q.counts.push_back(kept);
  }
  auto table = pi::WeightTable::Build(3, q);
  if (!table.ok()) return false;
  data->moves = std::move(table).value();
  return true;
}

bool Load(Data* data) {
  const std::string ud = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  if (!std::filesystem::is_directory(ud)) {
    std::fprintf(stderr, "parse_stages_bench: missing %s (UD English EWT)\n", ud.c_str());
    return false;
  }
  auto dir = dyad::FindModelDir("");
  if (!dir.ok()) {
    std::fprintf(stderr, "parse_stages_bench: %s\n", dir.status().ToString().c_str());
    return false;
  }
  const std::string tagger_path = *dir + "/" + std::string(dyad::kTaggerModelFile);
  const std::string parser_path = *dir + "/" + std::string(dyad::kParserModelFile);
  auto tagger_bytes = pi::ReadModelFile(tagger_path);
  auto parser_bytes = pi::ReadModelFile(parser_path);
  if (!tagger_bytes.ok() || !parser_bytes.ok()) {
    std::fprintf(stderr, "parse_stages_bench: cannot read %s or %s\n", tagger_path.c_str(),
                 parser_path.c_str());
    return false;
  }
  auto tagger = pi::TaggerModel::Deserialize(*tagger_bytes, tagger_path);
  auto parser = pi::ParserModel::Deserialize(*parser_bytes, parser_path);
  if (!tagger.ok() || !parser.ok()) {
    std::fprintf(stderr, "parse_stages_bench: %s\n",
                 (tagger.ok() ? parser.status() : tagger.status()).ToString().c_str());
    return false;
  }
  data->tagger = std::move(tagger).value();
  data->parser = std::move(parser).value();
  std::vector<dyad::ConlluSentence> gold;
  std::vector<dyad::Reject> rejects;
  dyad::Status st = dyad::ReadTreebankSplit(ud, "test", &gold, &rejects);
  if (!st.ok()) {
    std::fprintf(stderr, "parse_stages_bench: %s\n", st.ToString().c_str());
    return false;
  }
  std::vector<int> classes;
  for (const auto& s : gold) {
    if (s.words.size() < 20 || s.words.size() > 60) continue;
    std::vector<std::string_view> words;
    for (const auto& w : s.words) words.push_back(w.form);
    std::vector<pi::WordAtoms> atoms;
    pi::ComputeAtoms(words, &data->tagger.lexicon, &atoms);
    data->tagger.TagAtomsUncached(atoms, &classes);
    const int n = static_cast<int>(words.size());
    pi::ParserInput in;
    in.Reset(n);
    for (int i = 0; i < n; ++i) {
      const pi::TagClass& c = data->tagger.classes[classes[i]];
      in.Set(i, atoms[i].lower, pi::TagAtom(c.upos, c.xpos), pi::UposAtom(c.upos));
    }
    data->atoms.push_back(std::move(atoms));
    data->inputs.push_back(std::move(in));
    data->lengths.push_back(n);
    data->words += words.size();
  }
  // The keys of every step, parsing with the real model.
  pi::ArcHybrid sys(static_cast<int>(data->parser.labels.size()), data->parser.root_label);
  pi::ArcHybridState state;
  std::vector<int32_t> scores(data->parser.weights.score_size());
  for (size_t s = 0; s < data->inputs.size(); ++s) {
    state.Init(data->lengths[s]);
    while (!state.Terminal()) {
      uint32_t keys[pi::kMaxParserFeatures];
      const size_t nk = pi::ParserFeatures(state, data->inputs[s], keys);
      data->step_keys.insert(data->step_keys.end(), keys, keys + nk);
      std::fill(scores.begin(), scores.end(), 0);
      data->parser.weights.Score(keys, nk, scores.data());
      int best = -1;
      for (int c = 0; c < sys.num_classes(); ++c) {
        if (sys.Legal(state, c) && (best < 0 || scores[c] > scores[best])) best = c;
      }
      sys.Apply(&state, best);
    }
  }
  if (!BuildMoveTable(data)) {
    std::fprintf(stderr, "parse_stages_bench: cannot rebuild the parser table by move\n");
    return false;
  }
  std::printf("parser table: %zu features, %.1f MB; by move: %.1f MB\n",
              data->parser.weights.num_features(), data->parser.weights.MemoryBytes() / 1e6,
              data->moves.MemoryBytes() / 1e6);
  return true;
}

}  // namespace

BENCHMARK(BM_TaggerOnlyNewsLength)
    ->ArgName("cached")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParserOnlyNewsLength)
    ->ArgName("cached")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScoreSteps)->ArgName("classes")->Arg(103)->Arg(3)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  Data data;
  if (!Load(&data)) return 1;
  g_data = &data;
  std::printf("news-length EWT test sentences: %zu, %zu words\n", data.lengths.size(), data.words);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
