// The arc-hybrid transition system (Kuhlmann, Gomez-Rodriguez and Satta 2011)
// with ROOT at the end of the buffer (Ballesteros and Nivre 2013), and its
// dynamic oracle (Goldberg and Nivre 2013): the cost of a transition is the
// number of gold arcs it makes unreachable.
//
// Words are 0..n-1; ROOT is n. SHIFT pushes the buffer front b; LEFT makes b
// the head of the stack top s0 and pops it; RIGHT makes s1 the head of s0 and
// pops it. ROOT is never shifted and takes a dependent only by LEFT when the
// stack holds a single word, so every parse is a tree with one root.
#ifndef DYAD_PARSE_ARC_HYBRID_H_
#define DYAD_PARSE_ARC_HYBRID_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dyad::parse_internal {

enum Move : int { kShift = 0, kLeft = 1, kRight = 2 };

struct ArcHybridState {
  int n = 0;
  int b = 0;  // buffer front; n = ROOT
  std::vector<int> stack;
  std::vector<int> heads;   // per word: head (n = ROOT) or -1
  std::vector<int> labels;  // per word: label id or -1
  // Per node 0..n: two leftmost / rightmost children (-1 none), child counts,
  // and sets of child labels (bit label%64).
  std::vector<int> l1, l2, r1, r2, nl, nr;
  std::vector<uint64_t> lset, rset;

  void Init(int num_words);
  bool Terminal() const { return b == n && stack.empty(); }
  int S(size_t k) const {  // k-th from the top, -1 if absent
    return k < stack.size() ? stack[stack.size() - 1 - k] : -1;
  }
};

class ArcHybrid {
 public:
  // Labels 0..num_labels-1; `root_label` is the only label for arcs from ROOT.
  ArcHybrid(int num_labels, int root_label) : num_labels_(num_labels), root_label_(root_label) {}

  int num_classes() const { return 1 + 2 * num_labels_; }
  static Move MoveOf(int cls, int num_labels) {
    return cls == 0 ? kShift : cls <= num_labels ? kLeft : kRight;
  }
  Move MoveOf(int cls) const { return MoveOf(cls, num_labels_); }
  int LabelOf(int cls) const {
    return cls == 0 ? -1 : cls <= num_labels_ ? cls - 1 : cls - 1 - num_labels_;
  }
  int ClassOf(Move m, int label) const {
    return m == kShift ? 0 : m == kLeft ? 1 + label : 1 + num_labels_ + label;
  }

  bool MoveLegal(const ArcHybridState& s, Move m) const;
  bool Legal(const ArcHybridState& s, int cls) const;
  void Apply(ArcHybridState* s, int cls) const;

  // Gold arcs lost by `m` (unlabelled). gold_heads: per word, n for ROOT.
  int MoveCost(const ArcHybridState& s, Move m, const std::vector<int>& gold_heads) const;
  // Labelled cost of class `cls` given the unlabelled move costs.
  int ClassCost(const ArcHybridState& s, int cls, const int move_cost[3],
                const std::vector<int>& gold_heads, const std::vector<int>& gold_labels) const;

 private:
  int num_labels_;
  int root_label_;
};

// True when no two arcs cross. heads[i] is the CoNLL head (0 = root) of word i+1.
bool IsProjective(const std::vector<int>& conll_heads);

}  // namespace dyad::parse_internal

#endif  // DYAD_PARSE_ARC_HYBRID_H_
