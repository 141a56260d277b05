// dyad: political event data from news text. See README.md.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace dyad::cli;
  CLI::App app{"dyad: turns news articles into political event data (who did what to whom)."};
  app.set_version_flag("--version", std::string("dyad ") + DYAD_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'dyad COMMAND --help' for a command's flags.");

  std::vector<Command> commands = {
      AddSentencesCommand(app),
      AddCodeCommand(app),
      AddValidateCommand(app),
      AddParseCommand(app),
      AddTrainCommand(app),
      AddNamesCommand(app),
      AddDictCommand(app),
      AddIngestCommand(app),
      AddEventsCommand(app),
      AddTimelineCommand(app),
      AddSearchCommand(app),
      AddExportCommand(app),
      AddStatsCommand(app),
      AddActorsCommand(app),
  };

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  for (auto& c : commands)
    if (c.app->parsed()) return c.run();
  return kExitUsage;
}
