// Fuzzes name normalization and comparison: the input is split at the first
// TAB (or in half) into two names, compared as persons and as organisations,
// and pushed through the pair-file reader. Checks the invariants the API
// promises: scores in [0, 1], symmetry, same == (score >= threshold), tokens
// of lowercase ASCII letters and digits only, and edit distance vs its cap.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/name_match.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckName(const dyad::NormalizedName& n) {
  for (const auto& t : n.tokens()) {
    Check(!t.text.empty());
    for (char c : t.text) Check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // names are short; keep each run fast
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t cut = in.find('\t');
  if (cut == std::string_view::npos) cut = size / 2;
  const std::string_view a = in.substr(0, cut);
  const std::string_view b = cut < size ? in.substr(cut + 1) : std::string_view();

  for (dyad::NameKind kind : {dyad::NameKind::kPerson, dyad::NameKind::kOrganization}) {
    dyad::NameOptions options;
    options.kind = kind;
    const dyad::NormalizedName x = dyad::NormalizeName(a, options);
    const dyad::NormalizedName y = dyad::NormalizeName(b, options);
    CheckName(x);
    CheckName(y);
    const dyad::NameComparison xy = dyad::CompareNames(x, y);
    const dyad::NameComparison yx = dyad::CompareNames(y, x);
    Check(xy.score >= 0.0 && xy.score <= 1.0);
    Check(xy.score == yx.score && xy.same == yx.same);
    Check(xy.same == (xy.score >= dyad::kSameNameThreshold));
    if (!x.empty()) Check(dyad::CompareNames(x, x).score == 1.0);
  }

  const std::string fa = dyad::FoldNameText(a), fb = dyad::FoldNameText(b);
  const int d = dyad::BoundedEditDistance(fa.substr(0, 64), fb.substr(0, 64), 3);
  Check(d >= 0 && d <= 4);

  std::istringstream lines{std::string(in)};
  std::ostringstream out;
  std::vector<std::string> rejects;
  const size_t bad =
      dyad::MatchNamePairs(lines, out, "fuzz", {}, dyad::kSameNameThreshold, &rejects);
  Check(bad == rejects.size());
  return 0;
}
