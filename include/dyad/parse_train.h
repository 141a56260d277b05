// Training the tagger and the parser from a UD treebank (see docs/parser.md).
//
// Training is deterministic: the same treebank and options give a
// byte-identical model file (fixed seed, no threads, no clock).
#ifndef DYAD_PARSE_TRAIN_H_
#define DYAD_PARSE_TRAIN_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "dyad/status.h"

namespace dyad {

struct TrainProgress {
  std::string phase;  // "tagger", "parser", "jackknife 2/4", ...
  int epoch = 0;      // 1-based
  int epochs = 0;
  size_t done = 0;  // sentences done in this epoch
  size_t total = 0;
  bool epoch_end = false;                         // true once per epoch, with dev scores filled in
  double dev_upos = 0, dev_uas = 0, dev_las = 0;  // percent, on the dev split
  std::string note;  // when non-empty: a message for the user (skipped data, rejects)
};

struct TrainOptions {
  int epochs = 0;           // 0: the default for the model kind (tagger 8, parser 15)
  uint64_t seed = 1;        // shuffling and exploration
  int jackknife_folds = 4;  // parser: train on tags predicted by fold taggers (0: gold tags)
  int tagger_epochs_jackknife = 0;  // 0: same as the tagger default
  // Averaged weights smaller than this are left out of the model file (0:
  // keep all). Perceptron steps are +-1, so such weights barely move a
  // decision; on EWT, 1.0 drops about three quarters of the parser's weights
  // for -0.1 UAS, and makes parsing faster.
  double prune_below = 1.0;
  std::function<void(const TrainProgress&)> on_progress;  // called often; may be empty
};

// Trains a tagger on DIR's train split (dev split for per-epoch accuracy)
// and writes it to `out_path`.
Status TrainTagger(const std::string& treebank_dir, const TrainOptions& options,
                   const std::string& out_path);

// Trains a parser. Its input tags come from taggers trained on the other
// folds (jack-knifing), so training sees tagging errors like real input.
// Dev accuracy is measured with `tagger_path`'s tags (empty: gold tags).
Status TrainParser(const std::string& treebank_dir, const std::string& tagger_path,
                   const TrainOptions& options, const std::string& out_path);

}  // namespace dyad

#endif  // DYAD_PARSE_TRAIN_H_
