#include "text/lemmatizer.h"

#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dyad/text.h"
#include "text/wordnet_tables.h"

namespace dyad::text {
namespace {

enum LexFlag : uint8_t { kNoun = 1, kVerb = 2 };

// An immutable open-addressing hash table keyed by string_view (the keys point
// into static data). std::unordered_map cost ~20% of the text stage's time in
// text_bench (perf report); here a slot is 8 bytes (key index + 16-bit hash
// tag), so the probe array of the form table stays in L2 and most misses are
// decided without touching the key bytes.
template <typename V>
class StringTable {
 public:
  // Later duplicates of a key are ignored (the first insertion wins).
  void Insert(std::string_view key, V value) { pending_.emplace_back(key, value); }
  void Build() {
    size_t cap = 16;
    while (cap < pending_.size() * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    keys_.reserve(pending_.size());
    values_.reserve(pending_.size());
    for (const auto& [key, value] : pending_) {
      if (Find(key) != nullptr) continue;
      const uint64_t h = Hash(key);
      size_t i = h & mask_;
      while (slots_[i].index != 0) i = (i + 1) & mask_;
      keys_.push_back(key);
      values_.push_back(value);
      slots_[i] = Slot{static_cast<uint32_t>(keys_.size()), static_cast<uint16_t>(h >> 48)};
    }
    pending_.clear();
    pending_.shrink_to_fit();
  }
  const V* Find(std::string_view key) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = Hash(key);
    const auto tag = static_cast<uint16_t>(h >> 48);
    size_t i = h & mask_;
    while (slots_[i].index != 0) {
      if (slots_[i].tag == tag && keys_[slots_[i].index - 1] == key) {
        return &values_[slots_[i].index - 1];
      }
      i = (i + 1) & mask_;
    }
    return nullptr;
  }

 private:
  struct Slot {
    uint32_t index = 0;  // 1-based into keys_/values_; 0 = empty
    uint16_t tag = 0;
  };
  static uint64_t Hash(std::string_view s) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a, then a final mix
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 29);
  }
  std::vector<std::pair<std::string_view, V>> pending_;
  std::vector<Slot> slots_;
  std::vector<std::string_view> keys_;
  std::vector<V> values_;
  size_t mask_ = 0;
};

struct LemmaTables {
  // Hand-written forms first, then WordNet irregular forms (verb.exc before
  // noun.exc): form -> lemma (the lemma may be the form itself).
  StringTable<std::string_view> forms;
  // WordNet noun and verb lemmas (single words) with LexFlag bits.
  StringTable<uint8_t> lexicon;
};

