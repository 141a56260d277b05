// Name matching throughput on one core over OFAC SDN names: primary names of
// individuals plus every alias written "SURNAME, Given" (11,367 names):
//   - NormalizeName: names/s (ICU folding, particles, phonetic keys);
//   - CompareNames on precomputed names: pairs/s, over (a) every alias pair of
//     one entry and neighbouring entries (mixed outcomes) and (b) one name
//     against all others (the one-against-many use of actor resolution).
// Prints peak RSS at the end.
//
//   build/name_match_bench [--benchmark_min_time=1]
//
// Needs ../shared/data/names/ofac_sdn_aliases_2022.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dyad/name_match.h"

namespace {

std::vector<std::string> g_raw;
std::vector<dyad::NormalizedName> g_norm;

// The fields of one CSV line (RFC 4180 quotes); enough CSV for these files.
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f(1);
  bool q = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (q) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        f.back() += '"', ++i;
      else if (c == '"')
        q = false;
      else
        f.back() += c;
    } else if (c == '"') {
      q = true;
    } else if (c == ',') {
      f.emplace_back();
    } else {
      f.back() += c;
    }
  }
  return f;
}

bool Load(const std::string& dir) {
  std::ifstream sdn(dir + "/sdn.csv"), alt(dir + "/alt.csv");
  if (!sdn || !alt) return false;
  std::string line;
  while (std::getline(sdn, line)) {
    auto f = Fields(line);
    if (f.size() > 2 && f[2] == "individual") g_raw.push_back(f[1]);
  }
  while (std::getline(alt, line)) {
    auto f = Fields(line);
    if (f.size() > 3 && f[3].find(',') != std::string::npos) g_raw.push_back(f[3]);
  }
  return !g_raw.empty();
}

void BM_NormalizeName(benchmark::State& state) {
  size_t n = 0;
  for (auto _ : state) {
    for (const auto& r : g_raw) {
      dyad::NormalizedName x = dyad::NormalizeName(r);
      benchmark::DoNotOptimize(x);
    }
    n += g_raw.size();
  }
  state.counters["names/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

// Neighbouring names in file order: spellings of one entry and of adjacent
// entries, so both guards and alignments run.
void BM_CompareNeighbours(benchmark::State& state) {
  size_t n = 0, same = 0;
  for (auto _ : state) {
    for (size_t i = 0; i + 1 < g_norm.size(); ++i)
      for (size_t k = 1; k <= 4 && i + k < g_norm.size(); ++k) {
        same += dyad::CompareNames(g_norm[i], g_norm[i + k]).same;
        ++n;
      }
  }
  benchmark::DoNotOptimize(same);
  state.counters["pairs/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

// One query name against every name in the list.
void BM_CompareOneAgainstAll(benchmark::State& state) {
  const dyad::NormalizedName query = dyad::NormalizeName("Muhammad Hasan al-Tikriti");
  size_t n = 0, same = 0;
  for (auto _ : state) {
    for (const auto& x : g_norm) same += dyad::CompareNames(query, x).same;
    n += g_norm.size();
  }
  benchmark::DoNotOptimize(same);
  state.counters["pairs/s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_NormalizeName)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompareNeighbours)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompareOneAgainstAll)->Unit(benchmark::kMillisecond);

int main(int argc, char** argv) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/names/ofac_sdn_aliases_2022";
  if (!Load(dir)) {
    std::fprintf(stderr, "name_match_bench: missing %s/sdn.csv or alt.csv (OFAC SDN list)\n",
                 dir.c_str());
    return 1;
  }
  for (const auto& r : g_raw) g_norm.push_back(dyad::NormalizeName(r));
  std::printf("name_match_bench: %zu OFAC names (individuals + comma-form aliases)\n",
              g_raw.size());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MiB\n", ru.ru_maxrss / 1024.0);
  return 0;
}
