#include "parse/tagger.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace dyad::parse_internal {
namespace {

// Tagger feature templates. Numbers are part of the model format: append only
// (and bump kTaggerFeatureVersion when meaning changes).
enum TaggerTemplate : uint32_t {
  kBias = 1,
  kForm,
  kLower,
  kSuf1,
  kSuf2,
  kSuf3,
  kSuf4,
  kPre1,
  kPre2,
  kPre3,
  kPre4,
  kShape,
  kLowerM1,
  kLowerM2,
  kLowerP1,
  kLowerP2,
  kSuf3M1,
  kSuf3P1,
  kShapeM1,
  kShapeP1,
  kTagM1,
  kTagM2,
  kTagM1M2,
  kTagM1Lower,
  kLowerLowerP1,
  kLowerM1Lower,
  kTagM1LowerP1,
  kFlags,
  kFirstShape,
  kSuf2P2,
  kShapeP2,
  kLowerP1P2,
  kTagM1Suf3,
  kAmb,
  kAmbM1,
  kAmbP1,
  kAmbP2,
  kTagM1Amb,
  kAmbAmbP1,
  kAmbLower,
};

constexpr uint64_t kNone = 0x5151515151515151ULL;  // atom of a position outside the sentence

char ShapeChar(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return 'X';
  if (c >= 'a' && c <= 'z') return 'x';
  if (c >= '0' && c <= '9') return 'd';
  if (c >= 0x80) return 'u';
  return static_cast<char>(c);
}

}  // namespace

std::string FeatsSubset(std::string_view feats) {
  static constexpr std::string_view kKeep[] = {"Mood=", "Number=", "Tense=", "VerbForm=", "Voice="};
  std::string out;
  size_t pos = 0;
  while (pos <= feats.size() && !feats.empty()) {
    size_t bar = feats.find('|', pos);
    std::string_view f = feats.substr(pos, bar == std::string_view::npos ? bar : bar - pos);
    for (std::string_view k : kKeep) {
      if (f.substr(0, k.size()) == k) {
        if (!out.empty()) out.push_back('|');
        out.append(f);
      }
    }
    if (bar == std::string_view::npos) break;
    pos = bar + 1;
  }
  return out;
}

std::string NormalizeWord(std::string_view word) {
  std::string s(word);
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9')
      c = '0';
  }
  return s;
}

void TagLexicon::Add(uint64_t word, uint64_t tags) {
  words_.push_back(word);
  tags_.push_back(tags);
}

uint64_t TagLexicon::Find(uint64_t word) const {
  auto it = std::lower_bound(words_.begin(), words_.end(), word);
  return it != words_.end() && *it == word ? tags_[it - words_.begin()] : 0;
}

void ComputeAtoms(const std::vector<std::string_view>& words, const TagLexicon* lexicon,
                  std::vector<WordAtoms>* atoms) {
  atoms->resize(words.size());
  // Reused, so that steady-state parsing allocates nothing (parser_test).
  thread_local std::string lower, shape;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    WordAtoms& a = (*atoms)[i];
    lower.assign(w);
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') {
        c = static_cast<char>(c - 'A' + 'a');
      } else if (c >= '0' && c <= '9') {
        c = '0';
      }
    }
    shape.clear();
    uint64_t flags = 0;
    for (unsigned char c : w) {
      char sc = ShapeChar(c);
      // Runs longer than two collapse: "Xxxxx" -> "Xxx", "dddd" -> "dd".
      size_t n = shape.size();
      if (!(n >= 2 && shape[n - 1] == sc && shape[n - 2] == sc)) shape.push_back(sc);
      if (c >= '0' && c <= '9') flags |= 1;
      if (c == '-') flags |= 2;
      if (c >= 'A' && c <= 'Z') flags |= 4;
      if (c >= 0x80) flags |= 8;
    }
    if (i == 0) flags |= 16;
    a.form = HashString(w, 1);
    a.lower = HashString(lower, 2);
    a.shape = HashString(shape, 3);
    a.flags = flags + 1;
    a.amb = lexicon ? lexicon->Find(a.lower) : 0;
    for (size_t k = 0; k < 4; ++k) {
      size_t len = std::min(lower.size(), k + 1);
      a.pre[k] = HashString(std::string_view(lower).substr(0, len), 10 + k);
      a.suf[k] = HashString(std::string_view(lower).substr(lower.size() - len), 20 + k);
    }
  }
}

