// The event coder: a TABARI-style shallow parse of raw tokens (see
// include/dyad/coder.h and docs/coder.md).
#include "dyad/coder.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <deque>
#include <unordered_map>

#include "code/syntax.h"
#include "dyad/codebook.h"
#include "dyad/parse.h"

namespace dyad {

// ---------------------------------------------------------------------------
// Per-thread working memory.

namespace {

enum WordType : uint8_t {
  kOther = 0,
  kActorWord,  // part of an actor (or composed agent) mention
  kAgentWord,  // part of an agent mention not (yet) composed
  kVerbWord,   // part of a verb form
  kNounWord,   // null-coded actor, verb shifted to noun
  kPronoun,
  kConj,
  kDeterm,
  kComma,
  kByWord,
  kAuxWord,
  kNegation,
  kNumber,
};

struct Word {
  uint32_t tok = 0;  // index of the token in the sentence
  std::string_view lower, lemma;
  WordType type = kOther;
  bool cap = false;          // starts with an upper-case letter
  bool possessive = false;   // followed by "'s" / "'"
  bool in_compound = false;  // a comma/conjunction inside a compound actor list
  int32_t mention = -1;
  int32_t verb = -1;  // index into Impl::verbs when a verb form starts here
};

struct Mention {
  uint32_t b = 0, e = 0;  // word span [b, e)
  std::string code;       // composed code, "" = none
  int32_t actor_entry = -1;
  int32_t agent_entry = -1;  // the agent composed with it (or the bare agent)
  bool agent_only = false;   // an agent not attached to an actor
  bool pronoun = false;
  int32_t compound = -1;    // index into Impl::compounds
  bool dead = false;        // dropped (inside a removed comma clause, merged)
  int32_t lead_agent = -1;  // agent composed from before ("ambassadors of X")
  std::string actor_code;   // the actor's own code, before agents are composed
};

struct VerbAt {
  uint32_t b = 0, e = 0;  // word span of the form
  uint32_t verb = 0;      // VerbEntry index
  uint32_t form = 0;
  bool noun = false;       // shifted to a noun
  bool null_verb = false;  // null code and no patterns: not a verb at all
};

struct Compound {
  std::vector<int32_t> members;  // mention indices in order
  uint32_t b = 0, e = 0;         // word span
};

// An actor slot: a mention (expanding to its compound when it has one).
struct Slot {
  int32_t mention = -1;
  bool valid() const { return mention >= 0; }
};

}  // namespace

struct CoderScratch::Impl {
  std::vector<Token> filtered;  // unused placeholder for future reuse
  std::vector<Word> words;
  std::vector<Mention> mentions;
  std::vector<VerbAt> verbs;
  std::vector<Compound> compounds;
  std::vector<PhraseMatch> actor_matches, agent_matches, discard_matches;
  std::vector<VerbHit> hits;
  std::vector<uint8_t> removed;
  std::vector<uint32_t> clause_starts;
  // A closing attribution clause (FindClauses): where it starts, its speaker.
  uint32_t attribution_start = 0;
  int32_t attribution_source = -1;
  std::vector<Word> kept;
  std::deque<std::string> store;               // merged words ("didn't") for this sentence
  std::vector<Token> view;                     // words as tokens for the phrase matcher
  // Per coded word, its id in Coder::Index::word_ids (kNoWordId when the
  // word occurs in no required word or synset first word); filled by CodeClauses.
  std::vector<uint32_t> word_ids;
  // present[id] == present_gen: the word `id` is in the sentence (pattern prefilter).
  std::vector<uint32_t> present;
  uint32_t present_gen = 0;
  // TABARI FORWARD: the first actor (without agents) of the previous sentence
  // of the story, for a pronoun with no antecedent in its own sentence.
  std::string forward_code;
  int32_t forward_entry = -1;
  // CoderOptions::syntax: the parse of the current sentence, made on first
  // need (an event verb with an actor), and the tree over it.
  ParsedSentence parsed;
  std::vector<std::string_view> parse_words, parse_lower;
  code_internal::DependencyTree tree;
  uint64_t parsed_sentences = 0;
  uint64_t syntax_events = 0;
};

CoderScratch::CoderScratch() : impl_(std::make_unique<Impl>()) {}
CoderScratch::~CoderScratch() = default;
uint64_t CoderScratch::parsed_sentences() const { return impl_->parsed_sentences; }
uint64_t CoderScratch::syntax_events() const { return impl_->syntax_events; }

void CoderScratch::NewStory() {
  impl_->forward_code.clear();
  impl_->forward_entry = -1;
}

std::string_view SentenceStatusName(SentenceStatus s) {
  switch (s) {
    case SentenceStatus::kNoEvent:
      return "no event";
    case SentenceStatus::kCoded:
      return "coded";
    case SentenceStatus::kDiscard:
      return "discard";
    case SentenceStatus::kComplex:
      return "complex";
    case SentenceStatus::kTooShort:
      return "too short";
  }
  return "?";
}

// ---------------------------------------------------------------------------
// Options

namespace {

std::string UpperAscii(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Value of "NAME = n" / "NAME=n" / "NAME[n]" in `s` (upper case), or -1.
int NumberAfter(std::string_view s, std::string_view name) {
  size_t i = 0;
  while ((i = s.find(name, i)) != std::string_view::npos) {
    if (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) {
      i += name.size();
      continue;
    }
    size_t k = i + name.size();
    if (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) {
      i = k;
      continue;
    }
    while (k < s.size() && (s[k] == ' ' || s[k] == '=' || s[k] == '[')) ++k;
    if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
      int v = 0;
      while (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])))
        v = v * 10 + (s[k++] - '0');
      return v;
    }
    return -1;
  }
  return -1;
}

bool HasWord(std::string_view s, std::string_view w) {
  size_t i = 0;
  while ((i = s.find(w, i)) != std::string_view::npos) {
    bool left = i == 0 || !std::isalpha(static_cast<unsigned char>(s[i - 1]));
    size_t k = i + w.size();
    bool right = k >= s.size() || !std::isalpha(static_cast<unsigned char>(s[k]));
    if (left && right) return true;
    i = k;
  }
  return false;
}

// "[CODE]" after `key` in `s`.
std::string BracketAfter(std::string_view s, std::string_view key) {
  size_t i = s.find(key);
  if (i == std::string_view::npos) return "";
  size_t b = s.find('[', i);
  size_t e = s.find(']', b == std::string_view::npos ? i : b);
  if (b == std::string_view::npos || e == std::string_view::npos) return "";
  return std::string(TrimView(s.substr(b + 1, e - b - 1)));
}

}  // namespace

Status ApplyTabariOption(std::string_view line, CoderOptions* o, bool* ignored) {
  if (ignored) *ignored = false;
  std::string up = UpperAscii(TrimView(line));
  size_t colon = up.find(':');
  if (colon == std::string::npos)
    return Status::InvalidArgument("option '" + std::string(line) +
                                   "' has no 'COMMAND:'; expected e.g. 'SET: CODE BY CLAUSE'");
  std::string cmd(TrimView(std::string_view(up).substr(0, colon)));
  std::string_view rest = TrimView(std::string_view(up).substr(colon + 1));
  if (cmd == "COMPLEX") {
    o->complex_verbs = std::max(0, NumberAfter(rest, "VERBS"));
    o->complex_actors = std::max(0, NumberAfter(rest, "ACTORS"));
    o->complex_conj = std::max(0, NumberAfter(rest, "CONJ"));
    o->complex_pronouns = std::max(0, NumberAfter(rest, "PRONOUNS"));
    o->complex_noactprior = HasWord(rest, "NOACTPRIOR");
    o->complex_noverb = HasWord(rest, "NOVERB");
    return Status::Ok();
  }
  if (cmd == "COMMA") {
    if (HasWord(rest, "OFF")) {
      o->comma_off = true;
      return Status::Ok();
    }
    o->comma_off = false;
    int v;
    if ((v = NumberAfter(rest, "MIN")) >= 0) o->comma_min = v;
    if ((v = NumberAfter(rest, "MAX")) >= 0) o->comma_max = v;
    if ((v = NumberAfter(rest, "BMIN")) >= 0) o->comma_bmin = v;
    if ((v = NumberAfter(rest, "BMAX")) >= 0) o->comma_bmax = v;
    if ((v = NumberAfter(rest, "EMIN")) >= 0) o->comma_emin = v;
    if ((v = NumberAfter(rest, "EMAX")) >= 0) o->comma_emax = v;
    return Status::Ok();
  }
  if (cmd == "DEFAULT") {
    if (HasWord(rest, "OFF")) {
      o->default_source.clear();
      o->default_target.clear();
      o->default_source_prior = o->default_target_after = false;
      return Status::Ok();
    }
    size_t t = rest.find("TARGET");
    std::string_view src_part = rest.substr(0, t);
    std::string_view tgt_part = t == std::string_view::npos ? std::string_view() : rest.substr(t);
    if (src_part.find("SOURCE") != std::string_view::npos) {
      o->default_source = BracketAfter(src_part, "SOURCE");
      o->default_source_prior = HasWord(src_part, "PRIOR");
    }
    if (!tgt_part.empty()) {
      o->default_target = BracketAfter(tgt_part, "TARGET");
      o->default_target_after = HasWord(tgt_part, "AFTER");
    }
    return Status::Ok();
  }
  if (cmd == "FORWARD") {
    // "FORWARD: ^^*****NNN*SSS [DOC] [OFF]": only on/off is used.
    o->forward = !HasWord(rest, "OFF");
    return Status::Ok();
  }
  if (cmd == "SET") {
    std::string compact;
    for (char c : rest)
      if (c != ' ') compact.push_back(c);
    auto value = [&]() {
      size_t eq = compact.find('=');
      return eq == std::string::npos ? std::string() : compact.substr(eq + 1);
    };
    if (compact == "CODEBYCLAUSE")
      o->code_by = CoderOptions::CodeBy::kClause;
    else if (compact == "CODEBYSENTENCE")
      o->code_by = CoderOptions::CodeBy::kSentence;
    else if (compact == "CODEALL")
      o->code_by = CoderOptions::CodeBy::kAll;
    else if (compact.rfind("CONVERTAGENT", 0) == 0)
      o->convert_agents = value() == "TRUE";
    else if (compact.rfind("MINIMUMWORDS", 0) == 0)
      o->minimum_words = std::atoi(value().c_str());
    else if (ignored)
      *ignored = true;
    return Status::Ok();
  }
  if (ignored) *ignored = true;  // LABEL, OUTPUT, FORWARD, NONEVENTS, ...
  return Status::Ok();
}

CoderOptions CoderOptionsForDictionary(const Dictionary& dict, std::vector<std::string>* warnings) {
  CoderOptions o;
  for (const DictOption& opt : dict.options()) {
    std::string key = UpperAscii(TrimView(opt.key));
    if (!key.empty() && key.back() == ':') key.pop_back();
    if (key != "COMPLEX" && key != "COMMA" && key != "DEFAULT" && key != "SET") continue;
    Status st = ApplyTabariOption(key + ": " + opt.value, &o);
    if (!st.ok() && warnings) warnings->push_back(dict.Where(opt.where) + ": " + st.message());
  }
  return o;
}

// ---------------------------------------------------------------------------
// Coder

struct Coder::Index {
  // TABARI <NOUN> and <ADJECTIVE> lists (lower case; `stem` when written
  // without a trailing "_").
  struct ListWord {
    std::string text;
    bool stem = true;
  };
  std::vector<ListWord> nouns, adjectives;
  static bool InList(const std::vector<ListWord>& l, std::string_view w) {
    for (const ListWord& x : l)
      if (x.stem ? w.substr(0, x.text.size()) == x.text : w == x.text) return true;
    return false;
  }
  // Patterns of each verb block, longest (most specific) first, file order on ties.
  std::vector<std::vector<uint32_t>> block_patterns;
  // Per pattern: exact words it cannot match without (top-level words and
  // the words of its noun/prep phrases), sorted. A pattern is only tried when
  // all of them are among the sentence's words. Empty when exact words may
  // also match lemmas or endings (`use_lemma`, `tabari_endings`): then every
  // pattern is tried.
  // Stored as ids into `word_ids`, sorted.
  std::vector<std::vector<uint32_t>> required_words;
  // The same in one array: pattern pi's ids are
  // required_ids[required_begin[pi] .. required_begin[pi + 1]).
  std::vector<uint32_t> required_ids, required_begin;
  // The exact words that `required_words` and `synset_first` name, each with
  // a dense id, so a sentence word is looked up once and then compared as an
  // integer.
  static constexpr uint32_t kNoWordId = UINT32_MAX;
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, uint32_t, WordHash, std::equal_to<>> word_ids;
  uint32_t Intern(std::string_view w) {
    auto it = word_ids.find(w);
    if (it != word_ids.end()) return it->second;
    const uint32_t id = static_cast<uint32_t>(word_ids.size());
    word_ids.emplace(std::string(w), id);
    return id;
  }
  uint32_t IdOf(std::string_view w) const {
    auto it = word_ids.find(w);
    return it == word_ids.end() ? kNoWordId : it->second;
  }
  // TABARI actor phrases with a blank connector ("PRINCE DOL_AMROTH"): other
  // words may stand where the blank is. The dictionary's phrase matcher reads
  // phrases as contiguous, so the coder matches these itself.
  std::vector<const Phrase*> gap_actors;
  std::vector<uint32_t> gap_actor_entries;  // ActorEntry index, parallel
  // Per synset, per phrase, per word: the synset a "&NAME" word names, else -1.
  std::vector<std::vector<std::vector<int>>> synset_words;
  // Per synset (built only when `required_words` is): the phrases by their
  // exact first word, sorted, and the phrases that must always be tried
  // (first word a stem or a nested synset). SynsetAt then tries only the
  // phrases that can start at the word in hand.
  struct SynsetFirst {
    std::vector<std::pair<uint32_t, uint32_t>> by_first;  // (word id, phrase)
    std::vector<uint32_t> always;
  };
  std::vector<SynsetFirst> synset_first;
  bool synset_first_on = false;
  // Synset index per pattern element, keyed by element address.
  std::vector<std::pair<const PatternElement*, int>> synset_of;
  std::unordered_map<const PatternElement*, int> synset_of_map;  // the same, hashed
  int SynsetOf(const PatternElement* e) const {
    auto it = synset_of_map.find(e);
    return it == synset_of_map.end() ? -1 : it->second;
  }
};

