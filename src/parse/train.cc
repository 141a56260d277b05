// Training entry points: read the treebank, train, write the model file.
#include <map>
#include <memory>
#include <set>

#include "dyad/parse_train.h"
#include "parse/parser_model.h"
#include "parse/tagger.h"

namespace dyad {
namespace {

using parse_internal::ParserDevSet;
using parse_internal::ParserExample;
using parse_internal::ParserInput;
using parse_internal::TaggerModel;

constexpr int kDefaultTaggerEpochs = 8;
constexpr int kDefaultParserEpochs = 15;

void Note(const TrainOptions& o, std::string msg) {
  if (!o.on_progress) return;
  TrainProgress p;
  p.note = std::move(msg);
  o.on_progress(p);
}

Status ReadSplit(const std::string& dir, std::string_view split, const TrainOptions& o,
                 std::vector<ConlluSentence>* out) {
  std::vector<Reject> rejects;
  DYAD_RETURN_IF_ERROR(ReadTreebankSplit(dir, split, out, &rejects));
  for (const auto& r : rejects) Note(o, r.ToString());
  Note(o, "read " + std::to_string(out->size()) + " " + std::string(split) + " sentences" +
              (rejects.empty() ? "" : ", " + std::to_string(rejects.size()) + " rejected"));
  if (out->empty()) return Status::NotFound(dir + ": split '" + std::string(split) + "' is empty");
  return Status::Ok();
}

// Tags `sents` with `tagger` into parser inputs (word atoms + tag atoms).
void TagInto(const TaggerModel& tagger, const ConlluSentence& s, ParserInput* in) {
  std::vector<std::string_view> words;
  for (const auto& w : s.words) words.push_back(w.form);
  std::vector<int> cls;
  tagger.Tag(words, &cls);
  const int n = static_cast<int>(words.size());
  in->Reset(n);
  for (int i = 0; i < n; ++i) {
    const auto& c = tagger.classes[cls[i]];
    in->Set(i, parse_internal::WordAtom(words[i]), parse_internal::TagAtom(c.upos, c.xpos),
            parse_internal::UposAtom(c.upos));
  }
}

void GoldInto(const ConlluSentence& s, ParserInput* in) {
  const int n = static_cast<int>(s.words.size());
  in->Reset(n);
  for (int i = 0; i < n; ++i) {
    in->Set(i, parse_internal::WordAtom(s.words[i].form),
            parse_internal::TagAtom(s.words[i].upos, s.words[i].xpos),
            parse_internal::UposAtom(s.words[i].upos));
  }
}

}  // namespace

Status TrainTagger(const std::string& treebank_dir, const TrainOptions& options,
                   const std::string& out_path) {
  std::vector<ConlluSentence> train, dev;
  DYAD_RETURN_IF_ERROR(ReadSplit(treebank_dir, "train", options, &train));
  DYAD_RETURN_IF_ERROR(ReadSplit(treebank_dir, "dev", options, &dev));
  const int epochs = options.epochs > 0 ? options.epochs : kDefaultTaggerEpochs;
  DYAD_ASSIGN_OR_RETURN(
      TaggerModel model,
      parse_internal::TrainTaggerModel(train, dev, epochs, options.seed, "tagger", options));
  std::string bytes = model.Serialize();
  Note(options, "tagger: " + std::to_string(model.classes.size()) + " classes, " +
                    std::to_string(model.weights.num_features()) + " features, " +
                    std::to_string(model.weights.num_entries()) + " weights, " +
                    std::to_string(bytes.size()) + " bytes");
  return parse_internal::WriteModelFile(out_path, bytes);
}

Status TrainParser(const std::string& treebank_dir, const std::string& tagger_path,
                   const TrainOptions& options, const std::string& out_path) {
  std::vector<ConlluSentence> train, dev;
  DYAD_RETURN_IF_ERROR(ReadSplit(treebank_dir, "train", options, &train));
  DYAD_RETURN_IF_ERROR(ReadSplit(treebank_dir, "dev", options, &dev));

  // Label inventory (sorted), root label.
  std::set<std::string> label_set;
  for (const auto& s : train) {
    for (const auto& w : s.words) label_set.insert(w.deprel);
  }
  std::vector<std::string> labels(label_set.begin(), label_set.end());
  std::map<std::string, int> label_id;
  for (size_t i = 0; i < labels.size(); ++i) label_id[labels[i]] = static_cast<int>(i);
  if (!label_id.count("root")) return Status::InvalidArgument("training data has no 'root' label");
  if (labels.size() > 64) Note(options, "more than 64 labels: label-set features share bits");

  // Keep projective sentences with complete trees.
  std::vector<const ConlluSentence*> usable;
  size_t nonproj = 0, incomplete = 0;
  for (const auto& s : train) {
    std::vector<int> heads;
    bool complete = true;
    for (const auto& w : s.words) {
      heads.push_back(w.head);
      if (w.head < 0 || w.deprel.empty()) complete = false;
    }
    if (!complete) {
      ++incomplete;
    } else if (!parse_internal::IsProjective(heads)) {
      ++nonproj;
    } else {
      usable.push_back(&s);
    }
  }
  Note(options, "parser: training on " + std::to_string(usable.size()) + " sentences; skipped " +
                    std::to_string(nonproj) + " non-projective and " + std::to_string(incomplete) +
                    " without complete trees");

  // Input tags: jack-knifed so the parser learns from realistic tagging errors.
  std::vector<ParserExample> examples(usable.size());
  const int folds = options.jackknife_folds;
  if (folds >= 2) {
    const int tag_epochs = options.tagger_epochs_jackknife > 0 ? options.tagger_epochs_jackknife
                                                               : kDefaultTaggerEpochs;
    for (int f = 0; f < folds; ++f) {
      std::vector<ConlluSentence> fold_train;
      for (size_t i = 0; i < train.size(); ++i) {
        if (static_cast<int>(i % folds) != f) fold_train.push_back(train[i]);
      }
      const std::string phase = "jackknife " + std::to_string(f + 1) + "/" + std::to_string(folds);
      DYAD_ASSIGN_OR_RETURN(TaggerModel tagger,
                            parse_internal::TrainTaggerModel(fold_train, {}, tag_epochs,
                                                             options.seed + 1 + f, phase, options));
      for (size_t u = 0; u < usable.size(); ++u) {
        size_t index = static_cast<size_t>(usable[u] - train.data());
        if (static_cast<int>(index % folds) == f) TagInto(tagger, *usable[u], &examples[u].input);
      }
    }
  } else {
    for (size_t u = 0; u < usable.size(); ++u) GoldInto(*usable[u], &examples[u].input);
  }
  for (size_t u = 0; u < usable.size(); ++u) {
    const ConlluSentence& s = *usable[u];
    ParserExample& ex = examples[u];
    ex.n = static_cast<int>(s.words.size());
    for (const auto& w : s.words) {
      ex.gold_heads.push_back(w.head == 0 ? ex.n : w.head - 1);
      ex.gold_labels.push_back(label_id[w.deprel]);
    }
  }

  ParserDevSet devset;
  std::unique_ptr<TaggerModel> tagger;
  if (!tagger_path.empty()) {
    DYAD_ASSIGN_OR_RETURN(std::string bytes, parse_internal::ReadModelFile(tagger_path));
    DYAD_ASSIGN_OR_RETURN(TaggerModel t, TaggerModel::Deserialize(bytes, tagger_path));
    tagger = std::make_unique<TaggerModel>(std::move(t));
  }
  for (const auto& s : dev) {
    ParserInput in;
    if (tagger) {
      TagInto(*tagger, s, &in);
    } else {
      GoldInto(s, &in);
    }
    devset.inputs.push_back(std::move(in));
    std::vector<int> heads;
    std::vector<std::string> labs;
    for (const auto& w : s.words) {
      heads.push_back(w.head);
      labs.push_back(w.deprel);
    }
    devset.heads.push_back(std::move(heads));
    devset.labels.push_back(std::move(labs));
  }

  const int epochs = options.epochs > 0 ? options.epochs : kDefaultParserEpochs;
  DYAD_ASSIGN_OR_RETURN(parse_internal::ParserModel model,
                        parse_internal::TrainParserModel(labels, label_id["root"], examples, devset,
                                                         epochs, options.seed, options));
  std::string bytes = model.Serialize();
  Note(options, "parser: " + std::to_string(labels.size()) + " labels, " +
                    std::to_string(model.weights.num_features()) + " features, " +
                    std::to_string(model.weights.num_entries()) + " weights, " +
                    std::to_string(bytes.size()) + " bytes");
  return parse_internal::WriteModelFile(out_path, bytes);
}

}  // namespace dyad
