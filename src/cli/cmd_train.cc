// dyad train tagger|parser|splitter: trains the POS tagger or the dependency
// parser (see docs/parser.md), or the sentence-boundary model of the text
// stage (see docs/text-stage.md), from a UD treebank.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "dyad/parse_train.h"
#include "dyad/splitter_train.h"

namespace dyad::cli {
namespace {

struct TrainFlags {
  std::string treebank;
  std::string out;
  std::string tagger;  // parser only: tagger model for dev-set tags
  int epochs = 0;
  int folds = 4;
  int tagger_epochs = 0;
  uint64_t seed = 1;
  double prune_below = 1.0;
};

// Prints per-epoch lines always, and a progress bar when stderr is a terminal.
class ProgressPrinter {
 public:
  ProgressPrinter() : tty_(isatty(fileno(stderr)) == 1), start_(Clock::now()) {}

  void operator()(const TrainProgress& p) {
    if (!p.note.empty()) {
      ClearBar();
      std::fprintf(stderr, "dyad train: %s\n", p.note.c_str());
      return;
    }
    if (p.epoch_end) {
      ClearBar();
      std::fprintf(stderr, "dyad train: %s epoch %d/%d done at %.0f s", p.phase.c_str(), p.epoch,
                   p.epochs, Seconds());
      if (p.dev_upos > 0) std::fprintf(stderr, "  dev UPOS %.2f%%", p.dev_upos);
      if (p.dev_uas > 0) std::fprintf(stderr, "  dev UAS %.2f%% LAS %.2f%%", p.dev_uas, p.dev_las);
      std::fprintf(stderr, "\n");
      return;
    }
    if (!tty_ || p.total == 0) return;
    const int width = 30;
    int filled = static_cast<int>(width * p.done / p.total);
    std::fprintf(stderr, "\r%s epoch %d/%d [%.*s%*s] %zu/%zu  %.0f s", p.phase.c_str(), p.epoch,
                 p.epochs, filled, "##############################", width - filled, "", p.done,
                 p.total, Seconds());
    bar_ = true;
  }

  double Seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  void ClearBar() {
    if (bar_) std::fprintf(stderr, "\r\033[K");
    bar_ = false;
  }
  bool tty_;
  bool bar_ = false;
  Clock::time_point start_;
};

int RunTrain(const std::string& kind, const TrainFlags& f) {
  auto printer = std::make_shared<ProgressPrinter>();
  TrainOptions o;
  o.epochs = f.epochs;
  o.seed = f.seed;
  o.jackknife_folds = f.folds;
  o.tagger_epochs_jackknife = f.tagger_epochs;
  o.prune_below = f.prune_below;
  o.on_progress = [printer](const TrainProgress& p) { (*printer)(p); };
  Status st = kind == "tagger" ? TrainTagger(f.treebank, o, f.out)
                               : TrainParser(f.treebank, f.tagger, o, f.out);
  if (!st.ok()) {
    std::fprintf(stderr, "dyad train %s: %s\n", kind.c_str(), st.ToString().c_str());
    return st.code() == StatusCode::kInvalidArgument || st.code() == StatusCode::kNotFound
               ? kExitUsage
               : kExitFailure;
  }
  std::fprintf(stderr, "dyad train %s: wrote %s in %.0f s\n", kind.c_str(), f.out.c_str(),
               printer->Seconds());
  return kExitOk;
}

struct SplitterFlags {
  std::string treebank;
  std::string out;
  SplitterTrainOptions options;
};

int RunTrainSplitter(const SplitterFlags& f) {
  SplitterFlags g = f;
  g.options.on_note = [](const std::string& m) {
    std::fprintf(stderr, "dyad train splitter: %s\n", m.c_str());
  };
  SplitterTrainReport report;
  const Status st = TrainSplitter(g.treebank, g.options, g.out, &report);
  if (!st.ok()) {
    std::fprintf(stderr, "dyad train splitter: %s\n", st.ToString().c_str());
    return st.code() == StatusCode::kInvalidArgument || st.code() == StatusCode::kNotFound
               ? kExitUsage
               : kExitFailure;
  }
  std::fprintf(stderr, "dyad train splitter: wrote %s (%zu weights)\n", g.out.c_str(),
               report.features);
  return kExitOk;
}

}  // namespace

Command AddTrainCommand(CLI::App& app) {
  auto tagger = std::make_shared<TrainFlags>();
  auto parser = std::make_shared<TrainFlags>();
  CLI::App* sub = app.add_subcommand(
      "train",
      "Train the POS tagger, the dependency parser or the sentence-boundary model "
      "on a UD treebank");
  sub->require_subcommand(1);
  CLI::App* t = sub->add_subcommand("tagger", "Train the tagger (UPOS, XPOS, some FEATS)");
  CLI::App* p = sub->add_subcommand("parser", "Train the dependency parser (jack-knifed tags)");
  for (auto [app_, f] : {std::pair{t, tagger.get()}, std::pair{p, parser.get()}}) {
    app_->add_option("--treebank", f->treebank,
                     "UD treebank folder with file-lists/files.{train,dev} and sources/")
        ->required();
    app_->add_option("--out", f->out, "Model file to write")->required();
    app_->add_option("--epochs", f->epochs, "Training epochs (0: default, tagger 8, parser 15)");
    app_->add_option("--seed", f->seed, "Random seed (shuffling, exploration)")
        ->capture_default_str();
    app_->add_option("--prune-below", f->prune_below,
                     "Leave out averaged weights smaller than this (0: keep all)")
        ->capture_default_str();
  }
  p->add_option("--tagger", parser->tagger,
                "Tagger model used to tag the dev set for per-epoch accuracy (default: gold tags)");
  p->add_option("--folds", parser->folds,
                "Jack-knife folds for training tags (0: train on gold tags)")
      ->capture_default_str();
  p->add_option("--tagger-epochs", parser->tagger_epochs, "Epochs of each jack-knife tagger");
  auto splitter = std::make_shared<SplitterFlags>();
  CLI::App* s = sub->add_subcommand(
      "splitter", "Train the sentence-boundary model (writes src/text/boundary_weights.inc)");
  s->add_option("--treebank", splitter->treebank,
                "UD treebank folder with file-lists/files.{train,dev} and sources/")
      ->required();
  s->add_option("--out", splitter->out, "C++ weights file to write")->required();
  s->add_option("--epochs", splitter->options.epochs, "Perceptron epochs")->capture_default_str();
  s->add_option("--seed", splitter->options.seed, "Random seed (example order)")
      ->capture_default_str();
  s->add_option("--prune-below", splitter->options.prune_below,
                "Leave out averaged weights smaller than this (0: keep all)")
      ->capture_default_str();
  return {sub, [t, s, tagger, parser, splitter] {
            if (s->parsed()) return RunTrainSplitter(*splitter);
            return t->parsed() ? RunTrain("tagger", *tagger) : RunTrain("parser", *parser);
          }};
}

}  // namespace dyad::cli
