// The public Parser: loads the two models, tags, then parses.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "dyad/parse.h"
#include "parse/parser_model.h"
#include "parse/tagger.h"

namespace dyad {

using parse_internal::ParserInput;
using parse_internal::ParserModel;
using parse_internal::TaggerModel;
using parse_internal::WordAtoms;

struct Parser::Impl {
  TaggerModel tagger;
  ParserModel parser;
  std::vector<uint64_t> class_tag_atom;   // per tag class
  std::vector<uint64_t> class_upos_atom;  // per tag class
  std::vector<std::string> class_feats;   // per tag class, "_" when empty

  void Run(const std::vector<std::string_view>& words, bool parse, ParsedSentence* out) const {
    thread_local std::vector<WordAtoms> atoms;
    thread_local std::vector<int> classes, heads, labels;
    thread_local ParserInput input;
    parse_internal::ComputeAtoms(words, &tagger.lexicon, &atoms);
    tagger.TagAtoms(atoms, &classes);
    const int n = static_cast<int>(words.size());
    out->words.resize(n);
    if (parse) {
      input.Reset(n);
      for (int i = 0; i < n; ++i) {
        input.Set(i, atoms[i].lower, class_tag_atom[classes[i]], class_upos_atom[classes[i]]);
      }
      parser.Parse(input, n, &heads, &labels);
    }
    for (int i = 0; i < n; ++i) {
      ParsedWord& w = out->words[i];
      const auto& c = tagger.classes[classes[i]];
      w.upos = c.upos;
      w.xpos = c.xpos;
      w.feats = class_feats[classes[i]];
      if (parse) {
        w.head = heads[i];
        w.deprel = parser.labels[labels[i]];
      } else {
        w.head = 0;
        w.deprel = {};
      }
    }
  }
};

Parser::Parser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Parser::~Parser() = default;

Result<std::string> FindModelDir(const std::string& override_dir) {
  namespace fs = std::filesystem;
  auto has_models = [](const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / std::string(kTaggerModelFile), ec) &&
           fs::is_regular_file(dir / std::string(kParserModelFile), ec);
  };
  const std::string need = std::string(kTaggerModelFile) + " and " + std::string(kParserModelFile);
  if (!override_dir.empty()) {
    if (has_models(override_dir)) return override_dir;
    return Status::NotFound(override_dir + ": model folder lacks " + need +
                            "; train them with `dyad train tagger|parser`");
  }
  std::vector<std::string> tried;
  if (const char* env = std::getenv("DYAD_MODEL_DIR"); env && *env) {
    if (has_models(env)) return std::string(env);
    return Status::NotFound(std::string(env) + " (from $DYAD_MODEL_DIR): model folder lacks " +
                            need);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& dir :
         {exe.parent_path() / "models", exe.parent_path().parent_path() / "models"}) {
      if (has_models(dir)) return dir.string();
      tried.push_back(dir.string());
    }
  }
#ifdef DYAD_SOURCE_DIR
  const fs::path src = fs::path(DYAD_SOURCE_DIR) / "models";
  if (has_models(src)) return src.string();
  tried.push_back(src.string());
#endif
  std::string list;
  for (const auto& t : tried) list += (list.empty() ? "" : ", ") + t;
  return Status::NotFound("no model folder with " + need + " found (tried " + list +
                          "); pass --model DIR or set DYAD_MODEL_DIR");
}

Result<std::unique_ptr<Parser>> Parser::Load(const std::string& model_dir) {
  DYAD_ASSIGN_OR_RETURN(std::string dir, FindModelDir(model_dir));
  return LoadFiles(dir + "/" + std::string(kTaggerModelFile),
                   dir + "/" + std::string(kParserModelFile));
}

