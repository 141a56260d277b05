// The event-store commands: dyad ingest, events, timeline, search, export, stats.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "dyad/coder.h"
#include "dyad/default_dictionary.h"
#include "dyad/output.h"
#include "dyad/query.h"
#include "dyad/store.h"

namespace dyad::cli {
namespace {

// ---- ingest -----------------------------------------------------------------

struct IngestFlags {
  InputFlags input;
  std::string db;
  std::vector<std::string> dicts;
  std::string date;
  int threads = 0;
  size_t batch = 32;
  uint64_t total = 0;
  int window_days = 1;
  double min_similarity = 0.1;
  bool keep_boilerplate = false;
  bool quiet_warnings = false;
  SyntaxFlags syntax;
  bool no_progress = false;
};

int RunIngest(const IngestFlags& f) {
  auto options = f.input.ToOptions();
  if (!options.ok()) {
    std::cerr << "dyad ingest: " << options.status().message() << "\n";
    return kExitUsage;
  }
  IngestOptions io;
  if (!f.date.empty()) {
    std::optional<Date> d = Date::Parse(f.date);
    if (!d) {
      std::cerr << "dyad ingest: --date '" << f.date << "' is not a date; use YYYY-MM-DD\n";
      return kExitUsage;
    }
    io.default_date = *d;
  }
  if (f.threads < 0 || f.window_days < 0 || f.batch == 0) {
    std::cerr << "dyad ingest: --threads and --merge-window must be >= 0, --batch > 0\n";
    return kExitUsage;
  }
  io.threads = f.threads;
  io.batch_articles = f.batch;
  io.text.remove_boilerplate = !f.keep_boilerplate;
  io.merge.window_days = f.window_days;
  io.merge.min_similarity = f.min_similarity;

  std::unique_ptr<Coder> coder_ptr = MakeCoder("ingest", f.dicts, f.quiet_warnings, f.syntax);
  if (!coder_ptr) return kExitFailure;
  Coder& coder = *coder_ptr;

  auto store = EventStore::Open(f.db);
  if (!store.ok()) {
    std::cerr << "dyad ingest: " << store.status().ToString() << "\n";
    return kExitFailure;
  }
  const bool tty = !f.no_progress && isatty(STDERR_FILENO);
  double last_draw = -1;
  if (tty) {
    io.on_progress = [&](const IngestProgress& p) {
      if (p.seconds - last_draw < 0.2) return;
      last_draw = p.seconds;
      double rate = p.seconds > 0 ? static_cast<double>(p.articles_read) / p.seconds : 0;
      std::fprintf(stderr, "\r\033[K  %llu read, %llu stored, %.0f articles/s, %.0fs",
                   static_cast<unsigned long long>(p.articles_read),
                   static_cast<unsigned long long>(p.articles_stored), rate, p.seconds);
      if (f.total > 0 && rate > 0 && p.articles_read <= f.total) {
        double frac = static_cast<double>(p.articles_read) / static_cast<double>(f.total);
        std::fprintf(stderr, " [%3.0f%%] ETA %.0fs", frac * 100,
                     static_cast<double>(f.total - p.articles_read) / rate);
      }
      std::fflush(stderr);
    };
  }
  RejectReporter rejects;
  IngestStats stats;
  Status st = IngestInputs(
      store->get(), &coder, f.input.inputs, *options, io,
      [&](const Reject& r) {
        if (tty) std::fprintf(stderr, "\r\033[K");
        rejects.Report(r);
      },
      &stats);
  if (tty) std::fprintf(stderr, "\r\033[K");
  auto merged = (*store)->MergedEventCount();
  std::fprintf(stderr,
               "dyad ingest: %llu articles read, %llu rejected, %llu duplicates skipped, "
               "%llu stored (%llu near-duplicate copies), %llu sentences, %llu events "
               "(%llu new merged events, %llu joined existing ones), %lld merged events in "
               "%s, %.1fs (%.0f articles/s)\n",
               static_cast<unsigned long long>(stats.articles_read),
               static_cast<unsigned long long>(stats.rejected),
               static_cast<unsigned long long>(stats.duplicates),
               static_cast<unsigned long long>(stats.articles_stored),
               static_cast<unsigned long long>(stats.copies),
               static_cast<unsigned long long>(stats.sentences),
               static_cast<unsigned long long>(stats.mentions),
               static_cast<unsigned long long>(stats.new_events),
               static_cast<unsigned long long>(stats.joined_events),
               static_cast<long long>(merged.ok() ? *merged : -1), f.db.c_str(), stats.seconds,
               stats.seconds > 0 ? static_cast<double>(stats.articles_read) / stats.seconds : 0.0);
  std::fprintf(stderr,
               "dyad ingest: actors: %llu resolved mentions, %llu event sources/targets "
               "resolved, %llu persons learned, %llu conflicts (each reported above)\n",
               static_cast<unsigned long long>(stats.actor_mentions),
               static_cast<unsigned long long>(stats.resolved_slots),
               static_cast<unsigned long long>(stats.actors_learned),
               static_cast<unsigned long long>(stats.actor_conflicts));
  if (!st.ok()) {
    std::cerr << "dyad ingest: " << st.ToString()
              << " (what was committed before stays; re-run the same command to finish)\n";
    return kExitFailure;
  }
  return rejects.ExitCode();
}

// ---- queries ------------------------------------------------------------------

struct QueryFlags {
  std::string db;
  std::string format = "tsv";
};

void AddQueryFlags(CLI::App* sub, QueryFlags* q) {
  sub->add_option("--db", q->db, "Event database written by 'dyad ingest'")->required();
  sub->add_option("--format", q->format, "tsv|csv|jsonl")->capture_default_str();
}

// Opens the store read-only and runs `fn`; maps failures to exit codes.
int RunQuery(const char* name, const QueryFlags& q, bool any_format,
             const std::function<Status(const EventStore&, OutputFormat)>& fn) {
  OutputFormat format = OutputFormat::kTsv;
  if (!any_format) {
    auto fmt = ParseOutputFormat(q.format);
    if (!fmt.ok()) {
      std::cerr << "dyad " << name << ": " << fmt.status().message() << "\n";
      return kExitUsage;
    }
    format = *fmt;
  }
  StoreOpenOptions o;
  o.read_only = true;
  auto store = EventStore::Open(q.db, o);
  if (!store.ok()) {
    std::cerr << "dyad " << name << ": " << store.status().ToString() << "\n";
    return kExitFailure;
  }
  std::ios::sync_with_stdio(false);
  Status st = fn(**store, format);
  std::cout.flush();
  if (!st.ok()) {
    std::cerr << "dyad " << name << ": " << st.ToString() << "\n";
    return st.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  return kExitOk;
}

std::optional<Date> ParseDay(const std::string& s, const char* flag, bool* bad) {
  if (s.empty()) return std::nullopt;
  std::optional<Date> d = Date::Parse(s);
  if (!d || d->precision != DatePrecision::kDay) {
    std::cerr << "dyad events: " << flag << " '" << s << "' is not a date; use YYYY-MM-DD\n";
    *bad = true;
  }
  return d;
}

}  // namespace

Command AddIngestCommand(CLI::App& app) {
  auto f = std::make_shared<IngestFlags>();
  CLI::App* sub = app.add_subcommand(
      "ingest", "Code articles and store articles, sentences, events and mentions in a database");
  f->input.AddTo(sub);
  sub->add_option("--db", f->db, "SQLite database file (created when missing)")->required();
  sub->add_option("--dict", f->dicts,
                  "Dictionary spec, repeatable (as for 'dyad code'; default: the bundled one)");
  sub->add_option("--date", f->date, "Publication date for articles that carry none (YYYY-MM-DD)");
  sub->add_option("--threads", f->threads,
                  "Coding threads (0 = all cores); the database is "
                  "identical for any count")
      ->capture_default_str();
  sub->add_option("--batch", f->batch, "Articles per transaction")->capture_default_str();
  sub->add_option("--total", f->total, "Expected number of articles, for the progress bar's ETA");
  sub->add_option("--merge-window", f->window_days,
                  "Days apart two day-precise reports may be and still merge")
      ->capture_default_str();
  sub->add_option("--merge-similarity", f->min_similarity,
                  "Minimum content-word Jaccard of two sentences to merge their events")
      ->capture_default_str();
  sub->add_flag("--keep-boilerplate", f->keep_boilerplate, "Keep share blocks, captions, footers");
  sub->add_flag("--quiet-warnings", f->quiet_warnings, "Do not print dictionary warnings");
  f->syntax.AddTo(sub);
  sub->add_flag("--no-progress", f->no_progress, "No progress bar even on a terminal");
  return {sub, [f] { return RunIngest(*f); }};
}

Command AddEventsCommand(CLI::App& app) {
  struct Flags {
    QueryFlags q;
    std::string dyad, actor, code, from, to;
    size_t limit = 0;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* sub = app.add_subcommand("events", "Merged events, each with its mentions");
  AddQueryFlags(sub, &f->q);
  sub->add_option("--dyad", f->dyad,
                  "A,B: events between A and B, either direction "
                  "(actor codes match by prefix: IRN matches IRNGOV)");
  sub->add_option("--actor", f->actor, "Events with this actor (code prefix) as source or target");
  sub->add_option("--code", f->code, "CAMEO event code prefix (04, 042)");
  sub->add_option("--from", f->from, "First day, YYYY-MM-DD");
  sub->add_option("--to", f->to, "Last day, YYYY-MM-DD");
  sub->add_option("--limit", f->limit, "At most this many events (0 = all)");
  return {sub, [f] {
            EventFilter filter;
            if (!f->dyad.empty()) {
              size_t comma = f->dyad.find(',');
              if (comma == std::string::npos) {
                std::cerr << "dyad events: --dyad needs two codes, A,B\n";
                return kExitUsage;
              }
              filter.dyad_a = f->dyad.substr(0, comma);
              filter.dyad_b = f->dyad.substr(comma + 1);
            }
            bool bad = false;
            filter.actor = f->actor;
            filter.code_prefix = f->code;
            filter.from = ParseDay(f->from, "--from", &bad);
            filter.to = ParseDay(f->to, "--to", &bad);
            filter.limit = f->limit;
            if (bad) return kExitUsage;
            return RunQuery("events", f->q, false, [&](const EventStore& s, OutputFormat fmt) {
              return WriteEvents(s, filter, fmt, &std::cout);
            });
          }};
}

Command AddTimelineCommand(CLI::App& app) {
  struct Flags {
    QueryFlags q;
    std::string a, b, by = "month";
  };
  auto f = std::make_shared<Flags>();
  CLI::App* sub =
      app.add_subcommand("timeline",
                         "Events between two actors per period: counts by direction and QuadClass, "
                         "Goldstein sum and mean");
  AddQueryFlags(sub, &f->q);
  sub->add_option("a", f->a, "First actor code (prefix)")->required();
  sub->add_option("b", f->b, "Second actor code (prefix)")->required();
  sub->add_option("--by", f->by, "day|week|month|year")->capture_default_str();
  return {sub, [f] {
            auto period = ParsePeriod(f->by);
            if (!period.ok()) {
              std::cerr << "dyad timeline: " << period.status().message() << "\n";
              return kExitUsage;
            }
            return RunQuery("timeline", f->q, false, [&](const EventStore& s, OutputFormat fmt) {
              return WriteTimeline(s, f->a, f->b, *period, fmt, &std::cout);
            });
          }};
}

Command AddSearchCommand(CLI::App& app) {
  struct Flags {
    QueryFlags q;
    std::string words;
    bool raw = false;
    size_t limit = 20;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* sub = app.add_subcommand("search", "Full-text search over stored articles");
  AddQueryFlags(sub, &f->q);
  sub->add_option("words", f->words, "Words that must all occur (title or text)")->required();
  sub->add_flag("--raw", f->raw, "Pass the words to SQLite FTS5 as a query (AND, OR, \"...\", x*)");
  sub->add_option("--limit", f->limit, "At most this many articles (0 = all)")
      ->capture_default_str();
  return {sub, [f] {
            return RunQuery("search", f->q, false, [&](const EventStore& s, OutputFormat fmt) {
              return WriteSearch(s, f->words, f->raw, f->limit, fmt, &std::cout);
            });
          }};
}

Command AddExportCommand(CLI::App& app) {
  auto f = std::make_shared<QueryFlags>();
  CLI::App* sub = app.add_subcommand(
      "export",
      "Export merged events: --format gdelt (GDELT 2.0 event table, 61 columns) or "
      "tsv|csv|jsonl (every mention with its event)");
  sub->add_option("--db", f->db, "Event database written by 'dyad ingest'")->required();
  sub->add_option("--format", f->format, "gdelt|tsv|csv|jsonl")->capture_default_str();
  return {sub, [f] {
            if (f->format == "gdelt")
              return RunQuery("export", *f, true, [](const EventStore& s, OutputFormat) {
                return WriteGdeltExport(s, &std::cout);
              });
            return RunQuery("export", *f, false, [](const EventStore& s, OutputFormat fmt) {
              return WriteMentionExport(s, fmt, &std::cout);
            });
          }};
}

Command AddStatsCommand(CLI::App& app) {
  struct Flags {
    QueryFlags q;
    size_t top = 10;
  };
  auto f = std::make_shared<Flags>();
  CLI::App* sub = app.add_subcommand("stats", "What a database holds: counts, dates, top dyads");
  AddQueryFlags(sub, &f->q);
  sub->add_option("--top", f->top, "How many top dyads")->capture_default_str();
  return {sub, [f] {
            return RunQuery("stats", f->q, false, [&](const EventStore& s, OutputFormat fmt) {
              return WriteStats(s, f->top, fmt, &std::cout);
            });
          }};
}

}  // namespace dyad::cli
