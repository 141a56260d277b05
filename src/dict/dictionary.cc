// The compiled dictionary: entry storage, the phrase trie and the verb index.
//
// Both indexes are open-addressing hash tables keyed by (node, stem flag,
// word) with std::string_view keys into words interned at Compile(), so a
// lookup hashes the token's bytes and compares, never allocating.
#include "dyad/dictionary.h"

#include <algorithm>
#include <functional>
#include <unordered_set>

namespace dyad {

std::string DictWarning::ToString() const {
  if (line > 0) return file + ":" + std::to_string(line) + ": " + what;
  return file + ": " + what;
}

std::string Phrase::ToString() const {
  bool mixed = false;
  for (const auto& w : words)
    if (!w.stem) mixed = true;
  bool any_stem = false;
  for (const auto& w : words)
    if (w.stem) any_stem = true;
  mixed = mixed && any_stem;
  std::string r;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) r.push_back(' ');
    r += words[i].text;
    if (mixed && !words[i].stem) r.push_back('_');
  }
  return r;
}

// ---------------------------------------------------------------------------
// Dates

namespace {
long DayNumber(const Date& d) {
  Date x = d;
  if (x.month == 0) x.month = 1;
  if (x.day == 0) x.day = 1;
  x.precision = DatePrecision::kDay;
  return x.DaysSinceEpoch();
}
}  // namespace

bool DateRestriction::Holds(const Date& date, DateRestrictionMode mode) const {
  if (kind == Kind::kNone) return true;
  if (!date.known()) return false;
  const long d = DayNumber(date);
  const bool tabari = mode == DateRestrictionMode::kTabari;
  switch (kind) {
    case Kind::kNone:
      return true;
    case Kind::kBefore:
      return tabari ? d <= DayNumber(last) : d < DayNumber(last);
    case Kind::kAfter:
      return d >= DayNumber(first);
    case Kind::kBetween:
      return d >= DayNumber(first) && (tabari ? d <= DayNumber(last) : d < DayNumber(last));
  }
  return false;
}

std::string DateRestriction::ToString() const {
  switch (kind) {
    case Kind::kNone:
      return "";
    case Kind::kBefore:
      return "<" + last.ToString();
    case Kind::kAfter:
      return ">" + first.ToString();
    case Kind::kBetween:
      return first.ToString() + "-" + last.ToString();
  }
  return "";
}

int ResolveDateRestricted(std::span<const ActorCode> codes, const Date& date,
                          DateRestrictionMode mode) {
  using Kind = DateRestriction::Kind;
  if (!date.known()) {
    for (size_t i = 0; i < codes.size(); ++i)
      if (codes[i].when.kind == Kind::kNone) return static_cast<int>(i);
    return -1;
  }
  if (mode == DateRestrictionMode::kPetrarch2) {
    for (size_t i = 0; i < codes.size(); ++i)
      if (codes[i].when.Holds(date, mode)) return static_cast<int>(i);
    return -1;
  }
  int fallback = -1;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (codes[i].when.kind == Kind::kNone) {
      if (fallback < 0) fallback = static_cast<int>(i);
      continue;
    }
    if (codes[i].when.Holds(date, mode)) return static_cast<int>(i);
  }
  return fallback;
}

// ---------------------------------------------------------------------------
// Codes

std::string ComposeAgentCode(std::string_view actor_code, const AgentEntry& agent) {
  std::string_view a = agent.code;
  // Already present on a 3-character boundary: not added again.
  for (size_t i = 0; a.size() > 0 && i + a.size() <= actor_code.size(); i += 3)
    if (actor_code.substr(i, a.size()) == a) return std::string(actor_code);
  if (agent.placement == AgentPlacement::kAfterActor)
    return std::string(actor_code) + std::string(a);
  return std::string(a) + std::string(actor_code);
}