Result<std::unique_ptr<Parser>> Parser::LoadFiles(const std::string& tagger_path,
                                                  const std::string& parser_path) {
  auto impl = std::make_unique<Impl>();
  {
    DYAD_ASSIGN_OR_RETURN(std::string bytes, parse_internal::ReadModelFile(tagger_path));
    DYAD_ASSIGN_OR_RETURN(impl->tagger, TaggerModel::Deserialize(bytes, tagger_path));
  }
  {
    DYAD_ASSIGN_OR_RETURN(std::string bytes, parse_internal::ReadModelFile(parser_path));
    DYAD_ASSIGN_OR_RETURN(impl->parser, ParserModel::Deserialize(bytes, parser_path));
  }
  for (const auto& c : impl->tagger.classes) {
    impl->class_tag_atom.push_back(parse_internal::TagAtom(c.upos, c.xpos));
    impl->class_upos_atom.push_back(parse_internal::UposAtom(c.upos));
    impl->class_feats.push_back(c.feats.empty() ? "_" : c.feats);
  }
  return std::unique_ptr<Parser>(new Parser(std::move(impl)));
}

Status Parser::Parse(const std::vector<std::string_view>& words, ParsedSentence* out) const {
  if (words.size() > kMaxWords) {
    return Status::InvalidArgument("sentence of " + std::to_string(words.size()) +
                                   " words is longer than the parser's limit of " +
                                   std::to_string(kMaxWords) + "; split it first");
  }
  impl_->Run(words, true, out);
  return Status::Ok();
}

Status Parser::Parse(const std::vector<Token>& tokens, ParsedSentence* out) const {
  thread_local std::vector<std::string_view> words;
  words.clear();
  for (const Token& t : tokens) words.push_back(t.text);
  return Parse(words, out);
}

Status Parser::Parse(const Sentence& sentence, ParsedSentence* out) const {
  return Parse(sentence.tokens, out);
}

Status Parser::Tag(const std::vector<std::string_view>& words, ParsedSentence* out) const {
  if (words.size() > kMaxWords) {
    return Status::InvalidArgument("sentence of " + std::to_string(words.size()) +
                                   " words is longer than the limit of " +
                                   std::to_string(kMaxWords) + "; split it first");
  }
  impl_->Run(words, false, out);
  return Status::Ok();
}

size_t Parser::MemoryBytes() const {
  return impl_->tagger.weights.MemoryBytes() + impl_->tagger.lexicon.MemoryBytes() +
         impl_->parser.weights.MemoryBytes();
}

namespace {
std::string_view Universal(std::string_view deprel) {
  size_t colon = deprel.find(':');
  return colon == std::string_view::npos ? deprel : deprel.substr(0, colon);
}
}  // namespace

Status EvaluateParser(const Parser& parser, const std::vector<ConlluSentence>& gold,
                      ParseScores* scores, std::vector<ConlluSentence>* predicted) {
  ParsedSentence out;
  std::vector<std::string_view> words;
  for (const ConlluSentence& s : gold) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    DYAD_RETURN_IF_ERROR(parser.Parse(words, &out));
    scores->sentences++;
    for (size_t i = 0; i < s.words.size(); ++i) {
      const ConlluWord& g = s.words[i];
      const ParsedWord& p = out.words[i];
      scores->words++;
      if (p.upos == g.upos) scores->upos++;
      if (p.xpos == g.xpos) scores->xpos++;
      if (p.head == g.head) {
        scores->uas++;
        if (p.deprel == g.deprel) scores->las++;
        if (Universal(p.deprel) == Universal(g.deprel)) scores->ulas++;
      }
    }
    if (predicted) {
      ConlluSentence ps = s;
      for (size_t i = 0; i < ps.words.size(); ++i) {
        ConlluWord& w = ps.words[i];
        const ParsedWord& p = out.words[i];
        w.upos = std::string(p.upos);
        w.xpos = std::string(p.xpos);
        w.feats = p.feats == "_" ? std::string() : std::string(p.feats);
        w.head = p.head;
        w.deprel = std::string(p.deprel);
        w.deps.clear();
      }
      predicted->push_back(std::move(ps));
    }
  }
  return Status::Ok();
}

}  // namespace dyad
