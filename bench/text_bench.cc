// Text-stage throughput on one thread: read the Reuters 2012-13 JSONL corpus
// (gzip) with dyad::ReadInputs, then normalize + drop boilerplate + split +
// tokenize + lemmatize every article with dyad::AnalyzeText.
//
//   build/text_bench [--limit=N] [--no-lemma] [path ...]
//
// Prints MB/s of uncompressed article text, articles/s, sentences/s and
// tokens/s, for reading alone and for reading + analysis, by wall clock and by
// the process's CPU time (the steadier figure when other jobs share the cores),
// and peak RSS.
// Needs ../shared/data/corpora/reuters_2012_2013/ unless paths are given.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dyad/ingest.h"
#include "dyad/text.h"

namespace {

struct Totals {
  size_t articles = 0;
  size_t bytes = 0;
  size_t sentences = 0;
  size_t tokens = 0;
  size_t removed = 0;
  size_t rejects = 0;
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // process CPU time, all threads: steadier on shared cores
};

double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

Totals Run(const std::vector<std::string>& inputs, size_t limit, bool analyze,
           const dyad::TextOptions& options, dyad::Status* status) {
  Totals t;
  dyad::ArticleVisitor visitor;
  visitor.on_reject = [&](const dyad::Reject& r) { t.rejects += r.fatal; };
  visitor.on_article = [&](dyad::Article&& a) {
    if (limit && t.articles >= limit) return;
    ++t.articles;
    t.bytes += a.text.size();
    if (!analyze) return;
    dyad::AnalyzedText r = dyad::AnalyzeText(a, options);
    t.sentences += r.sentences.size();
    t.removed += r.removed.size();
    for (const dyad::Sentence& s : r.sentences) t.tokens += s.tokens.size();
  };
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ProcessCpuSeconds();
  *status = dyad::ReadInputs(inputs, dyad::ReadOptions{}, visitor);
  t.cpu_seconds = ProcessCpuSeconds() - cpu_start;
  t.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return t;
}

long PeakRssKb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;  // kilobytes on Linux
}

}  // namespace

int main(int argc, char** argv) {
  size_t limit = 0;
  dyad::TextOptions options;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--limit=", 0) == 0) {
      limit = std::strtoull(arg.c_str() + 8, nullptr, 10);
    } else if (arg == "--no-lemma") {
      options.lemmatize = false;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "text_bench: unknown flag %s (use --limit=N, --no-lemma)\n",
                   arg.c_str());
      return 2;
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) {
    const std::string path =
        std::string(DYAD_SHARED_DIR) + "/data/corpora/reuters_2012_2013/reuters_2012_2013.jsonl.gz";
    if (!std::filesystem::exists(path)) {
      std::fprintf(stderr, "text_bench: missing %s; pass corpus paths as arguments\n",
                   path.c_str());
      return 2;
    }
    inputs.push_back(path);
  }

  dyad::Status st;
  const Totals read = Run(inputs, limit, /*analyze=*/false, options, &st);
  if (!st.ok()) {
    std::fprintf(stderr, "text_bench: %s\n", st.ToString().c_str());
    return 1;
  }
  const Totals full = Run(inputs, limit, /*analyze=*/true, options, &st);
  if (!st.ok()) {
    std::fprintf(stderr, "text_bench: %s\n", st.ToString().c_str());
    return 1;
  }
  const double mb = static_cast<double>(full.bytes) / 1e6;
  std::printf("input: %zu articles, %.1f MB of article text, %zu rejects\n", full.articles, mb,
              full.rejects);
  auto line = [&](const char* what, const Totals& t) {
    std::printf(
        "%-18s wall %.2f s = %.1f MB/s, %.0f articles/s | cpu %.2f s = %.1f MB/s, "
        "%.0f articles/s, %.0f sentences/s, %.0f tokens/s\n",
        what, t.seconds, mb / t.seconds, t.articles / t.seconds, t.cpu_seconds, mb / t.cpu_seconds,
        t.articles / t.cpu_seconds, t.sentences / t.cpu_seconds, t.tokens / t.cpu_seconds);
  };
  line("read only:", read);
  line("read + text stage:", full);
  const double text_cpu = full.cpu_seconds - read.cpu_seconds;
  if (text_cpu > 0) {
    std::printf(
        "text stage alone (cpu difference): %.2f s = %.1f MB/s, %.0f articles/s, "
        "%.0f sentences/s\n",
        text_cpu, mb / text_cpu, full.articles / text_cpu, full.sentences / text_cpu);
  }
  std::printf("sentences: %zu  tokens: %zu  boilerplate spans removed: %zu\n", full.sentences,
              full.tokens, full.removed);
  std::printf("peak RSS: %.1f MB\n", PeakRssKb() / 1024.0);
  return 0;
}
