// Event-store scale benchmark: ingests the Reuters 2012-13 corpus (33,220
// articles, read in place from the shared data) into a fresh database with the
// bundled dictionary (text stage once per article, coding, actor resolution
// with the store's registry, merging), then times the query commands' library
// calls on it, `dyad actors --db` included. Prints articles/s, resolution
// counts, database size, query latencies and peak RSS.
//
//   store_bench [--db PATH] [--threads N] [--input PATH] [--keep]
// With --keep and an existing --db, the ingest is skipped (queries only).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/default_dictionary.h"
#include "dyad/query.h"
#include "dyad/store.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

template <typename F>
void TimeQuery(const char* name, int reps, F fn) {
  std::vector<double> ms;
  size_t bytes = 0;
  for (int i = 0; i < reps; ++i) {
    std::ostringstream out;
    auto t0 = Clock::now();
    dyad::Status st = fn(&out);
    auto t1 = Clock::now();
    if (!st.ok()) {
      std::printf("%s: %s\n", name, st.ToString().c_str());
      return;
    }
    bytes = out.str().size();
    ms.push_back(Ms(t0, t1));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-40s median %8.2f ms  max %8.2f ms  (%d runs, %zu bytes out)\n", name,
              ms[ms.size() / 2], ms.back(), reps, bytes);
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::string db = (fs::temp_directory_path() / "dyad_store_bench.db").string();
  std::string input =
      std::string(DYAD_SHARED_DIR) + "/data/corpora/reuters_2012_2013/reuters_2012_2013.jsonl.gz";
  int threads = 0;
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--db" && i + 1 < argc)
      db = argv[++i];
    else if (a == "--threads" && i + 1 < argc)
      threads = std::atoi(argv[++i]);
    else if (a == "--input" && i + 1 < argc)
      input = argv[++i];
    else if (a == "--keep")
      keep = true;
    else {
      std::fprintf(stderr,
                   "usage: store_bench [--db PATH] [--threads N] [--input PATH] [--keep]\n");
      return 2;
    }
  }
  if (!(keep && fs::exists(db))) {
    if (!fs::exists(input)) {
      std::fprintf(stderr, "store_bench: missing input %s\n", input.c_str());
      return 1;
    }
    for (const char* s : {"", "-wal", "-shm"}) fs::remove(db + s);
    std::vector<dyad::DictWarning> warnings;
    auto dict = dyad::LoadDefaultDictionary(dyad::DefaultDictionaryOptions(), &warnings);
    if (!dict.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", dict.status().ToString().c_str());
      return 1;
    }
    std::vector<std::string> ow;
    dyad::Coder coder(*dict, dyad::CoderOptionsForDictionary(**dict, &ow));
    auto store = dyad::EventStore::Open(db);
    if (!store.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", store.status().ToString().c_str());
      return 1;
    }
    dyad::IngestOptions io;
    io.threads = threads;
    dyad::IngestStats stats;
    auto t0 = Clock::now();
    dyad::Status st =
        dyad::IngestInputs(store->get(), &coder, {input}, dyad::ReadOptions(), io, nullptr, &stats);
    auto t1 = Clock::now();
    if (!st.ok()) {
      std::fprintf(stderr, "store_bench: %s\n", st.ToString().c_str());
      return 1;
    }
    double s = Ms(t0, t1) / 1000.0;
    std::printf("ingest: %llu rejected records, ", (unsigned long long)stats.rejected);
    std::printf(
        "%llu articles read, %llu stored, %llu duplicates, %llu copies, %llu "
        "sentences, %llu events, %llu merged events in %.1f s = %.1f articles/s\n",
        (unsigned long long)stats.articles_read, (unsigned long long)stats.articles_stored,
        (unsigned long long)stats.duplicates, (unsigned long long)stats.copies,
        (unsigned long long)stats.sentences, (unsigned long long)stats.mentions,
        (unsigned long long)stats.new_events, s, static_cast<double>(stats.articles_read) / s);
    std::printf(
        "actors: %llu resolved mentions, %llu event sources/targets resolved of %llu, %llu "
        "persons learned, %llu conflicts\n",
        (unsigned long long)stats.actor_mentions, (unsigned long long)stats.resolved_slots,
        (unsigned long long)(2 * stats.mentions), (unsigned long long)stats.actors_learned,
        (unsigned long long)stats.actor_conflicts);
  }
  uintmax_t size = fs::file_size(db);
  std::error_code ec;
  uintmax_t wal = fs::exists(db + "-wal") ? fs::file_size(db + "-wal", ec) : 0;
  std::printf("database: %s %.1f MB (+ WAL %.1f MB)\n", db.c_str(), size / 1048576.0,
              wal / 1048576.0);

  dyad::StoreOpenOptions ro;
  ro.read_only = true;
  auto store = dyad::EventStore::Open(db, ro);
  if (!store.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", store.status().ToString().c_str());
    return 1;
  }
  const dyad::EventStore& s = **store;
  const int reps = 21;
  for (auto [a, b] : {std::pair{"USA", "RUS"}, std::pair{"USA", "CHN"}, std::pair{"SYR", "TUR"}}) {
    std::string label = std::string("timeline ") + a + " " + b + " --by month";
    TimeQuery(label.c_str(), reps, [&](std::ostream* out) {
      return dyad::WriteTimeline(s, a, b, dyad::Period::kMonth, dyad::OutputFormat::kTsv, out);
    });
    label = std::string("timeline ") + a + " " + b + " --by day";
    TimeQuery(label.c_str(), reps, [&](std::ostream* out) {
      return dyad::WriteTimeline(s, a, b, dyad::Period::kDay, dyad::OutputFormat::kTsv, out);
    });
    dyad::EventFilter f;
    f.dyad_a = a;
    f.dyad_b = b;
    label = std::string("events --dyad ") + a + "," + b + " (tsv)";
    TimeQuery(label.c_str(), reps, [&](std::ostream* out) {
      return dyad::WriteEvents(s, f, dyad::OutputFormat::kTsv, out);
    });
    label = std::string("events --dyad ") + a + "," + b + " (jsonl)";
    TimeQuery(label.c_str(), reps, [&](std::ostream* out) {
      return dyad::WriteEvents(s, f, dyad::OutputFormat::kJsonl, out);
    });
  }
  TimeQuery("search \"nuclear talks\" --limit 20", reps, [&](std::ostream* out) {
    return dyad::WriteSearch(s, "nuclear talks", false, 20, dyad::OutputFormat::kTsv, out);
  });
  TimeQuery("stats", reps, [&](std::ostream* out) {
    return dyad::WriteStats(s, 10, dyad::OutputFormat::kTsv, out);
  });
  TimeQuery("actors (tsv, all)", 5, [&](std::ostream* out) {
    return dyad::WriteActors(s, "", dyad::OutputFormat::kTsv, out);
  });
  TimeQuery("actors --name Lavrov (jsonl)", 5, [&](std::ostream* out) {
    return dyad::WriteActors(s, "Lavrov", dyad::OutputFormat::kJsonl, out);
  });
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS: %.1f MB\n", static_cast<double>(ru.ru_maxrss) / 1024.0);
  return 0;
}
