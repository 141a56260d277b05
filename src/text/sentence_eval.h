// Measuring sentence splitting against a treebank: documents rebuilt from
// CoNLL-U sentences (Universal Dependencies), with gold sentence end offsets,
// and boundary precision/recall/F1 of SplitSentences() on them.
#ifndef DYAD_TEXT_SENTENCE_EVAL_H_
#define DYAD_TEXT_SENTENCE_EVAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad::text {

// A document rebuilt from CoNLL-U: sentences of a paragraph are joined by one
// space (none after a token marked SpaceAfter=No), paragraphs ("# newpar")
// by a blank line.
struct GoldDocument {
  std::string id;
  std::string text;
  std::vector<uint32_t> sentence_ends;  // byte offset just past each gold sentence
  std::vector<bool> paragraph_final;    // the sentence ends its paragraph
};

struct BoundaryScores {
  size_t predicted = 0;
  size_t gold = 0;
  size_t correct = 0;
  double precision() const { return predicted ? static_cast<double>(correct) / predicted : 0; }
  double recall() const { return gold ? static_cast<double>(correct) / gold : 0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct SentenceEval {
  BoundaryScores all;                // every sentence end
  BoundaryScores inside_paragraphs;  // only ends not at a paragraph end (the hard ones)
  size_t documents = 0;
};

// Parses CoNLL-U text into documents ("# newdoc" starts one). `source` names
// the input in messages. Corruption when a sentence has no "# text =" line.
Result<std::vector<GoldDocument>> ParseConlluDocuments(std::string_view conllu,
                                                       std::string_view source);

// Reads the files named in `list_path` (one path per line, relative to
// `root`) and parses them. NotFound names a missing list or file.
Result<std::vector<GoldDocument>> LoadConlluDocuments(const std::string& root,
                                                      const std::string& list_path);

// A predicted end counts as correct when it equals a gold end offset.
SentenceEval EvaluateSentenceSplitting(const std::vector<GoldDocument>& docs,
                                       const TextOptions& options = {});

}  // namespace dyad::text

#endif  // DYAD_TEXT_SENTENCE_EVAL_H_