namespace {

// A synset by name; PETRARCH defines "&PREPOSIT1_" (no plurals) and uses
// "&PREPOSIT1" in patterns (VERB-11).
int FindSynsetLoose(const Dictionary& d, std::string_view name) {
  int si = d.FindSynset(name);
  if (si < 0 && !name.empty() && name.back() != '_') si = d.FindSynset(std::string(name) + "_");
  return si;
}

void CollectSynsets(const Dictionary& d, const std::vector<PatternElement>& els,
                    std::vector<std::pair<const PatternElement*, int>>* out) {
  for (const PatternElement& e : els) {
    if (e.kind == PatternElementKind::kSynset)
      out->push_back({&e, FindSynsetLoose(d, e.word.text)});
    if (!e.children.empty()) CollectSynsets(d, e.children, out);
  }
}

// Specificity (letters and digits of literal words, as the dictionary
// readers count it) of a pattern element and everything inside it.
uint32_t ElementSpecificity(const PatternElement& e) {
  uint32_t n = 0;
  if (e.kind == PatternElementKind::kWord)
    for (char c : e.word.text)
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          static_cast<unsigned char>(c) >= 0x80)
        ++n;
  for (const PatternElement& c : e.children) n += ElementSpecificity(c);
  return n;
}

}  // namespace