std::string EventCodeSpec::ToString() const {
  std::string r = "[";
  switch (kind) {
    case Kind::kNull:
      r += "---";
      break;
    case Kind::kDiscard:
      r += "###";
      break;
    case Kind::kComplex:
      r += "+++";
      break;
    case Kind::kEvent:
      r += first;
      if (!second.empty()) r += ":" + second;
      break;
  }
  if (flag) r.push_back(flag);
  r.push_back(']');
  return r;
}

bool EventCodeSpec::IsCameo() const {
  if (kind != Kind::kEvent) return true;
  auto cameo = [](const std::string& c) {
    if (c.size() < 2 || c.size() > 4) return false;
    for (char ch : c)
      if (ch < '0' || ch > '9') return false;
    return true;
  };
  if (first.empty() && second.empty()) return false;
  return (first.empty() || cameo(first)) && (second.empty() || cameo(second));
}

bool EventCodeSpec::Parse(std::string_view inside, EventCodeSpec* out) {
  std::string s;
  for (char c : inside)
    if (c != ' ' && c != '\t') s.push_back(c);
  EventCodeSpec r;
  if (!s.empty() && (s.back() == '!' || s.back() == '?')) {
    r.flag = s.back();
    s.pop_back();
  }
  if (s == "---") {
    r.kind = Kind::kNull;
  } else if (s == "###") {
    r.kind = Kind::kDiscard;
  } else if (s == "+++") {
    r.kind = Kind::kComplex;
  } else {
    auto valid = [](std::string_view c) {
      if (c.empty() || c.size() > 8) return false;
      for (char ch : c)
        if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')))
          return false;
      return true;
    };
    r.kind = Kind::kEvent;
    size_t colon = s.find(':');
    if (colon == std::string::npos) {
      if (!valid(s)) return false;
      r.first = s;
    } else {
      r.first = s.substr(0, colon);
      r.second = s.substr(colon + 1);
      if (!r.first.empty() && !valid(r.first)) return false;
      if (!valid(r.second)) return false;
    }
  }
  *out = std::move(r);
  return true;
}

// ---------------------------------------------------------------------------
// The index

namespace {

// Open-addressing map (node, stem, word) -> value. Keys view interned words.
class WordTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  void Reserve(size_t n) {
    size_t cap = 16;
    while (cap < n * 2 + 16) cap <<= 1;
    slots_.assign(cap, Slot());
    mask_ = cap - 1;
  }
  // Inserts or finds; returns a reference to the value.
  uint32_t& Insert(uint32_t node, bool stem, std::string_view word) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t h = Hash(node, stem, word);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.value == kNone && !s.used) {
        s.used = true;
        s.node = node;
        s.stem = stem;
        s.word = word;
        s.hash = h;
        ++size_;
        return s.value;
      }
      if (s.hash == h && s.node == node && s.stem == stem && s.word == word) return s.value;
    }
  }
  uint32_t Find(uint32_t node, bool stem, std::string_view word) const {
    if (slots_.empty()) return kNone;
    size_t h = Hash(node, stem, word);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return kNone;
      if (s.hash == h && s.node == node && s.stem == stem && s.word == word) return s.value;
    }
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    size_t hash = 0;
    std::string_view word;
    uint32_t node = 0;
    uint32_t value = kNone;
    bool stem = false;
    bool used = false;
  };
  static size_t Hash(uint32_t node, bool stem, std::string_view word) {
    size_t h = std::hash<std::string_view>()(word);
    h ^= (static_cast<size_t>(node) * 0x9E3779B97F4A7C15ull) + (stem ? 0x51ED27 : 0);
    h ^= h >> 29;
    return h;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    Reserve(old.empty() ? 8 : old.size());
    size_ = 0;
    for (const Slot& s : old)
      if (s.used) Insert(s.node, s.stem, s.word) = s.value;
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

struct Trie {
  struct Node {
    uint32_t payload_begin = 0;
    uint32_t payload_count = 0;
    bool has_exact = false;
    bool has_stem = false;
    // Phrases ending here: 0 none yet, 1 all PhraseWord::cased acronyms,
    // 2 at least one that is not. Only 1 restricts matching.
    uint8_t cased = 0;
  };
  std::vector<Node> nodes{Node()};  // node 0 = root
  WordTable edges;
  std::vector<uint32_t> payload;
  size_t min_stem = SIZE_MAX, max_stem = 0;
};

}  // namespace

