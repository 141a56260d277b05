// Training the sentence-boundary model of the text stage (see
// docs/text-stage.md) from a UD treebank.
//
// Training is deterministic: the same treebank and options give a
// byte-identical weights file (fixed seed, no threads, no clock).
#ifndef DYAD_SPLITTER_TRAIN_H_
#define DYAD_SPLITTER_TRAIN_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "dyad/status.h"

namespace dyad {

struct SplitterTrainOptions {
  int epochs = 8;     // perceptron passes over the train split
  uint64_t seed = 1;  // example order
  // Averaged weights with |w| below this are left out (0: keep all).
  double prune_below = 0.3;
  std::function<void(const std::string&)> on_note;  // progress lines; may be empty
};

// Boundary precision/recall of the splitter on a split.
struct SplitterScores {
  size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return predicted ? static_cast<double>(correct) / predicted : 0; }
  double recall() const { return gold ? static_cast<double>(correct) / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct SplitterTrainReport {
  size_t train_documents = 0, train_candidates = 0;
  size_t features = 0;       // weights written
  float threshold = 0;       // decision threshold chosen on dev
  SplitterScores dev_rules;  // dev, rules alone
  SplitterScores dev_model;  // dev, rules + the new model at `threshold`
};

// Trains the boundary model on DIR/file-lists/files.train (documents under
// DIR/sources), picks the decision threshold that maximizes boundary F1 on
// files.dev, and writes the weights as C++ source (boundary_weights.inc) to
// `out_path`. The test split is never read.
Status TrainSplitter(const std::string& treebank_dir, const SplitterTrainOptions& options,
                     const std::string& out_path, SplitterTrainReport* report);

}  // namespace dyad

#endif  // DYAD_SPLITTER_TRAIN_H_