Coder::Coder(std::shared_ptr<const Dictionary> dict, CoderOptions options)
    : dict_(std::move(dict)), options_(std::move(options)), index_(std::make_unique<Index>()) {
  const Dictionary& d = *dict_;
  index_->block_patterns.resize(d.verb_blocks().size());
  for (size_t b = 0; b < d.verb_blocks().size(); ++b) {
    std::vector<uint32_t> ps = d.verb_blocks()[b].patterns;
    std::stable_sort(ps.begin(), ps.end(), [&](uint32_t x, uint32_t y) {
      return d.patterns()[x].specificity > d.patterns()[y].specificity;
    });
    index_->block_patterns[b] = std::move(ps);
  }
  index_->required_words.resize(d.patterns().size());
  if (!options_.use_lemma && !options_.tabari_endings) {
    for (size_t pi = 0; pi < d.patterns().size(); ++pi) {
      std::vector<uint32_t>& req = index_->required_words[pi];
      auto add = [&](const PatternElement& e) {
        if (e.kind != PatternElementKind::kWord || e.word.stem || e.word.text.empty()) return;
        std::string_view t = e.word.text;
        if (options_.split_hyphens && t.size() > 1 && t.back() == '-') t.remove_suffix(1);
        req.push_back(index_->Intern(t));
      };
      for (const auto* side : {&d.patterns()[pi].before, &d.patterns()[pi].after})
        for (const PatternElement& e : *side) {
          add(e);
          if (e.kind == PatternElementKind::kNounPhrase ||
              e.kind == PatternElementKind::kPrepPhrase)
            for (const PatternElement& c : e.children) add(c);
        }
      std::sort(req.begin(), req.end());
      req.erase(std::unique(req.begin(), req.end()), req.end());
    }
  }
  index_->required_begin.reserve(d.patterns().size() + 1);
  for (const std::vector<uint32_t>& req : index_->required_words) {
    index_->required_begin.push_back(static_cast<uint32_t>(index_->required_ids.size()));
    index_->required_ids.insert(index_->required_ids.end(), req.begin(), req.end());
  }
  index_->required_begin.push_back(static_cast<uint32_t>(index_->required_ids.size()));
  for (const DictOption& opt : d.options()) {
    if (opt.key != "NOUN" && opt.key != "ADJECTIVE") continue;
    std::string v = opt.value;
    size_t sp = v.find_first_of(" \t");
    if (sp != std::string::npos) v.resize(sp);
    Index::ListWord w;
    for (char& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (!v.empty() && v.back() == '_') {
      v.pop_back();
      w.stem = false;
    }
    // Multi-word entries ("POLITICAL_SCIENTISTS") are listed by their last word.
    size_t us = v.rfind('_');
    if (us != std::string::npos) v = v.substr(us + 1);
    if (v.empty()) continue;
    w.text = v;
    (opt.key == "NOUN" ? index_->nouns : index_->adjectives).push_back(std::move(w));
  }
  for (size_t a = 0; a < d.actors().size(); ++a) {
    auto add = [&](const Phrase& p) {
      for (size_t k = 1; k < p.words.size(); ++k)
        if (p.words[k].gap_before) {
          index_->gap_actors.push_back(&p);
          index_->gap_actor_entries.push_back(static_cast<uint32_t>(a));
          return;
        }
    };
    add(d.actors()[a].primary);
    for (const Phrase& p : d.actors()[a].synonyms) add(p);
  }
  index_->synset_words.resize(d.synsets().size());
  for (size_t si = 0; si < d.synsets().size(); ++si) {
    for (const Phrase& p : d.synsets()[si].phrases) {
      std::vector<int> nested(p.words.size(), -1);
      for (size_t k = 0; k < p.words.size(); ++k)
        if (p.words[k].text.size() > 1 && p.words[k].text[0] == '&')
          nested[k] = FindSynsetLoose(d, p.words[k].text);
      index_->synset_words[si].push_back(std::move(nested));
    }
  }
  if (!options_.use_lemma && !options_.tabari_endings) {
    index_->synset_first_on = true;
    index_->synset_first.resize(d.synsets().size());
    for (size_t si = 0; si < d.synsets().size(); ++si) {
      Index::SynsetFirst& f = index_->synset_first[si];
      const std::vector<Phrase>& ph = d.synsets()[si].phrases;
      for (uint32_t pi = 0; pi < ph.size(); ++pi) {
        const PhraseWord& w = ph[pi].words[0];
        // "DID N'T" matches the merged word "didn't": always tried.
        const bool contraction = ph[pi].words.size() > 1 && ph[pi].words[1].text == "n't";
        if (w.stem || index_->synset_words[si][pi][0] >= 0 || contraction) {
          f.always.push_back(pi);
          continue;
        }
        std::string_view t = w.text;
        if (options_.split_hyphens && t.size() > 1 && t.back() == '-') t.remove_suffix(1);
        f.by_first.emplace_back(index_->Intern(t), pi);
      }
      std::sort(f.by_first.begin(), f.by_first.end());
    }
  }
  for (const Pattern& p : d.patterns()) {
    CollectSynsets(d, p.before, &index_->synset_of);
    CollectSynsets(d, p.after, &index_->synset_of);
  }
  std::sort(index_->synset_of.begin(), index_->synset_of.end());
  index_->synset_of_map.reserve(index_->synset_of.size());
  for (const auto& [e, si] : index_->synset_of) index_->synset_of_map.emplace(e, si);
}

Coder::~Coder() = default;

namespace {

// The closed-class word types of ClassifyOthers (pronoun, conjunction,
// determiner, "by", auxiliary, negation), else kOther. Only words of one to
// five letters can be one of the listed words, so most words cost a length test.
WordType ClosedClass(std::string_view l) {
  if (l.size() > 3 && l.substr(l.size() - 3) == "n't") return kNegation;
  if (l.empty() || l.size() > 5) return kOther;
  static constexpr std::pair<std::string_view, WordType> kWords[] = {
      {"he", kPronoun},    {"she", kPronoun},  {"it", kPronoun},     {"its", kPronoun},
      {"his", kPronoun},   {"her", kPronoun},  {"they", kPronoun},   {"them", kPronoun},
      {"their", kPronoun}, {"and", kConj},     {"but", kConj},       {"or", kConj},
      {"nor", kConj},      {"a", kDeterm},     {"an", kDeterm},      {"the", kDeterm},
      {"by", kByWord},     {"was", kAuxWord},  {"were", kAuxWord},   {"been", kAuxWord},
      {"is", kAuxWord},    {"are", kAuxWord},  {"be", kAuxWord},     {"being", kAuxWord},
      {"not", kNegation},  {"n't", kNegation}, {"never", kNegation},
  };
  for (const auto& [word, type] : kWords)
    if (l.size() == word.size() && l[0] == word[0] && l == word) return type;
  return kOther;
}

bool IsAny(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

bool IsUpperStart(std::string_view text) {
  if (text.empty()) return false;
  unsigned char c = static_cast<unsigned char>(text[0]);
  if (c < 0x80) return std::isupper(c);
  return false;  // non-ASCII initials: no capitalization rule
}

// TABARI 5.2.3 regular endings.
constexpr std::string_view kVerbEndings[] = {"s", "es", "ed", "en", "ing"};
constexpr std::string_view kNounEndings[] = {"s", "es"};

// `w` equals `text` or `text` plus one of `endings`.
template <size_t N>
bool EqualsWithEnding(std::string_view w, std::string_view text,
                      const std::string_view (&endings)[N]) {
  if (w.size() <= text.size() || w.compare(0, text.size(), text) != 0) return w == text;
  std::string_view rest = w.substr(text.size());
  for (std::string_view e : endings)
    if (rest == e) return true;
  return false;
}

// "deplored": "-ed" written as "d" after a final "e" (TABARI manual 5.2.3
// regular endings; VERBEND-02b).
bool EDropsE(std::string_view w) { return w.size() > 4 && w.substr(w.size() - 2) == "ed"; }

bool VerbEqualsWithEnding(std::string_view w, std::string_view text) {
  if (EqualsWithEnding(w, text, kVerbEndings)) return true;
  return !text.empty() && text.back() == 'e' && w.size() == text.size() + 1 && w.back() == 'd' &&
         w.compare(0, text.size(), text) == 0;
}

// "-es" is a plural ending after a sibilant: s, x, z, ch, sh.
bool EsPlural(std::string_view w) {
  if (w.size() < 4) return false;
  std::string_view stem = w.substr(0, w.size() - 2);
  char c = stem.back();
  if (c == 's' || c == 'x' || c == 'z') return true;
  return stem.size() >= 2 && stem[stem.size() - 1] == 'h' &&
         (stem[stem.size() - 2] == 'c' || stem[stem.size() - 2] == 's');
}

bool HasLower(std::string_view text) {
  for (char c : text)
    if (c >= 'a' && c <= 'z') return true;
  return false;
}

// Words that open an adverbial phrase rather than a speaker's noun phrase.
const std::initializer_list<std::string_view> kClauseOpeners = {
    "after",  "before", "in",      "on",     "at",       "of",     "for",     "with",
    "from",   "to",     "since",   "during", "when",     "while",  "as",      "than",
    "almost", "about",  "under",   "over",   "into",     "by",     "which",   "who",
    "that",   "where",  "because", "if",     "although", "though", "despite", "amid"};

// Everything CodeSentence needs while working on one sentence.
class SentenceCoder {
 public:
  SentenceCoder(const Dictionary& d, const CoderOptions& o, const Coder::Index& x,
                CoderScratch::Impl* s, const Date& date, const Parser* parser)
      : d_(d), o_(o), x_(x), s_(*s), date_(date), parser_(o.syntax ? parser : nullptr) {}

  void Run(std::span<const Token> tokens, SentenceResult* out);

 private:
  bool Load(std::span<const Token> tokens);
  bool Discarded();
  void ClassifyActors();
  void ClassifyOthers();
  void AddGapActors();
  void ComposeAgents();
  void FindCompounds();
  void DropPossessiveQualifiers();
  void ResolvePronouns();
  void RemoveCommaClauses();
  void DropFinalAttribution(uint32_t comma);
  void Compact();
  void FindClauses();
  bool TooComplex(std::string* why);
  void CodeClauses(SentenceResult* out);
  void Trace(SentenceResult* out) const;

  // Pattern matching.
  struct Binding {
    int32_t src = -1, tgt = -1;
    bool compound_both = false;
    bool has_negation = false;  // the pattern mentions a negation word
    // Specificity of the options of TABARI alternatives that did not match:
    // the pattern counts as this much shorter (see CodeClauses).
    uint32_t unmatched_options = 0;
  };
  int LiteralAt(const PatternElement& el, uint32_t q, uint32_t limit) const;
  int SynsetAt(int si, uint32_t q, uint32_t limit, int depth) const;
  int PhraseAt(const Phrase& p, const std::vector<int>& nested, size_t k, uint32_t q,
               uint32_t limit, int depth) const;
  bool WordMatches(const PhraseWord& w, uint32_t q) const;
  bool Seq(const std::vector<PatternElement>& els, size_t k, uint32_t pos, uint32_t limit,
           bool consec_first, int64_t end_at, Binding* b, uint32_t* end_out);
  bool MatchPattern(const Pattern& p, const VerbAt& v, uint32_t lo, uint32_t hi, Binding* b);
  int32_t FirstMentionFrom(uint32_t pos, uint32_t limit) const;
  bool SameCode(int32_t a, int32_t b) const;
  // Mention m can be the subject of the verb starting at word verb_b.
  bool IsSubjectOf(int32_t m, uint32_t verb_b) const;
  void Expand(int32_t m, std::vector<std::pair<std::string, int32_t>>* out) const;
  // CoderOptions::syntax: parses the sentence once (false when it cannot be
  // parsed), and finds the first live actor mention inside the phrase headed
  // by token `head`, other than `not_like` (a mention whose code, or
  // compound, it must not share).
  bool EnsureParse();
  // At least two live actor mentions with different codes: with fewer, the
  // parse has nothing to choose between, so the sentence is not parsed.
  bool TwoLiveCodes() const;
  int32_t MentionInPhrase(int head, int32_t not_like) const;
  std::string_view AttachmentOf(int32_t m, int v) const;  // DependencyTree::AttachmentTo
  bool MentionIn(int32_t m, int head) const;  // a word of mention m is in the phrase
  // The codes of the given mentions, "A/B" codes split, duplicates removed.
  void ExpandMembers(const std::vector<int32_t>& ms,
                     std::vector<std::pair<std::string, int32_t>>* out) const;

  const Dictionary& d_;
  const CoderOptions& o_;
  const Coder::Index& x_;
  CoderScratch::Impl& s_;
  Date date_;
  const Parser* parser_;
  int parse_state_ = 0;  // 0 not tried, 1 parsed, -1 failed
  std::span<const Token> tokens_;
  size_t steps_ = 0;
  // "$"/"+" inside a synset phrase ("PESO_$"): the actor bound by the phrase
  // chosen in the last SynsetAt (SYNSET-24a).
  mutable int32_t synset_src_ = -1, synset_tgt_ = -1;
  // The pattern word being matched is joined by "_" to what follows it: only
  // the last word of such a phrase takes regular endings (NOUNEND-13b).
  bool joined_next_ = false;
};

bool SentenceCoder::Load(std::span<const Token> tokens) {
  tokens_ = tokens;
  s_.words.clear();
  s_.mentions.clear();
  s_.verbs.clear();
  s_.compounds.clear();
  s_.store.clear();
  size_t n = std::min(tokens.size(), o_.max_sentence_words);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = tokens[i];
    std::string_view lw = t.lower;
    if (lw == "n't" && !s_.words.empty() && s_.words.back().type == kOther &&
        s_.words.back().tok + 1 == i) {
      // "did" + "n't" -> "didn't": dictionaries write contractions whole.
      Word& prev = s_.words.back();
      s_.store.push_back(std::string(prev.lower) + "n't");
      prev.lower = prev.lemma = s_.store.back();
      continue;
    }
    if (lw == "'s" || lw == "'" || lw == "s'") {
      if (!s_.words.empty()) s_.words.back().possessive = true;
      continue;
    }
    if (t.kind == TokenKind::kPunct || t.kind == TokenKind::kSymbol) {
      if (lw == "," || lw == ";") {
        if (!s_.words.empty() && s_.words.back().type == kComma) continue;
        Word w;
        w.tok = static_cast<uint32_t>(i);
        w.lower = ",";
        w.lemma = ",";
        w.type = kComma;
        s_.words.push_back(w);
      }
      continue;
    }
    if (o_.split_hyphens && lw.find('-') != std::string_view::npos && t.kind == TokenKind::kWord) {
      size_t b = 0;
      bool first = true;
      while (b <= lw.size()) {
        size_t e = lw.find('-', b);
        if (e == std::string_view::npos) e = lw.size();
        if (e > b) {
          Word w;
          w.tok = static_cast<uint32_t>(i);
          w.lower = lw.substr(b, e - b);
          w.lemma = w.lower;
          w.cap = first ? IsUpperStart(t.text) : IsUpperStart(std::string_view(t.text).substr(b));
          first = false;
          s_.words.push_back(w);
        }
        b = e + 1;
      }
      continue;
    }
    Word w;
    w.tok = static_cast<uint32_t>(i);
    w.lower = lw;
    w.lemma = t.lemma.empty() ? lw : std::string_view(t.lemma);
    w.cap = IsUpperStart(t.text);
    if (t.kind == TokenKind::kNumber) w.type = kNumber;
    s_.words.push_back(w);
  }
  return true;
}

bool SentenceCoder::Discarded() {
  // Runs after ClassifyActors, on the same word view.
  if (d_.discards().empty()) return false;
  s_.discard_matches.clear();
  MatchOptions mo;
  mo.use_lemma = false;
  d_.FindPhrases(PhraseKind::kDiscard, s_.view, mo, &s_.discard_matches);
  for (size_t i = 0; i < s_.discard_matches.size(); ++i) {
    const PhraseMatch& m = s_.discard_matches[i];
    // An actor line with "[###]" beside date-restricted codes ("ENT [### <890101]
    // [ENT]") is a discard only when no code applies on this date: a phrase
    // that is also an actor with a code for the date is that actor.
    bool coded_actor = false;
    for (const Mention& a : s_.mentions)
      if (!a.agent_only && a.b == m.begin && a.e == m.end && !a.code.empty()) coded_actor = true;
    if (coded_actor) continue;
    if (i != 0) std::swap(s_.discard_matches[0], s_.discard_matches[i]);
    return true;
  }
  return false;
}

void SentenceCoder::ClassifyActors() {
  // Phrase matching runs on the kept words (punctuation other than commas
  // and possessives removed), so "Gondor's Prime Minister" is contiguous.
  std::vector<Token>& view = s_.view;
  view.resize(s_.words.size());
  for (size_t i = 0; i < s_.words.size(); ++i) {
    std::string_view l = s_.words[i].lower;
    // Views into the words, which point into the tokens or s_.store: both
    // outlive this sentence's matching.
    view[i].lower = l;
    // The word as written: the dictionary's acronyms ("WHO") need a capital.
    view[i].text = tokens_[s_.words[i].tok].text;
    if (o_.tabari_endings) {
      // The lemma slot carries the word without a regular plural ending.
      // "-es" comes off only after a sibilant ("churches", "taxes");
      // otherwise just the "s" ("forces" -> "force", not "forc").
      if (l.size() > 4 && l.substr(l.size() - 2) == "es" && EsPlural(l))
        l.remove_suffix(2);
      else if (l.size() > 3 && l.back() == 's' && l[l.size() - 2] != 's')
        l.remove_suffix(1);
      view[i].lemma = l;
    } else {
      view[i].lemma = s_.words[i].lemma;
    }
  }
  MatchOptions mo;
  mo.use_lemma = o_.use_lemma || o_.tabari_endings;
  mo.longest_only = true;
  s_.actor_matches.clear();
  s_.agent_matches.clear();
  d_.FindPhrases(PhraseKind::kActor, view, mo, &s_.actor_matches);
  if (!x_.gap_actors.empty()) AddGapActors();
  d_.FindPhrases(PhraseKind::kAgent, view, mo, &s_.agent_matches);
  size_t ai = 0, gi = 0;
  const uint32_t n = static_cast<uint32_t>(s_.words.size());
  for (uint32_t i = 0; i < n;) {
    while (ai < s_.actor_matches.size() && s_.actor_matches[ai].begin < i) ++ai;
    while (gi < s_.agent_matches.size() && s_.agent_matches[gi].begin < i) ++gi;
    const PhraseMatch* am = ai < s_.actor_matches.size() && s_.actor_matches[ai].begin == i
                                ? &s_.actor_matches[ai]
                                : nullptr;
    const PhraseMatch* gm = gi < s_.agent_matches.size() && s_.agent_matches[gi].begin == i
                                ? &s_.agent_matches[gi]
                                : nullptr;
    if (s_.words[i].type == kComma) am = gm = nullptr;
    if (am && gm && gm->end > am->end) am = nullptr;
    if (am) {
      std::string_view code = d_.ResolveActorCode(am->entries, date_);
      Mention m;
      m.b = i;
      m.e = am->end;
      m.actor_entry = static_cast<int32_t>(am->entries[0]);
      if (code.empty() || code == "---") {
        for (uint32_t k = i; k < am->end; ++k) s_.words[k].type = kNounWord;
      } else {
        m.code.assign(code);
        m.actor_code.assign(code);
        int32_t id = static_cast<int32_t>(s_.mentions.size());
        for (uint32_t k = i; k < am->end; ++k) {
          s_.words[k].type = kActorWord;
          s_.words[k].mention = id;
        }
        s_.mentions.push_back(std::move(m));
      }
      i = am->end;
      continue;
    }
    if (gm) {
      Mention m;
      m.b = i;
      m.e = gm->end;
      m.agent_entry = static_cast<int32_t>(gm->entries[0]);
      m.agent_only = true;
      int32_t id = static_cast<int32_t>(s_.mentions.size());
      for (uint32_t k = i; k < gm->end; ++k) {
        s_.words[k].type = kAgentWord;
        s_.words[k].mention = id;
      }
      s_.mentions.push_back(std::move(m));
      i = gm->end;
      continue;
    }
    ++i;
  }
}

// Matches the TABARI actor phrases with blank connectors: after a blank, up
// to kMaxGap other words (no comma) may come first ("Prince of Dol Amroth",
// "Ithilen state-run television"). A gap match replaces a shorter match at
// the same start.
void SentenceCoder::AddGapActors() {
  constexpr uint32_t kMaxGap = 3;
  const std::vector<Token>& view = s_.view;
  const uint32_t n = static_cast<uint32_t>(view.size());
  auto matches = [&](const PhraseWord& w, uint32_t q) {
    const Token& t = view[q];
    if (s_.words[q].type == kComma) return false;
    if (w.stem) return std::string_view(t.lower).substr(0, w.text.size()) == w.text;
    return t.lower == w.text || t.lemma == w.text;
  };
  for (size_t g = 0; g < x_.gap_actors.size(); ++g) {
    const Phrase& p = *x_.gap_actors[g];
    for (uint32_t i = 0; i < n; ++i) {
      if (!matches(p.words[0], i)) continue;
      uint32_t pos = i + 1;
      bool ok = true;
      for (size_t k = 1; k < p.words.size() && ok; ++k) {
        uint32_t last = p.words[k].gap_before ? std::min(n, pos + kMaxGap + 1) : pos + 1;
        ok = false;
        for (uint32_t r = pos; r < last && r < n; ++r) {
          if (s_.words[r].type == kComma) break;
          if (matches(p.words[k], r)) {
            pos = r + 1;
            ok = true;
            break;
          }
        }
      }
      if (!ok) continue;
      PhraseMatch m;
      m.begin = i;
      m.end = pos;
      m.entries = std::span<const uint32_t>(&x_.gap_actor_entries[g], 1);
      auto& am = s_.actor_matches;
      auto it =
          std::find_if(am.begin(), am.end(), [&](const PhraseMatch& x) { return x.begin >= i; });
      if (it != am.end() && it->begin == i) {
        if (it->end < pos) *it = m;
      } else {
        am.insert(it, m);
      }
    }
  }
}

void SentenceCoder::ClassifyOthers() {
  const uint32_t n = static_cast<uint32_t>(s_.words.size());
  bool all_caps = true;
  for (const Token& t : tokens_)
    if (HasLower(t.text)) {
      all_caps = false;
      break;
    }
  for (uint32_t i = 0; i < n; ++i) {
    Word& w = s_.words[i];
    if (w.type != kOther) continue;
    std::string_view l = w.lower;
    const WordType closed = ClosedClass(l);
    if (closed != kOther) {
      w.type = closed;
      continue;
    }
    if (Coder::Index::InList(x_.nouns, l)) w.type = kNounWord;
  }
  // Verbs: the longest form whose other words match around the verb word.
  for (uint32_t i = 0; i < n; ++i) {
    Word& w = s_.words[i];
    if (w.type != kOther && w.type != kByWord && w.type != kAuxWord) continue;
    if (w.type != kOther) continue;
    // A possessive ("donate's cash") is a noun, never a verb (NOUNEND-12).
    if (w.possessive) continue;
    s_.hits.clear();
    d_.FindVerbs(w.lower, o_.use_lemma ? w.lemma : std::string_view(), &s_.hits);
    if (o_.tabari_endings && s_.hits.empty()) {
      for (std::string_view e : kVerbEndings)
        if (w.lower.size() > e.size() + 2 && w.lower.substr(w.lower.size() - e.size()) == e)
          d_.FindVerbs(w.lower, w.lower.substr(0, w.lower.size() - e.size()), &s_.hits);
      // "-ed" on a verb ending in "e" adds only "d": "deplored" (VERBEND-02b).
      if (s_.hits.empty() && EDropsE(w.lower))
        d_.FindVerbs(w.lower, w.lower.substr(0, w.lower.size() - 1), &s_.hits);
    }
    if (s_.hits.empty()) continue;
    int best = -1;
    uint32_t best_b = 0, best_e = 0;
    for (size_t h = 0; h < s_.hits.size(); ++h) {
      const VerbEntry& ve = d_.verbs()[s_.hits[h].verb];
      const VerbForm& f = ve.forms[s_.hits[h].form];
      const auto& fw = f.words.words;
      if (f.verb_word > i) continue;
      uint32_t b = i - f.verb_word;
      uint32_t e = b + static_cast<uint32_t>(fw.size());
      if (e > n) continue;
      bool ok = true;
      for (uint32_t k = 0; k < fw.size() && ok; ++k) {
        if (k == f.verb_word) continue;
        const Word& o = s_.words[b + k];
        if (o.type == kActorWord || o.type == kComma) {
          ok = false;
          break;
        }
        ok = fw[k].stem ? o.lower.substr(0, fw[k].text.size()) == fw[k].text
                        : (o.lower == fw[k].text || (o_.use_lemma && o.lemma == fw[k].text) ||
                           (o_.tabari_endings && VerbEqualsWithEnding(o.lower, fw[k].text)));
      }
      if (!ok) continue;
      // Ties: a verb line written as this very word ("ATTACKED") wins over a
      // form generated from another line ("ATTACK"), MINWRD-02.
      const bool own_line = ve.base == w.lower;
      if (best < 0 || e - b > best_e - best_b ||
          (e - b == best_e - best_b && own_line &&
           d_.verbs()[s_.hits[best].verb].base != w.lower)) {
        best = static_cast<int>(h);
        best_b = b;
        best_e = e;
      }
    }
    if (best < 0) continue;
    bool span_free = true;
    for (uint32_t k = best_b; k < best_e; ++k)
      if (k != i && s_.words[k].type != kOther) span_free = false;
    if (!span_free) continue;
    VerbAt v;
    v.b = best_b;
    v.e = best_e;
    v.verb = s_.hits[best].verb;
    v.form = s_.hits[best].form;
    const VerbEntry& ve = d_.verbs()[v.verb];
    // TABARI 7.4: a verb after a determiner, or capitalized inside a mixed-case
    // sentence, is a noun.
    if (o_.noun_by_determiner && best_b > 0 && s_.words[best_b - 1].type == kDeterm) v.noun = true;
    if (o_.noun_by_capital && !all_caps && best_b > 0 && s_.words[best_b].cap) v.noun = true;
    v.null_verb = ve.code.kind == EventCodeSpec::Kind::kNull && x_.block_patterns[ve.block].empty();
    int32_t id = static_cast<int32_t>(s_.verbs.size());
    for (uint32_t k = best_b; k < best_e; ++k) s_.words[k].type = v.noun ? kNounWord : kVerbWord;
    s_.words[best_b].verb = id;
    s_.verbs.push_back(v);
    i = best_e - 1;
  }
}

void SentenceCoder::ComposeAgents() {
  auto& ms = s_.mentions;
  const auto& ws = s_.words;
  auto former_before = [&](uint32_t b) { return b > 0 && ws[b - 1].lower == "former"; };
  for (size_t i = 0; i < ms.size(); ++i) {
    Mention& g = ms[i];
    if (!g.agent_only || g.dead) continue;
    const AgentEntry& agent = d_.agents()[g.agent_entry];
    AgentEntry eli;
    const AgentEntry* use = &agent;
    int32_t host = -1;
    // Actor right before ("Israeli president", "Gondor's minister", "Arnor
    // former officials").
    if (i > 0 && !ms[i - 1].agent_only && !ms[i - 1].dead &&
        (ms[i - 1].e == g.b || (ms[i - 1].e + 1 == g.b && former_before(g.b))))
      host = i - 1;
    // "former" before the agent, or before the actor it follows ("former
    // Gondor prosecutors"), makes the agent ELI (AGENTS-8).
    if (former_before(g.b) || (host >= 0 && former_before(ms[host].b))) {
      eli = agent;
      eli.code = "ELI";
      use = &eli;
    }
    // Actor right after ("President Peres").
    if (host < 0 && i + 1 < ms.size() && !ms[i + 1].agent_only && ms[i + 1].b == g.e &&
        !ws[g.e - 1].possessive)
      host = i + 1;
    // Agent of/in [the] actor ("ambassadors of Arnor").
    if (host < 0 && g.e < ws.size() &&
        (ws[g.e].lower == "of" || ws[g.e].lower == "in" ||
         (o_.agent_from && ws[g.e].lower == "from"))) {
      uint32_t k = g.e + 1;
      if (k < ws.size() && ws[k].type == kDeterm) ++k;
      if (k < ws.size() && ws[k].mention >= 0 && !ms[ws[k].mention].agent_only)
        host = ws[k].mention;
    }
    if (host >= 0) {
      Mention& a = ms[host];
      a.code = ComposeAgentCode(a.code, *use);
      if (host > static_cast<int32_t>(i) && !former_before(g.b)) a.lead_agent = g.agent_entry;
      a.agent_entry = g.agent_entry;
      g.dead = true;
      for (uint32_t k = g.b; k < g.e; ++k) s_.words[k].type = kNounWord;
      // Adjacent agents join the actor's span; "of" forms keep spans apart.
      if (a.e == g.b || a.b == g.e) {
        a.b = std::min(a.b, g.b);
        a.e = std::max(a.e, g.e);
        for (uint32_t k = a.b; k < a.e; ++k) {
          s_.words[k].type = kActorWord;
          s_.words[k].mention = host;
        }
      }
      continue;
    }
    // "Danish media and government": an agent right after a conjunction
    // that follows an actor with an agent is a second agent of that actor
    // (COMPOUND-25); the compound finder then joins the two.
    if (g.b >= 2 && (ws[g.b - 1].lower == "and" || ws[g.b - 1].lower == "or") &&
        ws[g.b - 2].mention >= 0) {
      const Mention& prev = ms[ws[g.b - 2].mention];
      if (!prev.agent_only && !prev.dead && prev.e + 1 == g.b && prev.agent_entry >= 0 &&
          !prev.actor_code.empty() && !prev.pronoun) {
        g.agent_only = false;
        g.actor_code = prev.actor_code;
        g.actor_entry = prev.actor_entry;
        g.code = ComposeAgentCode(prev.actor_code, *use);
        for (uint32_t k = g.b; k < g.e; ++k) s_.words[k].type = kActorWord;
        continue;
      }
    }
    if (o_.convert_agents) {
      // TABARI marks a converted agent's code with '~' (CONV-*).
      g.agent_only = false;
      g.code = "~" + use->code;
      for (uint32_t k = g.b; k < g.e; ++k) s_.words[k].type = kActorWord;
      continue;
    }
    if (!o_.require_dyad || o_.anonymous_agents) {
      // PETRARCH: an agent with no actor is the anonymous actor "---" with
      // that agent ("---GOV", COMPOUND-03; "---EDU", ABOUT-02).
      g.agent_only = false;
      g.code = ComposeAgentCode("---", *use);
      for (uint32_t k = g.b; k < g.e; ++k) s_.words[k].type = kActorWord;
      continue;
    }
    g.dead = true;
    for (uint32_t k = g.b; k < g.e; ++k) {
      s_.words[k].type = kNounWord;
      s_.words[k].mention = -1;
    }
  }
}

// "Dagolath's first deputy minister Telemar": a possessive actor followed
// closely by another actor only qualifies it; the second one is the actor
// (DEMO-02). At most two other (unclassified) words may stand between.
void SentenceCoder::DropPossessiveQualifiers() {
  auto& ms = s_.mentions;
  auto& ws = s_.words;
  for (size_t i = 0; i < ms.size(); ++i) {
    Mention& m = ms[i];
    if (m.dead || m.agent_only || m.pronoun || m.e == 0 || !ws[m.e - 1].possessive) continue;
    // A member of a list ("Gondor and Arnor's Elrond") is kept (COMPOUND-28).
    if (m.b > 0 && (ws[m.b - 1].type == kConj || ws[m.b - 1].type == kComma)) continue;
    for (size_t j = i + 1; j < ms.size(); ++j) {
      const Mention& x = ms[j];
      if (x.dead || x.agent_only) continue;
      if (x.pronoun || x.b < m.e || x.b > m.e + 2) break;
      bool plain = true;
      for (uint32_t k = m.e; k < x.b; ++k)
        if (ws[k].type != kOther) plain = false;
      if (!plain) break;
      m.dead = true;
      for (uint32_t k = m.b; k < m.e; ++k) {
        ws[k].type = kNounWord;
        ws[k].mention = -1;
      }
      break;
    }
  }
}

void SentenceCoder::FindCompounds() {
  // <np> (, <np>)* (,)? and <np>, np = determiners/adjectives then an actor.
  auto& ms = s_.mentions;
  auto& ws = s_.words;
  std::vector<int32_t> live;
  for (size_t i = 0; i < ms.size(); ++i)
    if (!ms[i].dead && !ms[i].agent_only) live.push_back(static_cast<int32_t>(i));
  size_t i = 0;
  while (i < live.size()) {
    std::vector<int32_t> members = {live[i]};
    std::vector<uint32_t> joiners;
    bool saw_conj = false;
    size_t j = i;
    while (j + 1 < live.size()) {
      const Mention& a = ms[live[j]];
      const Mention& b = ms[live[j + 1]];
      uint32_t k = a.e;
      std::vector<uint32_t> js;
      bool conj = false, comma = false;
      while (k < b.b && (ws[k].type == kComma || ws[k].type == kConj) && js.size() < 2) {
        if (ws[k].type == kConj) {
          // "neither A nor B" is a compound too (COMPOUND-21).
          if (ws[k].lower != "and" && ws[k].lower != "or" && ws[k].lower != "nor") break;
          conj = true;
        } else {
          comma = true;
        }
        js.push_back(k);
        ++k;
      }
      if (js.empty() || (!conj && !comma)) break;
      int gap = 0;
      while (k < b.b &&
             (ws[k].type == kDeterm || Coder::Index::InList(x_.adjectives, ws[k].lower) ||
              (ws[k].type == kOther && !ws[k].cap && gap++ < o_.compound_gap)))
        ++k;
      if (k != b.b) break;
      if (saw_conj) break;  // "A and B and C" is two compounds at most; stop
      members.push_back(live[j + 1]);
      joiners.insert(joiners.end(), js.begin(), js.end());
      if (conj) saw_conj = true;
      ++j;
    }
    if (members.size() > 1 && saw_conj) {
      // Drop trailing comma-joined members after the conjunction is not
      // possible here; a list without "and" is not a compound.
      Compound c;
      c.members = members;
      c.b = ms[members.front()].b;
      c.e = ms[members.back()].e;
      int32_t id = static_cast<int32_t>(s_.compounds.size());
      for (int32_t m : members) ms[m].compound = id;
      for (uint32_t k : joiners) ws[k].in_compound = true;
      if (o_.distribute_agents && ms[members.front()].lead_agent >= 0) {
        const AgentEntry& ag = d_.agents()[ms[members.front()].lead_agent];
        for (size_t q = 1; q < members.size(); ++q) {
          Mention& mq = ms[members[q]];
          mq.code = ComposeAgentCode(mq.code, ag);
        }
      }
      s_.compounds.push_back(std::move(c));
      i = j + 1;
    } else if (members.size() > 1 && !saw_conj) {
      // A comma list never closed by "and": not a compound; continue from the
      // second element.
      ++i;
    } else {
      ++i;
    }
  }
}

void SentenceCoder::ResolvePronouns() {
  auto& ms = s_.mentions;
  auto& ws = s_.words;
  int32_t first_actor = -1, first_compound_member = -1;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (ms[i].dead || ms[i].agent_only) continue;
    if (first_actor < 0) first_actor = static_cast<int32_t>(i);
    if (ms[i].compound >= 0 && first_compound_member < 0)
      first_compound_member = static_cast<int32_t>(i);
  }
  const bool forward = o_.forward && !s_.forward_code.empty();
  if (first_actor < 0 && !forward) return;
  for (uint32_t k = 0; k < ws.size(); ++k) {
    if (ws[k].type != kPronoun) continue;
    std::string_view l = ws[k].lower;
    int32_t ref = -1;
    // Singular pronouns, possessive or not, refer to the first actor of the
    // sentence as it stands after comma clauses were removed (PATTERN-12,
    // COMMA-03B): "A suggested B should ... in its dealings with C" reads
    // "its" as A, which then cannot be A's own target.
    if (IsAny(l, {"he", "she", "it", "its", "his", "her"})) {
      ref = first_actor;
    } else {
      ref = first_compound_member >= 0 ? first_compound_member : first_actor;
    }
    Mention m;
    m.b = k;
    m.e = k + 1;
    m.pronoun = true;
    if (ref >= 0 && ms[ref].b < k) {
      m.code = ms[ref].code;
      m.actor_entry = ms[ref].actor_entry;
      m.agent_entry = ms[ref].agent_entry;
      m.compound = ms[ref].compound;
    } else if (forward) {
      // No antecedent in the sentence (no cataphora): the actor forwarded
      // from the previous sentence (TABARI FORWARD, FRWD-*).
      m.code = s_.forward_code;
      m.actor_entry = s_.forward_entry;
    } else {
      continue;
    }
    ws[k].mention = static_cast<int32_t>(ms.size());
    ws[k].type = kActorWord;
    ms.push_back(std::move(m));
  }
  // The next sentence's forwarded actor: this one's first named actor.
  if (o_.forward)
    for (const Mention& m : ms)
      if (!m.dead && !m.agent_only && !m.pronoun && !m.actor_code.empty()) {
        s_.forward_code = m.actor_code;
        s_.forward_entry = m.actor_entry;
        break;
      }
  // Keep mentions in word order.
  std::vector<int32_t> order(ms.size());
  for (size_t i = 0; i < ms.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return ms[a].b < ms[b].b; });
  std::vector<int32_t> pos(ms.size());
  std::vector<Mention> sorted;
  sorted.reserve(ms.size());
  for (size_t i = 0; i < order.size(); ++i) {
    pos[order[i]] = static_cast<int32_t>(i);
    sorted.push_back(std::move(ms[order[i]]));
  }
  ms = std::move(sorted);
  for (Word& w : ws)
    if (w.mention >= 0) w.mention = pos[w.mention];
  for (Compound& c : s_.compounds)
    for (int32_t& m : c.members) m = pos[m];
}

