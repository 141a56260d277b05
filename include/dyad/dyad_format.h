// dyad's own dictionary format: a reader (from disk or memory) and a writer.
// The format is specified in docs/dictionary-dyad-format.md; in short:
//
//   # comment                       include other.dyad
//   [actors]   Turkey | Türkiye => TUR
//              Recep Tayyip Erdogan => TURGOV @2014-08-28.. , TURGOV @2003-03-14..2014-08-27
//   [agents]   foreign minister | foreign secretary => ~GOV
//   [countries] TUR  adj: Turkish | Turk ; capital: Ankara ; leg: Grand National Assembly
//   [verbs]    block VISIT => 042
//              verb visit
//              pattern * + to host $ => 043
//   [synsets]  &CURRENCY = dollar | euro | yen
//   [discards] horoscope | story: crossword
//   [issues]   nuclear program => NUCLEAR
//
// ParseDyadDictionary (declared in dyad/dictionary.h) reads a file from disk;
// the functions here add an in-memory variant and the writer. All of them are
// thread-compatible (no shared state); the builder is the caller's.
#ifndef DYAD_DYAD_FORMAT_H_
#define DYAD_DYAD_FORMAT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dictionary.h"
#include "dyad/status.h"

namespace dyad {

// Returns the bytes of the file at `path` (as the parser composed it: the
// including file's folder joined with the include's relative path, lexically
// normalized), or NotFound/IOError.
using DyadFileReader = std::function<Result<std::string>(const std::string& path)>;

// Reads real files (the default reader).
Result<std::string> ReadDyadFileFromDisk(const std::string& path);

struct DyadParseOptions {
  // Where "include" lines are read from; empty = ReadDyadFileFromDisk.
  DyadFileReader reader;
  // Includes nested deeper than this are refused with a warning.
  int max_include_depth = 32;
  // At most this many files are read in one parse; later includes are
  // refused with a warning (bounds the work a hostile file can cause).
  int max_files = 10000;
};

// Parses `text` as if it were the file `name` (used in SourceRefs and
// warnings, and as the base for relative includes). Bad lines become
// warnings "name:line: what is wrong; what was done"; an include cycle is a
// warning. Fails only when the builder is null.
Status ParseDyadDictionaryText(std::string_view name, std::string_view text,
                               DictionaryBuilder* builder, std::vector<DictWarning>* warnings,
                               const DyadParseOptions& options = {});

// Like ParseDyadDictionary, with options (e.g. a reader for embedded files).
// NotFound when `path` itself cannot be read.
Status ParseDyadDictionaryFile(std::string_view path, DictionaryBuilder* builder,
                               std::vector<DictWarning>* warnings,
                               const DyadParseOptions& options = {});

// Writes every actor, agent, verb block (with its verbs and patterns),
// synset, discard and issue of `dict` in dyad's format, one file, no
// includes. Parsing the result gives the same entries (SourceRefs aside).
// Entries the format cannot express (TABARI alternatives "{a|b}", PETRARCH
// noun/prep-phrase pattern groups, transformations, time shifts, options)
// are written as comments saying what was left out.
std::string WriteDyadDictionary(const Dictionary& dict);

// Regular English inflections of a verb (base first): "ban" -> ban, bans,
// banned, banning; a short table covers common irregular verbs ("meet" ->
// meets, met, meeting). Only the first word of a multi-word verb inflects.
std::vector<std::string> InflectVerb(std::string_view base);

}  // namespace dyad

#endif  // DYAD_DYAD_FORMAT_H_
