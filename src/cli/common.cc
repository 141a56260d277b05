#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "dyad/default_dictionary.h"
#include "dyad/parse.h"

namespace dyad::cli {

void InputFlags::AddTo(CLI::App* app) {
  app->add_option("inputs", inputs, "Files, folders (read recursively) or - for standard input")
      ->required();
  app->add_option("--input-format", format, "auto|text|jsonl|html (auto: by file extension)")
      ->capture_default_str();
  app->add_option("--text-field", text_fields, "JSONL field(s) holding the body, tried in order");
  app->add_option("--date-field", date_fields, "JSONL field(s) holding the publication date");
  app->add_option("--id-field", id_fields, "JSONL field(s) holding the article id");
  app->add_option("--title-field", title_fields, "JSONL field(s) holding the title");
}

Result<ReadOptions> InputFlags::ToOptions() const {
  ReadOptions o;
  if (format == "auto") o.format = InputFormat::kAuto;
  else if (format == "text") o.format = InputFormat::kText;
  else if (format == "jsonl") o.format = InputFormat::kJsonl;
  else if (format == "html") o.format = InputFormat::kHtml;
  else
    return Status::InvalidArgument("unknown --input-format '" + format +
                                   "'; use auto, text, jsonl or html");
  if (!text_fields.empty()) o.text_fields = text_fields;
  if (!date_fields.empty()) o.date_fields = date_fields;
  if (!id_fields.empty()) o.id_fields = id_fields;
  if (!title_fields.empty()) o.title_fields = title_fields;
  return o;
}

void SyntaxFlags::AddTo(CLI::App* app) {
  app->add_flag("--syntax,!--no-syntax", syntax,
                "Read sources and targets from the dependency parse where it finds an actor "
                "(default: on; --no-syntax codes with the shallow rules only)");
  app->add_option("--model", model_dir,
                  "Folder with en_ewt.tagger and en_ewt.parser (default: found as for dyad parse)");
}

std::unique_ptr<Coder> MakeCoder(std::string_view command, const std::vector<std::string>& dicts,
                                 bool quiet_warnings, const SyntaxFlags& syntax) {
  std::vector<DictWarning> warnings;
  Result<std::shared_ptr<const Dictionary>> dict =
      dicts.empty() ? LoadDefaultDictionary(DefaultDictionaryOptions(), &warnings)
                    : LoadDictionaries(dicts, DictionaryLoadOptions(), &warnings);
  if (!dict.ok()) {
    std::cerr << "dyad " << command << ": " << dict.status().ToString() << "\n";
    return nullptr;
  }
  if (!quiet_warnings)
    for (const DictWarning& w : warnings)
      std::cerr << "dyad: dictionary warning: " << w.ToString() << "\n";
  std::vector<std::string> option_warnings;
  CoderOptions options = CoderOptionsForDictionary(**dict, &option_warnings);
  for (const std::string& w : option_warnings) std::cerr << "dyad: option warning: " << w << "\n";
  options.syntax = syntax.syntax;
  auto coder = std::make_unique<Coder>(*dict, options);
  if (syntax.syntax) {
    Result<std::unique_ptr<Parser>> parser = Parser::Load(syntax.model_dir);
    if (!parser.ok()) {
      std::cerr << "dyad " << command << ": " << parser.status().ToString()
                << " (or pass --no-syntax to code without the parser)\n";
      return nullptr;
    }
    coder->set_parser(std::move(*parser));
  }
  return coder;
}

void RejectReporter::Report(const Reject& r) {
  (r.fatal ? fatal_ : warnings_)++;
  std::fprintf(stderr, "dyad: %s%s\n", r.fatal ? "" : "warning: ", r.ToString().c_str());
}

}  // namespace dyad::cli
