#include "dyad/dict_coverage.h"

#include <map>

#include "dyad/codebook.h"

namespace dyad {

std::vector<CodeCoverage> ComputeCoverage(const Dictionary& dict) {
  std::map<std::string, std::pair<size_t, size_t>, std::less<>> counts;
  auto count = [&](const EventCodeSpec& c, bool verb) {
    if (c.kind != EventCodeSpec::Kind::kEvent) return;
    for (const std::string* s : {&c.first, &c.second}) {
      if (s->empty()) continue;
      auto& v = counts[*s];
      (verb ? v.first : v.second)++;
    }
  };
  for (const VerbEntry& v : dict.verbs()) count(v.code, true);
  for (const Pattern& p : dict.patterns()) count(p.code, false);
  std::vector<CodeCoverage> out;
  for (const CameoEventCode& c : CameoEventCodes()) {
    CodeCoverage row;
    row.code = std::string(c.code);
    row.name = std::string(c.name);
    auto it = counts.find(c.code);
    if (it != counts.end()) {
      row.verbs = it->second.first;
      row.patterns = it->second.second;
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace dyad
