// The CLI is a thin shell: each subcommand lives in its own cmd_*.cc, parses
// flags with CLI11, calls libdyad, and maps the outcome to an exit code.
#ifndef DYAD_CLI_COMMAND_H_
#define DYAD_CLI_COMMAND_H_

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/coder.h"
#include "dyad/ingest.h"

namespace dyad::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;        // every input read
inline constexpr int kExitRejects = 1;   // some inputs rejected (each reported), the rest processed
inline constexpr int kExitUsage = 2;     // bad flags or arguments
inline constexpr int kExitFailure = 3;   // the command could not run at all

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // called when `app` was the subcommand given
};

// Flags shared by every command that reads articles.
struct InputFlags {
  std::vector<std::string> inputs;
  std::string format = "auto";
  std::vector<std::string> text_fields, date_fields, id_fields, title_fields;
  void AddTo(CLI::App* app);
  // InvalidArgument on a bad --input-format.
  Result<ReadOptions> ToOptions() const;
};

// Counts rejects while printing each one to stderr as "dyad: path:line: what".
class RejectReporter {
 public:
  void Report(const Reject& r);
  int fatal() const { return fatal_; }
  int warnings() const { return warnings_; }
  int ExitCode() const { return fatal_ ? kExitRejects : kExitOk; }

 private:
  int fatal_ = 0;
  int warnings_ = 0;
};

// --syntax / --no-syntax and --model: whether the coder reads subjects and
// objects from the dependency parser (CoderOptions::syntax), and where the
// models are.
struct SyntaxFlags {
  bool syntax = true;
  std::string model_dir;
  void AddTo(CLI::App* app);
};

// Loads the --dict specs (the built-in default when none), prints dictionary and
// option warnings to stderr unless `quiet_warnings`, and builds a coder for them,
// with the parser loaded when `syntax.syntax`.
// On failure prints "dyad COMMAND: <reason>" and returns nullptr.
std::unique_ptr<Coder> MakeCoder(std::string_view command, const std::vector<std::string>& dicts,
                                 bool quiet_warnings, const SyntaxFlags& syntax);

// Registration, one per cmd_*.cc.
Command AddSentencesCommand(CLI::App& app);
Command AddCodeCommand(CLI::App& app);
Command AddValidateCommand(CLI::App& app);
Command AddParseCommand(CLI::App& app);
Command AddTrainCommand(CLI::App& app);
Command AddNamesCommand(CLI::App& app);
Command AddDictCommand(CLI::App& app);
Command AddIngestCommand(CLI::App& app);    // cmd_store.cc
Command AddEventsCommand(CLI::App& app);    // cmd_store.cc
Command AddTimelineCommand(CLI::App& app);  // cmd_store.cc
Command AddSearchCommand(CLI::App& app);    // cmd_store.cc
Command AddExportCommand(CLI::App& app);    // cmd_store.cc
Command AddStatsCommand(CLI::App& app);     // cmd_store.cc
Command AddActorsCommand(CLI::App& app);    // cmd_actors.cc

}  // namespace dyad::cli

#endif  // DYAD_CLI_COMMAND_H_
