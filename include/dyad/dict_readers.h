// In-memory entry points of the TABARI and PETRARCH-2/Phoenix dictionary
// readers, used by LoadDictionaries, tests and fuzzers. Each parses `bytes`
// (any bytes at all: invalid UTF-8 is repaired with a warning) as the file
// `name`, adds what it understood to `builder`, and reports every line it
// could not use, or had to repair, as a DictWarning naming `name` and the line.
// They return a non-OK Status only for internal errors: a malformed file is
// warnings, never a failure. See docs/dictionary-representation.md.
#ifndef DYAD_DICT_READERS_H_
#define DYAD_DICT_READERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/dictionary.h"
#include "dyad/status.h"

namespace dyad {

enum class PetrarchFileKind {
  kVerbs,     // CAMEO.2.0.txt (P2 structured patterns) or P1 linear patterns
  kActors,    // Phoenix.*.actors.txt, PETR.Validate.actors.txt
  kAgents,    // Phoenix.agents.txt
  kDiscards,  // Phoenix.discards.txt
  kIssues,    // Phoenix.IssueCoding.txt
};

enum class TabariFileKind {
  kVerbs,    // .verbs: <SYNSETS>, <TIME>, verb lines with patterns
  kActors,   // .actors: <NOUN>/<ADJECTIVE> lists, actors with codes
  kAgents,   // .agents
  kOptions,  // .options: kept as DictOption lines
  kProject,  // .project: file names kept as DictOption lines
};

// Guesses the kind from a file name ("...verbs...", "...actors...", ...).
// false when the name says nothing.
bool GuessPetrarchFileKind(std::string_view name, PetrarchFileKind* kind);
bool GuessTabariFileKind(std::string_view name, TabariFileKind* kind);

Status ParsePetrarchDictionary(PetrarchFileKind kind, std::string_view name, std::string_view bytes,
                               const DictionaryLoadOptions& options, DictionaryBuilder* builder,
                               std::vector<DictWarning>* warnings);

Status ParseTabariDictionary(TabariFileKind kind, std::string_view name, std::string_view bytes,
                             const DictionaryLoadOptions& options, DictionaryBuilder* builder,
                             std::vector<DictWarning>* warnings);

// The files a TABARI .project names, by tag ("actorsfile", "verbsfile",
// "agentsfile", "optionsfile"), relative paths as written.
struct TabariProject {
  std::vector<std::pair<std::string, std::string>> files;
};
TabariProject ParseTabariProject(std::string_view name, std::string_view bytes,
                                 std::vector<DictWarning>* warnings);

// The [Dictionaries] section of a PETR_config.ini: key -> value.
std::vector<std::pair<std::string, std::string>> ParsePetrarchConfig(std::string_view bytes);

// Parses a date as written in a date restriction: YYYYMMDD (8 digits or
// more: the first 8 are used, with a warning note when longer) or YYMMDD
// (6 or 7 digits: the first 6; YY <= 30 is 20YY, else 19YY). Returns false
// when it is not a valid date. `note` gets a description of any repair.
bool ParseRestrictionDate(std::string_view digits, Date* out, std::string* note);

}  // namespace dyad

#endif  // DYAD_DICT_READERS_H_