struct Dictionary::Index {
  std::unordered_set<std::string> interned;
  Trie tries[kNumPhraseKinds];
  // Verb index: node 0, key word -> index into verb_ranges.
  WordTable verb_words;
  std::vector<std::pair<uint32_t, uint32_t>> verb_ranges;  // [begin, count) into verb_hits
  std::vector<VerbHit> verb_hits;
  size_t min_verb_stem = SIZE_MAX, max_verb_stem = 0;
  bool verb_has_stem = false;
  WordTable synset_names;  // upper-case name -> synset index

  std::string_view Intern(std::string_view s) { return *interned.emplace(s).first; }
};

Dictionary::Dictionary() : index_(std::make_unique<Index>()) {}
Dictionary::~Dictionary() = default;

std::string Dictionary::Where(const SourceRef& ref) const {
  std::string f = ref.file < files_.size() ? files_[ref.file] : std::string("?");
  return f + ":" + std::to_string(ref.line);
}

namespace {

struct TokenKey {
  std::string_view lower;
  std::string_view lemma;
  bool capital = true;  // starts with a capital letter (cased acronyms need one)
};

// Depth-first walk from `node` at token `j`. Calls emit(end, node) for every
// terminal reached. Recursion depth is bounded by the phrase length.
template <typename Emit>
void Walk(const Trie& t, uint32_t node, const TokenKey* toks, size_t n, size_t j, bool use_lemma,
          Emit& emit) {
  if (j >= n) return;
  const Trie::Node& nd = t.nodes[node];
  const TokenKey& k = toks[j];
  auto visit = [&](uint32_t child) {
    if (t.nodes[child].payload_count) emit(j + 1, child);
    Walk(t, child, toks, n, j + 1, use_lemma, emit);
  };
  if (nd.has_exact) {
    uint32_t c = t.edges.Find(node, false, k.lower);
    if (c != WordTable::kNone) visit(c);
    if (use_lemma && !k.lemma.empty() && k.lemma != k.lower) {
      uint32_t c2 = t.edges.Find(node, false, k.lemma);
      if (c2 != WordTable::kNone && c2 != c) visit(c2);
    }
  }
  if (nd.has_stem) {
    size_t hi = std::min(k.lower.size(), t.max_stem);
    for (size_t len = t.min_stem; len <= hi; ++len) {
      uint32_t c = t.edges.Find(node, true, k.lower.substr(0, len));
      if (c != WordTable::kNone) visit(c);
    }
  }
}

void FindIn(const Trie& t, const TokenKey* toks, size_t n, const MatchOptions& options,
            std::vector<PhraseMatch>* out) {
  if (t.nodes.size() <= 1) return;
  for (size_t i = 0; i < n; ++i) {
    const size_t first = out->size();
    size_t best = 0;
    auto emit = [&](size_t end, uint32_t node) {
      if (t.nodes[node].cased == 1 && !toks[end - 1].capital) return;  // "who" is not "WHO"
      if (options.longest_only && end < best) return;
      if (options.longest_only && end > best) {
        out->resize(first);
        best = end;
      }
      // The same node can be reached twice (lower and lemma both match a
      // path); report it once.
      for (size_t m = first; m < out->size(); ++m)
        if ((*out)[m].end == end &&
            (*out)[m].entries.data() == t.payload.data() + t.nodes[node].payload_begin)
          return;
      const Trie::Node& nd = t.nodes[node];
      out->push_back(PhraseMatch{
          static_cast<uint32_t>(i), static_cast<uint32_t>(end),
          std::span<const uint32_t>(t.payload.data() + nd.payload_begin, nd.payload_count)});
    };
    Walk(t, 0, toks, n, i, options.use_lemma, emit);
    // Insertion sort by decreasing end: a handful of matches per position,
    // and unlike std::stable_sort it never allocates.
    for (size_t a = first + 1; a < out->size(); ++a)
      for (size_t b = a; b > first && (*out)[b - 1].end < (*out)[b].end; --b)
        std::swap((*out)[b - 1], (*out)[b]);
  }
}

}  // namespace

