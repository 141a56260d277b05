// dyad sentences: one sentence per line, for inspecting the text stage.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/output.h"
#include "dyad/text.h"

namespace dyad::cli {
namespace {

struct SentencesFlags {
  InputFlags input;
  std::string format = "tsv";
  bool keep_boilerplate = false;
};

std::string TokensJson(const Sentence& s) {
  std::string j = "[";
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    if (i) j.push_back(',');
    j += "{\"text\":";
    AppendJsonString(t.text, &j);
    j += ",\"lemma\":";
    AppendJsonString(t.lemma, &j);
    j += ",\"begin\":" + std::to_string(t.begin) + ",\"end\":" + std::to_string(t.end) + "}";
  }
  j.push_back(']');
  return j;
}

int RunSentences(const SentencesFlags& f) {
  auto options = f.input.ToOptions();
  auto format = ParseOutputFormat(f.format);
  if (!options.ok() || !format.ok()) {
    std::cerr << "dyad sentences: "
              << (options.ok() ? format.status() : options.status()).message() << "\n";
    return kExitUsage;
  }
  const bool jsonl = *format == OutputFormat::kJsonl;
  std::vector<std::string> cols = {"article_id", "sentence_index", "date", "sentence"};
  if (jsonl) {
    cols.insert(cols.end(), {"begin", "end", "tokens"});
  }
  std::ios::sync_with_stdio(false);
  TableWriter out(&std::cout, *format, cols);
  TextOptions topts;
  topts.remove_boilerplate = !f.keep_boilerplate;
  RejectReporter rejects;
  ArticleVisitor visitor;
  visitor.on_reject = [&](const Reject& r) { rejects.Report(r); };
  visitor.on_article = [&](Article&& a) {
    AnalyzedText t = AnalyzeText(a, topts);
    for (size_t i = 0; i < t.sentences.size(); ++i) {
      const Sentence& s = t.sentences[i];
      out.Add(a.id).Add(static_cast<int64_t>(i)).Add(a.published.ToString()).Add(s.text);
      if (jsonl) {
        out.Add(static_cast<int64_t>(s.begin)).Add(static_cast<int64_t>(s.end));
        out.AddRawJson(TokensJson(s), "");
      }
      out.EndRow();
    }
  };
  Status st = ReadInputs(f.input.inputs, *options, visitor);
  std::cout.flush();
  if (!st.ok()) {
    std::cerr << "dyad sentences: " << st.ToString() << "\n";
    return kExitFailure;
  }
  return rejects.ExitCode();
}

}  // namespace

Command AddSentencesCommand(CLI::App& app) {
  auto flags = std::make_shared<SentencesFlags>();
  CLI::App* sub = app.add_subcommand(
      "sentences", "Print one sentence per line: article id, sentence index, article date, text");
  flags->input.AddTo(sub);
  sub->add_option("--format", flags->format, "tsv|csv|jsonl (jsonl adds tokens, lemmas, offsets)")
      ->capture_default_str();
  sub->add_flag("--keep-boilerplate", flags->keep_boilerplate,
                "Keep share blocks, captions, footers and other boilerplate");
  return {sub, [flags] { return RunSentences(*flags); }};
}

}  // namespace dyad::cli
