// Grammatical roles read from a dependency parse (include/dyad/parse.h), for
// the coder: which word heads the doer and which the undergoer of a
// predicate, following passives, relative clauses, control verbs,
// coordinated verbs and participle clauses, and which words belong to the
// noun phrase that a role word heads (appositives, "of"-modifiers,
// possessives, coordination). docs/coder.md ("Syntax") says how the coder
// uses it.
#ifndef DYAD_CODE_SYNTAX_H_
#define DYAD_CODE_SYNTAX_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/parse.h"

namespace dyad::code_internal {

// The role words of one predicate, as token indices (-1: none).
struct PredicateRoles {
  bool verbal = false;   // the predicate word is tagged VERB (else no roles)
  bool passive = false;  // passive voice ("was attacked", "officials detained by")
  int doer = -1;         // active subject, or the passive's "by" agent
  // Candidates for the one acted on, in order of preference: indirect
  // object, direct object, passive subject, then prepositional objects
  // (not place or time adjuncts).
  int undergoer[4] = {-1, -1, -1, -1};
  bool prepositional[4] = {false, false, false, false};  // undergoer[k] is a prepositional object
  int undergoers = 0;
  const char* how = "";  // how the doer was found: "nsubj", "conj", "relcl", ... (traces)
};

// A parsed sentence as a tree. Reset() takes a ParsedSentence of n words
// (1-based heads, Parser's output) and keeps a pointer to it: the parse and
// the word texts must outlive the calls that follow.
class DependencyTree {
 public:
  void Reset(const ParsedSentence* parse, const std::vector<std::string_view>* lower_words);
  int size() const { return static_cast<int>(heads_.size()); }
  int head(int i) const { return heads_[i]; }  // 0-based, -1 for the root
  std::string_view rel(int i) const { return parse_->words[i].deprel; }
  std::string_view upos(int i) const { return parse_->words[i].upos; }

  PredicateRoles RolesOf(int v) const;

  // Token t lies inside the noun phrase headed by token h: the path up from
  // t reaches h through phrase-internal relations only (compound, flat,
  // appos, nmod, nmod:poss, amod, conj, det, case, ...), never through a
  // clause (acl, acl:relcl, advcl, ccomp, ...).
  bool InPhrase(int t, int h) const;

  // The relation by which the phrase holding token t depends on token v
  // ("obj", "obl", "nsubj", ...), or "" when that phrase is not a dependent
  // of v.
  std::string_view AttachmentTo(int t, int v) const;

 private:
  int FirstChild(int v, std::string_view rel) const;
  void CollectRoles(int v, PredicateRoles* r, int* subject, int* passive_subject) const;

  const ParsedSentence* parse_ = nullptr;
  const std::vector<std::string_view>* lower_ = nullptr;
  std::vector<int> heads_;
  std::vector<int> first_child_, next_sibling_;  // children in word order
};

}  // namespace dyad::code_internal

#endif  // DYAD_CODE_SYNTAX_H_