void Dictionary::FindPhrases(PhraseKind kind, std::span<const Token> tokens,
                             const MatchOptions& options, std::vector<PhraseMatch>* out) const {
  // Keys on the stack for short sentences; sentences are cut at 512 tokens by
  // the text stage (TextOptions::max_sentence_tokens), so this rarely grows.
  constexpr size_t kStack = 256;
  TokenKey stack_keys[kStack];
  std::vector<TokenKey> heap_keys;
  TokenKey* keys = stack_keys;
  if (tokens.size() > kStack) {
    heap_keys.resize(tokens.size());
    keys = heap_keys.data();
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view text = tokens[i].text;
    // Non-ASCII first letters count as capitals: the acronyms are ASCII, and
    // a token with no text (built from words alone) must not lose matches.
    const bool capital = text.empty() || static_cast<unsigned char>(text[0]) >= 0x80 ||
                         (text[0] >= 'A' && text[0] <= 'Z');
    keys[i] = {tokens[i].lower, tokens[i].lemma, capital};
  }
  FindIn(index_->tries[static_cast<int>(kind)], keys, tokens.size(), options, out);
}

void Dictionary::FindPhrases(PhraseKind kind, std::span<const std::string_view> words,
                             const MatchOptions& options, std::vector<PhraseMatch>* out) const {
  std::vector<TokenKey> keys(words.size());
  for (size_t i = 0; i < words.size(); ++i) keys[i] = {words[i], words[i], true};
  FindIn(index_->tries[static_cast<int>(kind)], keys.data(), keys.size(), options, out);
}

void Dictionary::FindVerbs(std::string_view lower, std::string_view lemma,
                           std::vector<VerbHit>* out) const {
  const Index& x = *index_;
  auto add = [&](uint32_t r) {
    if (r == WordTable::kNone) return;
    auto [b, c] = x.verb_ranges[r];
    for (uint32_t i = 0; i < c; ++i) {
      const VerbHit& h = x.verb_hits[b + i];
      bool dup = false;
      for (const VerbHit& o : *out)
        if (o.verb == h.verb && o.form == h.form) dup = true;
      if (!dup) out->push_back(h);
    }
  };
  add(x.verb_words.Find(0, false, lower));
  if (!lemma.empty() && lemma != lower) add(x.verb_words.Find(0, false, lemma));
  if (x.verb_has_stem) {
    size_t hi = std::min(lower.size(), x.max_verb_stem);
    for (size_t len = x.min_verb_stem; len <= hi; ++len)
      add(x.verb_words.Find(0, true, lower.substr(0, len)));
  }
}

int Dictionary::FindSynset(std::string_view name) const {
  std::string up(name);
  for (char& c : up)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (!up.empty() && up[0] != '&') up.insert(up.begin(), '&');
  uint32_t v = index_->synset_names.Find(0, false, up);
  return v == WordTable::kNone ? -1 : static_cast<int>(v);
}

std::string_view Dictionary::ResolveActorCode(std::span<const uint32_t> entries,
                                              const Date& date) const {
  // Concatenate the entries' code lists (in order) by walking them twice:
  // small lists, no allocation.
  using Kind = DateRestriction::Kind;
  const ActorCode* fallback = nullptr;
  for (uint32_t e : entries) {
    if (e >= actors_.size()) continue;
    for (const ActorCode& c : actors_[e].codes) {
      if (!date.known()) {
        if (c.when.kind == Kind::kNone) return c.code;
        continue;
      }
      if (date_mode_ == DateRestrictionMode::kPetrarch2) {
        if (c.when.Holds(date, date_mode_)) return c.code;
        continue;
      }
      if (c.when.kind == Kind::kNone) {
        if (!fallback) fallback = &c;
      } else if (c.when.Holds(date, date_mode_)) {
        return c.code;
      }
    }
  }
  return fallback ? std::string_view(fallback->code) : std::string_view();
}

