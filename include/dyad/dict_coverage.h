// Which CAMEO event codes a dictionary's verbs and patterns can produce.
#ifndef DYAD_DICT_COVERAGE_H_
#define DYAD_DICT_COVERAGE_H_

#include <string>
#include <vector>

#include "dyad/dictionary.h"

namespace dyad {

struct CodeCoverage {
  std::string code;     // "0211"
  std::string name;     // codebook name
  size_t verbs = 0;     // verb entries whose own or block code yields `code`
  size_t patterns = 0;  // patterns whose code (either half of a pair) is `code`
  bool covered() const { return verbs + patterns > 0; }
};

// One row per event code of the CAMEO codebook (dyad/codebook.h), in code
// order. A verb or pattern "reaches" a code when its code, or the second code
// of a pair, is exactly that code.
std::vector<CodeCoverage> ComputeCoverage(const Dictionary& dict);

}  // namespace dyad

#endif  // DYAD_DICT_COVERAGE_H_