// Forms the rules or WordNet's lists would get wrong for news text, and
// closed-class words, written for dyad. A pair maps form -> lemma.
constexpr std::string_view kManual[][2] = {
    // Clitics (PTB tokens) and auxiliaries.
    {"'s", "'s"},
    {"n't", "not"},
    {"'re", "be"},
    {"'m", "be"},
    {"'ve", "have"},
    {"'ll", "will"},
    {"'d", "would"},
    {"ca", "can"},
    {"wo", "will"},
    {"am", "be"},
    {"are", "be"},
    {"is", "be"},
    {"was", "be"},
    {"were", "be"},
    {"been", "be"},
    {"being", "be"},
    {"has", "have"},
    {"had", "have"},
    {"having", "have"},
    {"does", "do"},
    {"did", "do"},
    {"done", "do"},
    {"doing", "do"},
    {"goes", "go"},
    {"gone", "go"},
    {"went", "go"},
    // Nouns whose plural-looking form is the lemma, or whose WordNet lemma is
    // not the one news analysis wants.
    {"news", "news"},
    {"media", "media"},
    {"data", "data"},
    {"people", "people"},
    {"police", "police"},
    {"species", "species"},
    {"series", "series"},
    {"means", "means"},
    {"headquarters", "headquarters"},
    {"arms", "arms"},
    {"forces", "force"},
    {"politics", "politics"},
    {"economics", "economics"},
    {"physics", "physics"},
    {"mathematics", "mathematics"},
    {"ethics", "ethics"},
    {"tactics", "tactic"},
    {"gas", "gas"},
    {"bias", "bias"},
    {"alias", "alias"},
    {"atlas", "atlas"},
    {"canvas", "canvas"},
    {"lens", "lens"},
    {"chaos", "chaos"},
    {"ethos", "ethos"},
    {"kudos", "kudos"},
    {"yes", "yes"},
    {"its", "its"},
    {"this", "this"},
    {"thus", "thus"},
    {"plus", "plus"},
    {"always", "always"},
    {"perhaps", "perhaps"},
    {"whereas", "whereas"},
    {"towards", "towards"},
    {"afterwards", "afterwards"},
    {"sometimes", "sometimes"},
    {"besides", "besides"},
    {"nowadays", "nowadays"},
    {"overseas", "overseas"},
    {"ourselves", "ourselves"},
    {"themselves", "themselves"},
    {"yourselves", "yourselves"},
    {"hers", "hers"},
    {"ours", "ours"},
    {"yours", "yours"},
    {"theirs", "theirs"},
    {"us", "us"},
    {"as", "as"},
    {"ground", "ground"},
    {"wound", "wound"},
    {"united", "united"},
    {"evening", "evening"},
    {"morning", "morning"},
    {"ceiling", "ceiling"},
    {"wedding", "wedding"},
    {"during", "during"},
    {"according", "according"},
    {"including", "including"},
    {"following", "following"},
    {"lives", "life"},
    {"saw", "see"},
    {"left", "leave"},
    {"felt", "feel"},
    {"lay", "lie"},
    {"lain", "lie"},
    {"bases", "base"},
    {"taxes", "tax"},
    {"axes", "axis"},
    {"crises", "crisis"},
    {"analyses", "analysis"},
    {"theses", "thesis"},
    {"hypotheses", "hypothesis"},
    {"diagnoses", "diagnosis"},
    {"oases", "oasis"},
    {"texas", "texas"},
    {"kansas", "kansas"},
    {"arkansas", "arkansas"},
    {"athens", "athens"},
    {"paris", "paris"},
    {"reuters", "reuters"},
    {"wales", "wales"},
    {"mars", "mars"},
    {"fled", "flee"},
    {"sought", "seek"},
    {"struck", "strike"},
    {"held", "hold"},
    {"led", "lead"},
    {"won", "win"},
    {"fought", "fight"},
    {"began", "begin"},
    {"met", "meet"},
    {"said", "say"},
    {"says", "say"},
    {"men", "man"},
    {"women", "woman"},
    {"children", "child"},
    {"talks", "talk"},
    {"countries", "country"},
    {"militia", "militia"},
    {"militias", "militia"},
    {"criteria", "criterion"},
    {"phenomena", "phenomenon"},
    {"leaves", "leave"},
    {"saving", "save"},
    {"savings", "savings"},
    {"thanks", "thanks"},
    {"hostilities", "hostility"},
    {"clothes", "clothes"},
    {"barracks", "barracks"},
    {"whereabouts", "whereabouts"},
    {"philippines", "philippines"},
    {"netherlands", "netherlands"},
    {"emirates", "emirates"},
    {"customs", "customs"},
    {"goods", "goods"},
    {"riches", "riches"},
    {"tidings", "tidings"},
};

void AddLines(const char* text, StringTable<std::string_view>* table) {
  std::string_view all(text);
  while (!all.empty()) {
    const size_t nl = all.find('\n');
    std::string_view line = all.substr(0, nl);
    all = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);
    const size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    table->Insert(line.substr(0, sp), line.substr(sp + 1));
  }
}

// The verb list comes after the noun list and is merged by a second pass.
void AddLexicon(const char* nouns, const char* verbs, StringTable<uint8_t>* table) {
  std::unordered_map<std::string_view, uint8_t> flags;
  flags.reserve(70000);
  for (auto [text, flag] : {std::pair{nouns, kNoun}, std::pair{verbs, kVerb}}) {
    std::string_view all(text);
    while (!all.empty()) {
      const size_t nl = all.find('\n');
      std::string_view word = all.substr(0, nl);
      all = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);
      if (!word.empty()) flags[word] |= flag;
    }
  }
  for (const auto& [word, f] : flags) table->Insert(word, f);
}

const LemmaTables& Tables() {
  static const LemmaTables* tables = [] {
    auto* t = new LemmaTables;
    for (const auto& pair : kManual) t->forms.Insert(pair[0], pair[1]);
    AddLines(kWordNetVerbExc, &t->forms);
    AddLines(kWordNetNounExc, &t->forms);
    t->forms.Build();
    AddLexicon(kWordNetNounIndex, kWordNetVerbIndex, &t->lexicon);
    t->lexicon.Build();
    return t;
  }();
  return *tables;
}

