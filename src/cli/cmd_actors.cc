// dyad actors: the actors found in coded output, with codes, date ranges,
// spellings and counts; `dyad actors export` writes the learned ones as a
// dictionary in dyad's format for review. See docs/actors.md.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/actors.h"
#include "dyad/default_dictionary.h"
#include "dyad/name_match.h"
#include "dyad/output.h"
#include "dyad/query.h"
#include "dyad/store.h"

namespace dyad::cli {
namespace {

struct ActorsFlags {
  std::string db;
  std::vector<std::string> from_code;
  std::string registry;       // learned actors to start from (JSONL)
  std::string save_registry;  // where to write the learned actors afterwards
  std::string name;
  std::string format = "tsv";
  bool export_dict = false;
};

int RunActors(const ActorsFlags& f) {
  const char* who = f.export_dict ? "dyad actors export" : "dyad actors";
  if (f.db.empty() == f.from_code.empty()) {
    std::cerr << who
              << ": give --db FILE (a database written by 'dyad ingest') or --from-code "
                 "FILE.jsonl (output of 'dyad code --format jsonl'), not both\n";
    return kExitUsage;
  }
  auto format = ParseOutputFormat(f.format);
  if (!format.ok()) {
    std::cerr << who << ": " << format.status().message() << "\n";
    return kExitUsage;
  }
  if (!f.db.empty()) {
    if (!f.registry.empty() || !f.save_registry.empty()) {
      std::cerr << who << ": --registry and --save-registry go with --from-code; the database "
                          "keeps its own registry\n";
      return kExitUsage;
    }
    StoreOpenOptions o;
    o.read_only = true;
    auto store = EventStore::Open(f.db, o);
    if (!store.ok()) {
      std::cerr << who << ": " << store.status().ToString() << "\n";
      return kExitFailure;
    }
    std::ios::sync_with_stdio(false);
    Status st = f.export_dict ? WriteLearnedActorsDictionary(**store, f.name, &std::cout)
                              : WriteActors(**store, f.name, *format, &std::cout);
    std::cout.flush();
    if (!st.ok()) {
      std::cerr << who << ": " << st.ToString() << "\n";
      return kExitFailure;
    }
    return kExitOk;
  }
  std::vector<DictWarning> dw;
  auto dict = LoadDefaultDictionary(DefaultDictionaryOptions(), &dw);
  if (!dict.ok()) {
    std::cerr << who << ": " << dict.status().ToString() << "\n";
    return kExitFailure;
  }
  InMemoryActorRegistry registry;
  std::vector<std::string> warnings;
  if (!f.registry.empty()) {
    std::ifstream in(f.registry);
    if (!in) {
      std::cerr << who << ": cannot open registry " << f.registry << "\n";
      return kExitFailure;
    }
    auto n = ReadActorRegistry(in, f.registry, &registry, &warnings);
    if (!n.ok()) {
      std::cerr << who << ": " << n.status().ToString() << "\n";
      return kExitFailure;
    }
  }
  ArticleResolver resolver(*dict, &registry);
  ActorTally tally;
  for (const std::string& path : f.from_code) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
      file.open(path);
      if (!file) {
        std::cerr << who << ": cannot open " << path << "\n";
        return kExitFailure;
      }
      in = &file;
    }
    auto n = TallyCodeOutput(*in, path, resolver, &tally, &warnings);
    if (!n.ok()) {
      std::cerr << who << ": " << n.status().ToString() << "\n";
      return kExitFailure;
    }
  }
  for (const std::string& w : warnings) std::cerr << "dyad: " << w << "\n";
  if (!f.save_registry.empty()) {
    std::ofstream out(f.save_registry);
    Status st = out ? WriteActorRegistry(registry, out)
                    : Status::IOError("cannot write " + f.save_registry);
    if (!st.ok()) {
      std::cerr << who << ": " << st.ToString() << "\n";
      return kExitFailure;
    }
  }
  auto records = tally.Records(&registry);
  if (!records.ok()) {
    std::cerr << who << ": " << records.status().ToString() << "\n";
    return kExitFailure;
  }
  std::vector<ActorRecord> shown;
  for (ActorRecord& r : *records)
    if (ActorMatchesName(r, f.name)) shown.push_back(std::move(r));
  if (f.export_dict) {
    std::cout << LearnedActorsAsDictionary(shown);
  } else if (*format == OutputFormat::kJsonl) {
    for (const ActorRecord& r : shown) std::cout << ActorRecordToJson(r) << "\n";
  } else {
    TableWriter out(&std::cout, *format,
                    {"id", "name", "source", "codes", "spellings", "mentions", "evidence"});
    for (const ActorRecord& r : shown) {
      std::string sp;
      for (const std::string& s : r.spellings) sp += (sp.empty() ? "" : " | ") + s;
      out.Add(r.id).Add(r.name).Add(ActorSourceName(r.source)).Add(ActorCodesText(r)).Add(sp);
      out.Add(static_cast<int64_t>(r.mentions))
          .Add(r.evidence_where.empty() ? r.evidence : r.evidence_where + " " + r.evidence);
      out.EndRow();
    }
  }
  std::cout.flush();
  return warnings.empty() ? kExitOk : kExitRejects;
}

void AddFlags(CLI::App* sub, ActorsFlags* f) {
  sub->add_option("--db", f->db, "Event database written by 'dyad ingest'");
  sub->add_option("--from-code", f->from_code,
                  "Output of 'dyad code --format jsonl' ('-' for stdin); repeatable");
  sub->add_option("--registry", f->registry,
                  "Learned actors to start from (JSONL, docs/actors.md)");
  sub->add_option("--save-registry", f->save_registry, "Write the learned actors here (JSONL)");
  sub->add_option("--name", f->name, "Only actors with a spelling like this name");
}

}  // namespace

Command AddActorsCommand(CLI::App& app) {
  auto flags = std::make_shared<ActorsFlags>();
  auto export_flags = std::make_shared<ActorsFlags>();
  CLI::App* sub = app.add_subcommand(
      "actors",
      "List actors with codes, date ranges, spellings and counts (learned or dictionary)");
  AddFlags(sub, flags.get());
  sub->add_option("--format", flags->format, "tsv|csv|jsonl")->capture_default_str();
  CLI::App* exp = sub->add_subcommand(
      "export", "Write the learned actors as a dictionary in dyad's format, for review");
  AddFlags(exp, export_flags.get());
  export_flags->export_dict = true;
  return {sub, [flags, export_flags, exp] {
            return exp->parsed() ? RunActors(*export_flags) : RunActors(*flags);
          }};
}

}  // namespace dyad::cli
