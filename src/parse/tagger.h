// The POS tagger: a greedy left-to-right averaged perceptron over joint
// classes "UPOS, XPOS, FEATS subset" (about 130 in EWT).
#ifndef DYAD_PARSE_TAGGER_H_
#define DYAD_PARSE_TAGGER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/parse_conllu.h"
#include "dyad/parse_train.h"
#include "parse/model.h"

namespace dyad::parse_internal {

// Bumped whenever feature extraction changes, so old models are refused.
inline constexpr uint32_t kTaggerFeatureVersion = 2;
inline constexpr size_t kMaxTaggerFeatures = 48;

struct TagClass {
  std::string upos, xpos, feats;  // feats "" when none
};

// The FEATS features the tagger predicts, in UD's alphabetical order.
std::string FeatsSubset(std::string_view feats);

// Per-word hashed atoms, computed once per sentence.
struct WordAtoms {
  uint64_t form = 0, lower = 0, shape = 0;
  uint64_t pre[4] = {0, 0, 0, 0};
  uint64_t suf[4] = {0, 0, 0, 0};
  uint64_t flags = 0;  // digit/hyphen/upper/first-word bits
  uint64_t amb = 0;    // ambiguity class: set of XPOS seen with this word in training
};

// Word (normalized) -> set of XPOS tags seen with it at least twice in
// training, as a bit set over the model's XPOS list. Words seen fewer than
// kLexiconMinCount times are left out, so rare words look like unseen ones.
inline constexpr int kLexiconMinCount = 2;
class TagLexicon {
 public:
  void Add(uint64_t word, uint64_t tags);  // words must be added in ascending order
  uint64_t Find(uint64_t word) const;      // 0 when absent
  const std::vector<uint64_t>& words() const { return words_; }
  const std::vector<uint64_t>& tags() const { return tags_; }
  size_t MemoryBytes() const { return (words_.size() + tags_.size()) * 8; }

 private:
  std::vector<uint64_t> words_, tags_;
};
// Lowercased (ASCII), digits folded to '0': the word atom for tagger and parser.
std::string NormalizeWord(std::string_view word);
// `lexicon` may be null (ambiguity classes left 0).
void ComputeAtoms(const std::vector<std::string_view>& words, const TagLexicon* lexicon,
                  std::vector<WordAtoms>* atoms);

// Feature keys for word i given the two previous predicted classes (-1 = none).
size_t TaggerFeatures(const std::vector<WordAtoms>& a, size_t i, int prev1, int prev2,
                      uint32_t* keys);

class TaggerModel {
 public:
  std::vector<TagClass> classes;
  TagLexicon lexicon;
  WeightTable weights;

  // Predicted class per word. Thread-safe. The scores of the templates that
  // read a single word (the word itself, or the word before or one of the two
  // after it) are cached per thread by word form across sentences; the
  // result is the same as with every feature looked up.
  void Tag(const std::vector<std::string_view>& words, std::vector<int>* out) const;
  void TagAtoms(const std::vector<WordAtoms>& atoms, std::vector<int>* out) const;
  // TagAtoms() without the cache.
  void TagAtomsUncached(const std::vector<WordAtoms>& atoms, std::vector<int>* out) const;
  // For tests: tags with the cache and also scores every word directly;
  // returns the number of words whose score vectors differed. `words` and
  // `hits` count the words and the cache hits (of four lookups per word).
  size_t CountCacheMismatches(const std::vector<WordAtoms>& atoms, size_t* words,
                              size_t* hits) const;

  std::string Serialize() const;  // whole file, header included
  static Result<TaggerModel> Deserialize(std::string_view file, std::string_view path);
  // Payload only (no header, no checksum): used by the fuzzer to reach deep.
  static Result<TaggerModel> FromPayload(std::string_view payload, std::string_view path);

 private:
  void CountCacheMismatchesImpl(const std::vector<WordAtoms>& atoms, std::vector<int>* out,
                                size_t* mismatches, size_t* words, size_t* hits) const;
};

struct TaggerTrainData {
  std::vector<std::vector<std::string_view>> words;  // points into the ConlluSentences
  std::vector<std::vector<int>> gold;
};

// Trains on `train`, reporting per-epoch accuracy on `dev` (may be empty).
Result<TaggerModel> TrainTaggerModel(const std::vector<ConlluSentence>& train,
                                     const std::vector<ConlluSentence>& dev, int epochs,
                                     uint64_t seed, const std::string& phase,
                                     const TrainOptions& options);

// Deterministic RNG (splitmix64) and Fisher-Yates shuffle, identical everywhere.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  template <typename T>
  void Shuffle(std::vector<T>* v) {
    for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[Next() % i]);
  }

 private:
  uint64_t s_;
};

}  // namespace dyad::parse_internal

#endif  // DYAD_PARSE_TAGGER_H_
