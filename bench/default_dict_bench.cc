// Loading the default dictionary: the embedded data/dict files plus the
// iso-codes country list, parsed and compiled. Budget: < 100 ms per load.
// Prints the time per load, the dictionary bytes parsed per second, and the
// process's peak RSS.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>

#include "dyad/default_dictionary.h"
#include "dyad/dyad_format.h"

namespace {

size_t EmbeddedBytes() {
  size_t n = 0;
  for (const dyad::EmbeddedDictFile& f : dyad::DefaultDictionaryFiles()) n += f.text.size();
  return n;
}

void BM_LoadDefaultDictionary(benchmark::State& state) {
  size_t actors = 0, verbs = 0;
  for (auto _ : state) {
    std::vector<dyad::DictWarning> warnings;
    auto dict = dyad::LoadDefaultDictionary({}, &warnings);
    if (!dict.ok()) {
      state.SkipWithError(dict.status().ToString().c_str());
      return;
    }
    actors = (*dict)->actors().size();
    verbs = (*dict)->verbs().size();
    benchmark::DoNotOptimize(dict);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * EmbeddedBytes()));
  state.counters["actors"] = static_cast<double>(actors);
  state.counters["verbs"] = static_cast<double>(verbs);
}
BENCHMARK(BM_LoadDefaultDictionary)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Parsing only (no iso-codes, no compile), to see where the time goes.
void BM_ParseEmbeddedFiles(benchmark::State& state) {
  for (auto _ : state) {
    dyad::DefaultDictionaryOptions o;
    o.iso_codes_path = "";
    dyad::DictionaryBuilder builder;
    std::vector<dyad::DictWarning> warnings;
    dyad::Status s = dyad::AddDefaultDictionary(o, &builder, &warnings);
    benchmark::DoNotOptimize(s);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * EmbeddedBytes()));
}
BENCHMARK(BM_ParseEmbeddedFiles)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("embedded default dictionary: %zu bytes in %zu files\n", EmbeddedBytes(),
              dyad::DefaultDictionaryFiles().size());
  std::printf("peak RSS: %.1f MiB\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