void SentenceCoder::RemoveCommaClauses() {
  auto& ws = s_.words;
  s_.removed.assign(ws.size(), 0);
  if (o_.comma_off) return;
  std::vector<uint32_t> commas;
  for (uint32_t k = 0; k < ws.size(); ++k)
    if (ws[k].type == kComma && !ws[k].in_compound) commas.push_back(k);
  if (commas.empty()) return;
  auto count_words = [&](uint32_t b, uint32_t e) {
    int n = 0;
    for (uint32_t k = b; k < e; ++k)
      if (ws[k].type != kComma) ++n;
    return n;
  };
  auto drop = [&](uint32_t b, uint32_t e) {
    for (uint32_t k = b; k < e && k < ws.size(); ++k) s_.removed[k] = 1;
  };
  // Beginning: words before the first comma.
  int nb = count_words(0, commas[0]);
  if (nb > o_.comma_bmin && nb <= o_.comma_bmax) drop(0, commas[0] + 1);
  // Middle, chained: a comma that closes a dropped clause is used up and
  // does not open the next one (DEMO-19: "X, in remarks ..., urged Y ...").
  bool last_used = false;
  for (size_t c = 0; c + 1 < commas.size(); ++c) {
    if (last_used) {
      last_used = false;
      continue;
    }
    int n = count_words(commas[c] + 1, commas[c + 1]);
    if (n > o_.comma_min && n <= o_.comma_max) {
      drop(commas[c], commas[c + 1] + 1);
      last_used = true;
    }
  }
  // End: after the last comma.
  int ne = count_words(commas.back() + 1, static_cast<uint32_t>(ws.size()));
  if (!last_used && ne > o_.comma_emin && ne <= o_.comma_emax)
    drop(commas.back(), static_cast<uint32_t>(ws.size()));
  if (o_.drop_attribution) DropFinalAttribution(commas.back());
}

