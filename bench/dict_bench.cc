// Loading + compiling the field's dictionaries from ../shared:
//   * the whole Phoenix set (PETR_config.ini: CAMEO.2.0.txt, three actor
//     files, agents, discards, issues): budget < 1 s and < 300 MB;
//   * TABARI CAMEO.091003.master.verbs + the Validate project;
// plus phrase-matcher throughput on the compiled Phoenix actors.
// Prints time per load, MB/s of dictionary text, and peak RSS (ru_maxrss).
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "dyad/dictionary.h"

namespace {

const std::string kDicts = std::string(DYAD_SHARED_DIR) + "/data/dictionaries";

size_t FileBytes(const std::vector<std::string>& files) {
  size_t n = 0;
  for (const auto& f : files) {
    std::error_code ec;
    n += std::filesystem::file_size(f, ec);
  }
  return n;
}

void LoadBench(benchmark::State& state, const std::vector<std::string>& specs, size_t bytes) {
  size_t entries = 0;
  for (auto _ : state) {
    std::vector<dyad::DictWarning> warnings;
    auto d = dyad::LoadDictionaries(specs, {}, &warnings);
    if (!d.ok()) {
      state.SkipWithError(d.status().ToString().c_str());
      return;
    }
    entries = (*d)->actors().size() + (*d)->agents().size() + (*d)->patterns().size();
    benchmark::DoNotOptimize(d);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["entries"] = static_cast<double>(entries);
}

void BM_LoadPhoenix(benchmark::State& state) {
  const std::string p = kDicts + "/petrarch2/";
  LoadBench(state, {"petrarch:" + p},
            FileBytes({p + "CAMEO.2.0.txt", p + "Phoenix.Countries.actors.txt",
                       p + "Phoenix.International.actors.txt", p + "Phoenix.MilNonState.actors.txt",
                       p + "Phoenix.agents.txt", p + "Phoenix.discards.txt",
                       p + "Phoenix.IssueCoding.txt"}));
}
BENCHMARK(BM_LoadPhoenix)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_LoadTabari(benchmark::State& state) {
  const std::string t = kDicts + "/tabari/";
  LoadBench(state,
            {"tabari:" + t + "CAMEO.091003.master.verbs", "tabari:" + t + "Validate.project"},
            FileBytes({t + "CAMEO.091003.master.verbs", t + "TABARI.Demo.actors",
                       t + "TABARI.Demo.verbs", t + "Validate.agents", t + "Validate.options"}));
}
BENCHMARK(BM_LoadTabari)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Phrase matching: actors over a 40-token sentence, tokens/s.
void BM_MatchActors(benchmark::State& state) {
  std::vector<dyad::DictWarning> warnings;
  auto d = dyad::LoadDictionaries({"petrarch:" + kDicts + "/petrarch2"}, {}, &warnings);
  if (!d.ok()) {
    state.SkipWithError(d.status().ToString().c_str());
    return;
  }
  const char* words[] = {
      "the",       "united", "nations",   "secretary", "general", "ban",         "ki-moon",
      "met",       "with",   "iranian",   "president", "mahmoud", "ahmadinejad", "in",
      "tehran",    "on",     "tuesday",   "to",        "discuss", "the",         "nuclear",
      "programme", "and",    "relations", "with",      "the",     "european",    "union",
      "and",       "the",    "united",    "states",    "said",    "a",           "spokesman",
      "for",       "the",    "foreign",   "ministry",  "."};
  std::vector<dyad::Token> tokens;
  for (const char* w : words) {
    dyad::Token t;
    t.lower = w;
    t.lemma = w;
    tokens.push_back(t);
  }
  std::vector<dyad::PhraseMatch> out;
  size_t matches = 0;
  for (auto _ : state) {
    out.clear();
    (*d)->FindPhrases(dyad::PhraseKind::kActor, tokens, {}, &out);
    (*d)->FindPhrases(dyad::PhraseKind::kAgent, tokens, {}, &out);
    matches = out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.size()));
  state.counters["matches"] = static_cast<double>(matches);
}
BENCHMARK(BM_MatchActors)->MinTime(1.0);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  if (!std::filesystem::is_directory(kDicts)) {
    std::fprintf(stderr, "dict_bench: missing %s (DYAD_SHARED_DIR)\n", kDicts.c_str());
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
