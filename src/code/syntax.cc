#include "code/syntax.h"

#include <initializer_list>

namespace dyad::code_internal {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

bool IsAny(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view x : set)
    if (w == x) return true;
  return false;
}

// The relation itself or one of its subtypes ("nmod" covers "nmod:poss").
bool IsRel(std::string_view rel, std::string_view base) {
  return StartsWith(rel, base) && (rel.size() == base.size() || rel[base.size()] == ':');
}

// Relations that keep a word inside the noun phrase of its head.
bool PhraseInternal(std::string_view rel) {
  for (std::string_view base : {"compound", "flat", "appos", "nmod", "amod", "conj", "det", "case",
                                "nummod", "fixed", "cc", "punct", "goeswith"})
    if (IsRel(rel, base)) return true;
  return false;
}

// Prepositions whose object can be the one acted on ("met with", "fired
// into", "sanctions on", "called for"). Place and time adjuncts ("in
// Moscow", "at the UN", "after talks") are not.
bool TargetPreposition(std::string_view p) {
  return IsAny(p, {"to", "with", "against", "on", "upon", "into", "onto", "toward", "towards",
                   "from", "over", "about", "for"});
}

bool RelativePronoun(std::string_view w) { return IsAny(w, {"who", "which", "that", "whom"}); }

}  // namespace

void DependencyTree::Reset(const ParsedSentence* parse,
                           const std::vector<std::string_view>* lower_words) {
  parse_ = parse;
  lower_ = lower_words;
  const int n = static_cast<int>(parse->words.size());
  heads_.resize(n);
  first_child_.assign(n, -1);
  next_sibling_.assign(n, -1);
  for (int i = 0; i < n; ++i) {
    const int h = parse->words[i].head - 1;
    heads_[i] = h >= 0 && h < n && h != i ? h : -1;
  }
  // Children in word order: prepend from the last word to the first.
  for (int i = n - 1; i >= 0; --i) {
    const int h = heads_[i];
    if (h < 0) continue;
    next_sibling_[i] = first_child_[h];
    first_child_[h] = i;
  }
}

int DependencyTree::FirstChild(int v, std::string_view rel) const {
  for (int c = first_child_[v]; c >= 0; c = next_sibling_[c])
    if (this->rel(c) == rel) return c;
  return -1;
}

void DependencyTree::CollectRoles(int v, PredicateRoles* r, int* subject,
                                  int* passive_subject) const {
  int iobj = -1, obj = -1, agent = -1;
  int obls[2] = {-1, -1};
  int nobl = 0;
  for (int c = first_child_[v]; c >= 0; c = next_sibling_[c]) {
    const std::string_view cr = rel(c);
    if (cr == "nsubj" || cr == "csubj" || cr == "nsubj:outer") {
      if (*subject < 0) *subject = c;
    } else if (cr == "nsubj:pass" || cr == "csubj:pass") {
      if (*passive_subject < 0) *passive_subject = c;
    } else if (cr == "aux:pass") {
      r->passive = true;
    } else if (cr == "obl:agent") {
      if (agent < 0) agent = c;
    } else if (cr == "iobj") {
      if (iobj < 0) iobj = c;
    } else if (cr == "obj") {
      if (obj < 0) obj = c;
    } else if (cr == "obl" || cr == "obl:unmarked") {
      const int cs = FirstChild(c, "case");
      if (cs >= 0 && nobl < 2 && TargetPreposition((*lower_)[cs])) obls[nobl++] = c;
    }
  }
  if (*passive_subject >= 0) r->passive = true;
  if (r->passive && agent >= 0) r->doer = agent;
  auto add = [&](int x, bool prep) {
    if (x < 0 || r->undergoers >= 4) return;
    r->prepositional[r->undergoers] = prep;
    r->undergoer[r->undergoers++] = x;
  };
  add(iobj, false);
  add(obj, false);
  for (int k = 0; k < nobl; ++k) add(obls[k], true);
}

PredicateRoles DependencyTree::RolesOf(int v) const {
  PredicateRoles r;
  if (v < 0 || v >= size() || upos(v) != "VERB") return r;
  r.verbal = true;
  int subject = -1, passive_subject = -1;
  CollectRoles(v, &r, &subject, &passive_subject);
  r.how = "nsubj";
  // A relative pronoun stands for the noun the clause modifies ("the
  // militants who attacked ...").
  auto relative = [&](int s) {
    return s >= 0 && IsRel(rel(v), "acl") && head(v) >= 0 && RelativePronoun((*lower_)[s]);
  };
  if (relative(subject)) {
    subject = head(v);
    r.how = "relcl";
  }
  if (relative(passive_subject)) passive_subject = head(v);
  // No subject of its own: inherit it along control, coordination,
  // participle and reduced relative clauses.
  int u = v;
  for (int depth = 0; subject < 0 && passive_subject < 0 && depth < 4; ++depth) {
    const int h = head(u);
    if (h < 0) break;
    const std::string_view ur = rel(u);
    if (ur == "xcomp") {
      // Object control: "urged Iran to negotiate" -> Iran negotiates.
      const int o = FirstChild(h, "obj") >= 0 ? FirstChild(h, "obj") : FirstChild(h, "iobj");
      if (o >= 0) {
        subject = o;
        r.how = "xcomp-obj";
        break;
      }
      r.how = "xcomp";
    } else if (ur == "conj") {
      r.how = "conj";
    } else if (IsRel(ur, "acl")) {
      // Reduced relative: "protesters detained by police" (passive),
      // "militants attacking the base" (active).
      if (u == v && (r.passive || (parse_->words[v].xpos == "VBN" && FirstChild(v, "obj") < 0))) {
        r.passive = true;
        passive_subject = h;
      } else {
        subject = h;
      }
      r.how = "acl";
      break;
    } else if (ur == "advcl" &&
               (parse_->words[u].xpos == "VBG" || parse_->words[u].xpos == "VBN")) {
      r.how = "advcl";
    } else {
      break;
    }
    // The head's own subject.
    PredicateRoles hr;
    int hs = -1, hps = -1;
    CollectRoles(h, &hr, &hs, &hps);
    if (hs >= 0) subject = hs;
    else if (hps >= 0 && ur == "conj") passive_subject = hps;
    u = h;
  }
  if (!r.passive && subject < 0 && passive_subject >= 0 && parse_->words[v].xpos == "VBN")
    r.passive = true;  // "was attacked and wounded": the second verb shares the passive
  if (r.passive) {
    // Undergoer first: the passive subject.
    if (passive_subject >= 0) {
      for (int k = r.undergoers; k > 0; --k)
        if (k < 4) {
          r.undergoer[k] = r.undergoer[k - 1];
          r.prepositional[k] = r.prepositional[k - 1];
        }
      r.undergoer[0] = passive_subject;
      r.prepositional[0] = false;
      if (r.undergoers < 4) ++r.undergoers;
    }
  } else {
    r.doer = subject;
  }
  return r;
}

bool DependencyTree::InPhrase(int t, int h) const {
  for (int x = t, depth = 0; x >= 0 && depth < 64; ++depth) {
    if (x == h) return true;
    if (!PhraseInternal(rel(x))) return false;
    x = head(x);
  }
  return false;
}

std::string_view DependencyTree::AttachmentTo(int t, int v) const {
  int x = t;
  for (int depth = 0; x >= 0 && depth < 64; ++depth) {
    if (head(x) == v) return rel(x);
    if (!PhraseInternal(rel(x))) return {};
    x = head(x);
  }
  return {};
}

}  // namespace dyad::code_internal