// ", the Kremlin announced early on Tuesday." at the end of a sentence names
// who reported the event, not a party to it: dropped whatever the comma
// options say, so the reporter never becomes the target of the main verb.
void SentenceCoder::DropFinalAttribution(uint32_t comma) {
  auto& ws = s_.words;
  uint32_t k = comma + 1;
  while (k < ws.size() && IsAny(ws[k].lower, {"the", "a", "an"})) ++k;
  if (k >= ws.size() || ws[k].mention < 0) return;
  const int32_t m = ws[k].mention;
  while (k < ws.size() && ws[k].mention == m) ++k;
  if (k >= ws.size() || ws[k].mention >= 0) return;
  if (!IsAny(ws[k].lemma, {"say", "announce", "report", "add", "state", "claim", "confirm",
                           "tell", "write", "note", "explain", "insist"}))
    return;
  for (uint32_t j = comma; j < ws.size(); ++j) s_.removed[j] = 1;
}

void SentenceCoder::Compact() {
  // Removes dropped words; re-indexes mentions and verbs.
  auto& ws = s_.words;
  bool any = false;
  for (uint8_t r : s_.removed) any |= r != 0;
  if (!any) return;
  std::vector<uint32_t> newpos(ws.size() + 1);
  uint32_t n = 0;
  for (uint32_t k = 0; k < ws.size(); ++k) {
    newpos[k] = n;
    if (!s_.removed[k]) ++n;
  }
  newpos[ws.size()] = n;
  for (Mention& m : s_.mentions) {
    bool gone = true;
    for (uint32_t k = m.b; k < m.e; ++k)
      if (!s_.removed[k]) gone = false;
    if (gone) m.dead = true;
    m.b = newpos[m.b];
    m.e = newpos[m.e];
  }
  std::vector<VerbAt> vs;
  std::vector<int32_t> vmap(s_.verbs.size(), -1);
  for (size_t v = 0; v < s_.verbs.size(); ++v) {
    if (s_.removed[s_.verbs[v].b]) continue;
    VerbAt a = s_.verbs[v];
    a.b = newpos[a.b];
    a.e = newpos[a.e];
    vmap[v] = static_cast<int32_t>(vs.size());
    vs.push_back(a);
  }
  for (Compound& c : s_.compounds) {
    c.b = newpos[c.b];
    c.e = newpos[c.e];
    std::vector<int32_t> keep;
    for (int32_t m : c.members)
      if (!s_.mentions[m].dead) keep.push_back(m);
    c.members = keep;
  }
  s_.kept.clear();
  for (uint32_t k = 0; k < ws.size(); ++k) {
    if (s_.removed[k]) continue;
    Word w = ws[k];
    if (w.mention >= 0 && s_.mentions[w.mention].dead) {
      w.mention = -1;
      w.type = kOther;
    }
    if (w.verb >= 0) w.verb = vmap[w.verb];
    s_.kept.push_back(w);
  }
  ws.swap(s_.kept);
  s_.verbs.swap(vs);
}

void SentenceCoder::FindClauses() {
  s_.clause_starts.clear();
  s_.clause_starts.push_back(0);
  s_.attribution_start = 0;
  s_.attribution_source = -1;
  // "heavily and unjustly": a conjunction between two adverbs joins them, it
  // does not start a clause (PATTERN-30).
  auto adverb = [&](uint32_t k) {
    const Word& w = s_.words[k];
    return w.type == kOther && w.lower.size() > 3 && w.lower.substr(w.lower.size() - 2) == "ly";
  };
  // Likewise between two words of the TABARI <ADJECTIVE> list ("awful and
  // evil") or two <NOUN> words ("sheep and goats"), COMPOUND-16/18.
  auto adjective = [&](uint32_t k) {
    const Word& w = s_.words[k];
    return w.type == kOther && Coder::Index::InList(x_.adjectives, w.lower);
  };
  auto noun = [&](uint32_t k) { return s_.words[k].type == kNounWord; };
  auto joins = [&](uint32_t k) {
    if (k == 0 || k + 1 >= s_.words.size()) return false;
    return (adverb(k - 1) && adverb(k + 1)) || (adjective(k - 1) && adjective(k + 1)) ||
           (noun(k - 1) && noun(k + 1));
  };
  for (uint32_t k = 0; k < s_.words.size(); ++k)
    if (s_.words[k].type == kConj && !s_.words[k].in_compound && !joins(k))
      s_.clause_starts.push_back(k + 1);
  // Without require_dyad (PETRARCH), a closing attribution (", the agency
  // WFNA said on Thursday") is a clause of its own, coded as a one-sided
  // event, and its verb never takes the main clause's actors (COMPOUND-03).
  // With require_dyad it stays in the main clause, where TABARI lets its
  // speaker be the main verb's target (COMMA-02B).
  if (o_.require_dyad) return;
  const uint32_t n = static_cast<uint32_t>(s_.words.size());
  uint32_t comma = n;
  for (uint32_t k = n; k-- > 0;)
    if (s_.words[k].type == kComma && !s_.words[k].in_compound) {
      comma = k;
      break;
    }
  if (comma >= n || comma == 0) return;
  bool verb_before = false;
  for (const VerbAt& v : s_.verbs)
    if (!v.noun && !v.null_verb && v.e <= comma) verb_before = true;
  if (!verb_before) return;
  uint32_t k = comma + 1;
  while (k < n && k < comma + 5 && s_.words[k].mention < 0 &&
         (s_.words[k].type == kDeterm ||
          (s_.words[k].type == kOther && !IsAny(s_.words[k].lower, kClauseOpeners))))
    ++k;
  if (k >= n || s_.words[k].mention < 0) return;
  const Mention& m = s_.mentions[s_.words[k].mention];
  if (m.dead || m.agent_only || m.pronoun) return;
  uint32_t q = m.e;
  while (q < n && q < m.e + 4 && s_.words[q].type != kVerbWord && s_.words[q].type != kComma) ++q;
  if (q >= n || s_.words[q].type != kVerbWord || s_.words[q].verb < 0) return;
  s_.clause_starts.push_back(comma + 1);
  std::sort(s_.clause_starts.begin(), s_.clause_starts.end());
  s_.attribution_start = comma + 1;
  s_.attribution_source = s_.words[k].mention;
}

bool SentenceCoder::TooComplex(std::string* why) {
  // An actor coded [+++] ("ISILDUR [+++]") marks the sentence too complex
  // wherever it stands (COMPLEX-02).
  for (const Mention& m : s_.mentions)
    if (!m.dead && !m.agent_only && !m.pronoun && m.code == "+++") {
      *why = "[+++] actor";
      return true;
    }
  int verbs = 0, actors = 0, conj = 0, pronouns = 0;
  int first_verb = -1;
  for (const VerbAt& v : s_.verbs)
    if (!v.noun && !v.null_verb) {
      if (first_verb < 0) first_verb = static_cast<int>(v.b);
      ++verbs;
    }
  for (const Mention& m : s_.mentions)
    if (!m.dead && !m.agent_only && !m.pronoun) ++actors;
  for (const Word& w : s_.words) {
    if (w.type == kConj && !w.in_compound) ++conj;
    if (w.lower == "he" || w.lower == "she" || w.lower == "it" || w.lower == "they") ++pronouns;
  }
  if (o_.complex_verbs && verbs >= o_.complex_verbs) {
    *why = std::to_string(verbs) + " verbs";
    return true;
  }
  if (o_.complex_actors && actors >= o_.complex_actors) {
    *why = std::to_string(actors) + " actors";
    return true;
  }
  if (o_.complex_conj && conj >= o_.complex_conj) {
    *why = std::to_string(conj) + " conjunctions";
    return true;
  }
  if (o_.complex_pronouns && pronouns >= o_.complex_pronouns) {
    *why = std::to_string(pronouns) + " pronouns";
    return true;
  }
  if (o_.complex_noverb && first_verb < 0) {
    *why = "no verb";
    return true;
  }
  if (o_.complex_noactprior && first_verb >= 0) {
    bool prior = false;
    for (const Mention& m : s_.mentions)
      if (!m.dead && !m.agent_only && m.b < static_cast<uint32_t>(first_verb)) prior = true;
    if (!prior && o_.default_source.empty()) {
      *why = "no actor before the first verb";
      return true;
    }
  }
  return false;
}

bool SentenceCoder::WordMatches(const PhraseWord& w, uint32_t q) const {
  const Word& x = s_.words[q];
  if (x.type == kComma) return false;
  std::string_view t = w.text;
  // "ANTI-" in a pattern is the word "anti" once hyphens are blanks.
  if (o_.split_hyphens && t.size() > 1 && t.back() == '-') t.remove_suffix(1);
  if (w.stem) return x.lower.size() >= t.size() && x.lower.compare(0, t.size(), t) == 0;
  // An exact word is not its possessive: "PLAN_TO_*" does not match
  // "plan's to expel" (NOUNEND-13).
  if (x.possessive) return false;
  return x.lower == t || (o_.use_lemma && x.lemma == t) ||
         (o_.tabari_endings && !joined_next_ && VerbEqualsWithEnding(x.lower, t));
}

// Length in words of a literal element matched at q (0 = no match).
int SentenceCoder::LiteralAt(const PatternElement& el, uint32_t q, uint32_t limit) const {
  if (q >= limit) return 0;
  switch (el.kind) {
    case PatternElementKind::kWord:
      return WordMatches(el.word, q) ? 1 : 0;
    case PatternElementKind::kSynset: {
      int si = x_.SynsetOf(&el);
      if (si < 0) return 0;
      return SynsetAt(si, q, limit, 0);
    }
    case PatternElementKind::kNounPhrase: {
      // Words in order, at most two other words between them.
      uint32_t p = q;
      for (size_t c = 0; c < el.children.size(); ++c) {
        const PatternElement& ch = el.children[c];
        uint32_t stop = c == 0 ? p + 1 : std::min(limit, p + 3);
        bool found = false;
        for (uint32_t r = p; r < stop && r < limit; ++r) {
          int len = ch.kind == PatternElementKind::kWord ? (WordMatches(ch.word, r) ? 1 : 0)
                                                         : LiteralAt(ch, r, limit);
          if (len > 0) {
            p = r + static_cast<uint32_t>(len);
            found = true;
            break;
          }
        }
        if (!found) return 0;
      }
      return static_cast<int>(p - q);
    }
    case PatternElementKind::kPrepPhrase: {
      if (el.children.empty()) return 0;
      int first = LiteralAt(el.children[0], q, limit);
      if (first <= 0) return 0;
      uint32_t p = q + static_cast<uint32_t>(first);
      for (size_t c = 1; c < el.children.size(); ++c) {
        bool found = false;
        for (uint32_t r = p; r < limit && r < p + 4; ++r) {
          if (s_.words[r].type == kComma) break;
          int len = LiteralAt(el.children[c], r, limit);
          if (len > 0) {
            p = r + static_cast<uint32_t>(len);
            found = true;
            break;
          }
        }
        if (!found) return 0;
      }
      return static_cast<int>(p - q);
    }
    default:
      return 0;
  }
}

// Length in words of the longest phrase of synset `si` matched at q (0 = no
// match). A phrase word "&NAME" is itself a synset (TABARI nests synsets,
// SYNSET-23*); a word written after a blank connector may follow other words
// ("open" phrases), one after "_" must come right after the previous word.
int SentenceCoder::SynsetAt(int si, uint32_t q, uint32_t limit, int depth) const {
  if (depth > 4 || q >= limit) return 0;  // a synset naming itself ends here
  int best = 0;
  const std::vector<Phrase>& phrases = d_.synsets()[si].phrases;
  const auto& nested = x_.synset_words[si];
  // Actors bound by "$"/"+" come from the phrase that wins, nothing else.
  const int32_t src0 = synset_src_, tgt0 = synset_tgt_;
  int32_t best_src = src0, best_tgt = tgt0;
  auto try_phrase = [&](size_t pi) {
    synset_src_ = src0;
    synset_tgt_ = tgt0;
    int end = PhraseAt(phrases[pi], nested[pi], 0, q, limit, depth);
    if (end > 0 && end - static_cast<int>(q) > best) {
      best = end - static_cast<int>(q);
      best_src = synset_src_;
      best_tgt = synset_tgt_;
    }
  };
  if (x_.synset_first_on) {
    // Same result as trying every phrase: the others cannot start here.
    const Coder::Index::SynsetFirst& f = x_.synset_first[si];
    for (uint32_t pi : f.always) try_phrase(pi);
    const uint32_t x = s_.word_ids[q];
    if (x != Coder::Index::kNoWordId) {
      auto it = std::lower_bound(
          f.by_first.begin(), f.by_first.end(), x,
          [](const std::pair<uint32_t, uint32_t>& a, uint32_t b) { return a.first < b; });
      for (; it != f.by_first.end() && it->first == x; ++it) try_phrase(it->second);
    }
  } else {
    for (size_t pi = 0; pi < phrases.size(); ++pi) try_phrase(pi);
  }
  synset_src_ = best_src;
  synset_tgt_ = best_tgt;
  return best;
}

