// dyad validate: run the coder on TABARI's or PETRARCH's validation suite.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/parse.h"
#include "dyad/validate.h"

namespace dyad::cli {
namespace {

struct ValidateFlags {
  std::string suite;
  std::string path;
  std::vector<std::string> dicts;
  bool verbose = false;
  bool syntax = false;
  std::string model_dir;
};

int RunValidate(const ValidateFlags& f) {
  ValidateOptions o;
  o.dict_specs = f.dicts;
  o.verbose = f.verbose;
  if (f.syntax) {
    Result<std::unique_ptr<Parser>> parser = Parser::Load(f.model_dir);
    if (!parser.ok()) {
      std::cerr << "dyad validate: " << parser.status().ToString() << "\n";
      return kExitFailure;
    }
    o.parser = std::move(*parser);
  }
  Result<ValidationSummary> r =
      Status::InvalidArgument("unknown suite '" + f.suite + "'; use tabari or petrarch");
  if (f.suite == "tabari")
    r = RunTabariValidation(f.path, o, &std::cout);
  else if (f.suite == "petrarch")
    r = RunPetrarchValidation(f.path, o, &std::cout);
  std::cout.flush();
  if (!r.ok()) {
    std::cerr << "dyad validate: " << r.status().ToString() << "\n";
    return r.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  return r->failed ? kExitRejects : kExitOk;
}

}  // namespace

Command AddValidateCommand(CLI::App& app) {
  auto flags = std::make_shared<ValidateFlags>();
  CLI::App* sub = app.add_subcommand(
      "validate",
      "Code a validation suite and compare with its expected events: 'tabari FILE.project' or "
      "'petrarch RECORDS.xml'; prints each failure and 'N passed, M failed'");
  sub->add_option("suite", flags->suite, "tabari|petrarch")->required();
  sub->add_option("path", flags->path, "TABARI .project file or PETRARCH unit-test records XML")
      ->required();
  sub->add_option("--dict", flags->dicts,
                  "Dictionary spec(s) instead of the suite's own (petrarch:DIR uses the "
                  "PETR.Validate.* files the records name when DIR holds them)");
  sub->add_flag("-v,--verbose", flags->verbose, "Also print passes and the rule of each event");
  sub->add_flag("--syntax,!--no-syntax", flags->syntax,
                "Code with the dependency parser's subjects and objects (default: off, "
                "shallow rules only, as the suites were written for)");
  sub->add_option("--model", flags->model_dir, "Folder with the parser models (default: found)");
  return {sub, [flags] { return RunValidate(*flags); }};
}

}  // namespace dyad::cli
