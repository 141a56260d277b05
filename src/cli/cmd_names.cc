// dyad names: transliteration-aware person and organisation name matching.
//   dyad names match   < pairs.tsv    NAME1<TAB>NAME2 in, NAME1<TAB>NAME2<TAB>score<TAB>decision
//   out dyad names eval DIR               pair precision/recall on the OFAC SDN alias list
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "dyad/name_match.h"

namespace dyad::cli {
namespace {

struct NamesFlags {
  std::string kind = "person";
  double threshold = kSameNameThreshold;
  std::string ofac_dir;
  CLI::App* match = nullptr;
  CLI::App* eval = nullptr;
};

Result<NameKind> ParseKind(const std::string& kind) {
  if (kind == "person") return NameKind::kPerson;
  if (kind == "org" || kind == "organization") return NameKind::kOrganization;
  return Status::InvalidArgument("unknown --kind '" + kind + "'; use person or org");
}

int RunNames(const NamesFlags& f) {
  auto kind = ParseKind(f.kind);
  if (!kind.ok()) {
    std::cerr << "dyad names: " << kind.status().message() << "\n";
    return kExitUsage;
  }
  if (f.threshold < 0.0 || f.threshold > 1.0) {
    std::cerr << "dyad names: --threshold must be within [0, 1]\n";
    return kExitUsage;
  }
  if (f.eval->parsed()) {
    NameEvalOptions options;
    options.kind = *kind;
    options.threshold = f.threshold;
    auto report = EvaluateOfacAliases(f.ofac_dir, options);
    if (!report.ok()) {
      std::cerr << "dyad names eval: " << report.status().ToString() << "\n";
      return kExitFailure;
    }
    for (const auto& w : report->warnings) std::cerr << "dyad: warning: " << w << "\n";
    std::cout << report->Summary();
    for (const auto& e : report->false_positives) std::cout << "false positive: " << e << "\n";
    for (const auto& e : report->false_negatives) std::cout << "false negative: " << e << "\n";
    return report->rejected_lines ? kExitRejects : kExitOk;
  }
  NameOptions options;
  options.kind = *kind;
  std::ios::sync_with_stdio(false);
  std::vector<std::string> rejects;
  const size_t bad = MatchNamePairs(std::cin, std::cout, "<stdin>", options, f.threshold, &rejects);
  std::cout.flush();
  for (const auto& r : rejects) std::cerr << "dyad: " << r << "\n";
  return bad ? kExitRejects : kExitOk;
}

}  // namespace

Command AddNamesCommand(CLI::App& app) {
  auto flags = std::make_shared<NamesFlags>();
  CLI::App* sub = app.add_subcommand("names", "Compare person and organisation names");
  sub->require_subcommand(1);
  flags->match = sub->add_subcommand(
      "match",
      "Read NAME1<TAB>NAME2 lines on standard input; write NAME1<TAB>NAME2<TAB>score<TAB>"
      "same|different. Lines without a TAB are reported on stderr and skipped (exit 1)");
  flags->eval = sub->add_subcommand(
      "eval", "Pair precision and recall on the OFAC SDN list (folder with sdn.csv, alt.csv)");
  flags->eval->add_option("dir", flags->ofac_dir, "Folder holding sdn.csv and alt.csv")->required();
  for (CLI::App* s : {flags->match, flags->eval}) {
    s->add_option("--kind", flags->kind, "person|org")->capture_default_str();
    s->add_option("--threshold", flags->threshold, "Scores at or above this are 'same'")
        ->capture_default_str();
  }
  return {sub, [flags] { return RunNames(*flags); }};
}

}  // namespace dyad::cli