// End position of `p.words[k..]` matched from q (the first of them at q), or 0.
int SentenceCoder::PhraseAt(const Phrase& p, const std::vector<int>& nested, size_t k, uint32_t q,
                            uint32_t limit, int depth) const {
  if (k == p.words.size()) return static_cast<int>(q);
  if (q >= limit) return 0;
  // PETRARCH writes contractions as TreeBank splits them ("DID N'T"); the
  // sentence has them whole ("didn't"), SYNSET-13.
  if (nested[k] < 0 && k + 1 < p.words.size() && p.words[k + 1].text == "n't" &&
      !p.words[k + 1].gap_before) {
    std::string_view x = s_.words[q].lower, t = p.words[k].text;
    if (x.size() == t.size() + 3 && x.substr(0, t.size()) == t && x.substr(t.size()) == "n't") {
      if (k + 2 == p.words.size()) return static_cast<int>(q + 1);
      if (!p.words[k + 2].gap_before) return PhraseAt(p, nested, k + 2, q + 1, limit, depth);
      for (uint32_t r = q + 1; r < limit && s_.words[r].type != kComma; ++r) {
        int end = PhraseAt(p, nested, k + 2, r, limit, depth);
        if (end > 0) return end;
      }
    }
    return 0;
  }
  // "$"/"+" in a synset phrase: the actor right here, bound if the phrase
  // matches as a whole (SYNSET-24a).
  const std::string& text = p.words[k].text;
  if (nested[k] < 0 && (text == "$" || text == "+")) {
    int32_t m = s_.words[q].mention;
    if (m < 0) return 0;
    const Mention& mm = s_.mentions[m];
    if (mm.dead || mm.agent_only || mm.b != q) return 0;
    int end = k + 1 == p.words.size() ? static_cast<int>(mm.e)
                                      : PhraseAt(p, nested, k + 1, mm.e, limit, depth);
    if (end > 0) (text == "$" ? synset_src_ : synset_tgt_) = m;
    return end;
  }
  int len = nested[k] >= 0 ? SynsetAt(nested[k], q, limit, depth + 1)
                           : (WordMatches(p.words[k], q) ? 1 : 0);
  if (len <= 0) return 0;
  uint32_t next = q + static_cast<uint32_t>(len);
  if (k + 1 == p.words.size()) return static_cast<int>(next);
  if (!p.words[k + 1].gap_before) return PhraseAt(p, nested, k + 1, next, limit, depth);
  for (uint32_t r = next; r < limit && s_.words[r].type != kComma; ++r) {
    int end = PhraseAt(p, nested, k + 1, r, limit, depth);
    if (end > 0) return end;
  }
  return 0;
}

int32_t SentenceCoder::FirstMentionFrom(uint32_t pos, uint32_t limit) const {
  for (size_t i = 0; i < s_.mentions.size(); ++i) {
    const Mention& m = s_.mentions[i];
    if (m.dead || m.agent_only) continue;
    if (m.b >= pos && m.b < limit) return static_cast<int32_t>(i);
  }
  return -1;
}

bool SentenceCoder::Seq(const std::vector<PatternElement>& els, size_t k, uint32_t pos,
                        uint32_t limit, bool consec_first, int64_t end_at, Binding* b,
                        uint32_t* end_out) {
  if (++steps_ > o_.max_match_steps) return false;
  if (k == els.size()) {
    if (end_at >= 0 && pos != end_at) return false;
    if (end_out) *end_out = pos;
    return true;
  }
  const PatternElement& el = els[k];
  const bool consec = (k == 0 && consec_first) || (k > 0 && el.consecutive);
  switch (el.kind) {
    case PatternElementKind::kSource:
    case PatternElementKind::kTarget:
    case PatternElementKind::kCompound:
    case PatternElementKind::kSkip: {
      int32_t m = FirstMentionFrom(pos, limit);
      if (m < 0) return false;
      if (consec && s_.mentions[m].b != pos) return false;
      const Mention& mm = s_.mentions[m];
      uint32_t next = mm.e;
      if (mm.compound >= 0) next = std::max(next, s_.compounds[mm.compound].e);
      if (el.kind == PatternElementKind::kCompound && mm.compound < 0) return false;
      Binding saved = *b;
      if (el.kind == PatternElementKind::kSource) b->src = m;
      if (el.kind == PatternElementKind::kTarget) b->tgt = m;
      if (el.kind == PatternElementKind::kCompound) {
        b->src = b->tgt = m;
        b->compound_both = true;
      }
      if (Seq(els, k + 1, next, limit, false, end_at, b, end_out)) return true;
      *b = saved;
      return false;
    }
    case PatternElementKind::kAlternatives: {
      for (const PatternElement& alt : el.children) {
        // Options are matched in place, never as copies: synsets are looked
        // up by element address (SynsetOf), so a "&NAME" inside a copied
        // option never matched (SYNSET-24c/e).
        const bool literal =
            alt.kind == PatternElementKind::kWord || alt.kind == PatternElementKind::kSynset;
        for (uint32_t q = pos; q < limit; ++q) {
          uint32_t e = 0;
          Binding saved = *b;
          bool ok = false;
          if (literal) {
            synset_src_ = synset_tgt_ = -1;
            int len = LiteralAt(alt, q, limit);
            ok = len > 0;
            e = q + static_cast<uint32_t>(std::max(len, 0));
            if (ok && synset_src_ >= 0) b->src = synset_src_;
            if (ok && synset_tgt_ >= 0) b->tgt = synset_tgt_;
            for (uint32_t r = q; r < e; ++r)
              if (s_.words[r].type == kNegation) b->has_negation = true;
          } else if (alt.kind == PatternElementKind::kSequence) {
            ok = Seq(alt.children, 0, q, limit, true, -1, b, &e);
          } else {
            ok = Seq(std::vector<PatternElement>{alt}, 0, q, limit, true, -1, b, &e);
          }
          if (ok) {
            b->unmatched_options += ElementSpecificity(el) - ElementSpecificity(alt);
            if (Seq(els, k + 1, e, limit, false, end_at, b, end_out)) return true;
          }
          *b = saved;
          if (consec) break;
        }
      }
      return false;
    }
    default: {
      for (uint32_t q = pos; q < limit; ++q) {
        if (steps_ > o_.max_match_steps) return false;
        synset_src_ = synset_tgt_ = -1;
        joined_next_ =
            el.kind == PatternElementKind::kWord && k + 1 < els.size() && els[k + 1].consecutive;
        int len = LiteralAt(el, q, limit);
        joined_next_ = false;
        if (len > 0) {
          Binding saved = *b;
          if (synset_src_ >= 0) b->src = synset_src_;
          if (synset_tgt_ >= 0) b->tgt = synset_tgt_;
          for (int k2 = 0; k2 < len; ++k2)
            if (s_.words[q + k2].type == kNegation) b->has_negation = true;
          if (Seq(els, k + 1, q + static_cast<uint32_t>(len), limit, false, end_at, b, end_out))
            return true;
          *b = saved;
        }
        if (consec) break;
      }
      return false;
    }
  }
}

bool SentenceCoder::MatchPattern(const Pattern& p, const VerbAt& v, uint32_t lo, uint32_t hi,
                                 Binding* b) {
  steps_ = 0;
  *b = Binding();
  if (!p.before.empty()) {
    int64_t end_at = p.verb_consecutive_before ? static_cast<int64_t>(v.b) : -1;
    if (!Seq(p.before, 0, lo, v.b, false, end_at, b, nullptr)) return false;
  }
  if (!p.after.empty()) {
    if (!Seq(p.after, 0, v.e, hi, p.verb_consecutive_after, -1, b, nullptr)) return false;
  }
  return true;
}

bool SentenceCoder::IsSubjectOf(int32_t m, uint32_t verb_b) const {
  const Mention& mm = s_.mentions[m];
  uint32_t end = mm.e;
  if (mm.compound >= 0) end = std::max(end, s_.compounds[mm.compound].e);
  if (end > verb_b || verb_b - end > 3) return false;
  if (s_.words[end - 1].possessive) return false;
  if (mm.pronoun && IsAny(s_.words[mm.b].lower, {"its", "his", "her", "their"})) return false;
  for (uint32_t k = end; k < verb_b; ++k)
    if (s_.words[k].type == kComma || s_.words[k].mention >= 0) return false;
  return true;
}

bool SentenceCoder::SameCode(int32_t a, int32_t b) const {
  return s_.mentions[a].code == s_.mentions[b].code;
}

// The actors a slot stands for: its compound's members, or itself; each code
// of a coded compound ("GME/GMW") separately.
void SentenceCoder::Expand(int32_t m, std::vector<std::pair<std::string, int32_t>>* out) const {
  const Mention& mm = s_.mentions[m];
  if (mm.compound >= 0) {
    ExpandMembers(s_.compounds[mm.compound].members, out);
  } else {
    ExpandMembers({m}, out);
  }
}

void SentenceCoder::ExpandMembers(const std::vector<int32_t>& ms,
                                  std::vector<std::pair<std::string, int32_t>>* out) const {
  out->clear();
  for (int32_t x : ms) {
    std::string_view c = s_.mentions[x].code;
    size_t b = 0;
    for (;;) {
      size_t sl = c.find('/', b);
      std::string_view part = c.substr(b, sl == std::string_view::npos ? sl : sl - b);
      if (!part.empty()) {
        bool dup = false;
        for (auto& [code, idx] : *out)
          if (code == part) dup = true;
        if (!dup) out->emplace_back(std::string(part), x);
      }
      if (sl == std::string_view::npos) break;
      b = sl + 1;
    }
  }
}

bool SentenceCoder::TwoLiveCodes() const {
  const Mention* first = nullptr;
  for (const Mention& m : s_.mentions) {
    if (m.dead || m.agent_only) continue;
    if (first == nullptr) first = &m;
    else if (m.code != first->code) return true;
  }
  return false;
}

bool SentenceCoder::EnsureParse() {
  if (parse_state_ != 0) return parse_state_ > 0;
  parse_state_ = -1;
  if (parser_ == nullptr || tokens_.empty() || tokens_.size() > Parser::kMaxWords) return false;
  s_.parse_words.clear();
  s_.parse_lower.clear();
  for (const Token& t : tokens_) {
    s_.parse_words.push_back(t.text);
    s_.parse_lower.push_back(t.lower);
  }
  if (!parser_->Parse(s_.parse_words, &s_.parsed).ok()) return false;
  if (s_.parsed.words.size() != tokens_.size()) return false;
  s_.tree.Reset(&s_.parsed, &s_.parse_lower);
  ++s_.parsed_sentences;
  parse_state_ = 1;
  return true;
}

bool SentenceCoder::MentionIn(int32_t m, int head) const {
  if (head < 0 || m < 0) return false;
  const Mention& mm = s_.mentions[m];
  for (uint32_t w = mm.b; w < mm.e && w < s_.words.size(); ++w)
    if (s_.tree.InPhrase(static_cast<int>(s_.words[w].tok), head)) return true;
  return false;
}

std::string_view SentenceCoder::AttachmentOf(int32_t m, int v) const {
  const Mention& mm = s_.mentions[m];
  for (uint32_t w = mm.b; w < mm.e && w < s_.words.size(); ++w) {
    const std::string_view how = s_.tree.AttachmentTo(static_cast<int>(s_.words[w].tok), v);
    if (!how.empty()) return how;
  }
  return {};
}

int32_t SentenceCoder::MentionInPhrase(int head, int32_t not_like) const {
  if (head < 0) return -1;
  const auto& ms = s_.mentions;
  for (size_t i = 0; i < ms.size(); ++i) {
    const Mention& m = ms[i];
    if (m.dead || m.agent_only) continue;
    // "arrived on his first visit", "pressed Riyadh to open its oil fields":
    // the parse never brings in a possessive pronoun as a role; its
    // antecedent is too often wrong.
    if (m.pronoun && m.b < s_.words.size() &&
        IsAny(s_.words[m.b].lower, {"his", "her", "its", "their"}))
      continue;
    if (not_like >= 0 &&
        (static_cast<int32_t>(i) == not_like || SameCode(static_cast<int32_t>(i), not_like) ||
         (ms[not_like].compound >= 0 && m.compound == ms[not_like].compound)))
      continue;
    if (MentionIn(static_cast<int32_t>(i), head)) return static_cast<int32_t>(i);
  }
  return -1;
}