// ---------------------------------------------------------------------------
// Builder

DictionaryBuilder::DictionaryBuilder() : dict_(new Dictionary()) {}
DictionaryBuilder::~DictionaryBuilder() = default;

uint32_t DictionaryBuilder::AddFile(std::string_view path) {
  for (size_t i = 0; i < dict_->files_.size(); ++i)
    if (dict_->files_[i] == path) return static_cast<uint32_t>(i);
  dict_->files_.emplace_back(path);
  return static_cast<uint32_t>(dict_->files_.size() - 1);
}

#define DYAD_DICT_ADD(Method, Type, member)                 \
  uint32_t DictionaryBuilder::Method(Type e) {              \
    dict_->member.push_back(std::move(e));                  \
    return static_cast<uint32_t>(dict_->member.size() - 1); \
  }
DYAD_DICT_ADD(AddActor, ActorEntry, actors_)
DYAD_DICT_ADD(AddAgent, AgentEntry, agents_)
DYAD_DICT_ADD(AddSubstitutionSet, SubstitutionSet, substitution_sets_)
DYAD_DICT_ADD(AddVerbBlock, VerbBlock, verb_blocks_)
DYAD_DICT_ADD(AddSynset, Synset, synsets_)
DYAD_DICT_ADD(AddTransformation, Transformation, transformations_)
DYAD_DICT_ADD(AddTimeShift, TimeShift, time_shifts_)
DYAD_DICT_ADD(AddDiscard, Discard, discards_)
DYAD_DICT_ADD(AddIssue, IssueEntry, issues_)
DYAD_DICT_ADD(AddOption, DictOption, options_)
#undef DYAD_DICT_ADD

uint32_t DictionaryBuilder::AddVerb(VerbEntry v) {
  const uint32_t id = static_cast<uint32_t>(dict_->verbs_.size());
  if (v.block < dict_->verb_blocks_.size()) dict_->verb_blocks_[v.block].verbs.push_back(id);
  dict_->verbs_.push_back(std::move(v));
  return id;
}

uint32_t DictionaryBuilder::AddPattern(Pattern p) {
  const uint32_t id = static_cast<uint32_t>(dict_->patterns_.size());
  if (p.block < dict_->verb_blocks_.size()) dict_->verb_blocks_[p.block].patterns.push_back(id);
  dict_->patterns_.push_back(std::move(p));
  return id;
}

size_t DictionaryBuilder::num_verb_blocks() const { return dict_->verb_blocks_.size(); }

namespace {

void AddPhrase(Trie* t, const Phrase& p, uint32_t entry,
               std::vector<std::pair<uint32_t, uint32_t>>* terminals,
               std::unordered_set<std::string>* interned) {
  if (p.words.empty()) return;
  uint32_t node = 0;
  for (const PhraseWord& w : p.words) {
    if (w.text.empty()) continue;
    std::string_view key = *interned->emplace(w.text).first;
    uint32_t& child = t->edges.Insert(node, w.stem, key);
    if (child == WordTable::kNone) {
      child = static_cast<uint32_t>(t->nodes.size());
      t->nodes.emplace_back();
    }
    uint32_t next = child;  // `child` may dangle once the table grows
    if (w.stem) {
      t->nodes[node].has_stem = true;
      t->min_stem = std::min(t->min_stem, w.text.size());
      t->max_stem = std::max(t->max_stem, w.text.size());
    } else {
      t->nodes[node].has_exact = true;
    }
    node = next;
  }
  if (node == 0) return;
  const bool cased = p.words.size() == 1 && p.words[0].cased;
  uint8_t& c = t->nodes[node].cased;
  c = cased ? (c == 0 ? 1 : c) : 2;
  terminals->push_back({node, entry});
}

void FinishTrie(Trie* t, std::vector<std::pair<uint32_t, uint32_t>>* terminals) {
  std::stable_sort(terminals->begin(), terminals->end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 0; i < terminals->size();) {
    size_t j = i;
    const uint32_t node = (*terminals)[i].first;
    t->nodes[node].payload_begin = static_cast<uint32_t>(t->payload.size());
    for (; j < terminals->size() && (*terminals)[j].first == node; ++j) {
      uint32_t e = (*terminals)[j].second;
      // Entries arrive in increasing order per node; skip repeats (a primary
      // and a synonym spelled the same).
      if (t->payload.size() > t->nodes[node].payload_begin && t->payload.back() == e) continue;
      t->payload.push_back(e);
    }
    t->nodes[node].payload_count =
        static_cast<uint32_t>(t->payload.size()) - t->nodes[node].payload_begin;
    i = j;
  }
}

}  // namespace

