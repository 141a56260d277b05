// dyad parse: tag and dependency-parse articles (CoNLL-U out), or score the
// parser against gold CoNLL-U with --eval.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/output.h"
#include "dyad/parse.h"
#include "dyad/text.h"

namespace dyad::cli {
namespace {

struct ParseFlags {
  InputFlags input;
  std::vector<std::string> eval;
  std::string eval_output;
  std::string model_dir;
  std::string format = "tsv";
  bool keep_boilerplate = false;
};

// One article as CoNLL-U: a newdoc comment, then per sentence its id, text
// and words. MISC keeps byte offsets into the article (TokenRange=begin:end).
void AppendArticle(const Article& a, const AnalyzedText& t,
                   const std::vector<ParsedSentence>& parsed, std::string* out) {
  ConlluSentence cs;
  for (size_t si = 0; si < t.sentences.size(); ++si) {
    const Sentence& s = t.sentences[si];
    cs.comments.clear();
    cs.words.clear();
    if (si == 0) cs.comments.push_back(" newdoc id = " + a.id);
    cs.comments.push_back(" sent_id = " + a.id + "-" + std::to_string(si + 1));
    std::string text = s.text;
    for (char& c : text) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    cs.comments.push_back(" text = " + text);
    for (size_t i = 0; i < s.tokens.size(); ++i) {
      const Token& tok = s.tokens[i];
      const ParsedWord& p = parsed[si].words[i];
      ConlluWord w;
      w.id = static_cast<int>(i + 1);
      w.form = tok.text;
      w.lemma = tok.lemma;
      w.upos = std::string(p.upos);
      w.xpos = std::string(p.xpos);
      w.feats = p.feats == "_" ? "" : std::string(p.feats);
      w.head = p.head;
      w.deprel = std::string(p.deprel);
      w.misc = "TokenRange=" + std::to_string(tok.begin) + ":" + std::to_string(tok.end);
      if (!tok.space_after) w.misc = "SpaceAfter=No|" + w.misc;
      cs.words.push_back(std::move(w));
    }
    AppendConllu(cs, out);
  }
}

int RunEval(const ParseFlags& f, const Parser& parser) {
  auto format = ParseOutputFormat(f.format);
  if (!format.ok()) {
    std::cerr << "dyad parse: " << format.status().message() << "\n";
    return kExitUsage;
  }
  int exit_code = kExitOk;
  std::string predicted_text;
  TableWriter out(&std::cout, *format,
                  {"gold", "sentences", "words", "upos", "xpos", "uas", "las", "las_universal"});
  for (const std::string& spec : f.eval) {
    std::vector<ConlluSentence> gold;
    std::vector<Reject> rejects;
    Status st = ReadConlluInput(spec, &gold, &rejects);
    for (const auto& r : rejects) std::fprintf(stderr, "dyad: %s\n", r.ToString().c_str());
    if (!rejects.empty()) exit_code = kExitRejects;
    if (!st.ok()) {
      std::fprintf(stderr, "dyad parse: %s\n", st.ToString().c_str());
      return kExitFailure;
    }
    ParseScores s;
    std::vector<ConlluSentence> predicted;
    st = EvaluateParser(parser, gold, &s, f.eval_output.empty() ? nullptr : &predicted);
    if (!st.ok()) {
      std::fprintf(stderr, "dyad parse: %s: %s\n", spec.c_str(), st.ToString().c_str());
      return kExitFailure;
    }
    for (const auto& p : predicted) AppendConllu(p, &predicted_text);
    auto pct = [&](size_t n) { return std::round(s.Pct(n) * 100) / 100; };
    out.Add(spec)
        .Add(static_cast<int64_t>(s.sentences))
        .Add(static_cast<int64_t>(s.words))
        .Add(pct(s.upos))
        .Add(pct(s.xpos))
        .Add(pct(s.uas))
        .Add(pct(s.las))
        .Add(pct(s.ulas));
    out.EndRow();
  }
  if (!f.eval_output.empty()) {
    std::ofstream o(f.eval_output, std::ios::binary);
    o << predicted_text;
    if (!o) {
      std::fprintf(stderr, "dyad parse: %s: cannot write\n", f.eval_output.c_str());
      return kExitFailure;
    }
  }
  return exit_code;
}

int RunParse(const ParseFlags& f) {
  auto parser = Parser::Load(f.model_dir);
  if (!parser.ok()) {
    std::fprintf(stderr, "dyad parse: %s\n", parser.status().ToString().c_str());
    return kExitFailure;
  }
  if (!f.eval.empty()) return RunEval(f, **parser);
  if (f.input.inputs.empty()) {
    std::fprintf(stderr, "dyad parse: give INPUT files/folders to parse, or --eval GOLD\n");
    return kExitUsage;
  }
  auto options = f.input.ToOptions();
  if (!options.ok()) {
    std::fprintf(stderr, "dyad parse: %s\n", options.status().message().c_str());
    return kExitUsage;
  }
  std::ios::sync_with_stdio(false);
  TextOptions topts;
  topts.remove_boilerplate = !f.keep_boilerplate;
  RejectReporter rejects;
  int failures = 0;
  ArticleVisitor visitor;
  visitor.on_reject = [&](const Reject& r) { rejects.Report(r); };
  visitor.on_article = [&](Article&& a) {
    AnalyzedText t = AnalyzeText(a, topts);
    std::vector<ParsedSentence> parsed(t.sentences.size());
    for (size_t i = 0; i < t.sentences.size(); ++i) {
      Status st = (*parser)->Parse(t.sentences[i], &parsed[i]);
      if (!st.ok()) {
        // Cannot happen with AnalyzeText's sentence cap; report rather than crash.
        std::fprintf(stderr, "dyad: %s: sentence %zu: %s; left unparsed\n",
                     a.source.ToString().c_str(), i + 1, st.message().c_str());
        ++failures;
        parsed[i].words.assign(t.sentences[i].tokens.size(), ParsedWord{"X", "_", "_", 0, "dep"});
      }
    }
    std::string out;
    AppendArticle(a, t, parsed, &out);
    std::cout << out;
  };
  Status st = ReadInputs(f.input.inputs, *options, visitor);
  std::cout.flush();
  if (!st.ok()) {
    std::fprintf(stderr, "dyad parse: %s\n", st.ToString().c_str());
    return kExitFailure;
  }
  return failures ? kExitRejects : rejects.ExitCode();
}

}  // namespace

Command AddParseCommand(CLI::App& app) {
  auto flags = std::make_shared<ParseFlags>();
  CLI::App* sub = app.add_subcommand(
      "parse",
      "Tag and dependency-parse articles, writing CoNLL-U; or score against gold (--eval)");
  flags->input.AddTo(sub);
  sub->get_option("inputs")->required(false);
  sub->add_option("--eval", flags->eval,
                  "Gold CoNLL-U to score against: a file, a folder, or TREEBANK_DIR:split "
                  "(e.g. ../shared/data/ud/en_ewt:test); prints UPOS/XPOS/UAS/LAS");
  sub->add_option("--eval-output", flags->eval_output,
                  "With --eval: also write the predicted trees to this CoNLL-U file");
  sub->add_option("--format", flags->format, "With --eval: tsv|csv|jsonl")->capture_default_str();
  sub->add_option("--model", flags->model_dir,
                  "Folder with en_ewt.tagger and en_ewt.parser (default: $DYAD_MODEL_DIR, "
                  "models/ next to the executable, or the source tree's models/)");
  sub->add_flag("--keep-boilerplate", flags->keep_boilerplate,
                "Keep share blocks, captions, footers and other boilerplate");
  return {sub, [flags] { return RunParse(*flags); }};
}

}  // namespace dyad::cli
