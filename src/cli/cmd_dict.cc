// dyad dict lint|coverage [SPEC...]: inspect coding dictionaries.
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/default_dictionary.h"
#include "dyad/dict_coverage.h"
#include "dyad/dictionary.h"

namespace dyad::cli {
namespace {

struct DictFlags {
  std::vector<std::string> specs;
  std::string date_mode = "tabari";
  bool p2_comment_quirk = false;
  bool quiet = false;  // lint: counts only
};

// Loads the specs, or the embedded default when there are none. Prints the
// failure and returns nullptr when something cannot be read at all.
std::shared_ptr<const Dictionary> Load(const char* cmd, const DictFlags& f,
                                       std::vector<DictWarning>* warnings, int* exit_code) {
  DictionaryLoadOptions o;
  if (f.date_mode == "tabari") {
    o.date_mode = DateRestrictionMode::kTabari;
  } else if (f.date_mode == "petrarch2") {
    o.date_mode = DateRestrictionMode::kPetrarch2;
  } else {
    std::cerr << "dyad dict " << cmd << ": unknown --date-mode '" << f.date_mode
              << "'; use tabari or petrarch2\n";
    *exit_code = kExitUsage;
    return nullptr;
  }
  o.petrarch2_comment_quirk = f.p2_comment_quirk;
  Result<std::shared_ptr<const Dictionary>> d = f.specs.empty()
                                                    ? LoadDefaultDictionary({}, warnings)
                                                    : LoadDictionaries(f.specs, o, warnings);
  if (!d.ok()) {
    std::cerr << "dyad dict " << cmd << ": " << d.status().ToString() << "\n";
    *exit_code = d.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitRejects;
    return nullptr;
  }
  return *d;
}

int RunLint(const DictFlags& f) {
  std::vector<DictWarning> warnings;
  int code = kExitOk;
  auto dict = Load("lint", f, &warnings, &code);
  if (!dict) return code;
  DictionaryCounts c = CountEntries(*dict);
  std::ios::sync_with_stdio(false);
  std::cout << "files\t" << dict->files().size() << "\n"
            << "actors\t" << c.actors << "\n"
            << "synonyms\t" << c.synonyms << "\n"
            << "actor_codes\t" << c.actor_codes << "\n"
            << "date_restricted_codes\t" << c.date_restricted << "\n"
            << "agents\t" << c.agents << "\n"
            << "substitution_sets\t" << c.substitution_sets << "\n"
            << "synsets\t" << c.synsets << "\n"
            << "verb_blocks\t" << c.verb_blocks << "\n"
            << "verbs\t" << c.verbs << "\n"
            << "verb_forms\t" << c.verb_forms << "\n"
            << "patterns\t" << c.patterns << "\n"
            << "transformations\t" << c.transformations << "\n"
            << "time_shifts\t" << c.time_shifts << "\n"
            << "discards\t" << c.discards << "\n"
            << "story_discards\t" << c.story_discards << "\n"
            << "issues\t" << c.issues << "\n"
            << "issue_phrases\t" << c.issue_phrases << "\n"
            << "options\t" << c.options << "\n"
            << "warnings\t" << warnings.size() << "\n";
  std::cout.flush();
  if (!f.quiet)
    for (const DictWarning& w : warnings) std::fprintf(stderr, "%s\n", w.ToString().c_str());
  return kExitOk;
}

int RunCoverage(const DictFlags& f) {
  std::vector<DictWarning> warnings;
  int code = kExitOk;
  auto dict = Load("coverage", f, &warnings, &code);
  if (!dict) return code;
  std::vector<CodeCoverage> rows = ComputeCoverage(*dict);
  size_t covered = 0;
  std::ios::sync_with_stdio(false);
  std::cout << "code\tverbs\tpatterns\tname\n";
  for (const CodeCoverage& r : rows) {
    covered += r.covered();
    std::cout << r.code << "\t" << r.verbs << "\t" << r.patterns << "\t" << r.name << "\n";
  }
  std::cout << covered << " of " << rows.size() << " codes covered\n";
  if (!warnings.empty())
    std::fprintf(stderr, "dyad dict coverage: %zu dictionary warnings (see 'dyad dict lint')\n",
                 warnings.size());
  return kExitOk;
}

}  // namespace

Command AddDictCommand(CLI::App& app) {
  auto flags = std::make_shared<DictFlags>();
  CLI::App* dict = app.add_subcommand("dict", "Inspect coding dictionaries");
  dict->require_subcommand(1);
  const char* kSpecHelp =
      "petrarch:DIR|FILE, tabari:FILE(.project|.verbs|.actors|.agents|.options), or a dyad "
      "dictionary file; several merge. None: the bundled default dictionary";
  CLI::App* lint = dict->add_subcommand(
      "lint", "Load dictionaries; print entry counts (stdout) and every warning (stderr)");
  lint->add_option("specs", flags->specs, kSpecHelp);
  lint->add_flag("--quiet", flags->quiet, "Counts only; do not list the warnings");
  CLI::App* coverage = dict->add_subcommand(
      "coverage", "For every CAMEO event code: how many verbs and patterns reach it");
  coverage->add_option("specs", flags->specs, kSpecHelp);
  for (CLI::App* sub : {lint, coverage}) {
    sub->add_option("--date-mode", flags->date_mode,
                    "Date restrictions: tabari (inclusive bounds) or petrarch2")
        ->capture_default_str();
    sub->add_flag("--p2-comment-quirk", flags->p2_comment_quirk,
                  "Like PETRARCH-2, ignore pattern lines after a '<!' line in verb files");
  }
  return {dict, [flags, lint, coverage]() {
            if (lint->parsed()) return RunLint(*flags);
            if (coverage->parsed()) return RunCoverage(*flags);
            return kExitUsage;
          }};
}

}  // namespace dyad::cli