void SentenceCoder::CodeClauses(SentenceResult* out) {
  const auto& ws = s_.words;
  const auto& ms = s_.mentions;
  const uint32_t n = static_cast<uint32_t>(ws.size());
  // Each word is looked up once, before the first pattern is tried (every
  // MatchPattern follows a `possible` check); the pattern prefilter and the
  // synset first-word index then compare ids.
  bool ids_ready = false;
  auto intern_words = [&] {
    ids_ready = true;
    s_.word_ids.resize(n);
    if (s_.present.size() < x_.word_ids.size()) s_.present.resize(x_.word_ids.size(), 0);
    if (++s_.present_gen == 0) {  // wrapped: forget every old mark
      std::fill(s_.present.begin(), s_.present.end(), 0);
      s_.present_gen = 1;
    }
    for (uint32_t q = 0; q < n; ++q) {
      const uint32_t id = x_.word_ids.empty() ? Coder::Index::kNoWordId : x_.IdOf(ws[q].lower);
      s_.word_ids[q] = id;
      if (id != Coder::Index::kNoWordId && ws[q].type != kComma) s_.present[id] = s_.present_gen;
    }
  };
  auto possible = [&](uint32_t pi) {
    if (!ids_ready) intern_words();
    for (uint32_t i = x_.required_begin[pi], e = x_.required_begin[pi + 1]; i < e; ++i)
      if (s_.present[x_.required_ids[i]] != s_.present_gen) return false;
    return true;
  };
  struct Pending {
    SentenceEvent ev;
    char flag;
  };
  std::vector<Pending> events;
  int32_t carried_source = -1;
  bool stop_all = false;
  std::vector<std::pair<std::string, int32_t>> srcs, tgts;

  auto actor_ok = [&](const Mention& m) { return !m.dead && !m.agent_only; };

  for (size_t c = 0; c < s_.clause_starts.size() && !stop_all; ++c) {
    const uint32_t lo = s_.clause_starts[c];
    const uint32_t hi = c + 1 < s_.clause_starts.size() ? s_.clause_starts[c + 1] - 1 : n;
    bool clause_done = false;
    bool clause_has_main = false;
    // Source for later clauses: an actor right after the conjunction, else the carried one.
    int32_t clause_source = -1;
    if (c > 0) {
      uint32_t k = lo;
      while (k < hi && ws[k].type == kDeterm) ++k;
      if (k < hi && ws[k].mention >= 0 && actor_ok(ms[ws[k].mention]))
        clause_source = ws[k].mention;
      if (lo == s_.attribution_start && s_.attribution_source >= 0)
        clause_source = s_.attribution_source;
    }
    for (size_t vi = 0; vi < s_.verbs.size() && !clause_done; ++vi) {
      const VerbAt& v = s_.verbs[vi];
      if (v.b < lo || v.b >= hi || v.noun) continue;
      const VerbEntry& ve = d_.verbs()[v.verb];
      const Pattern* fired = nullptr;
      Binding bind;
      // TABARI expands alternatives "{ a | b }" into one pattern per option,
      // each as long as its own words: a pattern that matched through a short
      // option yields to a later one that is longer as matched (PATTERN-33b).
      // `specificity` counts every option, so it bounds the matched length.
      uint32_t fired_spec = 0;
      for (uint32_t pi : x_.block_patterns[ve.block]) {
        const Pattern& p = d_.patterns()[pi];
        if (fired && p.specificity <= fired_spec) break;
        // PETRARCH has no "too complex" code: such a pattern never fires
        // (DEMO-04 there; TABARI's COMPLEX-* rely on it).
        if (!o_.complex_codes && p.code.kind == EventCodeSpec::Kind::kComplex) continue;
        if (!possible(pi)) continue;
        Binding b2;
        if (MatchPattern(p, v, lo, hi, &b2)) {
          uint32_t spec = p.specificity - std::min(p.specificity, b2.unmatched_options);
          if (!fired || spec > fired_spec) {
            fired = &p;
            fired_spec = spec;
            bind = b2;
          }
        }
      }
      // A pattern that failed halfway leaves no bindings behind (CONNECT-06).
      if (!fired) bind = Binding();
      const EventCodeSpec& spec = fired ? fired->code : ve.code;
      if (o_.trace)
        out->trace += "{" + ve.base + " " + spec.ToString() + " " +
                      d_.Where(fired ? fired->where : ve.where) + "} ";
      if (spec.kind == EventCodeSpec::Kind::kDiscard) {
        out->status = SentenceStatus::kDiscard;
        out->note = "[###] at " + d_.Where(fired ? fired->where : ve.where);
        events.clear();
        stop_all = true;
        break;
      }
      if (spec.kind == EventCodeSpec::Kind::kComplex) {
        out->status = SentenceStatus::kComplex;
        out->note = "[+++] at " + d_.Where(fired ? fired->where : ve.where);
        events.clear();
        stop_all = true;
        break;
      }
      if (spec.kind != EventCodeSpec::Kind::kEvent) continue;
      // Negation: "not"/"n't"/"never" among the two words before the verb.
      if (o_.negation && !bind.has_negation) {
        bool neg = false;
        for (uint32_t k = v.b; k > lo && k + 3 > v.b; --k)
          if (ws[k - 1].type == kNegation) neg = true;
        if (neg) continue;
      }
      bool designated = bind.src >= 0 || bind.tgt >= 0;
      int32_t src = bind.src, tgt = bind.tgt;
      if (src < 0) {
        // Default source: first actor before the verb (TABARI 5.8), distinct
        // from a designated target.
        uint32_t from = c == 0 ? 0 : lo;
        // Reported speech ("Egypt said Syria attacked Gondor"): an actor
        // between the previous verb and this one is this verb's subject.
        uint32_t prev_end = 0;
        bool have_prev = false;
        for (size_t pv = 0; pv < vi; ++pv) {
          const VerbAt& u = s_.verbs[pv];
          if (u.noun || u.null_verb || u.b < lo) continue;
          prev_end = u.e;
          have_prev = true;
        }
        // Only a subject that stands right before the verb (at most three
        // words between, no comma) counts, and never for an infinitive ("urged
        // Bree to assist", CODEBY-05) or a possessive ("its resumption").
        const bool infinitive = v.b > lo && ws[v.b - 1].lower == "to";
        if (have_prev && !infinitive)
          for (size_t i = 0; i < ms.size(); ++i)
            if (actor_ok(ms[i]) && ms[i].b >= prev_end && ms[i].b < v.b &&
                (tgt < 0 || !SameCode(static_cast<int32_t>(i), tgt))) {
              if (!IsSubjectOf(static_cast<int32_t>(i), v.b)) continue;
              src = static_cast<int32_t>(i);
              break;
            }
        if (src >= 0) {
        } else if (c > 0 && clause_source < 0 && carried_source >= 0) {
          src = carried_source;
        } else {
          for (size_t i = 0; i < ms.size(); ++i)
            if (actor_ok(ms[i]) && ms[i].b >= from && ms[i].b < v.b &&
                (tgt < 0 || !SameCode(static_cast<int32_t>(i), tgt))) {
              src = static_cast<int32_t>(i);
              break;
            }
          // A later clause with no actor before its verb and nothing carried
          // over takes the sentence's first actor when the earlier clauses
          // hold no verb of their own: the actor was left without one
          // ("Danish shot and wounded Gondor", COMPOUND-22). After a coded
          // verb ("X praised the deal and said Tehran ...") it is not used.
          bool verb_earlier = false;
          for (const VerbAt& u : s_.verbs)
            if (!u.noun && !u.null_verb && u.b < lo) verb_earlier = true;
          if (src < 0 && c > 0 && !verb_earlier)
            for (size_t i = 0; i < ms.size(); ++i)
              if (actor_ok(ms[i]) && ms[i].b < lo &&
                  (tgt < 0 || !SameCode(static_cast<int32_t>(i), tgt))) {
                src = static_cast<int32_t>(i);
                break;
              }
        }
      }
      // TABARI DEFAULT without PRIOR (DEFAULT-06*): the default source is
      // only for a sentence with no actor at all; with none before the verb,
      // the first actor after it is the source.
      bool src_after = false;
      if (src < 0 && tgt < 0 && !o_.default_source.empty() && !o_.default_source_prior) {
        src = FirstMentionFrom(v.e, hi);
        src_after = src >= 0;
      }
      // A pattern that names only the target before the verb ("+ WAS * DEAD")
      // leaves the source to the first other actor after the verb
      // ("An Eriadorian was shot dead in Osgiliath", PATTERN-03a).
      if (src < 0 && bind.tgt >= 0 && bind.src < 0 && ms[bind.tgt].b < v.b)
        for (size_t i = 0; i < ms.size(); ++i)
          if (actor_ok(ms[i]) && ms[i].b >= v.e && ms[i].b < hi &&
              !SameCode(static_cast<int32_t>(i), tgt)) {
            src = static_cast<int32_t>(i);
            break;
          }
      // TABARI DEFAULT ... AFTER (DEFAULT-05/06): with no actor after the
      // verb the default target applies, before any other fallback.
      const bool target_after_only = !o_.default_target.empty() && o_.default_target_after;
      if (tgt < 0 && src_after) {
        for (size_t i = 0; i < ms.size(); ++i)
          if (actor_ok(ms[i]) && ms[i].b >= ms[src].e && ms[i].b < hi &&
              static_cast<int32_t>(i) != src && !SameCode(static_cast<int32_t>(i), src)) {
            tgt = static_cast<int32_t>(i);
            break;
          }
      } else if (tgt < 0) {
        for (size_t i = 0; i < ms.size(); ++i)
          if (actor_ok(ms[i]) && ms[i].b >= v.e && ms[i].b < hi &&
              (src < 0 || (!SameCode(static_cast<int32_t>(i), src) &&
                           (ms[src].compound < 0 || ms[i].compound != ms[src].compound)))) {
            tgt = static_cast<int32_t>(i);
            break;
          }
        if (tgt < 0 && !target_after_only)
          for (size_t i = 0; i < ms.size(); ++i)
            if (actor_ok(ms[i]) && ms[i].b >= lo && ms[i].b < v.b &&
                static_cast<int32_t>(i) != src &&
                (src < 0 || (!SameCode(static_cast<int32_t>(i), src) &&
                             (ms[src].compound < 0 || ms[i].compound != ms[src].compound)))) {
              tgt = static_cast<int32_t>(i);
              break;
            }
        if (tgt < 0 && !target_after_only && src >= 0 && ms[src].compound >= 0) tgt = src;
      }
      // Syntax (CoderOptions::syntax): where the parse puts an actor in the
      // verb's doer or undergoer phrase, it replaces the shallow guess. When
      // the two would then share a code, the shallow pair stands.
      std::string syntax_note;
      bool syntax_oriented = false;
      // It only re-reads a pair the shallow rules found: a verb they left
      // without a source or target stays so (the parse alone would add
      // events such as "Speaking in Paris, ..." -> Paris).
      if (parser_ != nullptr && (bind.src < 0 || bind.tgt < 0) && src >= 0 && tgt >= 0 &&
          TwoLiveCodes() && EnsureParse()) {
        const code_internal::PredicateRoles roles =
            s_.tree.RolesOf(static_cast<int>(ws[v.b].tok));
        if (roles.verbal) {
          // A shallow pick already inside the phrase stands: which actor of
          // a phrase counts ("Dagolath's minister Telemar") is the
          // dictionary conventions' call, not the parse's.
          // A shallow target that depends on this verb in any way but as
          // its subject ("arrived in Gondor") stands too.
          const int vt = static_cast<int>(ws[v.b].tok);
          const bool src_fits = src >= 0 && MentionIn(src, roles.doer);
          int32_t ssrc = -1;
          if (bind.src < 0 && !src_fits) ssrc = MentionInPhrase(roles.doer, bind.tgt);
          bool tgt_fits = false;
          for (int k = 0; k < roles.undergoers; ++k)
            if (tgt >= 0 && MentionIn(tgt, roles.undergoer[k])) tgt_fits = true;
          if (tgt >= 0 && !tgt_fits) {
            const std::string_view how = AttachmentOf(tgt, vt);
            tgt_fits = !how.empty() && how != "nsubj" && how != "csubj" && how != "obl:agent";
          }
          int32_t stgt = -1;
          if (bind.tgt < 0 && !tgt_fits)
            for (int k = 0; k < roles.undergoers && stgt < 0; ++k)
              stgt = MentionInPhrase(roles.undergoer[k], ssrc >= 0 ? ssrc : src);
          // A pick with the shallow one's code changes nothing but the
          // words shown ("her" for "Italy"): the named one stays.
          const int32_t nsrc = ssrc >= 0 && !(src >= 0 && SameCode(ssrc, src)) ? ssrc : src;
          const int32_t ntgt = stgt >= 0 && !(tgt >= 0 && SameCode(stgt, tgt)) ? stgt : tgt;
          const bool clash = nsrc >= 0 && ntgt >= 0 &&
                             (nsrc == ntgt || SameCode(nsrc, ntgt) ||
                              (ms[nsrc].compound >= 0 && ms[nsrc].compound == ms[ntgt].compound));
          if ((ssrc >= 0 || stgt >= 0) && !clash) {
            if (nsrc != src || ntgt != tgt) {
              syntax_note = " parse";
              if (nsrc != src) syntax_note += std::string(" source=") + roles.how;
              if (ntgt != tgt) syntax_note += " target";
              if (roles.passive) syntax_note += " (passive)";
            }
            src = nsrc;
            tgt = ntgt;
            syntax_oriented = true;  // the parse has read the voice: no shallow swap
          }
        }
      }
      // Passive voice: was/were/been one or two words before, "by" right after.
      // One adverb may stand between ("was opposed earlier by", PASV-04).
      const bool by_after =
          v.e < n && (ws[v.e].type == kByWord ||
                      (ws[v.e].type == kOther && v.e + 1 < n && ws[v.e + 1].type == kByWord));
      if (!designated && src >= 0 && tgt >= 0 && by_after) {
        bool aux = (v.b >= 1 && ws[v.b - 1].type == kAuxWord) ||
                   (v.b >= 2 && ws[v.b - 2].type == kAuxWord);
        if (aux && !syntax_oriented) std::swap(src, tgt);
        if (aux && syntax_oriented && syntax_note.empty()) syntax_note = " parse (active voice)";
      }
      if (o_.trace)
        out->trace += "{src " + (src >= 0 ? ms[src].code : std::string("-")) + " tgt " +
                      (tgt >= 0 ? ms[tgt].code : std::string("-")) + "} ";
      std::string dsrc, dtgt;
      if (src < 0 && !o_.default_source.empty()) dsrc = o_.default_source;
      if (tgt < 0 && !o_.default_target.empty()) dtgt = o_.default_target;
      if ((src < 0 && dsrc.empty()) || (tgt < 0 && dtgt.empty())) {
        if (o_.require_dyad || (src < 0 && dsrc.empty())) continue;
      }
      if (c == 0 || clause_source >= 0) carried_source = src >= 0 ? src : carried_source;
      // Events: every source x target pair with distinct codes.
      if (src >= 0)
        Expand(src, &srcs);
      else
        srcs.assign(1, {dsrc, -1});
      if (tgt >= 0)
        Expand(tgt, &tgts);
      else
        tgts.assign(1, {dtgt.empty() ? std::string("---") : dtgt, -1});
      // With TABARI DEFAULT codes set, source and target taken from one
      // compound (no other actor on one side, no "%" pattern asking for every
      // pair) split it: the source member acts on the other members, one way
      // only (DEFAULT-06b/07b). Without DEFAULT every pair is kept, both ways
      // ("A and B agreed" codes A->B and B->A).
      const bool defaults_on = !o_.default_source.empty() || !o_.default_target.empty();
      if (defaults_on && src >= 0 && tgt >= 0 && !bind.compound_both && ms[src].compound >= 0 &&
          ms[src].compound == ms[tgt].compound) {
        ExpandMembers({src}, &srcs);
        std::vector<int32_t> rest;
        for (int32_t x : s_.compounds[ms[src].compound].members)
          if (x != src) rest.push_back(x);
        ExpandMembers(rest, &tgts);
      }
      std::string rule = "verb " + ve.base + " (" + d_.Where(ve.where) + ")";
      if (fired)
        rule += " pattern " + fired->code.ToString() + " (" + d_.Where(fired->where) + ")";
      else
        rule += " code " + ve.code.ToString();
      if (bind.src >= 0 || bind.tgt >= 0) rule += " designated";
      rule += syntax_note;
      bool emitted = false;
      auto make_actor = [&](const std::pair<std::string, int32_t>& a) {
        CodedActor r;
        r.code = a.first;
        if (a.second >= 0) {
          const Mention& m = ms[a.second];
          if (m.actor_entry >= 0) r.name = d_.actors()[m.actor_entry].primary.ToString();
          if (m.b < n) r.first_token = ws[m.b].tok;
          if (m.e > 0 && m.e - 1 < n) r.last_token = ws[m.e - 1].tok + 1;
        }
        return r;
      };
      for (const auto& s : srcs)
        for (const auto& t : tgts) {
          if (s.first == t.first) continue;
          if (events.size() >= o_.max_events) break;
          if (!spec.first.empty()) {
            Pending p;
            p.ev.source = make_actor(s);
            p.ev.target = make_actor(t);
            p.ev.code = spec.first;
            p.ev.rule = rule;
            p.flag = spec.flag;
            events.push_back(std::move(p));
            emitted = true;
          }
          if (!spec.second.empty()) {
            Pending p;
            p.ev.source = make_actor(t);
            p.ev.target = make_actor(s);
            p.ev.code = spec.second;
            p.ev.rule = rule + " (paired)";
            p.flag = spec.flag;
            events.push_back(std::move(p));
            emitted = true;
          }
        }
      if (!emitted) continue;
      if (!syntax_note.empty()) ++s_.syntax_events;
      if (spec.flag != '?') {
        clause_has_main = true;
        if (o_.code_by != CoderOptions::CodeBy::kAll) clause_done = true;
        if (o_.code_by == CoderOptions::CodeBy::kSentence) stop_all = true;
      }
    }
    (void)clause_has_main;
  }
  if (out->status == SentenceStatus::kDiscard || out->status == SentenceStatus::kComplex) return;
  bool any_dominant = false, any_main = false;
  for (const Pending& p : events) {
    if (p.flag == '!') any_dominant = true;
    if (p.flag != '?') any_main = true;
  }
  for (Pending& p : events) {
    if (any_dominant && p.flag != '!') continue;
    if (any_main && p.flag == '?') continue;
    bool dup = false;
    for (const SentenceEvent& e : out->events)
      if (e.source.code == p.ev.source.code && e.target.code == p.ev.target.code &&
          e.code == p.ev.code)
        dup = true;
    if (!dup) out->events.push_back(std::move(p.ev));
  }
  out->status = out->events.empty() ? SentenceStatus::kNoEvent : SentenceStatus::kCoded;
}

