#include "parse/parser_model.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "parse/tagger.h"

namespace dyad::parse_internal {
namespace {

constexpr uint64_t kNoneAtom = 0x3c3c3c3c3c3c3c3cULL;
constexpr uint64_t kRootWord = 0x7a7a7a7a7a7a7a7aULL;
constexpr uint64_t kRootTag = 0x6b6b6b6b6b6b6b6bULL;

uint64_t Dist(int a, int b) {
  int d = b - a;
  if (d < 0) d = -d;
  return d <= 4 ? static_cast<uint64_t>(d) : d <= 9 ? 5 : 6;
}

}  // namespace

uint64_t TagAtom(std::string_view upos, std::string_view xpos) {
  return HashString(xpos, HashString(upos, 7));
}

uint64_t WordAtom(std::string_view word) { return HashString(NormalizeWord(word), 2); }

uint64_t UposAtom(std::string_view upos) { return HashString(upos, 9); }

void ParserInput::Reset(int n) {
  w.assign(n + 1, 0);
  p.assign(n + 1, 0);
  u.assign(n + 1, 0);
  wp.assign(n + 1, 0);
  Set(n, kRootWord, kRootTag, kRootTag);
}

void ParserInput::Set(int i, uint64_t word, uint64_t tag, uint64_t upos) {
  w[i] = word;
  p[i] = tag;
  u[i] = upos;
  wp[i] = Fmix64(word ^ (tag * 0x9E3779B97F4A7C15ULL));
}

size_t ParserFeatures(const ArcHybridState& s, const ParserInput& in, uint32_t* keys) {
  const int n = s.n;
  const int s0 = s.S(0), s1 = s.S(1), s2 = s.S(2);
  const int b0 = s.b;
  const int b1 = b0 + 1 <= n ? b0 + 1 : -1;
  const int b2 = b0 + 2 <= n ? b0 + 2 : -1;
  auto W = [&](int x) { return x < 0 ? kNoneAtom : in.w[x]; };
  auto P = [&](int x) { return x < 0 ? kNoneAtom : in.p[x]; };
  auto WP = [&](int x) { return x < 0 ? kNoneAtom : in.wp[x]; };
  auto U = [&](int x) { return x < 0 ? kNoneAtom : in.u[x]; };
  auto L = [&](int x) { return x < 0 || x >= n ? uint64_t{0} : uint64_t(s.labels[x] + 2); };
  auto l1 = [&](int x) { return x < 0 ? -1 : s.l1[x]; };
  auto l2 = [&](int x) { return x < 0 ? -1 : s.l2[x]; };
  auto r1 = [&](int x) { return x < 0 ? -1 : s.r1[x]; };
  auto r2 = [&](int x) { return x < 0 ? -1 : s.r2[x]; };
  auto VL = [&](int x) { return x < 0 ? uint64_t{99} : uint64_t(s.nl[x]); };
  auto VR = [&](int x) { return x < 0 ? uint64_t{99} : uint64_t(s.nr[x]); };
  auto SL = [&](int x) { return x < 0 ? uint64_t{1} << 63 : s.lset[x]; };
  auto SR = [&](int x) { return x < 0 ? uint64_t{1} << 63 : s.rset[x]; };

  const int s0l = l1(s0), s0l2 = l2(s0), s0r = r1(s0), s0r2 = r2(s0);
  const int s1l = l1(s1), s1r = r1(s1), s1r2 = r2(s1);
  const int b0l = l1(b0), b0l2 = l2(b0);
  const uint64_t d = s0 >= 0 ? Dist(s0, b0) : 7;
  const uint64_t d2 = s1 >= 0 ? Dist(s1, s0) : 7;

  size_t k = 0;
  uint32_t t = 0;  // template id: position in this list is part of the model format
  // Inlined: out of line, k and t went through memory on every one of the
  // ~100 calls per step (perf: 14% of parse_bench).
  auto F = [&](uint64_t a, uint64_t b = 0, uint64_t c = 0) __attribute__((always_inline)) {
    keys[k++] = FeatureKey(++t, a, b, c);
  };
  // clang-format off
  F(0);  // bias
  // single words
  F(WP(s0)); F(W(s0)); F(P(s0));
  F(WP(b0)); F(W(b0)); F(P(b0));
  F(WP(b1)); F(W(b1)); F(P(b1));
  F(WP(b2)); F(W(b2)); F(P(b2));
  F(WP(s1)); F(W(s1)); F(P(s1));
  F(P(s2)); F(W(s2));
  // pairs
  F(WP(s0), WP(b0)); F(WP(s0), W(b0)); F(W(s0), WP(b0));
  F(WP(s0), P(b0)); F(P(s0), WP(b0)); F(W(s0), W(b0)); F(P(s0), P(b0));
  F(P(b0), P(b1));
  F(P(s1), P(s0)); F(W(s1), W(s0)); F(WP(s1), P(s0)); F(P(s1), WP(s0));
  F(P(s1), P(b0)); F(W(s1), W(b0));
  // triples
  F(P(b0), P(b1), P(b2)); F(P(s0), P(b0), P(b1)); F(P(s1), P(s0), P(b0));
  F(P(s2), P(s1), P(s0)); F(P(s0), P(s0l), P(b0)); F(P(s0), P(s0r), P(b0));
  F(P(s0), P(b0), P(b0l)); F(P(s1), P(s1r), P(s0)); F(P(s1), P(s1l), P(s0));
  F(P(s1), P(s0), P(s0l));
  // distance
  F(W(s0), d); F(P(s0), d); F(W(b0), d); F(P(b0), d);
  F(W(s0), W(b0), d); F(P(s0), P(b0), d);
  F(P(s1), P(s0), d2); F(W(s1), W(s0), d2);
  // valency
  F(W(s0), VR(s0)); F(P(s0), VR(s0)); F(W(s0), VL(s0)); F(P(s0), VL(s0));
  F(W(b0), VL(b0)); F(P(b0), VL(b0)); F(P(s1), VR(s1)); F(P(s1), VL(s1));
  // children
  F(W(s0l)); F(P(s0l)); F(L(s0l)); F(W(s0r)); F(P(s0r)); F(L(s0r));
  F(W(b0l)); F(P(b0l)); F(L(b0l));
  F(P(s1l)); F(L(s1l)); F(W(s1r)); F(P(s1r)); F(L(s1r));
  // second children
  F(W(s0l2)); F(P(s0l2)); F(L(s0l2)); F(W(s0r2)); F(P(s0r2)); F(L(s0r2));
  F(W(b0l2)); F(P(b0l2)); F(L(b0l2));
  F(P(s0), P(s0l), P(s0l2)); F(P(s0), P(s0r), P(s0r2)); F(P(b0), P(b0l), P(b0l2));
  F(P(s1), P(s1r), P(s1r2));
  // label sets
  F(W(s0), SR(s0)); F(P(s0), SR(s0)); F(W(s0), SL(s0)); F(P(s0), SL(s0));
  F(W(b0), SL(b0)); F(P(b0), SL(b0));
  // children labels with their head
  F(P(s0), L(s0l), L(s0r)); F(P(b0), L(b0l), L(b0l2)); F(P(s1), L(s1r), P(s0));
  // coarse tags, less sparse than the UPOS+XPOS pairs above
  F(U(s0), U(b0)); F(U(s1), U(s0)); F(U(s0), U(b0), U(b1)); F(U(s1), U(s0), U(b0));
  F(U(s0), U(s0l), U(s0r)); F(U(b0), U(b0l), d); F(U(s0), W(b0)); F(W(s0), U(b0));
  F(U(s2), U(s1), U(s0));
  // clang-format on
  return k;
}

namespace {

// Score caching. Most templates read only one side of the state, and those
// scores recur from step to step:
//  - A: the stack alone, except s0's right children. While word x is the
//    stack top, nothing beneath it changes (s1 gets children only by popping
//    x) and x gets no left children (those come only while a word is b0), so
//    these depend on x alone: computed once per word per sentence.
//  - R: templates reading s0's right children: keyed by (s0, its number of
//    right children).
//  - B: b0, b1, b2 (always b0+1, b0+2) and bias: keyed by b0.
//  - L: b0's left children: keyed by (b0, its number of left children).
//  - x: the rest (conjunctions of stack and buffer, distances), looked up on
//    every step.
// Children never lose or change their labels once attached. Integer sums,
// so the scores and the parse are exactly those of looking up every feature
// (parser_cache_test.cc checks every step of EWT dev).
enum Unit : int { kUnitA, kUnitR, kUnitB, kUnitL, kNumUnits };

// The unit of each template in ParserFeatures' order. Keep in step with it.
constexpr char kTemplateUnits[] =
    "B"                // bias
    "AAABBBBBBBBBAAA"  // single words s0, b0, b1, b2, s1
    "AA"               // s2
    "xxxxxxxBAAAAxx"   // pairs
    "BxxAxxxAAA"       // triples
    "xxxxxxAA"         // distance
    "RRAALLAA"         // valency
    "AAARRRLLLAAAAA"   // children
    "AAARRRLLLARLA"    // second children
    "RRAALL"           // label sets
    "RLA"              // children labels with their head
    "xAxxRxxxA";       // coarse tags
static_assert(sizeof(kTemplateUnits) - 1 == 103, "one unit per parser template");

struct UnitTemplates {
  uint8_t index[kNumUnits][kMaxParserFeatures];  // template positions per unit
  uint8_t count[kNumUnits] = {};
  uint8_t step_index[kMaxParserFeatures];  // templates looked up per step
  uint8_t step_count = 0;
  constexpr UnitTemplates() : index{}, step_index{} {
    for (uint8_t i = 0; i < sizeof(kTemplateUnits) - 1; ++i) {
      const char c = kTemplateUnits[i];
      const int u = c == 'A'   ? kUnitA
                    : c == 'R' ? kUnitR
                    : c == 'B' ? kUnitB
                    : c == 'L' ? kUnitL
                               : -1;
      if (u < 0) {
        step_index[step_count++] = i;
      } else {
        index[u][count[u]++] = i;
      }
    }
  }
};
constexpr UnitTemplates kUnits;

// Per-thread scratch of Parse(): the state and, per unit, one cached score
// vector per word (slot 0: no item, slot x+1: word x, slot n+1: ROOT) with
// the child count it was computed for (-1: not yet this sentence).
struct ParseScratch {
  ArcHybridState state;
  std::vector<int32_t> scores, direct;
  std::vector<int32_t> cache[kNumUnits];
  std::vector<int> stamp[kNumUnits];
};

// Picks the best legal class: the first maximum in class order, as in
// training. Classes: 0 SHIFT, 1..nl LEFT-label, nl+1..2nl RIGHT-label.
int BestLegalClass(const ArcHybridState& state, const int32_t* sc, int nl, int root_label) {
  const int n = state.n;
  const int left_root = 1 + root_label, right_root = 1 + nl + root_label;
  int best = -1;
  int32_t best_score = std::numeric_limits<int32_t>::min();
  auto consider = [&](int c) {
    if (sc[c] > best_score) {
      best_score = sc[c];
      best = c;
    }
  };
  const size_t depth = state.stack.size();
  const bool at_root = state.b == n;
  if (!at_root) consider(0);  // SHIFT
  if (depth >= 1 && (!at_root || depth == 1)) {
    if (at_root) {
      consider(left_root);
    } else {
      for (int c = 1; c <= nl; ++c) {
        if (c != left_root) consider(c);
      }
    }
  }
  if (depth >= 2) {
    for (int c = nl + 1; c <= 2 * nl; ++c) {
      if (c != right_root) consider(c);
    }
  }
  return best;
}

void FinishParse(const ArcHybridState& state, int n, std::vector<int>* heads,
                 std::vector<int>* label_ids) {
  heads->resize(n);
  label_ids->resize(n);
  for (int i = 0; i < n; ++i) {
    int h = state.heads[i];
    (*heads)[i] = h == n ? 0 : h + 1;
    (*label_ids)[i] = state.labels[i];
  }
}

// The cached parse; with `mismatches`, also scores every step directly and
// counts the steps where the two differ.
void ParseCached(const ParserModel& m, const ParserInput& in, int n, std::vector<int>* heads,
                 std::vector<int>* label_ids, size_t* mismatches, size_t* steps, size_t* hits) {
  thread_local ParseScratch scratch;
  ArcHybridState& state = scratch.state;
  const int nl = static_cast<int>(m.labels.size());
  const int size = m.weights.score_size();
  ArcHybrid sys(nl, m.root_label);
  state.Init(n);
  scratch.scores.resize(size);
  scratch.direct.resize(size);
  for (int u = 0; u < kNumUnits; ++u) {
    scratch.cache[u].resize(static_cast<size_t>(n + 2) * size);
    scratch.stamp[u].assign(n + 2, -1);
  }
  uint32_t keys[kMaxParserFeatures], unit_keys[kMaxParserFeatures];
  uint8_t dest[kMaxParserFeatures];
  while (!state.Terminal()) {
    ParserFeatures(state, in, keys);
    // Which word fills each unit now (-1: none), and its child count.
    const int s0 = state.S(0), b0 = state.b;
    const int item[kNumUnits] = {s0, s0, b0, b0};
    const int version[kNumUnits] = {0, s0 < 0 ? 0 : state.nr[s0], 0, state.nl[b0]};
    int32_t* sc = scratch.scores.data();
    // One table pass for the per-step features (into sc) and those of every
    // unit whose cached vector is stale (into that vector).
    int32_t* outs[1 + kNumUnits] = {sc};
    const int32_t* cached[kNumUnits];
    size_t nk = 0;
    for (int j = 0; j < kUnits.step_count; ++j) {
      unit_keys[nk] = keys[kUnits.step_index[j]];
      dest[nk++] = 0;
    }
    for (int u = 0; u < kNumUnits; ++u) {
      const int x = item[u];
      int32_t* v = scratch.cache[u].data() + static_cast<size_t>(x + 1) * size;
      cached[u] = v;
      if (scratch.stamp[u][x + 1] != version[u]) {
        outs[1 + u] = v;
        for (int j = 0; j < kUnits.count[u]; ++j) {
          unit_keys[nk] = keys[kUnits.index[u][j]];
          dest[nk++] = static_cast<uint8_t>(1 + u);
        }
        std::fill(v, v + size, 0);
        scratch.stamp[u][x + 1] = version[u];
      } else if (hits) {
        ++*hits;
      }
    }
    std::fill(sc, sc + size, 0);
    m.weights.ScoreInto(unit_keys, dest, nk, outs);
    for (int u = 0; u < kNumUnits; ++u) AddScores(sc, cached[u], size);
    if (mismatches) {
      std::fill(scratch.direct.begin(), scratch.direct.end(), 0);
      m.weights.Score(keys, sizeof(kTemplateUnits) - 1, scratch.direct.data());
      *mismatches += !std::equal(scratch.direct.begin(), scratch.direct.end(), sc);
      ++*steps;
    }
    sys.Apply(&state, BestLegalClass(state, sc, nl, m.root_label));
  }
  FinishParse(state, n, heads, label_ids);
}

}  // namespace

void ParserModel::Parse(const ParserInput& in, int n, std::vector<int>* heads,
                        std::vector<int>* label_ids) const {
  ParseCached(*this, in, n, heads, label_ids, nullptr, nullptr, nullptr);
}

size_t ParserModel::CountCacheMismatches(const ParserInput& in, int n, size_t* steps,
                                         size_t* hits) const {
  std::vector<int> heads, label_ids;
  size_t mismatches = 0;
  ParseCached(*this, in, n, &heads, &label_ids, &mismatches, steps, hits);
  return mismatches;
}

void ParserModel::ParseUncached(const ParserInput& in, int n, std::vector<int>* heads,
                                std::vector<int>* label_ids) const {
  thread_local ArcHybridState state;
  thread_local std::vector<int32_t> scores;
  const int nl = static_cast<int>(labels.size());
  ArcHybrid sys(nl, root_label);
  state.Init(n);
  scores.resize(weights.score_size());
  uint32_t keys[kMaxParserFeatures];
  while (!state.Terminal()) {
    size_t nk = ParserFeatures(state, in, keys);
    std::fill(scores.begin(), scores.end(), 0);
    weights.Score(keys, nk, scores.data());
    sys.Apply(&state, BestLegalClass(state, scores.data(), nl, root_label));
  }
  FinishParse(state, n, heads, label_ids);
}

std::string ParserModel::Serialize() const {
  ByteWriter w;
  w.U32(kParserFeatureVersion);
  w.U32(static_cast<uint32_t>(labels.size()));
  for (const auto& l : labels) w.Str(l);
  w.U32(static_cast<uint32_t>(root_label));
  weights.AppendTo(&w.bytes());
  return WrapModel(ModelKind::kParser, w.bytes());
}

Result<ParserModel> ParserModel::FromPayload(std::string_view payload, std::string_view path) {
  const std::string where(path);
  const std::string hint = RetrainHint(ModelKind::kParser);
  ByteReader r(payload);
  uint32_t version = 0, n = 0, root = 0;
  if (!r.U32(&version) || !r.U32(&n)) {
    return Status::Corruption(where + ": parser model cut short; " + hint);
  }
  if (version != kParserFeatureVersion) {
    return Status::Unsupported(where + ": parser feature set version " + std::to_string(version) +
                               ", this dyad uses " + std::to_string(kParserFeatureVersion) + "; " +
                               hint);
  }
  // At least root and one other label, so a legal transition always exists.
  if (n < 2 || n > 1000) {
    return Status::Corruption(where + ": implausible label count " + std::to_string(n) + "; " +
                              hint);
  }
  ParserModel m;
  m.labels.resize(n);
  for (auto& l : m.labels) {
    if (!r.Str(&l, 64)) return Status::Corruption(where + ": label table cut short; " + hint);
  }
  if (!r.U32(&root) || root >= n) {
    return Status::Corruption(where + ": bad root label index; " + hint);
  }
  m.root_label = static_cast<int>(root);
  size_t pos = r.pos();
  auto table = WeightTable::ReadFrom(payload, &pos, static_cast<int>(1 + 2 * n));
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

Result<ParserModel> ParserModel::Deserialize(std::string_view file, std::string_view path) {
  DYAD_ASSIGN_OR_RETURN(std::string_view payload, UnwrapModel(file, ModelKind::kParser, path));
  return FromPayload(payload, path);
}

Result<ParserModel> TrainParserModel(const std::vector<std::string>& labels, int root_label,
                                     const std::vector<ParserExample>& train,
                                     const ParserDevSet& dev, int epochs, uint64_t seed,
                                     const TrainOptions& options) {
  const int nl = static_cast<int>(labels.size());
  ArcHybrid sys(nl, root_label);
  const int nc = sys.num_classes();
  TrainWeights weights(nc);
  std::vector<float> scores(nc);
  std::vector<int> costs(nc);
  ArcHybridState state;
  uint32_t keys[kMaxParserFeatures];
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed);

  for (int epoch = 1; epoch <= epochs; ++epoch) {
    rng.Shuffle(&order);
    TrainProgress p;
    p.phase = "parser";
    p.epoch = epoch;
    p.epochs = epochs;
    p.total = order.size();
    // Error exploration (Goldberg & Nivre 2012) from the second epoch on.
    const double explore = epoch >= 2 ? 0.9 : 0.0;
    for (size_t j = 0; j < order.size(); ++j) {
      const ParserExample& ex = train[order[j]];
      state.Init(ex.n);
      while (!state.Terminal()) {
        size_t nk = ParserFeatures(state, ex.input, keys);
        std::fill(scores.begin(), scores.end(), 0.0f);
        weights.Score(keys, nk, scores.data(), false);
        int move_cost[3] = {0, 0, 0};
        for (int m = 0; m < 3; ++m) {
          move_cost[m] =
              sys.MoveLegal(state, Move(m)) ? sys.MoveCost(state, Move(m), ex.gold_heads) : 1 << 20;
        }
        int pred = -1, gold = -1, min_cost = 1 << 30;
        for (int c = 0; c < nc; ++c) {
          if (!sys.Legal(state, c)) {
            costs[c] = -1;
            continue;
          }
          costs[c] = sys.ClassCost(state, c, move_cost, ex.gold_heads, ex.gold_labels);
          min_cost = std::min(min_cost, costs[c]);
          if (pred < 0 || scores[c] > scores[pred]) pred = c;
        }
        for (int c = 0; c < nc; ++c) {
          if (costs[c] == min_cost && (gold < 0 || scores[c] > scores[gold])) gold = c;
        }
        if (costs[pred] > min_cost) weights.Update(keys, nk, gold, pred);
        weights.Tick();
        int next = gold;
        if (costs[pred] == min_cost || (explore > 0 && rng.Uniform() < explore)) next = pred;
        sys.Apply(&state, next);
      }
      if (options.on_progress && j % 256 == 0) {
        p.done = j;
        options.on_progress(p);
      }
    }
    // Dev accuracy with the running averaged weights.
    size_t words = 0, uas = 0, las = 0;
    for (size_t s = 0; s < dev.inputs.size(); ++s) {
      const int n = static_cast<int>(dev.heads[s].size());
      state.Init(n);
      while (!state.Terminal()) {
        size_t nk = ParserFeatures(state, dev.inputs[s], keys);
        std::fill(scores.begin(), scores.end(), 0.0f);
        weights.Score(keys, nk, scores.data(), true);
        int best = -1;
        for (int c = 0; c < nc; ++c) {
          if (sys.Legal(state, c) && (best < 0 || scores[c] > scores[best])) best = c;
        }
        sys.Apply(&state, best);
      }
      for (int i = 0; i < n; ++i) {
        int h = state.heads[i] == n ? 0 : state.heads[i] + 1;
        ++words;
        if (h == dev.heads[s][i]) {
          ++uas;
          if (labels[state.labels[i]] == dev.labels[s][i]) ++las;
        }
      }
    }
    p.done = order.size();
    p.epoch_end = true;
    p.dev_uas = words ? 100.0 * uas / words : 0;
    p.dev_las = words ? 100.0 * las / words : 0;
    if (options.on_progress) options.on_progress(p);
  }
  ParserModel model;
  model.labels = labels;
  model.root_label = root_label;
  DYAD_ASSIGN_OR_RETURN(model.weights,
                        WeightTable::Build(nc, weights.Quantize(1, options.prune_below)));
  return model;
}

}  // namespace dyad::parse_internal
