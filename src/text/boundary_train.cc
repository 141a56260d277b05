// `dyad train splitter`: an averaged perceptron over the boundary model's
// candidate gaps in the EWT train split; threshold chosen on dev.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dyad/splitter_train.h"
#include "text/boundary_model.h"
#include "text/normalize.h"
#include "text/sentence_eval.h"
#include "text/sentence_splitter.h"
#include "text/tokenizer.h"

namespace dyad {
namespace {

constexpr size_t kMaxTokens = TextOptions{}.max_sentence_tokens;

// Candidate gaps of one split, with features and gold labels, plus the
// counts of the rule ends that the model never sees (blank lines, text end).
struct Examples {
  std::vector<uint32_t> keys;
  std::vector<size_t> begin;  // example k: keys[begin[k], begin[k + 1])
  std::vector<char> label;    // a gold sentence end
  std::vector<char> rule;     // the rules put an end there
  size_t gold = 0, fixed_predicted = 0, fixed_correct = 0, documents = 0;
  size_t size() const { return label.size(); }
};

Examples Collect(const std::vector<text::GoldDocument>& docs) {
  Examples ex;
  ex.begin.push_back(0);
  text::NormalizedText norm;
  std::vector<text::RawToken> tokens;
  std::vector<size_t> ends;
  for (const text::GoldDocument& d : docs) {
    ++ex.documents;
    text::Normalize(d.text, &norm);
    text::TokenizeNormalized(norm, d.text, &tokens);
    text::SplitByRules(norm, tokens, kMaxTokens, &ends);
    const std::unordered_set<uint32_t> gold(d.sentence_ends.begin(), d.sentence_ends.end());
    ex.gold += gold.size();
    auto is_gold = [&](size_t i) { return gold.count(norm.OrigEnd(tokens[i - 1].ne)) > 0; };
    std::unordered_set<size_t> seen;
    text::ForEachCandidate(norm.text(), tokens, ends,
                           [&](size_t i, bool rule, const std::vector<uint32_t>& keys) {
                             ex.keys.insert(ex.keys.end(), keys.begin(), keys.end());
                             ex.begin.push_back(ex.keys.size());
                             ex.label.push_back(is_gold(i));
                             ex.rule.push_back(rule);
                             if (rule) seen.insert(i);
                           });
    for (size_t e : ends) {
      if (seen.count(e)) continue;
      ++ex.fixed_predicted;
      ex.fixed_correct += is_gold(e);
    }
  }
  return ex;
}

// Averaged perceptron weights (the "lazy sum" form: avg = w - u / c).
struct Perceptron {
  std::unordered_map<uint32_t, size_t> index;
  std::vector<double> w, u;
  double c = 1;

