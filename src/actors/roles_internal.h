// Shared by roles.cc, resolve.cc and ner_eval.cc: one pass over a sentence
// that finds dictionary actors, agents (roles) and capitalized name runs.
#ifndef DYAD_ACTORS_ROLES_INTERNAL_H_
#define DYAD_ACTORS_ROLES_INTERNAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/date.h"
#include "dyad/dictionary.h"
#include "dyad/text.h"

namespace dyad::actors_internal {

struct ScanSpan {
  uint32_t b = 0;  // tokens [b, e)
  uint32_t e = 0;
  std::string code;     // actors: the resolved code; agents: the agent code
  int32_t index = -1;   // actors: first entry index; agents: agent index
  bool before = false;  // agents: AgentPlacement::kBeforeActor
};

struct SentenceScan {
  std::vector<ScanSpan> actors;
  std::vector<ScanSpan> agents;
  std::vector<int32_t> actor_at;  // per token: index into `actors`, or -1
  std::vector<int32_t> agent_at;  // per token: index into `agents`, or -1
};

SentenceScan ScanSentence(const Dictionary& dict, const Sentence& s, const Date& date);

// A word that can be part of a person's name: capitalized, not a sentence
// function word, month, weekday or title.
bool IsNameWord(const Token& t);
// Lower-case name particles ("al", "bin", "de", "van").
bool IsParticle(const Token& t);
// Titles that may precede a name and are not part of it ("Mr", "Dr").
bool IsTitle(const Token& t);
// End (exclusive) of the name starting at token i (== i when none): name
// words and inner particles not covered by a dictionary actor or agent, at
// most 5 tokens, ending on a name word.
uint32_t NameRunEnd(const Sentence& s, const SentenceScan& scan, uint32_t i);

// A 3-letter country code (all upper-case letters), the base of a role code.
bool IsCountryCode(std::string_view code);
// Country + agent composition (ComposeAgentCode rules).
std::string Compose(const Dictionary& dict, std::string_view actor_code, const ScanSpan& agent);

// Tokens [b, e) of `s` as written, with the original spacing.
std::string SpanText(const Sentence& s, uint32_t b, uint32_t e);

}  // namespace dyad::actors_internal

#endif  // DYAD_ACTORS_ROLES_INTERNAL_H_
