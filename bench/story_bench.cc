// Throughput of copy and story clustering (src/merge/story.cc) on the Reuters
// 2012-2013 corpus (33,220 articles, gzip JSONL), read in place with zlib.
// Prints articles/s for MinHash signatures alone and for the whole
// ClusterStories pass at several batch sizes, the clusters found, and the
// peak RSS of the process.
#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <sys/resource.h>
#include <zlib.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "dyad/story.h"

namespace {

std::vector<dyad::Article>& Corpus() {
  static std::vector<dyad::Article> articles;
  return articles;
}

// Reads the "id", "dir_date" (YYYYMMDD), "title" and "text" of every line.
bool LoadReuters(const std::string& path, std::vector<dyad::Article>* out) {
  std::unique_ptr<gzFile_s, int (*)(gzFile)> gz(gzopen(path.c_str(), "rb"), gzclose);
  if (!gz) return false;
  simdjson::ondemand::parser parser;
  std::vector<char> buf(1 << 20);
  std::string line;
  size_t bad = 0;
  auto handle = [&](const std::string& l) {
    simdjson::padded_string p(l);
    simdjson::ondemand::document doc;
    std::string_view id, date, title, text;
    if (parser.iterate(p).get(doc) || doc["id"].get_string().get(id) ||
        doc["dir_date"].get_string().get(date) || doc["title"].get_string().get(title) ||
        doc["text"].get_string().get(text)) {
      ++bad;
      return;
    }
    dyad::Article a;
    a.id = std::string(id);
    a.title = std::string(title);
    a.text = std::string(text);
    if (auto d = dyad::Date::Parse(date)) a.published = *d;
    out->push_back(std::move(a));
  };
  while (gzgets(gz.get(), buf.data(), static_cast<int>(buf.size()))) {
    line += buf.data();
    if (!line.empty() && line.back() == '\n') {
      handle(line);
      line.clear();
    }
  }
  if (!line.empty()) handle(line);
  if (bad) std::fprintf(stderr, "story_bench: %zu lines skipped (not the expected JSON)\n", bad);
  return true;
}

size_t TextBytes(size_t n) {
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) bytes += Corpus()[i].text.size();
  return bytes;
}

void BM_MinHashSignatures(benchmark::State& state) {
  const size_t n = std::min<size_t>(static_cast<size_t>(state.range(0)), Corpus().size());
  const dyad::StoryOptions o;
  for (auto _ : state) {
    for (size_t i = 0; i < n; ++i) {
      auto sig = dyad::ComputeMinHash(Corpus()[i].text, o);
      benchmark::DoNotOptimize(sig);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TextBytes(n)));
}

void BM_ClusterStories(benchmark::State& state) {
  const size_t n = std::min<size_t>(static_cast<size_t>(state.range(0)), Corpus().size());
  std::vector<dyad::Article> batch(Corpus().begin(), Corpus().begin() + n);
  dyad::StoryClusters c;
  for (auto _ : state) {
    c = dyad::ClusterStories(batch, {});
    benchmark::DoNotOptimize(c);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * TextBytes(n)));
  size_t copies = 0;
  for (int32_t x : c.is_copy_of) copies += x >= 0;
  state.counters["stories"] = c.num_stories;
  state.counters["copy_groups"] = c.num_copy_groups;
  state.counters["copies"] = static_cast<double>(copies);
  state.counters["story_pairs"] = static_cast<double>(c.story_candidate_pairs);
}

BENCHMARK(BM_MinHashSignatures)->Arg(2000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ClusterStories)->Arg(2000)->Arg(10000)->Arg(40000)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  const std::string path =
      std::string(DYAD_SHARED_DIR) + "/data/corpora/reuters_2012_2013/reuters_2012_2013.jsonl.gz";
  if (!LoadReuters(path, &Corpus()) || Corpus().empty()) {
    std::fprintf(stderr, "story_bench: cannot read %s; set DYAD_SHARED_DIR at configure time\n",
                 path.c_str());
    return 1;
  }
  std::printf("story_bench: %zu Reuters articles loaded from %s\n", Corpus().size(), path.c_str());
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("story_bench: peak RSS %.1f MiB (corpus held in memory)\n", ru.ru_maxrss / 1024.0);
  return 0;
}
