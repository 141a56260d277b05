// Tagger + parser throughput on one core over the UD English EWT test
// sentences (gold tokenization), plus model memory and peak RSS.
//
//   build/parse_bench [--benchmark_min_time=2] [--benchmark_repetitions=5]
//
// Rates (sentences/s, tokens/s) and per_sentence are per CPU second, not
// wall time: the machine is shared. BM_ParseSentenceNewsLength goes through
// Parser::Parse(const Sentence&), the pipeline entry point.
//
// BM_TagParseWarm/K tags and parses only the first K news-length sentences,
// over and over, so after the first pass every weight they use is in cache.
// It is not a throughput figure: it bounds what a faster memory layout of the
// same models could buy (K = 1: all in L1/L2; the cold rate is
// BM_TagParseNewsLength).
//
// Needs ../shared/data/ud/en_ewt and the shipped models/ (or DYAD_MODEL_DIR).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "dyad/parse.h"

namespace {

struct Data {
  std::unique_ptr<dyad::Parser> parser;
  std::vector<std::vector<std::string_view>> all, news;  // news: 20..60 words
  std::vector<dyad::Sentence> news_sentences;            // the same, as dyad::Sentence
  std::vector<dyad::ConlluSentence> gold;
  size_t all_words = 0, news_words = 0;
};

Data* g_data = nullptr;

void Run(benchmark::State& state, const std::vector<std::vector<std::string_view>>& sents,
         size_t words, bool parse) {
  dyad::ParsedSentence out;
  for (auto _ : state) {
    for (const auto& s : sents) {
      dyad::Status st = parse ? g_data->parser->Parse(s, &out) : g_data->parser->Tag(s, &out);
      if (!st.ok()) state.SkipWithError(st.ToString().c_str());
      benchmark::DoNotOptimize(out.words.data());
    }
  }
  state.counters["sentences/s"] = benchmark::Counter(
      static_cast<double>(sents.size()) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(static_cast<double>(words) * state.iterations(),
                                                  benchmark::Counter::kIsRate);
  state.counters["per_sentence"] =
      benchmark::Counter(static_cast<double>(sents.size()) * state.iterations(),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_ParseSentenceNewsLength(benchmark::State& state) {
  dyad::ParsedSentence out;
  for (auto _ : state) {
    for (const auto& s : g_data->news_sentences) {
      dyad::Status st = g_data->parser->Parse(s, &out);
      if (!st.ok()) state.SkipWithError(st.ToString().c_str());
      benchmark::DoNotOptimize(out.words.data());
    }
  }
  const double n = static_cast<double>(g_data->news_sentences.size());
  state.counters["sentences/s"] =
      benchmark::Counter(n * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(g_data->news_words) * state.iterations(), benchmark::Counter::kIsRate);
  state.counters["per_sentence"] = benchmark::Counter(
      n * state.iterations(), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_TagParseWarm(benchmark::State& state) {
  const size_t k = std::min(static_cast<size_t>(state.range(0)), g_data->news.size());
  const std::vector<std::vector<std::string_view>> first(g_data->news.begin(),
                                                         g_data->news.begin() + k);
  size_t words = 0;
  for (const auto& s : first) words += s.size();
  Run(state, first, words, true);
}

void BM_TagParseAll(benchmark::State& s) { Run(s, g_data->all, g_data->all_words, true); }
void BM_TagParseNewsLength(benchmark::State& s) { Run(s, g_data->news, g_data->news_words, true); }
void BM_TagOnlyAll(benchmark::State& s) { Run(s, g_data->all, g_data->all_words, false); }

}  // namespace

BENCHMARK(BM_TagParseAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParseNewsLength)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagOnlyAll)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseSentenceNewsLength)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TagParseWarm)->ArgName("sentences")->Arg(1)->Arg(20)->Unit(benchmark::kMicrosecond);

int main(int argc, char** argv) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/ud/en_ewt";
  if (!std::filesystem::is_directory(dir)) {
    std::fprintf(stderr, "parse_bench: missing %s (UD English EWT)\n", dir.c_str());
    return 1;
  }
  Data data;
  auto parser = dyad::Parser::Load();
  if (!parser.ok()) {
    std::fprintf(stderr, "parse_bench: %s\n", parser.status().ToString().c_str());
    return 1;
  }
  data.parser = std::move(parser).value();
  std::vector<dyad::Reject> rejects;
  dyad::Status st = dyad::ReadTreebankSplit(dir, "test", &data.gold, &rejects);
  if (!st.ok()) {
    std::fprintf(stderr, "parse_bench: %s\n", st.ToString().c_str());
    return 1;
  }
  for (const auto& s : data.gold) {
    std::vector<std::string_view> w;
    for (const auto& x : s.words) w.push_back(x.form);
    data.all_words += w.size();
    if (w.size() >= 20 && w.size() <= 60) {
      data.news_words += w.size();
      data.news.push_back(w);
      dyad::Sentence sentence;
      for (std::string_view x : w) {
        sentence.tokens.emplace_back().text = sentence.Own(x);
      }
      data.news_sentences.push_back(std::move(sentence));
    }
    data.all.push_back(std::move(w));
  }
  g_data = &data;
  std::printf(
      "EWT test: %zu sentences, %zu words (%.1f per sentence); news-length subset "
      "(20-60 words): %zu sentences, %zu words (%.1f per sentence)\n",
      data.all.size(), data.all_words, double(data.all_words) / data.all.size(), data.news.size(),
      data.news_words, double(data.news_words) / data.news.size());
  std::printf("model memory: %.1f MB\n", data.parser->MemoryBytes() / 1e6);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
