// Throughput of the article readers on the shared corpora (read in place):
// the Reuters 2012-13 JSONL.gz (33,220 records, 113 MB decompressed) and the
// BBC folder of plain-text files, plus HTML extraction on the bundled example
// page. Prints articles/s and bytes/s per benchmark, then peak RSS.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/ingest.h"

namespace {

const std::string kShared = DYAD_SHARED_DIR;

void ReadAndCount(benchmark::State& state, const std::string& path) {
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("missing input " + path).c_str());
    return;
  }
  int64_t articles = 0, bytes = 0, rejects = 0;
  for (auto _ : state) {
    dyad::ArticleVisitor v;
    v.on_article = [&](dyad::Article&& a) {
      ++articles;
      bytes += static_cast<int64_t>(a.text.size());
    };
    v.on_reject = [&](const dyad::Reject& r) { rejects += r.fatal; };
    dyad::Status st = dyad::ReadInputs({path}, {}, v);
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.counters["articles/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
  state.counters["text_bytes/s"] =
      benchmark::Counter(static_cast<double>(bytes), benchmark::Counter::kIsRate);
  state.counters["articles"] =
      benchmark::Counter(static_cast<double>(articles) / state.iterations());
  state.counters["rejects"] = benchmark::Counter(static_cast<double>(rejects) / state.iterations());
}

void BM_ReutersJsonlGz(benchmark::State& state) {
  ReadAndCount(state, kShared + "/data/corpora/reuters_2012_2013/reuters_2012_2013.jsonl.gz");
}
BENCHMARK(BM_ReutersJsonlGz)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_BbcTextFolder(benchmark::State& state) {
  ReadAndCount(state, kShared + "/data/corpora/bbc");
}
BENCHMARK(BM_BbcTextFolder)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_HtmlExamplePage(benchmark::State& state) {
  const std::string path =
      std::string(DYAD_SOURCE_DIR) + "/examples/articles/2023-03-10_gulf_ledger_saudi_iran.html";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    state.SkipWithError(("missing input " + path).c_str());
    return;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string page = ss.str();
  int64_t articles = 0;
  dyad::ArticleVisitor v;
  v.on_article = [&](dyad::Article&&) { ++articles; };
  for (auto _ : state) dyad::ParseHtmlArticle(page, dyad::SourceLocation{path, 0}, v);
  state.SetBytesProcessed(static_cast<int64_t>(page.size()) * state.iterations());
  state.counters["pages/s"] =
      benchmark::Counter(static_cast<double>(articles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_HtmlExamplePage);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