Result<std::shared_ptr<const Dictionary>> DictionaryBuilder::Compile(
    const CompileOptions& options) {
  std::unique_ptr<Dictionary> d = std::move(dict_);
  dict_.reset(new Dictionary());
  d->date_mode_ = options.date_mode;
  Dictionary::Index* x = d->index_.get();

  for (const VerbEntry& v : d->verbs_)
    if (v.block >= d->verb_blocks_.size())
      return Status::InvalidArgument("verb '" + v.base + "' at " + d->Where(v.where) +
                                     " names verb block " + std::to_string(v.block) +
                                     " which does not exist");
  for (const Pattern& p : d->patterns_)
    if (p.block >= d->verb_blocks_.size())
      return Status::InvalidArgument("pattern at " + d->Where(p.where) + " names verb block " +
                                     std::to_string(p.block) + " which does not exist");

  std::vector<std::pair<uint32_t, uint32_t>> terms;
  auto build = [&](PhraseKind kind, auto&& each) {
    Trie& t = x->tries[static_cast<int>(kind)];
    terms.clear();
    each([&](const Phrase& p, uint32_t e) { AddPhrase(&t, p, e, &terms, &x->interned); });
    FinishTrie(&t, &terms);
  };
  build(PhraseKind::kActor, [&](auto add) {
    for (uint32_t i = 0; i < d->actors_.size(); ++i) {
      add(d->actors_[i].primary, i);
      for (const Phrase& s : d->actors_[i].synonyms) add(s, i);
    }
  });
  build(PhraseKind::kAgent, [&](auto add) {
    for (uint32_t i = 0; i < d->agents_.size(); ++i) add(d->agents_[i].phrase, i);
  });
  build(PhraseKind::kSynset, [&](auto add) {
    for (uint32_t i = 0; i < d->synsets_.size(); ++i)
      for (const Phrase& p : d->synsets_[i].phrases) add(p, i);
  });
  build(PhraseKind::kDiscard, [&](auto add) {
    for (uint32_t i = 0; i < d->discards_.size(); ++i) add(d->discards_[i].phrase, i);
  });
  build(PhraseKind::kIssue, [&](auto add) {
    for (uint32_t i = 0; i < d->issues_.size(); ++i)
      for (const Phrase& p : d->issues_[i].phrases) add(p, i);
  });
  build(PhraseKind::kTime, [&](auto add) {
    for (uint32_t i = 0; i < d->time_shifts_.size(); ++i) add(d->time_shifts_[i].phrase, i);
  });

  // Verbs: key = (stem flag, verb word) -> hits, in verb order.
  struct KeyHit {
    bool stem;
    std::string_view word;
    VerbHit hit;
  };
  std::vector<KeyHit> hits;
  for (uint32_t v = 0; v < d->verbs_.size(); ++v) {
    const VerbEntry& e = d->verbs_[v];
    for (uint32_t f = 0; f < e.forms.size(); ++f) {
      const VerbForm& form = e.forms[f];
      if (form.verb_word >= form.words.words.size()) continue;
      const PhraseWord& w = form.words.words[form.verb_word];
      if (w.text.empty()) continue;
      hits.push_back({w.stem, x->Intern(w.text), VerbHit{v, f}});
    }
  }
  std::stable_sort(hits.begin(), hits.end(), [](const KeyHit& a, const KeyHit& b) {
    if (a.stem != b.stem) return a.stem < b.stem;
    return a.word < b.word;
  });
  x->verb_words.Reserve(hits.size());
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    const uint32_t begin = static_cast<uint32_t>(x->verb_hits.size());
    while (j < hits.size() && hits[j].stem == hits[i].stem && hits[j].word == hits[i].word) {
      const VerbHit& h = hits[j].hit;
      if (x->verb_hits.size() == begin || x->verb_hits.back().verb != h.verb ||
          x->verb_hits.back().form != h.form)
        x->verb_hits.push_back(h);
      ++j;
    }
    x->verb_words.Insert(0, hits[i].stem, hits[i].word) =
        static_cast<uint32_t>(x->verb_ranges.size());
    x->verb_ranges.push_back({begin, static_cast<uint32_t>(x->verb_hits.size()) - begin});
    if (hits[i].stem) {
      x->verb_has_stem = true;
      x->min_verb_stem = std::min(x->min_verb_stem, hits[i].word.size());
      x->max_verb_stem = std::max(x->max_verb_stem, hits[i].word.size());
    }
    i = j;
  }

  for (uint32_t i = 0; i < d->synsets_.size(); ++i) {
    std::string up = d->synsets_[i].name;
    for (char& c : up)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    uint32_t& slot = x->synset_names.Insert(0, false, x->Intern(up));
    if (slot == WordTable::kNone) slot = i;  // first definition wins
  }

  return std::shared_ptr<const Dictionary>(std::move(d));
}

}  // namespace dyad