uint8_t LexFlags(const LemmaTables& t, std::string_view w) {
  const uint8_t* f = t.lexicon.Find(w);
  return f == nullptr ? 0 : *f;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// "hop" (consonant-vowel-consonant): its -ing/-ed forms double the consonant,
// so "hoping" must come from "hope", not "hop".
bool EndsCvc(std::string_view w) {
  if (w.size() < 3) return false;
  const char a = w[w.size() - 3], b = w[w.size() - 2], c = w[w.size() - 1];
  return !IsVowel(a) && IsVowel(b) && !IsVowel(c) && c != 'w' && c != 'x' && c != 'y';
}

// Suffix rules for an all-letter word; returns false when none is confirmed.
bool ApplyRules(const LemmaTables& t, std::string_view w, std::string* out) {
  const size_t n = w.size();
  std::string cand;
  auto try_cand = [&](std::string_view stem, std::string_view add, uint8_t want) {
    if (stem.size() < 2) return false;
    cand.assign(stem);
    cand.append(add);
    if (LexFlags(t, cand) & want) {
      *out = cand;
      return true;
    }
    return false;
  };
  if (w.back() == 's' && n >= 4) {
    if (EndsWith(w, "ss") || EndsWith(w, "us") || EndsWith(w, "is") || EndsWith(w, "ics")) {
      return false;
    }
    if (EndsWith(w, "ies") && try_cand(w.substr(0, n - 3), "y", kNoun | kVerb)) return true;
    for (std::string_view suf : {"sses", "ches", "shes", "xes", "zes"}) {
      if (EndsWith(w, suf) && try_cand(w.substr(0, n - 2), "", kNoun | kVerb)) return true;
    }
    if (EndsWith(w, "ses") && try_cand(w.substr(0, n - 2), "", kNoun)) return true;
    cand.assign(w.substr(0, n - 1));
    const uint8_t c = LexFlags(t, cand);
    // Words like "species" whose singular-looking form is another word are in kManual.
    if (c != 0) {
      *out = cand;
      return true;
    }
    if (EndsWith(w, "es") && try_cand(w.substr(0, n - 2), "", kVerb | kNoun)) return true;
    return false;
  }
  if (EndsWith(w, "men") && n >= 5 && !(LexFlags(t, w) & kNoun)) {
    return try_cand(w.substr(0, n - 3), "man", kNoun);
  }
  std::string_view stem;
  if (EndsWith(w, "ing") && n >= 5) {
    stem = w.substr(0, n - 3);
  } else if (EndsWith(w, "ed") && n >= 4) {
    if (EndsWith(w, "ied") && try_cand(w.substr(0, n - 3), "y", kVerb)) return true;
    stem = w.substr(0, n - 2);
  } else {
    return false;
  }
  // Doubled final consonant: "planned" -> "plan".
  if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && !IsVowel(stem.back()) &&
      stem.back() != 's' && stem.back() != 'l' &&
      try_cand(stem.substr(0, stem.size() - 1), "", kVerb)) {
    return true;
  }
  if (EndsCvc(stem)) {
    if (try_cand(stem, "e", kVerb) || try_cand(stem, "", kVerb)) return true;
  } else {
    if (try_cand(stem, "", kVerb) || try_cand(stem, "e", kVerb)) return true;
  }
  // Consonant + l/s doubling kept ("called" -> "call" is the plain stem, handled above).
  return false;
}

void LemmatizeWord(const LemmaTables& t, std::string_view w, std::string* out) {
  if (const std::string_view* lemma = t.forms.Find(w)) {
    out->assign(*lemma);
    return;
  }
  if (w.size() < 4) {
    out->assign(w);
    return;
  }
  for (char c : w) {
    if (c < 'a' || c > 'z') {
      out->assign(w);
      return;
    }
  }
  if (!ApplyRules(t, w, out)) out->assign(w);
}

}  // namespace

void LemmatizeInto(std::string_view lower, std::string* out) {
  const LemmaTables& t = Tables();
  if (lower.empty()) {
    out->clear();
    return;
  }
  // "cease-fires" -> "cease-fire": the head of a hyphenated compound inflects.
  const size_t dash = lower.rfind('-');
  if (dash != std::string_view::npos && dash > 0 && lower.size() - dash > 3 &&
      lower.find('\'') == std::string_view::npos) {
    std::string head;
    LemmatizeWord(t, lower.substr(dash + 1), &head);
    out->assign(lower.substr(0, dash + 1));
    out->append(head);
    return;
  }
  LemmatizeWord(t, lower, out);
}

}  // namespace dyad::text

namespace dyad {

std::string Lemmatize(std::string_view lower_word) {
  std::string out;
  text::LemmatizeInto(lower_word, &out);
  return out;
}

}  // namespace dyad
