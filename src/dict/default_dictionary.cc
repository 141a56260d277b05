// The default dictionary: embedded data/dict files + iso-codes names.
#include "dyad/default_dictionary.h"

#include <algorithm>

#include "dict/default_dictionary_data.h"
#include "dict/dyad_format_internal.h"
#include "dyad/dyad_format.h"

namespace dyad {
namespace {

// ISO names become actors coded with the alpha-3 code; the SourceRef line is
// the 1-based row of the iso-codes list.
Status AddIsoCountries(const std::string& path, DictionaryBuilder* builder,
                       std::vector<DictWarning>* warnings) {
  auto iso = LoadIsoCountries(path);
  if (!iso.ok()) {
    if (warnings) {
      warnings->push_back(DictWarning{path, 0,
                                      iso.status().message() +
                                          "; ISO country names left out (dyad's own "
                                          "country table is still loaded)"});
    }
    return Status::Ok();
  }
  const uint32_t file = builder->AddFile("iso-codes:" + path);
  std::string error;
  for (size_t i = 0; i < iso->size(); ++i) {
    const IsoCountry& c = (*iso)[i];
    const SourceRef where{file, static_cast<uint32_t>(i + 1)};
    ActorEntry e;
    e.where = where;
    for (const std::string& name : IsoNameVariants(c)) {
      Phrase p;
      for (std::string_view w : dyad_format_internal::Words(name))
        p.words.push_back(PhraseWord{dyad_format_internal::Lower(w), false, false});
      if (p.words.empty()) continue;
      if (e.primary.words.empty())
        e.primary = std::move(p);
      else
        e.synonyms.push_back(std::move(p));
    }
    if (e.primary.words.empty()) continue;
    e.codes.push_back(ActorCode{c.alpha3, DateRestriction{}, where});
    builder->AddActor(std::move(e));
  }
  return Status::Ok();
}

}  // namespace

std::span<const EmbeddedDictFile> DefaultDictionaryFiles() {
  return {default_dictionary_data::kFiles, default_dictionary_data::kNumFiles};
}

Status AddDefaultDictionary(const DefaultDictionaryOptions& options, DictionaryBuilder* builder,
                            std::vector<DictWarning>* warnings) {
  if (builder == nullptr) return Status::InvalidArgument("AddDefaultDictionary: null builder");
  if (!options.iso_codes_path.empty()) {
    DYAD_RETURN_IF_ERROR(AddIsoCountries(options.iso_codes_path, builder, warnings));
  }
  DyadParseOptions parse;
  parse.reader = [](const std::string& path) -> Result<std::string> {
    for (const EmbeddedDictFile& f : DefaultDictionaryFiles())
      if (f.path == path) return std::string(f.text);
    return Status::NotFound(path + ": not one of the embedded default dictionary files");
  };
  return ParseDyadDictionaryFile(kDefaultDictionaryRoot, builder, warnings, parse);
}

Result<std::shared_ptr<const Dictionary>> LoadDefaultDictionary(
    const DefaultDictionaryOptions& options, std::vector<DictWarning>* warnings) {
  DictionaryBuilder builder;
  DYAD_RETURN_IF_ERROR(AddDefaultDictionary(options, &builder, warnings));
  CompileOptions compile;
  compile.date_mode = options.date_mode;
  return builder.Compile(compile);
}

}  // namespace dyad
