// Actor registry (in memory + JSONL) and within-document resolution.
#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <istream>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "actors/roles_internal.h"
#include "dyad/actors.h"
#include "dyad/name_match.h"
#include "dyad/output.h"

namespace dyad {

using namespace actors_internal;

std::string_view ActorSourceName(ActorSource s) {
  return s == ActorSource::kDictionary ? "dictionary" : "learned";
}

std::string LearnedActorId(std::string_view name) {
  std::string f = FoldNameText(name);
  std::string id = "learned:";
  for (char c : f) {
    if (c == ' ' || c == ',') {
      if (!id.empty() && id.back() != '-' && id.back() != ':') id.push_back('-');
    } else {
      id.push_back(c);
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

bool ActorMatchesName(const ActorRecord& r, std::string_view query) {
  if (query.empty()) return true;
  const std::string q = FoldNameText(query);
  if (q.empty()) return false;
  NormalizedName nq = NormalizeName(query);
  for (const std::string& s : r.spellings) {
    if (FoldNameText(s).find(q) != std::string::npos) return true;
    NormalizedName ns = NormalizeName(s);
    if (!nq.empty() && !ns.empty() && SameName(nq, ns)) return true;
    // A bare surname in any spelling ("Halbusi" for "Mohammed al-Halbousi").
    if (nq.tokens().size() == 1 && !ns.empty() && nq.tokens()[0].key == ns.tokens().back().key)
      return true;
  }
  return FoldNameText(r.name).find(q) != std::string::npos;
}

// ---------------------------------------------------------------------------
// InMemoryActorRegistry

namespace {

// FindByName prefilter. The resolver asks once per unresolved capitalized
// word run, so a registry of thousands of learned persons made CompareNames
// the ingest bottleneck (perf on Reuters 2012-13: ~60% of the storing
// thread's samples). CompareNames judges two person names the same only when
// every token of the shorter one aligns with a token of the longer one, and
// aligned transliterations begin with related sounds (Qaddafi / Gadhafi,
// Hossein / Husain, Vladimir / Wladimir), so every token of the shorter name
// must share a sound class with some token of the longer one. A single token
// is never the same person as several (the "single vs multi token" guard).
// The reference test FindByNameMatchesBruteForce checks both rules against
// comparing everything.
uint32_t SoundBits(const NameToken& t) {
  if (t.text.empty()) return 0;
  enum : uint32_t { kV = 1, kK = 2, kS = 4, kT = 8, kP = 16, kM = 32, kL = 64, kO = 128 };
  uint32_t bits = 0;
  for (const std::string* w : {&t.text, &t.key}) {
    if (w->empty()) continue;
    switch ((*w)[0]) {
      case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': bits |= kV; break;
      case 'h': bits |= kV | kK; break;
      case 'w': bits |= kV | kP; break;
      case 'k': case 'q': case 'g': bits |= kK; break;
      case 'c': case 'x': case 'j': bits |= kK | kS | kV; break;
      case 's': case 'z': bits |= kS; break;
      case 't': case 'd': bits |= kT | kS; break;
      case 'p': case 'b': case 'f': case 'v': bits |= kP; break;
      case 'm': case 'n': bits |= kM; break;
      case 'l': case 'r': bits |= kL; break;
      default: bits |= kO; break;
    }
  }
  return bits;
}

// True when every token of `shorter` shares a sound class with `longer_mask`.
bool TokensCovered(const std::vector<uint32_t>& shorter, uint32_t longer_mask) {
  for (uint32_t b : shorter)
    if (!(b & longer_mask)) return false;
  return true;
}

// A name prepared for FindByName: normalized, with its tokens' sound classes.
struct IndexedName {
  NormalizedName name;
  std::vector<uint32_t> token_bits;  // SoundBits of each token
  uint32_t mask = 0;                 // their union
};

IndexedName IndexName(std::string_view text) {
  IndexedName n;
  n.name = NormalizeName(text);
  for (const NameToken& t : n.name.tokens()) {
    n.token_bits.push_back(SoundBits(t));
    n.mask |= n.token_bits.back();
  }
  return n;
}

// How well the question `q` names a record spelled `sp`: CompareNames'
// score when the same, 0.8 for a bare surname (allowed, one uncommon token
// equal by key to the last token), else 0.
double MatchScore(const IndexedName& q, bool allow_surname, const IndexedName& sp) {
  const NormalizedName& n = sp.name;
  if (q.name.empty() || n.empty()) return 0;
  const size_t nq = q.name.tokens().size(), nn = n.tokens().size();
  double best = 0;
  const NameToken& q0 = q.name.tokens()[0];
  if (allow_surname && nq == 1 && nn > 1 && !q0.common && q0.text.size() >= 3 &&
      q0.key == n.tokens().back().key)
    best = 0.8;
  // See SoundBits.
  if (nq <= nn ? !TokensCovered(q.token_bits, sp.mask) : !TokensCovered(sp.token_bits, q.mask))
    return best;
  if (q.name.kind() == NameKind::kPerson && n.kind() == NameKind::kPerson && (nq == 1) != (nn == 1))
    return best;
  NameComparison c = CompareNames(q.name, n);
  if (c.same) best = std::max(best, c.score);
  return best;
}

double RecordScore(const IndexedName& q, bool allow_surname, const std::vector<IndexedName>& ns) {
  double best = 0;
  for (const IndexedName& sp : ns) best = std::max(best, MatchScore(q, allow_surname, sp));
  return best;
}

// Best first; ties in id order (the order the records are visited).
void SortHits(std::vector<std::pair<double, std::string>>* hits) {
  std::sort(hits->begin(), hits->end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
}

}  // namespace

struct InMemoryActorRegistry::Impl {
  std::map<std::string, ActorRecord, std::less<>> records;
  // Normalized spellings (the name first), rebuilt per record on Put.
  std::map<std::string, std::vector<IndexedName>, std::less<>> names;
  // FindByName answers by "<allow_surname><name>": the question and its hits
  // (score, id), best first, ties by id. The resolver asks the same questions
  // over and over ("Reuters", "Monday", names not learned yet). Only names
  // decide answers, so a Put that keeps a record's name and spellings (most
  // Puts: a mention counted, a date widened) changes nothing. One that changes
  // them is appended to `renamed`; a cached answer is brought up to date when
  // it is next asked, re-scoring only the records renamed since it was
  // computed (`seen`). Updating every cached answer on each Put made Put
  // linear in the cache (up to 100,000 answers) and the ingest slow down as
  // the registry grew.
  struct Answer {
    IndexedName query;
    bool allow_surname = false;
    std::vector<std::pair<double, std::string>> hits;
    size_t seen = 0;  // renamed.size() when the answer was last brought up to date
  };
  mutable std::map<std::string, Answer, std::less<>> memo;
  std::vector<std::string> renamed;  // ids, in the order their names changed
};

InMemoryActorRegistry::InMemoryActorRegistry() : impl_(std::make_unique<Impl>()) {}
InMemoryActorRegistry::~InMemoryActorRegistry() = default;

Result<std::optional<ActorRecord>> InMemoryActorRegistry::Get(std::string_view id) const {
  auto it = impl_->records.find(id);
  if (it == impl_->records.end()) return std::optional<ActorRecord>();
  return std::optional<ActorRecord>(it->second);
}

Status InMemoryActorRegistry::Put(const ActorRecord& record) {
  if (record.id.empty()) return Status::InvalidArgument("actor record without an id");
  auto old = impl_->records.find(record.id);
  const bool renamed = old == impl_->records.end() || old->second.name != record.name ||
                       old->second.spellings != record.spellings;
  impl_->records[record.id] = record;
  if (!renamed) return Status::Ok();
  std::vector<IndexedName>& ns = impl_->names[record.id];
  ns.clear();
  ns.push_back(IndexName(record.name));
  for (const std::string& sp : record.spellings) ns.push_back(IndexName(sp));
  if (!impl_->memo.empty()) impl_->renamed.push_back(record.id);
  return Status::Ok();
}

Result<std::vector<ActorRecord>> InMemoryActorRegistry::List() const {
  std::vector<ActorRecord> out;
  out.reserve(impl_->records.size());
  for (const auto& [id, r] : impl_->records) out.push_back(r);
  return out;
}

size_t InMemoryActorRegistry::size() const { return impl_->records.size(); }

Result<std::vector<ActorRecord>> InMemoryActorRegistry::FindByName(std::string_view name,
                                                                   bool allow_surname) const {
  std::string key = (allow_surname ? "1" : "0") + std::string(name);
  auto m = impl_->memo.find(key);
  const size_t now = impl_->renamed.size();
  auto rescan = [&](Impl::Answer* a) {
    a->hits.clear();
    for (const auto& [id, ns] : impl_->names) {
      double score = RecordScore(a->query, a->allow_surname, ns);
      if (score > 0) a->hits.emplace_back(score, id);
    }
    SortHits(&a->hits);
    a->seen = now;
  };
  if (m == impl_->memo.end()) {
    if (impl_->memo.size() >= 100000) {  // bounds memory
      impl_->memo.clear();
      impl_->renamed.clear();
    }
    Impl::Answer a;
    a.query = IndexName(name);
    a.allow_surname = allow_surname;
    rescan(&a);
    a.seen = impl_->renamed.size();
    m = impl_->memo.emplace(std::move(key), std::move(a)).first;
  } else if (m->second.seen < now) {
    Impl::Answer& a = m->second;
    if (now - a.seen >= impl_->names.size()) {
      rescan(&a);
    } else {
      // Re-score each record renamed since; a record renamed twice once.
      std::vector<std::string_view> ids(impl_->renamed.begin() + a.seen, impl_->renamed.end());
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      std::erase_if(a.hits, [&](const auto& h) {
        return std::binary_search(ids.begin(), ids.end(), std::string_view(h.second));
      });
      for (std::string_view id : ids) {
        auto ns = impl_->names.find(id);
        if (ns == impl_->names.end()) continue;
        double score = RecordScore(a.query, a.allow_surname, ns->second);
        if (score > 0) a.hits.emplace_back(score, ns->first);
      }
      SortHits(&a.hits);
      a.seen = now;
    }
  }
  std::vector<ActorRecord> out;
  for (const auto& h : m->second.hits) out.push_back(impl_->records.find(h.second)->second);
  return out;
}

// ---------------------------------------------------------------------------
// JSONL serialization

std::string ActorCodesText(const ActorRecord& r) {
  std::string out;
  for (const ActorCodeSeen& c : r.codes) {
    if (!out.empty()) out += "; ";
    out += c.code;
    if (c.first.known()) out += " " + c.first.ToString() + ".." + c.last.ToString();
  }
  return out;
}

std::string ActorRecordToJson(const ActorRecord& r) {
  std::string j = "{\"id\":";
  AppendJsonString(r.id, &j);
  j += ",\"name\":";
  AppendJsonString(r.name, &j);
  j += ",\"source\":";
  AppendJsonString(ActorSourceName(r.source), &j);
  j += ",\"codes\":[";
  for (size_t i = 0; i < r.codes.size(); ++i) {
    if (i) j.push_back(',');
    j += "{\"code\":";
    AppendJsonString(r.codes[i].code, &j);
    j += ",\"first\":";
    AppendJsonString(r.codes[i].first.ToString(), &j);
    j += ",\"last\":";
    AppendJsonString(r.codes[i].last.ToString(), &j);
    j.push_back('}');
  }
  j += "],\"spellings\":[";
  for (size_t i = 0; i < r.spellings.size(); ++i) {
    if (i) j.push_back(',');
    AppendJsonString(r.spellings[i], &j);
  }
  j += "],\"mentions\":" + std::to_string(r.mentions);
  j += ",\"role\":";
  AppendJsonString(r.role, &j);
  j += ",\"evidence\":";
  AppendJsonString(r.evidence, &j);
  j += ",\"evidence_where\":";
  AppendJsonString(r.evidence_where, &j);
  j.push_back('}');
  return j;
}

namespace {

std::string GetString(simdjson::dom::element obj, const char* key) {
  std::string_view v;
  if (obj[key].get_string().get(v) != simdjson::SUCCESS) return "";
  return std::string(v);
}

Date ParseDateOrUnknown(std::string_view s) {
  if (s.empty()) return Date();
  auto d = Date::Parse(s);
  return d ? *d : Date();
}

}  // namespace

Result<ActorRecord> ActorRecordFromJson(std::string_view line) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(line);
  simdjson::dom::element doc;
  if (auto err = parser.parse(padded).get(doc); err != simdjson::SUCCESS)
    return Status::InvalidArgument(std::string("not JSON: ") + simdjson::error_message(err));
  if (!doc.is_object()) return Status::InvalidArgument("not a JSON object");
  ActorRecord r;
  r.id = GetString(doc, "id");
  r.name = GetString(doc, "name");
  if (r.id.empty() || r.name.empty())
    return Status::InvalidArgument("actor record needs non-empty \"id\" and \"name\"");
  std::string src = GetString(doc, "source");
  if (src == "dictionary") {
    r.source = ActorSource::kDictionary;
  } else if (src == "learned" || src.empty()) {
    r.source = ActorSource::kLearned;
  } else {
    return Status::InvalidArgument("unknown \"source\" '" + src +
                                   "' (expected learned or dictionary)");
  }
  simdjson::dom::array arr;
  if (doc["codes"].get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element c : arr) {
      ActorCodeSeen cs;
      cs.code = GetString(c, "code");
      if (cs.code.empty()) return Status::InvalidArgument("a \"codes\" item without \"code\"");
      cs.first = ParseDateOrUnknown(GetString(c, "first"));
      cs.last = ParseDateOrUnknown(GetString(c, "last"));
      r.codes.push_back(std::move(cs));
    }
  }
  if (doc["spellings"].get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element s : arr) {
      std::string_view v;
      if (s.get_string().get(v) == simdjson::SUCCESS) r.spellings.emplace_back(v);
    }
  }
  uint64_t m = 0;
  if (doc["mentions"].get_uint64().get(m) == simdjson::SUCCESS) r.mentions = m;
  r.role = GetString(doc, "role");
  r.evidence = GetString(doc, "evidence");
  r.evidence_where = GetString(doc, "evidence_where");
  return r;
}

Status WriteActorRegistry(const ActorRegistry& registry, std::ostream& out) {
  DYAD_ASSIGN_OR_RETURN(std::vector<ActorRecord> all, registry.List());
  for (const ActorRecord& r : all) out << ActorRecordToJson(r) << '\n';
  if (!out) return Status::IOError("could not write the actor registry");
  return Status::Ok();
}

Result<size_t> ReadActorRegistry(std::istream& in, std::string_view source, ActorRegistry* registry,
                                 std::vector<std::string>* warnings) {
  std::string line;
  size_t lineno = 0, n = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    Result<ActorRecord> r = ActorRecordFromJson(line);
    if (!r.ok()) {
      if (warnings)
        warnings->push_back(std::string(source) + ":" + std::to_string(lineno) + ": " +
                            r.status().message() + "; line skipped");
      continue;
    }
    DYAD_RETURN_IF_ERROR(registry->Put(*r));
    ++n;
  }
  return n;
}

std::string LearnedActorsAsDictionary(const std::vector<ActorRecord>& records) {
  std::string out =
      "# Actors learned by dyad from role phrases, for review before use.\n"
      "# Each entry: the spellings seen => the codes the roles gave, with the\n"
      "# dates they were seen. The comment above it quotes the evidence.\n\n[actors]\n";
  for (const ActorRecord& r : records) {
    if (r.source != ActorSource::kLearned || r.codes.empty()) continue;
    std::string ev = r.evidence;
    std::replace(ev.begin(), ev.end(), '\n', ' ');
    out += "# " + r.id + " (" + std::to_string(r.mentions) + " mentions, role '" + r.role + "') " +
           r.evidence_where + ": " + ev + "\n";
    std::vector<std::string> phrases;
    for (const std::string& s : r.spellings) {
      // Characters the format reserves are dropped from phrases.
      std::string p;
      for (char c : s)
        if (c != '|' && c != '#' && c != '=' && c != '>' && c != '*') p.push_back(c);
      if (!p.empty() && std::find(phrases.begin(), phrases.end(), p) == phrases.end())
        phrases.push_back(p);
    }
    if (phrases.empty()) continue;
    for (size_t i = 0; i < phrases.size(); ++i) out += (i ? " | " : "") + phrases[i];
    out += " =>";
    for (size_t i = 0; i < r.codes.size(); ++i) {
      const ActorCodeSeen& c = r.codes[i];
      out += (i ? ", " : " ") + c.code;
      // Only a code seen over a known range, when there are several codes,
      // gets a date range; a single code is the default.
      if (r.codes.size() > 1 && c.first.known() && c.last.known())
        out += " @" + c.first.ToString() + ".." + c.last.ToString();
    }
    out += "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------
// ArticleResolver

ArticleResolver::ArticleResolver(std::shared_ptr<const Dictionary> dict, ActorRegistry* registry,
                                 ResolverOptions options)
    : dict_(dict), inducer_(dict), registry_(registry), options_(options) {}

namespace {

struct Entity {
  std::string id, name, code;
  std::string role_head;  // last word of the introducing role, lower case ("speaker")
  bool person = false;
  uint32_t last_sentence = 0;
  NormalizedName norm;
};

void Widen(const Date& d, ActorCodeSeen* c) {
  if (!d.known()) return;
  if (!c->first.known() || d.ToString() < c->first.ToString()) c->first = d;
  if (!c->last.known() || d.ToString() > c->last.ToString()) c->last = d;
}

std::string Slug(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == ' ' ? '-' : c);
  return out;
}

bool RoleCompatible(std::string_view entity_code, std::string_view code) {
  if (entity_code == code) return true;
  // "the speaker" (LEG) matches IRQLEG; "the official" (GOV) matches CHNGOV.
  return code.size() >= 3 && !IsCountryCode(code) && entity_code.size() > 3 &&
         entity_code.substr(3).starts_with(code);
}

}  // namespace

Result<ArticleActors> ArticleResolver::Resolve(const Article& article,
                                               const std::vector<Sentence>& sentences,
                                               std::vector<CodedEvent>* events) const {
  const Dictionary& dict = *dict_;
  const Date& date = article.published;
  ArticleActors out;
  std::vector<Entity> ents;

  // The most recent entity satisfying `pred` within the look-back window.
  auto recent = [&](uint32_t si, auto pred) -> Entity* {
    Entity* best = nullptr;
    for (Entity& e : ents) {
      if (si - e.last_sentence > options_.max_sentence_distance) continue;
      if (!pred(e)) continue;
      if (!best || e.last_sentence >= best->last_sentence) best = &e;
    }
    return best;
  };
  auto touch = [&](const std::string& id, const std::string& name, const std::string& code,
                   bool person, uint32_t si) -> Entity& {
    for (Entity& e : ents)
      if (e.id == id) {
        e.last_sentence = si;
        if (!code.empty()) e.code = code;
        return e;
      }
    Entity e;
    e.id = id;
    e.name = name;
    e.code = code;
    e.person = person;
    e.last_sentence = si;
    e.norm = NormalizeName(name);
    ents.push_back(std::move(e));
    return ents.back();
  };
  // Counts a mention of a registry record and records the spelling seen.
  auto note_registry = [&](ActorRecord rec, std::string_view spelling,
                           std::string_view code) -> Status {
    if (!registry_) return Status::Ok();
    ++rec.mentions;
    if (std::find(rec.spellings.begin(), rec.spellings.end(), spelling) == rec.spellings.end())
      rec.spellings.emplace_back(spelling);
    for (ActorCodeSeen& c : rec.codes)
      if (c.code == code) Widen(date, &c);
    return registry_->Put(rec);
  };

  for (uint32_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const uint32_t n = static_cast<uint32_t>(s.tokens.size());
    if (n == 0) continue;
    const SentenceScan scan = ScanSentence(dict, s, date);
    std::vector<bool> covered(n, false);
    std::vector<ActorMention> ms;
    const std::string where = article.id + "#" + std::to_string(si);
    auto add = [&](uint32_t b, uint32_t e, std::string how, std::string code, std::string id,
                   std::string name) {
      for (uint32_t k = b; k < e; ++k) covered[k] = true;
      ActorMention m;
      m.sentence = si;
      m.first_token = b;
      m.last_token = e;
      m.begin = s.tokens[b].begin;
      m.end = s.tokens[e - 1].end;
      m.text = SpanText(s, b, e);
      m.spelling = m.text;
      m.how = std::move(how);
      m.code = std::move(code);
      m.actor_id = std::move(id);
      m.name = std::move(name);
      ms.push_back(std::move(m));
    };

    // 1. Persons introduced by a role.
    for (const InducedActor& a : inducer_.Induce(s, date, registry_)) {
      if (!a.dictionary_code.empty()) {
        if (a.dictionary_code != a.code)
          out.conflicts.push_back({"", where + ": role '" + a.role + "' gives " + a.code +
                                           " for '" + a.name + "' but the dictionary codes it " +
                                           a.dictionary_code + "; dictionary kept"});
        continue;  // the dictionary mention comes in step 2
      }
      std::string id = LearnedActorId(a.name), name = a.name;
      if (registry_) {
        DYAD_ASSIGN_OR_RETURN(std::vector<ActorRecord> found, registry_->FindByName(a.name, false));
        ActorRecord rec;
        if (!found.empty() && found[0].source == ActorSource::kLearned) {
          rec = std::move(found[0]);
          bool have = false;
          for (const ActorCodeSeen& c : rec.codes) have |= c.code == a.code;
          if (!have) {
            out.conflicts.push_back({rec.id, where + ": '" + a.name + "' introduced as " + a.code +
                                                 " ('" + a.role + "'), known as " +
                                                 (rec.codes.empty() ? "-" : rec.codes[0].code) +
                                                 "; code added"});
            rec.codes.push_back({a.code, Date(), Date()});
          }
        } else if (!found.empty()) {
          continue;  // a dictionary actor in the registry: the dictionary wins
        } else {
          rec.id = id;
          rec.name = a.name;
          rec.source = ActorSource::kLearned;
          rec.codes.push_back({a.code, Date(), Date()});
          rec.spellings.push_back(a.name);
          rec.role = a.role;
          rec.evidence = s.text;
          rec.evidence_where = where;
          out.learned_ids.push_back(id);
        }
        id = rec.id;
        name = rec.name;
        DYAD_RETURN_IF_ERROR(note_registry(std::move(rec), a.name, a.code));
      } else if (std::find(out.learned_ids.begin(), out.learned_ids.end(), id) ==
                 out.learned_ids.end()) {
        out.learned_ids.push_back(id);
      }
      Entity& ent = touch(id, name, a.code, true, si);
      if (!a.role.empty()) {
        const Sentence role_words = Tokenize(a.role);
        if (!role_words.tokens.empty()) ent.role_head = Lemmatize(role_words.tokens.back().lower);
      }
      add(a.span_first, a.span_last, "learned", a.code, id, name);
      ms.back().spelling = a.name;
    }

    // 2. Dictionary actors, with an adjacent role composed in.
    for (const ScanSpan& a : scan.actors) {
      if (covered[a.b] || a.code.empty() || a.code == "---") continue;
      uint32_t b = a.b, e = a.e;
      std::string code = a.code;
      bool role = false;
      uint32_t j = e;
      if (j < n && (s.tokens[j].lower == "'s")) ++j;
      if (j < n && scan.agent_at[j] >= 0 && !covered[j] && IsCountryCode(a.code)) {
        const ScanSpan& g = scan.agents[scan.agent_at[j]];
        if (g.b == j) {
          code = Compose(dict, a.code, g);
          e = g.e;
          role = true;
        }
      }
      std::string primary = dict.actors()[a.index].primary.ToString();
      bool definite = b > 0 && (s.tokens[b - 1].lower == "the");
      if (role && definite) {
        // "the Russian envoy": the most recent actor with that role code.
        Entity* ant = recent(si, [&](const Entity& x) { return x.code == code && x.person; });
        if (ant) {
          ant->last_sentence = si;
          add(b, e, "role", ant->code, ant->id, ant->name);
          continue;
        }
      }
      std::string id = IsCountryCode(a.code) ? "dict:" + code : "dict:" + Slug(primary);
      std::string name = IsCountryCode(a.code) ? SpanText(s, b, e) : primary;
      if (IsCountryCode(a.code) &&
          std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        // A dateline ("MOSCOW (AFP) -"): the dictionary's phrase, capitalized.
        name = primary;
        for (size_t k = 0; k < name.size(); ++k)
          if ((k == 0 || name[k - 1] == ' ') && name[k] >= 'a' && name[k] <= 'z') name[k] -= 32;
      }
      if (Entity* known = nullptr; !role) {
        for (Entity& x : ents)
          if (x.id == id) known = &x;
        if (known) name = known->name;
      }
      Entity& ent = touch(id, name, code, !IsCountryCode(a.code), si);
      add(b, e, "dictionary", code, ent.id, ent.name);
    }

    // 3. Names seen before: a full name or a bare surname.
    for (uint32_t i = 0; i < n; ++i) {
      if (covered[i] || !IsNameWord(s.tokens[i])) continue;
      if (i > 0 && IsNameWord(s.tokens[i - 1]) && !covered[i - 1]) continue;
      uint32_t e = NameRunEnd(s, scan, i);
      if (e == i) continue;
      std::string text = SpanText(s, i, e);
      NormalizedName q = NormalizeName(text);
      if (q.empty()) continue;
      Entity* hit = recent(si + 0, [&](const Entity& x) {
        if (!x.person || x.norm.empty()) return false;
        if (SameName(q, x.norm)) return true;
        return q.tokens().size() == 1 && x.norm.tokens().size() > 1 && !q.tokens()[0].common &&
               q.tokens()[0].key == x.norm.tokens().back().key;
      });
      if (hit) {
        hit->last_sentence = si;
        add(i, e, q.tokens().size() == 1 ? "surname" : "registry", hit->code, hit->id, hit->name);
        if (registry_ && hit->id.starts_with("learned:")) {
          DYAD_ASSIGN_OR_RETURN(std::optional<ActorRecord> rec, registry_->Get(hit->id));
          if (rec) DYAD_RETURN_IF_ERROR(note_registry(std::move(*rec), text, hit->code));
        }
        continue;
      }
      if (!registry_) continue;
      DYAD_ASSIGN_OR_RETURN(std::vector<ActorRecord> found, registry_->FindByName(text, true));
      if (found.empty() || found[0].codes.empty()) continue;
      ActorRecord rec = std::move(found[0]);
      std::string code = rec.codes.back().code;
      touch(rec.id, rec.name, code, true, si);
      add(i, e, q.tokens().size() == 1 ? "surname" : "registry", code, rec.id, rec.name);
      DYAD_RETURN_IF_ERROR(note_registry(std::move(rec), text, code));
    }

    // 4. "the speaker", "the official": a role alone.
    for (const ScanSpan& g : scan.agents) {
      if (covered[g.b] || g.b == 0) continue;
      if (s.tokens[g.b - 1].lower != "the") continue;
      Entity* ant =
          recent(si, [&](const Entity& x) { return x.person && RoleCompatible(x.code, g.code); });
      if (!ant) ant = recent(si, [&](const Entity& x) { return RoleCompatible(x.code, g.code); });
      if (ant) {
        ant->last_sentence = si;
        add(g.b, g.e, "role", ant->code, ant->id, ant->name);
      } else {
        add(g.b, g.e, "agent", g.code, "", "");
      }
    }

    // 4b. "the speaker" when the role that introduced a person ended in
    // "speaker" (the dictionary knows only "parliament speaker").
    for (uint32_t i = 1; i < n; ++i) {
      if (covered[i] || s.tokens[i - 1].lower != "the" || s.tokens[i].kind != TokenKind::kWord)
        continue;
      const std::string_view lemma =
          s.tokens[i].lemma.empty() ? s.tokens[i].lower : s.tokens[i].lemma;
      Entity* ant = recent(si, [&](const Entity& x) { return x.person && x.role_head == lemma; });
      if (!ant) continue;
      ant->last_sentence = si;
      add(i, i + 1, "role", ant->code, ant->id, ant->name);
    }

    // 5. Subject pronouns.
    for (uint32_t i = 0; i < n; ++i) {
      const std::string_view w = s.tokens[i].lower;
      if (covered[i] || (w != "he" && w != "she" && w != "they")) continue;
      if (i + 1 >= n || s.tokens[i + 1].kind != TokenKind::kWord) continue;
      // Antecedents from earlier sentences, or earlier in this one.
      Entity* ant = nullptr;
      if (w == "they") {
        ant = recent(si, [&](const Entity& x) { return !x.person; });
      } else {
        ant = recent(si, [&](const Entity& x) { return x.person; });
        if (!ant) ant = recent(si, [&](const Entity& x) { return x.code.size() > 3; });
      }
      if (!ant) continue;
      add(i, i + 1, "pronoun", ant->code, ant->id, ant->name);
    }

    std::sort(ms.begin(), ms.end(), [](const ActorMention& a, const ActorMention& b) {
      return a.first_token < b.first_token;
    });
    for (ActorMention& m : ms) out.mentions.push_back(std::move(m));
  }

  // Events: each actor slot takes the mention it overlaps most.
  if (events) {
    for (CodedEvent& ev : *events) {
      for (ActorRef* ref : {&ev.source, &ev.target}) {
        if (ref->end <= ref->begin) continue;
        const ActorMention* best = nullptr;
        uint32_t best_ov = 0;
        for (const ActorMention& m : out.mentions) {
          if (m.sentence != ev.sentence_index) continue;
          uint32_t lo = std::max(m.begin, ref->begin), hi = std::min(m.end, ref->end);
          if (hi > lo && hi - lo > best_ov) {
            best_ov = hi - lo;
            best = &m;
          }
        }
        // "Iraq's Halbusi", "Iraqi speaker Halbusi": the coder stops at the
        // country; the person named right after it is the actor meant.
        if (best && best->how == "dictionary" && IsCountryCode(best->code)) {
          for (const ActorMention& m : out.mentions) {
            if (m.sentence != ev.sentence_index || m.begin < ref->end || m.actor_id.empty())
              continue;
            if (m.begin - ref->end > 3) break;  // mentions are in text order
            if (m.how == "surname" || m.how == "registry" || m.how == "learned") best = &m;
            break;
          }
        }
        if (!best || best->actor_id.empty()) continue;
        ref->actor_id = best->actor_id;
        ref->name = best->name;
        ref->actor_name = best->name;
        if (ref->code.empty() || best->how != "dictionary") ref->code = best->code;
      }
    }
  }
  return out;
}

}  // namespace dyad

namespace dyad {

// ---------------------------------------------------------------------------
// ActorTally

void ActorTally::Add(const ArticleActors& actors, const Date& article_date) {
  for (const ActorMention& m : actors.mentions) {
    if (m.actor_id.empty()) continue;
    auto it =
        std::lower_bound(records_.begin(), records_.end(), m.actor_id,
                         [](const ActorRecord& r, const std::string& id) { return r.id < id; });
    if (it == records_.end() || it->id != m.actor_id) {
      ActorRecord r;
      r.id = m.actor_id;
      r.name = m.name;
      r.source =
          m.actor_id.starts_with("learned:") ? ActorSource::kLearned : ActorSource::kDictionary;
      it = records_.insert(it, std::move(r));
    }
    ++it->mentions;
    // Pronouns and role words ("he", "the speaker") name no one: no spelling.
    if (m.how != "pronoun" && m.how != "role" && m.how != "agent" &&
        std::find(it->spellings.begin(), it->spellings.end(), m.spelling) == it->spellings.end())
      it->spellings.push_back(m.spelling);
    if (m.code.empty()) continue;
    ActorCodeSeen* seen = nullptr;
    for (ActorCodeSeen& c : it->codes)
      if (c.code == m.code) seen = &c;
    if (!seen) {
      it->codes.push_back({m.code, Date(), Date()});
      seen = &it->codes.back();
    }
    Widen(article_date, seen);
  }
}

Result<std::vector<ActorRecord>> ActorTally::Records(const ActorRegistry* registry) const {
  std::vector<ActorRecord> out = records_;
  if (!registry) return out;
  for (ActorRecord& r : out) {
    if (r.source != ActorSource::kLearned) continue;
    DYAD_ASSIGN_OR_RETURN(std::optional<ActorRecord> known, registry->Get(r.id));
    if (!known) continue;
    r.name = known->name;
    r.role = known->role;
    r.evidence = known->evidence;
    r.evidence_where = known->evidence_where;
  }
  return out;
}

Result<size_t> TallyCodeOutput(std::istream& in, std::string_view source,
                               const ArticleResolver& resolver, ActorTally* tally,
                               std::vector<std::string>* warnings) {
  simdjson::dom::parser parser;
  Article art;
  std::vector<Sentence> sentences;
  int64_t last_index = -1;
  size_t articles = 0;
  auto flush = [&]() -> Status {
    if (art.id.empty()) return Status::Ok();
    DYAD_ASSIGN_OR_RETURN(ArticleActors aa, resolver.Resolve(art, sentences, nullptr));
    tally->Add(aa, art.published);
    ++articles;
    art = Article();
    sentences.clear();
    last_index = -1;
    return Status::Ok();
  };
  auto warn = [&](size_t lineno, const std::string& what) {
    if (warnings)
      warnings->push_back(std::string(source) + ":" + std::to_string(lineno) + ": " + what +
                          "; line skipped");
  };
  std::string line;
  size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::padded_string padded(line);
    simdjson::dom::element doc;
    if (auto err = parser.parse(padded).get(doc); err != simdjson::SUCCESS || !doc.is_object()) {
      warn(lineno, "not a JSON object");
      continue;
    }
    std::string id = GetString(doc, "article_id");
    std::string text = GetString(doc, "sentence");
    int64_t index = -1;
    if (doc["sentence_index"].get_int64().get(index) != simdjson::SUCCESS) {
      std::string_view sv;
      if (doc["sentence_index"].get_string().get(sv) == simdjson::SUCCESS)
        index = std::atoll(std::string(sv).c_str());
    }
    if (id.empty() || text.empty() || index < 0) {
      warn(lineno, "expected article_id, sentence_index and sentence (dyad code --format jsonl)");
      continue;
    }
    if (id != art.id) {
      DYAD_RETURN_IF_ERROR(flush());
      art.id = id;
      art.published = ParseDateOrUnknown(GetString(doc, "date"));
    }
    if (index == last_index) continue;  // another event of the same sentence
    last_index = index;
    // The sentence's tokens, with offsets into the rebuilt article text.
    if (!art.text.empty()) art.text.push_back('\n');
    const uint32_t base = static_cast<uint32_t>(art.text.size());
    art.text += text;
    // Tokenize: the tokens of every sentence of `text`, with their storage.
    Sentence s = Tokenize(text, base);
    s.begin = base;
    s.end = static_cast<uint32_t>(art.text.size());
    s.text = text;
    sentences.push_back(std::move(s));
  }
  DYAD_RETURN_IF_ERROR(flush());
  return articles;
}

}  // namespace dyad
