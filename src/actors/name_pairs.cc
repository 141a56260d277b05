// `dyad names match`: one pair of names per line in, one decision per line out.
#include <cstdio>
#include <istream>
#include <ostream>
#include <string>

#include "dyad/name_match.h"

namespace dyad {

size_t MatchNamePairs(std::istream& in, std::ostream& out, std::string_view source,
                      const NameOptions& options, double threshold,
                      std::vector<std::string>* rejects) {
  size_t bad = 0, line_no = 0;
  std::string line;
  char score[32];
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      ++bad;
      if (rejects) {
        rejects->push_back(std::string(source) + ":" + std::to_string(line_no) +
                           ": no TAB between the two names; line skipped");
      }
      continue;
    }
    // A third column (a note, an expected label) is ignored.
    const size_t end = line.find('\t', tab + 1);
    const std::string_view a = std::string_view(line).substr(0, tab);
    const std::string_view b = std::string_view(line).substr(
        tab + 1, end == std::string::npos ? std::string::npos : end - tab - 1);
    const NameComparison c =
        CompareNames(NormalizeName(a, options), NormalizeName(b, options), threshold);
    std::snprintf(score, sizeof score, "%.3f", c.score);
    out << a << '\t' << b << '\t' << score << '\t' << (c.same ? "same" : "different") << '\n';
  }
  return bad;
}

}  // namespace dyad
