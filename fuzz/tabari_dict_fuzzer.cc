// Fuzzes the TABARI dictionary readers. The first byte picks
// the file kind (verbs, actors, agents, options, project); the rest is the
// file. Every input must parse (warnings allowed), compile, and answer a
// phrase and a verb lookup without crashing.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict_readers.h"
#include "dyad/dictionary.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  using dyad::TabariFileKind;
  static const TabariFileKind kKinds[] = {TabariFileKind::kVerbs, TabariFileKind::kActors,
                                          TabariFileKind::kAgents, TabariFileKind::kOptions,
                                          TabariFileKind::kProject};
  const TabariFileKind kind = kKinds[data[0] % 5];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  dyad::DictionaryBuilder builder;
  std::vector<dyad::DictWarning> warnings;
  dyad::DictionaryLoadOptions options;
  options.petrarch2_comment_quirk = (data[0] & 0x80) != 0;
  if (!dyad::ParseTabariDictionary(kind, "fuzz", bytes, options, &builder, &warnings).ok())
    __builtin_trap();  // readers report problems as warnings, never as failures
  auto dict = builder.Compile();
  if (!dict.ok()) __builtin_trap();
  std::vector<std::string_view> words = {"the", "united", "nations", "said", "ask"};
  std::vector<dyad::PhraseMatch> matches;
  for (int k = 0; k < dyad::kNumPhraseKinds; ++k)
    (*dict)->FindPhrases(static_cast<dyad::PhraseKind>(k), words, {}, &matches);
  for (const auto& m : matches)
    (void)(*dict)->ResolveActorCode(m.entries, dyad::Date::Day(2015, 1, 1));
  std::vector<dyad::VerbHit> hits;
  (*dict)->FindVerbs("asked", "ask", &hits);
  return 0;
}
