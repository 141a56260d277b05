// Fuzz target for the actors stage's readers and resolver: the first byte
// picks the reader (registry JSONL, `dyad code` JSONL, or an article resolved
// with the default dictionary); the rest is its input. Checks: no crash,
// mentions lie inside the text, every resolved mention has a name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/default_dictionary.h"

namespace {

std::shared_ptr<const dyad::Dictionary> Dict() {
  static std::shared_ptr<const dyad::Dictionary> d = [] {
    std::vector<dyad::DictWarning> w;
    auto r = dyad::LoadDefaultDictionary({}, &w);
    if (!r.ok()) std::abort();
    return *r;
  }();
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int mode = data[0] % 3;
  std::string input(reinterpret_cast<const char*>(data + 1), size - 1);
  dyad::InMemoryActorRegistry reg;
  std::vector<std::string> warnings;
  if (mode == 0) {
    std::istringstream in(input);
    auto n = dyad::ReadActorRegistry(in, "fuzz", &reg, &warnings);
    if (!n.ok()) std::abort();
    std::ostringstream out;
    if (!dyad::WriteActorRegistry(reg, out).ok()) std::abort();
    (void)dyad::LearnedActorsAsDictionary(*reg.List());
  } else if (mode == 1) {
    std::istringstream in(input);
    dyad::ArticleResolver resolver(Dict(), &reg);
    dyad::ActorTally tally;
    auto n = dyad::TallyCodeOutput(in, "fuzz", resolver, &tally, &warnings);
    if (!n.ok()) std::abort();
  } else {
    dyad::Article a;
    a.id = "fuzz";
    a.text = input;
    dyad::AnalyzedText t = dyad::AnalyzeText(a);
    dyad::ArticleResolver resolver(Dict(), &reg);
    auto r = resolver.Resolve(a, t.sentences, nullptr);
    if (!r.ok()) std::abort();
    for (const dyad::ActorMention& m : r->mentions) {
      if (m.end > a.text.size() || m.begin > m.end) std::abort();
      if (!m.actor_id.empty() && m.name.empty()) std::abort();
    }
  }
  return 0;
}