size_t TaggerFeatures(const std::vector<WordAtoms>& a, size_t i, int prev1, int prev2,
                      uint32_t* keys) {
  const size_t n = a.size();
  auto lower = [&](long j) { return j < 0 || j >= static_cast<long>(n) ? kNone + j : a[j].lower; };
  auto shape = [&](long j) { return j < 0 || j >= static_cast<long>(n) ? kNone + j : a[j].shape; };
  auto suf = [&](long j, int k) {
    return j < 0 || j >= static_cast<long>(n) ? kNone + j : a[j].suf[k];
  };
  const long li = static_cast<long>(i);
  const WordAtoms& w = a[i];
  const uint64_t t1 = static_cast<uint64_t>(prev1 + 2), t2 = static_cast<uint64_t>(prev2 + 2);
  size_t k = 0;
  keys[k++] = FeatureKey(kBias, 0);
  keys[k++] = FeatureKey(kForm, w.form);
  keys[k++] = FeatureKey(kLower, w.lower);
  keys[k++] = FeatureKey(kSuf1, w.suf[0]);
  keys[k++] = FeatureKey(kSuf2, w.suf[1]);
  keys[k++] = FeatureKey(kSuf3, w.suf[2]);
  keys[k++] = FeatureKey(kSuf4, w.suf[3]);
  keys[k++] = FeatureKey(kPre1, w.pre[0]);
  keys[k++] = FeatureKey(kPre2, w.pre[1]);
  keys[k++] = FeatureKey(kPre3, w.pre[2]);
  keys[k++] = FeatureKey(kPre4, w.pre[3]);
  keys[k++] = FeatureKey(kShape, w.shape);
  keys[k++] = FeatureKey(kLowerM1, lower(li - 1));
  keys[k++] = FeatureKey(kLowerM2, lower(li - 2));
  keys[k++] = FeatureKey(kLowerP1, lower(li + 1));
  keys[k++] = FeatureKey(kLowerP2, lower(li + 2));
  keys[k++] = FeatureKey(kSuf3M1, suf(li - 1, 2));
  keys[k++] = FeatureKey(kSuf3P1, suf(li + 1, 2));
  keys[k++] = FeatureKey(kShapeM1, shape(li - 1));
  keys[k++] = FeatureKey(kShapeP1, shape(li + 1));
  keys[k++] = FeatureKey(kTagM1, t1);
  keys[k++] = FeatureKey(kTagM2, t2);
  keys[k++] = FeatureKey(kTagM1M2, t1, t2);
  keys[k++] = FeatureKey(kTagM1Lower, t1, w.lower);
  keys[k++] = FeatureKey(kLowerLowerP1, w.lower, lower(li + 1));
  keys[k++] = FeatureKey(kLowerM1Lower, lower(li - 1), w.lower);
  keys[k++] = FeatureKey(kTagM1LowerP1, t1, lower(li + 1));
  keys[k++] = FeatureKey(kFlags, w.flags);
  keys[k++] = FeatureKey(kFirstShape, i == 0, w.shape);
  keys[k++] = FeatureKey(kSuf2P2, suf(li + 2, 1));
  keys[k++] = FeatureKey(kShapeP2, shape(li + 2));
  keys[k++] = FeatureKey(kLowerP1P2, lower(li + 1), lower(li + 2));
  keys[k++] = FeatureKey(kTagM1Suf3, t1, w.suf[2]);
  auto amb = [&](long j) { return j < 0 || j >= static_cast<long>(n) ? kNone + j : a[j].amb; };
  keys[k++] = FeatureKey(kAmb, w.amb);
  keys[k++] = FeatureKey(kAmbM1, amb(li - 1));
  keys[k++] = FeatureKey(kAmbP1, amb(li + 1));
  keys[k++] = FeatureKey(kAmbP2, amb(li + 2));
  keys[k++] = FeatureKey(kTagM1Amb, t1, w.amb);
  keys[k++] = FeatureKey(kAmbAmbP1, w.amb, amb(li + 1));
  keys[k++] = FeatureKey(kAmbLower, w.amb, w.lower);
  return k;
}