  double Score(const uint32_t* k, size_t n) const {
    double s = 0;
    for (size_t j = 0; j < n; ++j) {
      auto it = index.find(k[j]);
      if (it != index.end()) s += w[it->second];
    }
    return s;
  }
  void Update(const uint32_t* k, size_t n, double delta) {
    for (size_t j = 0; j < n; ++j) {
      auto [it, added] = index.emplace(k[j], w.size());
      if (added) {
        w.push_back(0);
        u.push_back(0);
      }
      w[it->second] += delta;
      u[it->second] += c * delta;
    }
  }
};

// F1 on a split when candidates scoring above `threshold` are ends.
SplitterScores ScoreAt(const Examples& ex, const std::vector<float>& scores, float threshold) {
  SplitterScores s;
  s.gold = ex.gold;
  s.predicted = ex.fixed_predicted;
  s.correct = ex.fixed_correct;
  for (size_t k = 0; k < ex.size(); ++k) {
    if (scores[k] > threshold) {
      ++s.predicted;
      s.correct += ex.label[k];
    }
  }
  return s;
}

// A float as a C++ literal with 4 significant digits: "1.375f", "3.0f".
std::string FloatLiteral(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s + "f";
}

SplitterScores RulesOnly(const Examples& ex) {
  std::vector<float> scores(ex.size());
  for (size_t k = 0; k < ex.size(); ++k) scores[k] = ex.rule[k] ? 1.0f : -1.0f;
  return ScoreAt(ex, scores, 0);
}

Status TrainSplitterImpl(const std::string& treebank_dir, const SplitterTrainOptions& options,
                         const std::string& out_path, SplitterTrainReport* report) {
  auto note = [&](const std::string& m) {
    if (options.on_note) options.on_note(m);
  };
  if (options.epochs < 1) return Status::InvalidArgument("--epochs must be at least 1");
  const std::string lists = treebank_dir + "/file-lists/files.";
  DYAD_ASSIGN_OR_RETURN(auto train_docs,
                        text::LoadConlluDocuments(treebank_dir + "/sources", lists + "train"));
  DYAD_ASSIGN_OR_RETURN(auto dev_docs,
                        text::LoadConlluDocuments(treebank_dir + "/sources", lists + "dev"));
  const Examples train = Collect(train_docs);
  const Examples dev = Collect(dev_docs);
  SplitterTrainReport rep;
  rep.train_documents = train.documents;
  rep.train_candidates = train.size();
  rep.dev_rules = RulesOnly(dev);
  char line[256];
  std::snprintf(line, sizeof line,
                "train: %zu documents, %zu candidate gaps (%zu gold ends); dev: %zu candidates; "
                "dev rules alone P=%.4f R=%.4f F1=%.4f",
                train.documents, train.size(), train.gold, dev.size(), rep.dev_rules.precision(),
                rep.dev_rules.recall(), rep.dev_rules.f1());
  note(line);

  Perceptron p;
  std::vector<size_t> order(train.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937_64 rng(options.seed);
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    // Fisher-Yates with our own index draw: the same order on every library.
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    size_t errors = 0;
    for (size_t k : order) {
      const uint32_t* keys = train.keys.data() + train.begin[k];
      const size_t n = train.begin[k + 1] - train.begin[k];
      const bool guess = p.Score(keys, n) > 0;
      if (guess != static_cast<bool>(train.label[k])) {
        ++errors;
        p.Update(keys, n, train.label[k] ? 1.0 : -1.0);
      }
      p.c += 1;
    }
    std::snprintf(line, sizeof line, "epoch %d/%d: %zu training errors", epoch, options.epochs,
                  errors);
    note(line);
  }

  // Averaged, pruned and rounded to what the .inc file holds, so the dev
  // scores below are those of the written model.
  std::vector<std::pair<uint32_t, float>> weights;
  for (const auto& [key, idx] : p.index) {
    const double avg = p.w[idx] - p.u[idx] / p.c;
    if (std::fabs(avg) < options.prune_below || avg == 0) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", avg);
    weights.emplace_back(key, std::strtof(buf, nullptr));
  }
  std::sort(weights.begin(), weights.end());
  std::vector<uint32_t> wk;
  std::vector<float> wv;
  for (const auto& [k, v] : weights) {
    wk.push_back(k);
    wv.push_back(v);
  }
  const text::BoundaryWeights model(wk.data(), wv.data(), wk.size(), 0);
  std::vector<float> scores(dev.size());
  for (size_t k = 0; k < dev.size(); ++k) {
    scores[k] = model.Score(dev.keys.data() + dev.begin[k], dev.begin[k + 1] - dev.begin[k]);
  }
  // The threshold with the best dev F1 among the midpoints of sorted scores
  // (on a tie, the one closest to 0).
  std::vector<float> sorted = scores;
  std::sort(sorted.begin(), sorted.end());
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  float best_t = 0;
  SplitterScores best = ScoreAt(dev, scores, 0);
  for (size_t k = 0; k + 1 < sorted.size(); ++k) {
    const float t = (sorted[k] + sorted[k + 1]) / 2;
    const SplitterScores s = ScoreAt(dev, scores, t);
    if (s.f1() > best.f1() + 1e-12 ||
        (std::fabs(s.f1() - best.f1()) <= 1e-12 && std::fabs(t) < std::fabs(best_t))) {
      best = s;
      best_t = t;
    }
  }
  char tbuf[32];
  std::snprintf(tbuf, sizeof tbuf, "%.4g", best_t);
  best_t = std::strtof(tbuf, nullptr);
  rep.threshold = best_t;
  rep.dev_model = ScoreAt(dev, scores, best_t);
  rep.features = wk.size();
  std::snprintf(line, sizeof line,
                "dev with model: threshold %.4g P=%.4f R=%.4f F1=%.4f; %zu weights", best_t,
                rep.dev_model.precision(), rep.dev_model.recall(), rep.dev_model.f1(), wk.size());
  note(line);

  std::string out;
  std::snprintf(line, sizeof line,
                "// Generated by `dyad train splitter --epochs %d --seed %llu --prune-below "
                "%.4g`: do not edit.\n",
                options.epochs, static_cast<unsigned long long>(options.seed), options.prune_below);
  out += line;
  out +=
      "// Sentence-boundary weights (src/text/boundary_model.h; docs/text-stage.md).\n"
      "// Derived from Universal Dependencies English Web Treebank (UD_English-EWT),\n"
      "// train split, licensed CC BY-SA 4.0; this file is distributed under\n"
      "// CC BY-SA 4.0 as well (see models/README.md).\n";
  std::snprintf(line, sizeof line,
                "// Dev split (threshold chosen there): rules alone F1 %.4f,\n"
                "// with the model P %.4f R %.4f F1 %.4f.\n",
                rep.dev_rules.f1(), rep.dev_model.precision(), rep.dev_model.recall(),
                rep.dev_model.f1());
  out += line;
  out += "constexpr float kBoundaryThreshold = " + FloatLiteral(best_t) + ";\n";
  out += "constexpr uint32_t kBoundaryKeys[] = {\n";
  for (size_t k = 0; k < wk.size(); ++k) {
    std::snprintf(line, sizeof line, "%s%uu,", k % 8 == 0 ? "    " : " ", wk[k]);
    out += line;
    if (k % 8 == 7 || k + 1 == wk.size()) out += "\n";
  }
  if (wk.empty()) out += "    0u\n";
  out += "};\nconstexpr float kBoundaryValues[] = {\n";
  for (size_t k = 0; k < wv.size(); ++k) {
    out += (k % 10 == 0 ? "    " : " ") + FloatLiteral(wv[k]) + ",";
    if (k % 10 == 9 || k + 1 == wv.size()) out += "\n";
  }
  if (wv.empty()) out += "    0.0f\n";
  out += "};\n";
  std::ofstream f(out_path, std::ios::binary);
  if (!f) return Status::IOError(out_path + ": cannot open for writing");
  f << out;
  f.close();
  if (!f) return Status::IOError(out_path + ": write failed (disk full?)");
  if (report) *report = rep;
  return Status::Ok();
}

}  // namespace

Status TrainSplitter(const std::string& treebank_dir, const SplitterTrainOptions& options,
                     const std::string& out_path, SplitterTrainReport* report) {
  try {
    return TrainSplitterImpl(treebank_dir, options, out_path, report);
  } catch (const std::exception& e) {  // std::bad_alloc on a huge treebank
    return Status::Internal(std::string("training the sentence-boundary model failed: ") +
                            e.what());
  }
}

}  // namespace dyad
