// Fuzz target for the event coder: the input bytes become a sequence of
// tokens drawn from a tiny dictionary's vocabulary plus punctuation and
// pronouns, coded with every CodeBy mode. Checks: no crash, events bounded,
// every event has a code and distinct actor codes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/dictionary.h"

namespace {

using dyad::PatternElement;
using dyad::PatternElementKind;

dyad::Phrase P(const char* w) {
  dyad::Phrase p;
  dyad::PhraseWord x;
  x.text = w;
  p.words.push_back(x);
  return p;
}

std::shared_ptr<const dyad::Dictionary> TinyDictionary() {
  dyad::DictionaryBuilder b;
  uint32_t f = b.AddFile("fuzz.dict");
  uint32_t line = 0;
  for (const char* a : {"egypt", "syria", "iran", "russia"}) {
    dyad::ActorEntry e;
    e.primary = P(a);
    dyad::ActorCode c;
    c.code = std::string(a).substr(0, 3);
    for (char& ch : c.code) ch = static_cast<char>(ch - 'a' + 'A');
    e.codes.push_back(c);
    e.where = {f, ++line};
    b.AddActor(e);
  }
  dyad::AgentEntry g;
  g.phrase = P("president");
  g.code = "GOV";
  g.where = {f, ++line};
  b.AddAgent(g);
  const char* verbs[][2] = {{"attacked", "190"}, {"met", "031:031"}, {"said", "010?"}};
  for (auto& v : verbs) {
    dyad::VerbBlock blk;
    blk.name = v[0];
    dyad::EventCodeSpec::Parse(v[1], &blk.code);
    uint32_t bi = b.AddVerbBlock(blk);
    dyad::VerbEntry e;
    e.block = bi;
    e.base = v[0];
    dyad::VerbForm form;
    form.words = P(v[0]);
    e.forms.push_back(form);
    e.code = blk.code;
    e.where = {f, ++line};
    b.AddVerb(e);
    dyad::Pattern p;
    p.block = bi;
    PatternElement src, word, tgt;
    src.kind = PatternElementKind::kSource;
    word.kind = PatternElementKind::kWord;
    word.word.text = "with";
    tgt.kind = PatternElementKind::kTarget;
    p.before = {src};
    p.after = {word, tgt};
    dyad::EventCodeSpec::Parse("042", &p.code);
    p.where = {f, ++line};
    b.AddPattern(p);
  }
  dyad::Discard d;
  d.phrase = P("football");
  b.AddDiscard(d);
  auto r = b.Compile();
  if (!r.ok()) std::abort();
  return *r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::shared_ptr<const dyad::Dictionary> dict = TinyDictionary();
  static const char* kVocab[] = {
      "Egypt", "syria", "Iran", "russia", "president", "attacked", "met", "said", "with", "and",
      "or",    ",",     ";",    "the",    "he",        "they",     "its", "'s",   "not",  "n't",
      "was",   "by",    "of",   "\"",     "football",  "former",   "x-y", "."};
  constexpr size_t kN = sizeof(kVocab) / sizeof(kVocab[0]);
  dyad::Sentence sentence;
  for (size_t i = 0; i < size && i < 4096; ++i) {
    const std::string_view w = kVocab[data[i] % kN];
    std::string lower(w);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    dyad::Token& t =
        sentence.AddToken(w, lower, lower,
                          std::isalpha(static_cast<unsigned char>(w[0])) ? dyad::TokenKind::kWord
                                                                         : dyad::TokenKind::kPunct);
    t.begin = static_cast<uint32_t>(i);
    t.end = t.begin + 1;
  }
  const std::vector<dyad::Token>& toks = sentence.tokens;
  dyad::CoderScratch scratch;
  dyad::SentenceResult r;
  for (auto mode : {dyad::CoderOptions::CodeBy::kClause, dyad::CoderOptions::CodeBy::kSentence,
                    dyad::CoderOptions::CodeBy::kAll}) {
    dyad::CoderOptions o;
    o.code_by = mode;
    o.split_hyphens = size % 2;
    o.tabari_endings = size % 3 == 0;
    o.distribute_agents = size % 5 == 0;
    o.compound_gap = static_cast<int>(size % 3);
    dyad::Coder coder(dict, o);
    coder.CodeSentence(toks, dyad::Date::Day(2012, 1, 1), &scratch, &r);
    if (r.events.size() > 2 * o.max_events) std::abort();
    for (const auto& e : r.events)
      if (e.code.empty() || e.source.code == e.target.code) std::abort();
  }
  return 0;
}
