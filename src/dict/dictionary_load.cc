// LoadDictionaries: specs -> files -> readers -> one compiled Dictionary.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "dict/dict_text.h"
#include "dyad/dict_readers.h"
#include "dyad/dictionary.h"

namespace dyad {

using namespace dict_internal;  // NOLINT: internal helpers of this stage

namespace {

namespace fs = std::filesystem;

Result<std::string> ReadWholeFile(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec))
    return Status::NotFound(path + ": no such file; check the dictionary spec");
  if (fs::is_directory(path, ec))
    return Status::InvalidArgument(path + ": is a folder, expected a dictionary file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Status::IOError(path + ": read error");
  return bytes;
}

Status AddPetrarchFile(const std::string& path, PetrarchFileKind kind,
                       const DictionaryLoadOptions& options, DictionaryBuilder* builder,
                       std::vector<DictWarning>* warnings) {
  DYAD_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  return ParsePetrarchDictionary(kind, path, bytes, options, builder, warnings);
}

Status AddTabariFile(const std::string& path, TabariFileKind kind,
                     const DictionaryLoadOptions& options, DictionaryBuilder* builder,
                     std::vector<DictWarning>* warnings) {
  DYAD_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
  if (kind != TabariFileKind::kProject)
    return ParseTabariDictionary(kind, path, bytes, options, builder, warnings);
  TabariProject project = ParseTabariProject(path, bytes, warnings);
  const fs::path dir = fs::path(path).parent_path();
  bool any = false;
  for (const auto& [tag, value] : project.files) {
    TabariFileKind k;
    if (tag == "actorsfile")
      k = TabariFileKind::kActors;
    else if (tag == "verbsfile")
      k = TabariFileKind::kVerbs;
    else if (tag == "agentsfile")
      k = TabariFileKind::kAgents;
    else if (tag == "optionsfile")
      k = TabariFileKind::kOptions;
    else
      continue;  // text, event, problem and error files are not dictionaries
    any = true;
    const std::string file = (dir / value).string();
    DYAD_RETURN_IF_ERROR(AddTabariFile(file, k, options, builder, warnings));
  }
  if (!any && warnings)
    warnings->push_back({path, 0,
                         "project names no <actorsfile>, <verbsfile>, <agentsfile> or "
                         "<optionsfile>; nothing loaded"});
  return Status::Ok();
}

Status AddPetrarchDir(const std::string& dir, const DictionaryLoadOptions& options,
                      DictionaryBuilder* builder, std::vector<DictWarning>* warnings) {
  std::vector<std::pair<std::string, PetrarchFileKind>> files;
  const fs::path config = fs::path(dir) / "PETR_config.ini";
  std::error_code ec;
  if (fs::exists(config, ec)) {
    DYAD_ASSIGN_OR_RETURN(std::string ini, ReadWholeFile(config.string()));
    for (const auto& [key, value] : ParsePetrarchConfig(ini)) {
      PetrarchFileKind kind;
      if (key == "verbfile_name")
        kind = PetrarchFileKind::kVerbs;
      else if (key == "actorfile_list")
        kind = PetrarchFileKind::kActors;
      else if (key == "agentfile_name")
        kind = PetrarchFileKind::kAgents;
      else if (key == "discardfile_name")
        kind = PetrarchFileKind::kDiscards;
      else if (key == "issuefile_name")
        kind = PetrarchFileKind::kIssues;
      else
        continue;
      size_t i = 0;
      while (i <= value.size()) {
        size_t c = value.find(',', i);
        std::string_view item =
            Trim(std::string_view(value).substr(i, c == value.npos ? value.npos : c - i));
        if (!item.empty()) files.emplace_back(std::string(item), kind);
        if (c == value.npos) break;
        i = c + 1;
      }
    }
    if (files.empty() && warnings)
      warnings->push_back(
          {config.string(), 0, "no [Dictionaries] file names found; standard Phoenix set used"});
  }
  if (files.empty()) {
    files = {{"CAMEO.2.0.txt", PetrarchFileKind::kVerbs},
             {"Phoenix.Countries.actors.txt", PetrarchFileKind::kActors},
             {"Phoenix.International.actors.txt", PetrarchFileKind::kActors},
             {"Phoenix.MilNonState.actors.txt", PetrarchFileKind::kActors},
             {"Phoenix.agents.txt", PetrarchFileKind::kAgents},
             {"Phoenix.discards.txt", PetrarchFileKind::kDiscards},
             {"Phoenix.IssueCoding.txt", PetrarchFileKind::kIssues}};
  }
  for (const auto& [name, kind] : files)
    DYAD_RETURN_IF_ERROR(
        AddPetrarchFile((fs::path(dir) / name).string(), kind, options, builder, warnings));
  return Status::Ok();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParsePetrarchConfig(std::string_view bytes) {
  std::vector<std::pair<std::string, std::string>> out;
  bool in_dicts = false;
  for (std::string_view line : SplitLines(bytes)) {
    std::string_view s = Trim(line);
    if (s.empty() || s[0] == '#' || s[0] == ';') continue;
    if (s[0] == '[') {
      in_dicts = s == "[Dictionaries]";
      continue;
    }
    if (!in_dicts) continue;
    size_t eq = s.find('=');
    if (eq == s.npos) eq = s.find(':');
    if (eq == s.npos) continue;
    out.emplace_back(std::string(Trim(s.substr(0, eq))), std::string(Trim(s.substr(eq + 1))));
  }
  return out;
}

Status AddDictionarySpec(std::string_view spec, const DictionaryLoadOptions& options,
                         DictionaryBuilder* builder, std::vector<DictWarning>* warnings) {
  if (StartsWith(spec, "petrarch:")) {
    std::string path(spec.substr(9));
    if (path.empty()) return Status::InvalidArgument("empty path in spec 'petrarch:'");
    std::error_code ec;
    if (fs::is_directory(path, ec)) return AddPetrarchDir(path, options, builder, warnings);
    PetrarchFileKind kind;
    if (!GuessPetrarchFileKind(path, &kind))
      return Status::InvalidArgument(
          "cannot tell what kind of PETRARCH dictionary '" + path +
          "' is from its name (expected verbs/CAMEO, actors, agents, discards or issues in it)");
    return AddPetrarchFile(path, kind, options, builder, warnings);
  }
  if (StartsWith(spec, "tabari:")) {
    std::string path(spec.substr(7));
    TabariFileKind kind;
    if (!GuessTabariFileKind(path, &kind))
      return Status::InvalidArgument("cannot tell what kind of TABARI file '" + path +
                                     "' is; expected .project, .verbs, .actors, .agents or "
                                     ".options");
    return AddTabariFile(path, kind, options, builder, warnings);
  }
  if (spec.empty()) return Status::InvalidArgument("empty dictionary spec");
#if DYAD_HAVE_DYAD_FORMAT
  return ParseDyadDictionary(spec, builder, warnings);
#else
  return Status::Unsupported("'" + std::string(spec) +
                             "': dyad's own dictionary format is not in this build; use "
                             "petrarch:DIR or tabari:FILE");
#endif
}

Result<std::shared_ptr<const Dictionary>> LoadDictionaries(const std::vector<std::string>& specs,
                                                           const DictionaryLoadOptions& options,
                                                           std::vector<DictWarning>* warnings) {
  if (specs.empty()) return Status::InvalidArgument("no dictionary spec given");
  DictionaryBuilder builder;
  for (const std::string& s : specs)
    DYAD_RETURN_IF_ERROR(AddDictionarySpec(s, options, &builder, warnings));
  CompileOptions co;
  co.date_mode = options.date_mode;
  return builder.Compile(co);
}

}  // namespace dyad