void SentenceCoder::Run(std::span<const Token> tokens, SentenceResult* out) {
  out->status = SentenceStatus::kNoEvent;
  out->events.clear();
  out->note.clear();
  out->trace.clear();
  Load(tokens);
  if (o_.minimum_words > 0) {
    // TABARI counts a comma as a word (manual 8.2.3).
    const int words = static_cast<int>(s_.words.size());
    if (words < o_.minimum_words) {
      out->status = SentenceStatus::kTooShort;
      return;
    }
  }
  if (s_.words.empty()) return;
  ClassifyActors();
  if (Discarded()) {
    out->status = SentenceStatus::kDiscard;
    const Discard& dc = d_.discards()[s_.discard_matches[0].entries[0]];
    out->note = "discard phrase '" + dc.phrase.ToString() + "' (" + d_.Where(dc.where) + ")";
    return;
  }
  ClassifyOthers();
  // Verb roots coded [###] / [+++] with no patterns act as soon as they are seen.
  for (const VerbAt& v : s_.verbs) {
    if (v.noun) continue;
    const VerbEntry& ve = d_.verbs()[v.verb];
    if (!x_.block_patterns[ve.block].empty()) continue;
    if (ve.code.kind == EventCodeSpec::Kind::kDiscard) {
      out->status = SentenceStatus::kDiscard;
      out->note = "[###] verb " + ve.base + " (" + d_.Where(ve.where) + ")";
      return;
    }
    if (ve.code.kind == EventCodeSpec::Kind::kComplex) {
      out->status = SentenceStatus::kComplex;
      out->note = "[+++] verb " + ve.base + " (" + d_.Where(ve.where) + ")";
      return;
    }
  }
  ComposeAgents();
  if (o_.possessive_qualifier) DropPossessiveQualifiers();
  FindCompounds();
  RemoveCommaClauses();
  Compact();
  // After Compact: an antecedent inside a dropped comma clause is gone.
  ResolvePronouns();
  FindClauses();
  std::string why;
  if (TooComplex(&why)) {
    out->status = SentenceStatus::kComplex;
    out->note = why;
    if (o_.trace) Trace(out);
    return;
  }
  CodeClauses(out);
  if (o_.trace) Trace(out);
}

void SentenceCoder::Trace(SentenceResult* out) const {
  static const char* kNames[] = {"",    "ACTOR", "AGENT", "VERB", "NOUN", "PRON", "CONJ",
                                 "DET", "COMMA", "BY",    "AUX",  "NEG",  "NUM"};
  std::string& t = out->trace;
  for (uint32_t k = 0; k < s_.words.size(); ++k) {
    const Word& w = s_.words[k];
    bool clause = false;
    for (uint32_t c : s_.clause_starts)
      if (c == k && k > 0) clause = true;
    if (clause) t += "| ";
    t += w.lower;
    if (w.type != kOther) {
      t += "/";
      t += kNames[w.type];
    }
    if (w.mention >= 0) {
      const Mention& m = s_.mentions[w.mention];
      t += "=" + m.code;
      if (m.compound >= 0) t += "&" + std::to_string(m.compound);
    }
    if (w.verb >= 0 && s_.verbs[w.verb].noun) t += "(verb->noun)";
    if (w.verb >= 0 && !s_.verbs[w.verb].noun) {
      const VerbEntry& ve = d_.verbs()[s_.verbs[w.verb].verb];
      t += "(" + ve.base + " " + ve.code.ToString() + " " + d_.Where(ve.where) + ")";
    }
    t += " ";
  }
}

}  // namespace

void Coder::CodeSentence(std::span<const Token> tokens, const Date& date, CoderScratch* scratch,
                         SentenceResult* result) const {
  SentenceCoder sc(*dict_, options_, *index_, scratch->impl(), date, parser_.get());
  sc.Run(tokens, result);
}

// Number of leading tokens that form a news dateline ("MOSCOW (Reuters) -",
// "WASHINGTON, D.C. -", "TEHRAN -"), or 0. A dateline names where the story was
// filed, not an actor of the first sentence, so the coder skips it.
static size_t DatelineLength(std::span<const Token> tokens) {
  auto all_caps = [](const Token& t) {
    if (t.kind != TokenKind::kWord || t.text.size() < 2) return false;
    bool letter = false;
    for (unsigned char c : t.text) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter;
  };
  auto capitalized = [](const Token& t) {
    return t.kind == TokenKind::kWord && !t.text.empty() && t.text[0] >= 'A' && t.text[0] <= 'Z';
  };
  constexpr size_t kMaxDateline = 12;
  size_t i = 0;
  // "WASHINGTON/ATHENS", "WASHINGTON, D.C."
  while (i < tokens.size() && i < kMaxDateline &&
         (all_caps(tokens[i]) ||
          (i > 0 && (tokens[i].text == "," || tokens[i].text == "." || tokens[i].text == "/"))))
    ++i;
  // The outlet alone, the place left out: "(Reuters) - ...".
  const bool bare_outlet = i == 0 && !tokens.empty() && tokens[0].text == "(";
  if (i == 0 && !bare_outlet) return 0;
  // A state or country after the place: "LAKE FOREST, Illinois (Reuters) -".
  if (i > 0 && i < tokens.size() && tokens[i - 1].text == ",") {
    size_t j = i;
    while (j < tokens.size() && j < i + 3 && capitalized(tokens[j])) ++j;
    if (j > i && j < tokens.size() && tokens[j].text == "(") i = j;
  }
  // A filing date after the place: "BEIJING, June 19 (PAD) -", "KYIV, Nov. 3 -".
  if (i > 0 && i < tokens.size() && tokens[i - 1].text == "," && MonthNumber(tokens[i].lower) != 0) {
    size_t j = i + 1;
    if (j < tokens.size() && tokens[j].text == ".") ++j;
    if (j < tokens.size() && !tokens[j].text.empty() &&
        std::all_of(tokens[j].text.begin(), tokens[j].text.end(),
                    [](char c) { return c >= '0' && c <= '9'; }))
      i = j + 1;
  }
  if (i < tokens.size() && tokens[i].text == "(") {
    size_t j = i + 1;
    while (j < tokens.size() && j < i + 6 && tokens[j].text != ")") ++j;
    if (j >= tokens.size() || tokens[j].text != ")") return 0;
    i = j + 1;
  }
  if (i < tokens.size() && i + 1 < tokens.size() &&
      (tokens[i].text == "-" || tokens[i].text == "--"))
    return i + 1;
  return 0;
}

size_t Coder::CodeArticle(const Article& article, const TextOptions& text_options,
                          CoderScratch* scratch, std::vector<CodedEvent>* out) const {
  AnalyzedText t = AnalyzeText(article, text_options);
  return CodeSentences(article, t.sentences, date_resolver_, scratch, out);
}

size_t Coder::CodeSentences(const Article& article, std::span<const Sentence> sentences,
                            const EventDateResolver& date_resolver, CoderScratch* scratch,
                            std::vector<CodedEvent>* out) const {
  scratch->NewStory();
  SentenceResult res;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const size_t skip = si == 0 ? DatelineLength(s.tokens) : 0;
    CodeSentence(std::span<const Token>(s.tokens).subspan(skip), article.published, scratch, &res);
    if (res.status == SentenceStatus::kDiscard && res.note.rfind("discard phrase", 0) == 0) {
      // Story-level discard phrases drop the whole article.
      const Discard& dc = dict_->discards()[scratch->impl()->discard_matches[0].entries[0]];
      if (dc.scope == DiscardScope::kStory) return si + 1;
    }
    Date date = article.published;
    std::string phrase;
    if (date_resolver && !res.events.empty()) date = date_resolver(article, s, &phrase);
    uint32_t n = 0;
    for (SentenceEvent& e : res.events) {
      CodedEvent ev;
      ev.event_id = article.id + "#" + std::to_string(si) + "." + std::to_string(n++);
      auto fill = [&](const CodedActor& a, ActorRef* r) {
        r->code = a.code;
        r->name = a.name;
        if (a.last_token > a.first_token && a.last_token + skip <= s.tokens.size()) {
          r->begin = s.tokens[skip + a.first_token].begin;
          r->end = s.tokens[skip + a.last_token - 1].end;
          if (r->end <= article.text.size() && r->begin <= r->end)
            r->text = article.text.substr(r->begin, r->end - r->begin);
        }
      };
      fill(e.source, &ev.source);
      fill(e.target, &ev.target);
      ev.code = e.code;
      const CameoEventCode* cc = FindCameoEventCode(e.code);
      ev.root_code = std::string(CameoRootCode(e.code));
      if (cc) {
        ev.goldstein = cc->goldstein;
        ev.quad_class = static_cast<int>(cc->quad_class);
      } else {
        ev.quad_class = QuadClassOfRoot(ev.root_code);
        const CameoEventCode* rc = FindCameoEventCode(ev.root_code);
        ev.goldstein = rc ? rc->goldstein : 0;
      }
      ev.date = date;
      ev.date_phrase = phrase;
      ev.article_id = article.id;
      ev.outlet = article.outlet;
      ev.url = article.url;
      ev.sentence_index = static_cast<uint32_t>(si);
      ev.sentence_begin = s.begin;
      ev.sentence_end = s.end;
      ev.sentence = s.text;
      ev.rule = std::move(e.rule);
      out->push_back(std::move(ev));
    }
  }
  return sentences.size();
}

}  // namespace dyad
