// Throughput of the event coder, as `dyad code` runs it on one thread:
// dictionary load + reading + text stage + coding, in sentences per second,
// and peak RSS.
//
//   code_bench [--dict SPEC]... [--max-articles N] [--syntax] [INPUT...]
//
// --syntax loads the shipped tagger and parser (models/) and codes with
// CoderOptions::syntax: only sentences with an event verb and an actor are
// parsed; the count is printed.
// Defaults: the full Phoenix dictionaries (petrarch:$SHARED/data/dictionaries/
// petrarch2) and the Reuters 2012-2013 corpus (33,220 articles, gzip JSONL).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/ingest.h"
#include "dyad/parse.h"

namespace {

double Seconds(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

long PeakRssMb() {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;  // Linux: kilobytes
}

}  // namespace

int main(int argc, char** argv) {
  const std::string shared = DYAD_SHARED_DIR;
  std::vector<std::string> dicts, inputs;
  long max_articles = -1;
  bool syntax = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--dict") && i + 1 < argc)
      dicts.push_back(argv[++i]);
    else if (!std::strcmp(argv[i], "--syntax"))
      syntax = true;
    else if (!std::strcmp(argv[i], "--max-articles") && i + 1 < argc)
      max_articles = std::atol(argv[++i]);
    else
      inputs.push_back(argv[i]);
  }
  if (dicts.empty()) dicts.push_back("petrarch:" + shared + "/data/dictionaries/petrarch2");
  if (inputs.empty())
    inputs.push_back(shared + "/data/corpora/reuters_2012_2013/reuters_2012_2013.jsonl.gz");

  auto t0 = std::chrono::steady_clock::now();
  std::vector<dyad::DictWarning> warnings;
  dyad::DictionaryLoadOptions lo;
  lo.date_mode = dyad::DateRestrictionMode::kPetrarch2;
  auto dict = dyad::LoadDictionaries(dicts, lo, &warnings);
  if (!dict.ok()) {
    std::fprintf(stderr, "code_bench: %s\n", dict.status().ToString().c_str());
    return 1;
  }
  dyad::Coder coder(*dict, dyad::CoderOptionsForDictionary(**dict, nullptr));
  if (syntax) {
    auto parser = dyad::Parser::Load();
    if (!parser.ok()) {
      std::fprintf(stderr, "code_bench: %s\n", parser.status().ToString().c_str());
      return 1;
    }
    std::printf("parser model memory: %.1f MB\n", (*parser)->MemoryBytes() / 1e6);
    coder.set_parser(std::move(*parser));
  }
  auto t1 = std::chrono::steady_clock::now();

  dyad::CoderScratch scratch;
  std::vector<dyad::CodedEvent> events;
  uint64_t articles = 0, sentences = 0, nevents = 0, rejects = 0;
  dyad::TextOptions topts;
  dyad::ArticleVisitor v;
  v.on_reject = [&](const dyad::Reject& r) { rejects += r.fatal; };
  v.on_article = [&](dyad::Article&& a) {
    if (max_articles >= 0 && static_cast<long>(articles) >= max_articles) return;
    ++articles;
    events.clear();
    sentences += coder.CodeArticle(a, topts, &scratch, &events);
    nevents += events.size();
  };
  dyad::Status st = dyad::ReadInputs(inputs, dyad::ReadOptions(), v);
  auto t2 = std::chrono::steady_clock::now();
  if (!st.ok()) {
    std::fprintf(stderr, "code_bench: %s\n", st.ToString().c_str());
    return 1;
  }
  const double load = Seconds(t0, t1), code = Seconds(t1, t2), total = Seconds(t0, t2);
  std::printf("dictionary load: %.2f s (%zu actors, %zu verbs, %zu patterns, %zu warnings)\n", load,
              (*dict)->actors().size(), (*dict)->verbs().size(), (*dict)->patterns().size(),
              warnings.size());
  std::printf("articles: %llu  sentences: %llu  events: %llu  rejects: %llu\n",
              static_cast<unsigned long long>(articles), static_cast<unsigned long long>(sentences),
              static_cast<unsigned long long>(nevents), static_cast<unsigned long long>(rejects));
  if (syntax)
    std::printf("parsed sentences: %llu (%.1f%%), events oriented by the parse: %llu\n",
                static_cast<unsigned long long>(scratch.parsed_sentences()),
                100.0 * scratch.parsed_sentences() / (sentences ? sentences : 1),
                static_cast<unsigned long long>(scratch.syntax_events()));
  std::printf("read+text+code: %.2f s = %.0f sentences/s\n", code, sentences / code);
  std::printf("including dictionary load: %.2f s = %.0f sentences/s (1 thread)\n", total,
              sentences / total);
  std::printf("peak RSS: %ld MB\n", PeakRssMb());
  return 0;
}
