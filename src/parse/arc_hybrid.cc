#include "parse/arc_hybrid.h"

#include <algorithm>

namespace dyad::parse_internal {

void ArcHybridState::Init(int num_words) {
  n = num_words;
  b = 0;
  stack.clear();
  heads.assign(n, -1);
  labels.assign(n, -1);
  l1.assign(n + 1, -1);
  l2.assign(n + 1, -1);
  r1.assign(n + 1, -1);
  r2.assign(n + 1, -1);
  nl.assign(n + 1, 0);
  nr.assign(n + 1, 0);
  lset.assign(n + 1, 0);
  rset.assign(n + 1, 0);
}

bool ArcHybrid::MoveLegal(const ArcHybridState& s, Move m) const {
  switch (m) {
    case kShift:
      return s.b < s.n;
    case kLeft:
      return !s.stack.empty() && (s.b < s.n || s.stack.size() == 1);
    case kRight:
      return s.stack.size() >= 2;
  }
  return false;
}

bool ArcHybrid::Legal(const ArcHybridState& s, int cls) const {
  Move m = MoveOf(cls);
  if (!MoveLegal(s, m)) return false;
  int label = LabelOf(cls);
  if (m == kLeft) return (s.b == s.n) == (label == root_label_);
  if (m == kRight) return label != root_label_;
  return true;
}

void ArcHybrid::Apply(ArcHybridState* s, int cls) const {
  Move m = MoveOf(cls);
  if (m == kShift) {
    s->stack.push_back(s->b++);
    return;
  }
  const int label = LabelOf(cls);
  const int dep = s->stack.back();
  s->stack.pop_back();
  const int head = m == kLeft ? s->b : s->stack.back();
  s->heads[dep] = head;
  s->labels[dep] = label;
  if (dep < head) {
    if (s->l1[head] < 0 || dep < s->l1[head]) {
      s->l2[head] = s->l1[head];
      s->l1[head] = dep;
    } else if (s->l2[head] < 0 || dep < s->l2[head]) {
      s->l2[head] = dep;
    }
    s->nl[head]++;
    s->lset[head] |= uint64_t{1} << (label & 63);
  } else {
    if (s->r1[head] < 0 || dep > s->r1[head]) {
      s->r2[head] = s->r1[head];
      s->r1[head] = dep;
    } else if (s->r2[head] < 0 || dep > s->r2[head]) {
      s->r2[head] = dep;
    }
    s->nr[head]++;
    s->rset[head] |= uint64_t{1} << (label & 63);
  }
}

int ArcHybrid::MoveCost(const ArcHybridState& s, Move m, const std::vector<int>& gold) const {
  int cost = 0;
  if (m == kShift) {
    // b can no longer take a head from below s0, nor dependents from the stack.
    const int b = s.b;
    for (size_t k = 0; k < s.stack.size(); ++k) {
      int x = s.stack[k];
      if (gold[x] == b) ++cost;
      if (gold[b] == x && k + 1 < s.stack.size()) ++cost;
    }
    return cost;
  }
  const int s0 = s.S(0);
  const int s1 = s.S(1);
  const int h = gold[s0];
  if (m == kLeft) {
    if ((s1 >= 0 && h == s1) || h > s.b) ++cost;
  } else {
    if (h >= s.b) ++cost;
  }
  for (int d = s.b; d < s.n; ++d) {
    if (gold[d] == s0) ++cost;
  }
  return cost;
}

int ArcHybrid::ClassCost(const ArcHybridState& s, int cls, const int move_cost[3],
                         const std::vector<int>& gold_heads,
                         const std::vector<int>& gold_labels) const {
  Move m = MoveOf(cls);
  int cost = move_cost[m];
  if (m == kShift) return cost;
  const int s0 = s.S(0);
  const int head = m == kLeft ? s.b : s.S(1);
  if (gold_heads[s0] == head && gold_labels[s0] != LabelOf(cls)) ++cost;
  return cost;
}

bool IsProjective(const std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  for (int i = 0; i < n; ++i) {
    int a = std::min(i + 1, heads[i]), b = std::max(i + 1, heads[i]);
    for (int j = 0; j < n; ++j) {
      if (j == i) continue;
      int c = std::min(j + 1, heads[j]), d = std::max(j + 1, heads[j]);
      if ((a < c && c < b && b < d) || (c < a && a < d && d < b)) return false;
    }
  }
  return true;
}

}  // namespace dyad::parse_internal
