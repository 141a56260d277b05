// The dependency parser model: arc-hybrid transitions scored by an averaged
// perceptron over Zhang & Nivre (2011) style feature templates.
#ifndef DYAD_PARSE_PARSER_MODEL_H_
#define DYAD_PARSE_PARSER_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/parse_train.h"
#include "parse/arc_hybrid.h"
#include "parse/model.h"

namespace dyad::parse_internal {

inline constexpr uint32_t kParserFeatureVersion = 1;
inline constexpr size_t kMaxParserFeatures = 128;

// The atom of a tag pair, shared by tagger output and gold training data.
uint64_t TagAtom(std::string_view upos, std::string_view xpos);
// Word atoms of the parser are the tagger's normalized-lowercase atoms.
uint64_t WordAtom(std::string_view word);

// The atom of a coarse tag (UPOS alone).
uint64_t UposAtom(std::string_view upos);

// Word, tag and UPOS atoms per node 0..n (n = ROOT), plus word+tag combined.
struct ParserInput {
  std::vector<uint64_t> w, p, u, wp;
  void Reset(int n);  // sizes n+1, fills ROOT at n
  void Set(int i, uint64_t word, uint64_t tag, uint64_t upos);
};

size_t ParserFeatures(const ArcHybridState& s, const ParserInput& in, uint32_t* keys);

class ParserModel {
 public:
  std::vector<std::string> labels;
  int root_label = 0;
  WeightTable weights;

  // Fills heads (CoNLL: 0 = root, else 1-based) and label ids. Thread-safe.
  // Scores of the templates that read a single stack or buffer item are
  // cached per sentence (ParserScoreCache); the output is the same as with
  // every feature looked up on every step.
  void Parse(const ParserInput& in, int n, std::vector<int>* heads,
             std::vector<int>* label_ids) const;
  // Parse() without the cache: every feature looked up on every step.
  void ParseUncached(const ParserInput& in, int n, std::vector<int>* heads,
                     std::vector<int>* label_ids) const;
  // For tests: parses with the cache and, at every step, also scores all
  // features directly; returns the number of steps whose score vectors
  // differed (0 when the cache is correct). `steps` counts the steps and
  // `hits` the cache hits (of four lookups per step).
  size_t CountCacheMismatches(const ParserInput& in, int n, size_t* steps, size_t* hits) const;

  std::string Serialize() const;
  static Result<ParserModel> Deserialize(std::string_view file, std::string_view path);
  static Result<ParserModel> FromPayload(std::string_view payload, std::string_view path);
};

struct ParserExample {
  ParserInput input;
  int n = 0;
  std::vector<int> gold_heads;   // per word: head index, n = ROOT
  std::vector<int> gold_labels;  // per word: label id
};

struct ParserDevSet {
  std::vector<ParserInput> inputs;      // tagged with the real tagger (or gold)
  std::vector<std::vector<int>> heads;  // CoNLL heads
  std::vector<std::vector<std::string>> labels;
};

Result<ParserModel> TrainParserModel(const std::vector<std::string>& labels, int root_label,
                                     const std::vector<ParserExample>& train,
                                     const ParserDevSet& dev, int epochs, uint64_t seed,
                                     const TrainOptions& options);

}  // namespace dyad::parse_internal

#endif  // DYAD_PARSE_PARSER_MODEL_H_
