// dyad's default dictionary: data/dict/*.dyad, embedded in the binary at
// build time (so a fresh `dyad` works from any directory), plus the ISO 3166-1
// country names read at load time from Debian's iso-codes.
//
// Contents (see data/dict/default.dyad): countries (ISO names + dyad's table
// of demonyms, capitals, seats of government), CAMEO agents (roles), the
// major international organisations, and verbs with patterns for every CAMEO
// event code of dyad/codebook.h.
#ifndef DYAD_DEFAULT_DICTIONARY_H_
#define DYAD_DEFAULT_DICTIONARY_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/countries.h"
#include "dyad/dictionary.h"
#include "dyad/status.h"

namespace dyad {

struct DefaultDictionaryOptions {
  // iso-codes country list; "" leaves the ISO names out (our table still
  // names every country). A missing file is a warning, not an error.
  std::string iso_codes_path = std::string(kIsoCodes3166Path);
  // The default files' date ranges are inclusive at both ends (TABARI rule).
  DateRestrictionMode date_mode = DateRestrictionMode::kTabari;
};

// One embedded file: its repository path ("data/dict/verbs.dyad") and bytes.
struct EmbeddedDictFile {
  std::string_view path;
  std::string_view text;
};

// The embedded files, in name order. The root file is "data/dict/default.dyad".
std::span<const EmbeddedDictFile> DefaultDictionaryFiles();
inline constexpr std::string_view kDefaultDictionaryRoot = "data/dict/default.dyad";

// Adds the ISO names and the embedded files to `builder`. Warnings name the
// embedded file as data/dict/<file>:line.
Status AddDefaultDictionary(const DefaultDictionaryOptions& options, DictionaryBuilder* builder,
                            std::vector<DictWarning>* warnings);

// AddDefaultDictionary + Compile.
Result<std::shared_ptr<const Dictionary>> LoadDefaultDictionary(
    const DefaultDictionaryOptions& options, std::vector<DictWarning>* warnings);

}  // namespace dyad

#endif  // DYAD_DEFAULT_DICTIONARY_H_