namespace dyad {

DictionaryCounts CountEntries(const Dictionary& d) {
  DictionaryCounts c;
  c.actors = d.actors().size();
  for (const ActorEntry& a : d.actors()) {
    c.synonyms += a.synonyms.size();
    c.actor_codes += a.codes.size();
    for (const ActorCode& code : a.codes)
      if (code.when.kind != DateRestriction::Kind::kNone) ++c.date_restricted;
  }
  c.agents = d.agents().size();
  {
    uint64_t prev = UINT64_MAX;
    for (const AgentEntry& a : d.agents()) {
      const uint64_t key = (static_cast<uint64_t>(a.where.file) << 32) | a.where.line;
      if (key != prev) ++c.agent_lines;
      prev = key;
    }
  }
  c.substitution_sets = d.substitution_sets().size();
  c.synsets = d.synsets().size();
  c.verb_blocks = d.verb_blocks().size();
  c.verbs = d.verbs().size();
  for (const VerbEntry& v : d.verbs()) c.verb_forms += v.forms.size();
  c.patterns = d.patterns().size();
  c.transformations = d.transformations().size();
  c.time_shifts = d.time_shifts().size();
  c.discards = d.discards().size();
  for (const Discard& x : d.discards())
    if (x.scope == DiscardScope::kStory) ++c.story_discards;
  c.issues = d.issues().size();
  for (const IssueEntry& i : d.issues()) {
    c.issue_phrases += i.phrases.size();
    if (i.kind == IssueEntry::Kind::kCode) ++c.issue_codes;
  }
  c.options = d.options().size();
  return c;
}

std::string DictionaryCounts::ToString() const {
  std::string r;
  auto add = [&](const char* name, size_t v) {
    if (!r.empty()) r.push_back(' ');
    r += name;
    r.push_back('=');
    r += std::to_string(v);
  };
  add("actors", actors);
  add("synonyms", synonyms);
  add("actor_codes", actor_codes);
  add("date_restricted", date_restricted);
  add("agents", agents);
  add("agent_lines", agent_lines);
  add("substitution_sets", substitution_sets);
  add("synsets", synsets);
  add("verb_blocks", verb_blocks);
  add("verbs", verbs);
  add("verb_forms", verb_forms);
  add("patterns", patterns);
  add("transformations", transformations);
  add("time_shifts", time_shifts);
  add("discards", discards);
  add("story_discards", story_discards);
  add("issues", issues);
  add("issue_codes", issue_codes);
  add("issue_phrases", issue_phrases);
  add("options", options);
  return r;
}

}  // namespace dyad