void TaggerModel::Tag(const std::vector<std::string_view>& words, std::vector<int>* out) const {
  thread_local std::vector<WordAtoms> atoms;
  ComputeAtoms(words, &lexicon, &atoms);
  TagAtoms(atoms, out);
}

namespace {

// Score caching (see TaggerModel::Tag). Positions in TaggerFeatures' output
// of the templates that read only: word i itself (valid for i > 0: word 0
// has its own flags), word i-1, word i+1, word i+2; and the rest, looked up
// for every word (previous tags, pairs of words, i-2).
constexpr uint8_t kWordUnit[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 27, 28, 33, 39};
constexpr uint8_t kPrevUnit[] = {12, 16, 18, 34};
constexpr uint8_t kNextUnit[] = {14, 17, 19, 35};
constexpr uint8_t kNext2Unit[] = {15, 29, 30, 36};
constexpr uint8_t kPerWord[] = {13, 20, 21, 22, 23, 24, 25, 26, 31, 32, 37, 38};
static_assert(sizeof(kWordUnit) + sizeof(kPrevUnit) + sizeof(kNextUnit) + sizeof(kNext2Unit) +
                      sizeof(kPerWord) ==
                  kAmbLower,
              "every tagger template in exactly one group");
constexpr int kNumUnits = 4;
struct UnitSpec {
  const uint8_t* templates;
  int count;
  int offset;  // the word read, relative to i
};
constexpr UnitSpec kUnitSpecs[kNumUnits] = {
    {kWordUnit, 16, 0}, {kPrevUnit, 4, -1}, {kNextUnit, 4, 1}, {kNext2Unit, 4, 2}};

// A direct-mapped cache, per thread, of per-unit score vectors by word form
// hash: 2048 forms x 4 units x score_size() int32 (4.7 MB for EWT's tagger).
constexpr size_t kCacheForms = 2048;
struct TagCache {
  uint64_t table_id = 0;
  int size = 0;
  std::vector<uint64_t> form;  // 0: empty
  std::vector<uint8_t> valid;  // bit u: unit u's vector is filled
  std::vector<int32_t> vecs;   // [form slot][unit][size]
  std::vector<int32_t> scores, direct;

  void Prepare(const WeightTable& w) {
    if (table_id == w.id() && size == w.score_size()) return;
    table_id = w.id();
    size = w.score_size();
    form.assign(kCacheForms, 0);
    valid.assign(kCacheForms, 0);
    vecs.assign(kCacheForms * kNumUnits * static_cast<size_t>(size), 0);
  }
};

}  // namespace

void TaggerModel::TagAtoms(const std::vector<WordAtoms>& atoms, std::vector<int>* out) const {
  CountCacheMismatchesImpl(atoms, out, nullptr, nullptr, nullptr);
}

size_t TaggerModel::CountCacheMismatches(const std::vector<WordAtoms>& atoms, size_t* words,
                                         size_t* hits) const {
  thread_local std::vector<int> out;
  size_t mismatches = 0;
  CountCacheMismatchesImpl(atoms, &out, &mismatches, words, hits);
  return mismatches;
}

