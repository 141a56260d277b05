// dyad code: one coded event per line (who did what to whom).
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/actors.h"
#include "dyad/coder.h"
#include "dyad/default_dictionary.h"
#include "dyad/event_date.h"
#include "dyad/output.h"

namespace dyad::cli {
namespace {

struct CodeFlags {
  InputFlags input;
  std::vector<std::string> dicts;
  int threads = 0;
  std::string format = "tsv";
  bool keep_boilerplate = false;
  bool quiet_warnings = false;
  SyntaxFlags syntax;
};

int RunCode(const CodeFlags& f) {
  auto options = f.input.ToOptions();
  auto format = ParseOutputFormat(f.format);
  if (!options.ok() || !format.ok()) {
    std::cerr << "dyad code: " << (options.ok() ? format.status() : options.status()).message()
              << "\n";
    return kExitUsage;
  }
  if (f.threads < 0) {
    std::cerr << "dyad code: --threads must be 0 (all cores) or more\n";
    return kExitUsage;
  }
  std::unique_ptr<Coder> coder_ptr = MakeCoder("code", f.dicts, f.quiet_warnings, f.syntax);
  if (!coder_ptr) return kExitFailure;
  Coder& coder = *coder_ptr;
  // Events are dated from their sentence ("on Saturday", "last month") against the
  // article date; an undated article keeps unknown dates.
  EventDateResolver date_resolver = [](const Article& a, const Sentence& s, std::string* phrase) {
    EventDate d = ResolveEventDate(s.text, a.published);
    *phrase = d.phrase;
    return d.date;
  };
  // Actors are resolved article by article in input order, with one in-memory
  // registry for the run: a later article's bare surname resolves to a person
  // an earlier one introduced (docs/actors.md).
  InMemoryActorRegistry registry;
  std::shared_ptr<const Dictionary> dict(std::shared_ptr<const Dictionary>(),
                                         &coder.dictionary());  // the coder outlives the run
  ArticleResolver resolver(dict, &registry);

  std::ios::sync_with_stdio(false);
  TableWriter out(
      &std::cout, *format,
      {"event_id", "date", "date_precision", "source_code", "source_name", "source_text",
       "target_code", "target_name", "target_text", "code", "root_code", "quad_class", "goldstein",
       "article_id", "outlet", "url", "sentence_index", "sentence", "rule", "source_actor_id",
       "source_actor", "target_actor_id", "target_actor"});
  TextOptions topts;
  topts.remove_boilerplate = !f.keep_boilerplate;
  RejectReporter rejects;
  Status st = CodeAndResolveInputs(
      coder, resolver, f.input.inputs, *options, topts, f.threads, date_resolver,
      [&](const CodedEvent& e) {
        out.Add(e.event_id)
            .Add(e.date.ToString())
            .Add(DatePrecisionName(e.date.precision))
            .Add(e.source.code)
            .Add(e.source.name)
            .Add(e.source.text)
            .Add(e.target.code)
            .Add(e.target.name)
            .Add(e.target.text)
            .Add(e.code)
            .Add(e.root_code)
            .Add(static_cast<int64_t>(e.quad_class))
            .Add(e.goldstein)
            .Add(e.article_id)
            .Add(e.outlet)
            .Add(e.url)
            .Add(static_cast<int64_t>(e.sentence_index))
            .Add(e.sentence)
            .Add(e.rule)
            .Add(e.source.actor_id)
            .Add(e.source.actor_name)
            .Add(e.target.actor_id)
            .Add(e.target.actor_name);
        out.EndRow();
      },
      [&](const Reject& r) { rejects.Report(r); });
  std::cout.flush();
  if (!st.ok()) {
    std::cerr << "dyad code: " << st.ToString() << "\n";
    return kExitFailure;
  }
  return rejects.ExitCode();
}

}  // namespace

Command AddCodeCommand(CLI::App& app) {
  auto flags = std::make_shared<CodeFlags>();
  CLI::App* sub = app.add_subcommand(
      "code", "Code every sentence into CAMEO events: one event per line (source, target, code)");
  flags->input.AddTo(sub);
  sub->add_option("--dict", flags->dicts,
                  "Dictionary spec, repeatable: petrarch:DIR|FILE, tabari:FILE.project|FILE, or a "
                  "dyad-format file (default: the bundled dictionary)");
  sub->add_option("--threads", flags->threads,
                  "Worker threads (0 = all cores); output is identical")
      ->capture_default_str();
  sub->add_option("--format", flags->format, "tsv|csv|jsonl")->capture_default_str();
  sub->add_flag("--keep-boilerplate", flags->keep_boilerplate,
                "Keep share blocks, captions, footers and other boilerplate");
  sub->add_flag("--quiet-warnings", flags->quiet_warnings, "Do not print dictionary warnings");
  flags->syntax.AddTo(sub);
  return {sub, [flags] { return RunCode(*flags); }};
}

}  // namespace dyad::cli
