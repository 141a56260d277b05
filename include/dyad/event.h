// CodedEvent: one (source, target, CAMEO code) triple read from one sentence.
// The coder produces them; actor resolution, dating, merging and the store
// enrich them. Every event points back at its sentence and the rule that fired.
#ifndef DYAD_EVENT_H_
#define DYAD_EVENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/date.h"

namespace dyad {

struct ActorRef {
  std::string code;      // CAMEO actor code, e.g. "IRNGOV"; "" when none
  std::string name;      // canonical name of the matched entry or resolved actor
  std::string text;      // the words in the sentence, as written
  uint32_t begin = 0;    // byte offsets of `text` in Article::text
  uint32_t end = 0;
  std::string actor_id;  // resolved actor id (actor resolution stage), "" until resolved
  std::string actor_name;  // canonical name of actor_id, "" until resolved
};

struct CodedEvent {
  std::string event_id;  // "<article_id>#<sentence_index>.<n>", stable across runs
  ActorRef source;
  ActorRef target;
  std::string code;       // CAMEO event code as a string, leading zeros kept ("042")
  std::string root_code;  // first two digits ("04")
  int quad_class = 0;     // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  double goldstein = 0;
  Date date;              // when it happened (time stage); article date until then
  std::string date_phrase;  // the words the date came from, "" when none
  std::string article_id;
  std::string outlet;
  std::string url;
  uint32_t sentence_index = 0;
  uint32_t sentence_begin = 0;  // byte offsets of the sentence in Article::text
  uint32_t sentence_end = 0;
  std::string sentence;
  std::string rule;  // the dictionary entry and pattern that fired, with file:line
  std::vector<std::string> issues;  // issue codes from the issue dictionary
};

}  // namespace dyad

#endif  // DYAD_EVENT_H_