void TaggerModel::CountCacheMismatchesImpl(const std::vector<WordAtoms>& atoms,
                                           std::vector<int>* out, size_t* mismatches, size_t* words,
                                           size_t* hits) const {
  thread_local TagCache cache;
  cache.Prepare(weights);
  const int nc = weights.num_classes();
  const int size = cache.size;
  cache.scores.resize(size);
  cache.direct.resize(size);
  out->resize(atoms.size());
  const long n = static_cast<long>(atoms.size());
  uint32_t keys[kMaxTaggerFeatures], some[kMaxTaggerFeatures];
  uint8_t dest[kMaxTaggerFeatures];
  int p1 = -1, p2 = -1;
  for (long i = 0; i < n; ++i) {
    TaggerFeatures(atoms, static_cast<size_t>(i), p1, p2, keys);
    int32_t* sc = cache.scores.data();
    // One table pass for the per-word features and the units not cached
    // (into sc) and the units being cached (into their vectors).
    int32_t* outs[1 + kNumUnits] = {sc};
    const int32_t* cached[kNumUnits];
    int num_cached = 0;
    size_t nk = 0;
    for (size_t j = 0; j < sizeof(kPerWord); ++j) {
      some[nk] = keys[kPerWord[j]];
      dest[nk++] = 0;
    }
    for (int u = 0; u < kNumUnits; ++u) {
      const UnitSpec& spec = kUnitSpecs[u];
      const long j = i + spec.offset;
      // Outside the sentence the atoms depend on the position, and word 0's
      // own features on being first: these are looked up directly.
      if (j < 0 || j >= n || (u == 0 && i == 0)) {
        for (int t = 0; t < spec.count; ++t) {
          some[nk] = keys[spec.templates[t]];
          dest[nk++] = 0;
        }
        continue;
      }
      const uint64_t form = atoms[j].form;
      const size_t slot = (form >> 32) & (kCacheForms - 1);
      if (cache.form[slot] != form) {
        cache.form[slot] = form;
        cache.valid[slot] = 0;
      }
      int32_t* v = cache.vecs.data() + (slot * kNumUnits + u) * static_cast<size_t>(size);
      if (!(cache.valid[slot] & (1u << u))) {
        outs[1 + u] = v;
        for (int t = 0; t < spec.count; ++t) {
          some[nk] = keys[spec.templates[t]];
          dest[nk++] = static_cast<uint8_t>(1 + u);
        }
        std::fill(v, v + size, 0);
        cache.valid[slot] |= static_cast<uint8_t>(1u << u);
      } else if (hits) {
        ++*hits;
      }
      cached[num_cached++] = v;
    }
    std::fill(sc, sc + size, 0);
    weights.ScoreInto(some, dest, nk, outs);
    for (int c = 0; c < num_cached; ++c) AddScores(sc, cached[c], size);
    if (mismatches) {
      std::fill(cache.direct.begin(), cache.direct.end(), 0);
      weights.Score(keys, kAmbLower, cache.direct.data());
      *mismatches += !std::equal(cache.direct.begin(), cache.direct.end(), sc);
      ++*words;
    }
    // First maximum among the real classes (the padding lanes are not classes).
    const int best = FirstArgMax(sc, nc);
    (*out)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

void TaggerModel::TagAtomsUncached(const std::vector<WordAtoms>& atoms,
                                   std::vector<int>* out) const {
  thread_local std::vector<int32_t> scores;
  const int nc = weights.num_classes();
  scores.resize(weights.score_size());
  out->resize(atoms.size());
  uint32_t keys[kMaxTaggerFeatures];
  int p1 = -1, p2 = -1;
  for (size_t i = 0; i < atoms.size(); ++i) {
    size_t nk = TaggerFeatures(atoms, i, p1, p2, keys);
    std::fill(scores.begin(), scores.end(), 0);
    weights.Score(keys, nk, scores.data());
    // First maximum among the real classes (the padding lanes are not classes).
    const int best = FirstArgMax(scores.data(), nc);
    (*out)[i] = best;
    p2 = p1;
    p1 = best;
  }
}

std::string TaggerModel::Serialize() const {
  ByteWriter w;
  w.U32(kTaggerFeatureVersion);
  w.U32(static_cast<uint32_t>(classes.size()));
  for (const auto& c : classes) {
    w.Str(c.upos);
    w.Str(c.xpos);
    w.Str(c.feats);
  }
  w.U32(static_cast<uint32_t>(lexicon.words().size()));
  for (uint64_t x : lexicon.words()) w.U64(x);
  for (uint64_t x : lexicon.tags()) w.U64(x);
  weights.AppendTo(&w.bytes());
  return WrapModel(ModelKind::kTagger, w.bytes());
}

Result<TaggerModel> TaggerModel::FromPayload(std::string_view payload, std::string_view path) {
  const std::string where(path);
  const std::string hint = RetrainHint(ModelKind::kTagger);
  ByteReader r(payload);
  uint32_t version = 0, n = 0;
  if (!r.U32(&version) || !r.U32(&n)) {
    return Status::Corruption(where + ": tagger model cut short; " + hint);
  }
  if (version != kTaggerFeatureVersion) {
    return Status::Unsupported(where + ": tagger feature set version " + std::to_string(version) +
                               ", this dyad uses " + std::to_string(kTaggerFeatureVersion) + "; " +
                               hint);
  }
  if (n == 0 || n > 4096) {
    return Status::Corruption(where + ": implausible tag class count " + std::to_string(n) + "; " +
                              hint);
  }
  TaggerModel m;
  m.classes.resize(n);
  for (auto& c : m.classes) {
    if (!r.Str(&c.upos, 64) || !r.Str(&c.xpos, 64) || !r.Str(&c.feats, 256)) {
      return Status::Corruption(where + ": tag class table cut short; " + hint);
    }
  }
  uint32_t nlex = 0;
  if (!r.U32(&nlex) || static_cast<uint64_t>(nlex) * 16 > r.remaining()) {
    return Status::Corruption(where + ": tag lexicon cut short; " + hint);
  }
  std::vector<uint64_t> lex_words(nlex), lex_tags(nlex);
  for (auto& x : lex_words) r.U64(&x);
  for (auto& x : lex_tags) r.U64(&x);
  for (uint32_t i = 0; i < nlex; ++i) {
    if (i > 0 && lex_words[i] <= lex_words[i - 1]) {
      return Status::Corruption(where + ": tag lexicon is not sorted; " + hint);
    }
    m.lexicon.Add(lex_words[i], lex_tags[i]);
  }
  size_t pos = r.pos();
  auto table = WeightTable::ReadFrom(payload, &pos, static_cast<int>(n));
  if (!table.ok()) {
    return Status::Corruption(where + ": " + table.status().message() + "; " + hint);
  }
  if (pos != payload.size()) {
    return Status::Corruption(where + ": " + std::to_string(payload.size() - pos) +
                              " unexpected bytes after the weights; " + hint);
  }
  m.weights = std::move(table).value();
  return m;
}

Result<TaggerModel> TaggerModel::Deserialize(std::string_view file, std::string_view path) {
  DYAD_ASSIGN_OR_RETURN(std::string_view payload, UnwrapModel(file, ModelKind::kTagger, path));
  return FromPayload(payload, path);
}

Result<TaggerModel> TrainTaggerModel(const std::vector<ConlluSentence>& train,
                                     const std::vector<ConlluSentence>& dev, int epochs,
                                     uint64_t seed, const std::string& phase,
                                     const TrainOptions& options) {
  // Class inventory, sorted for a deterministic numbering.
  std::map<std::tuple<std::string, std::string, std::string>, int> class_ids;
  for (const auto& s : train) {
    for (const auto& w : s.words) class_ids[{w.upos, w.xpos, FeatsSubset(w.feats)}] = 0;
  }
  if (class_ids.empty()) return Status::InvalidArgument("no training words");
  if (class_ids.size() > 65535) return Status::InvalidArgument("too many tag classes");
  TaggerModel model;
  for (auto& [k, id] : class_ids) {
    id = static_cast<int>(model.classes.size());
    model.classes.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k)});
  }
  {
    // XPOS bit positions: sorted distinct XPOS of the classes.
    std::map<std::string, int> xpos_bit;
    for (const auto& c : model.classes) xpos_bit[c.xpos] = 0;
    int bit = 0;
    for (auto& [x, b] : xpos_bit) b = bit++ & 63;
    std::map<uint64_t, std::map<int, int>> seen;  // word -> xpos bit -> count
    for (const auto& s : train) {
      for (const auto& w : s.words) {
        seen[HashString(NormalizeWord(w.form), 2)][xpos_bit[w.xpos]]++;
      }
    }
    for (const auto& [word, tags] : seen) {
      uint64_t set = 0;
      int total = 0;
      for (const auto& [b, count] : tags) {
        total += count;
        if (count >= kLexiconMinCount) set |= uint64_t{1} << b;
      }
      if (total >= kLexiconMinCount && set) model.lexicon.Add(word, set);
    }
  }
  auto prepare = [&](const std::vector<ConlluSentence>& sents, TaggerTrainData* d) {
    for (const auto& s : sents) {
      std::vector<std::string_view> ws;
      std::vector<int> gold;
      for (const auto& w : s.words) {
        ws.push_back(w.form);
        auto it = class_ids.find({w.upos, w.xpos, FeatsSubset(w.feats)});
        gold.push_back(it == class_ids.end() ? -1 : it->second);
      }
      d->words.push_back(std::move(ws));
      d->gold.push_back(std::move(gold));
    }
  };
  TaggerTrainData tr, dv;
  prepare(train, &tr);
  prepare(dev, &dv);

  const int nc = static_cast<int>(model.classes.size());
  TrainWeights weights(nc);
  std::vector<float> scores(nc);
  std::vector<WordAtoms> atoms;
  uint32_t keys[kMaxTaggerFeatures];
  std::vector<size_t> order(tr.words.size());
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);

  auto tag = [&](const std::vector<std::string_view>& ws, const std::vector<int>* gold,
                 bool averaged, size_t* correct) {
    ComputeAtoms(ws, &model.lexicon, &atoms);
    int p1 = -1, p2 = -1;
    for (size_t i = 0; i < ws.size(); ++i) {
      size_t nk = TaggerFeatures(atoms, i, p1, p2, keys);
      std::fill(scores.begin(), scores.end(), 0.0f);
      weights.Score(keys, nk, scores.data(), averaged);
      int best = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      int g = (*gold)[i];
      if (best == g) ++*correct;
      if (!averaged) {
        if (g >= 0 && best != g) weights.Update(keys, nk, g, best);
        weights.Tick();
      }
      p2 = p1;
      p1 = best;
    }
  };

  for (int epoch = 1; epoch <= epochs; ++epoch) {
    rng.Shuffle(&order);
    size_t correct = 0, total = 0;
    TrainProgress p;
    p.phase = phase;
    p.epoch = epoch;
    p.epochs = epochs;
    p.total = order.size();
    for (size_t j = 0; j < order.size(); ++j) {
      size_t s = order[j];
      tag(tr.words[s], &tr.gold[s], false, &correct);
      total += tr.words[s].size();
      if (options.on_progress && (j % 256 == 0)) {
        p.done = j;
        options.on_progress(p);
      }
    }
    size_t dev_correct = 0, dev_total = 0;
    for (size_t s = 0; s < dv.words.size(); ++s) {
      // UPOS accuracy: compare the UPOS of the predicted class.
      ComputeAtoms(dv.words[s], &model.lexicon, &atoms);
      int p1 = -1, p2 = -1;
      for (size_t i = 0; i < dv.words[s].size(); ++i) {
        size_t nk = TaggerFeatures(atoms, i, p1, p2, keys);
        std::fill(scores.begin(), scores.end(), 0.0f);
        weights.Score(keys, nk, scores.data(), true);
        int best =
            static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
        if (model.classes[best].upos == dev[s].words[i].upos) ++dev_correct;
        ++dev_total;
        p2 = p1;
        p1 = best;
      }
    }
    p.done = order.size();
    p.epoch_end = true;
    p.dev_upos = dev_total ? 100.0 * dev_correct / dev_total : 0.0;
    (void)total;
    if (options.on_progress) options.on_progress(p);
  }
  DYAD_ASSIGN_OR_RETURN(model.weights,
                        WeightTable::Build(nc, weights.Quantize(1, options.prune_below)));
  return model;
}

}  // namespace dyad::parse_internal
