// Role induction: persons introduced by a role phrase get the role's code.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "actors/roles_internal.h"
#include "dyad/actors.h"

namespace dyad {
namespace actors_internal {
namespace {

bool IsAnyOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool IsPossessive(const Token& t) { return t.lower == "'s" || t.lower == "'"; }

}  // namespace

SentenceScan ScanSentence(const Dictionary& dict, const Sentence& s, const Date& date) {
  SentenceScan scan;
  const uint32_t n = static_cast<uint32_t>(s.tokens.size());
  scan.actor_at.assign(n, -1);
  scan.agent_at.assign(n, -1);
  MatchOptions mo;
  mo.use_lemma = true;
  mo.longest_only = true;
  std::vector<PhraseMatch> ms;
  dict.FindPhrases(PhraseKind::kActor, s.tokens, mo, &ms);
  // Longest first at each start; keep non-overlapping, leftmost-longest.
  uint32_t covered = 0;
  for (const PhraseMatch& m : ms) {
    if (m.begin < covered || m.entries.empty()) continue;
    ScanSpan sp;
    sp.b = m.begin;
    sp.e = m.end;
    sp.code = std::string(dict.ResolveActorCode(m.entries, date));
    sp.index = static_cast<int32_t>(m.entries[0]);
    for (uint32_t k = sp.b; k < sp.e && k < n; ++k)
      scan.actor_at[k] = static_cast<int32_t>(scan.actors.size());
    scan.actors.push_back(std::move(sp));
    covered = m.end;
  }
  ms.clear();
  dict.FindPhrases(PhraseKind::kAgent, s.tokens, mo, &ms);
  covered = 0;
  for (const PhraseMatch& m : ms) {
    if (m.begin < covered || m.entries.empty()) continue;
    // An actor phrase wins over an agent phrase on the same tokens.
    bool clash = false;
    for (uint32_t k = m.begin; k < m.end && k < n; ++k) clash |= scan.actor_at[k] >= 0;
    if (clash) continue;
    const AgentEntry& a = dict.agents()[m.entries[0]];
    ScanSpan sp;
    sp.b = m.begin;
    sp.e = m.end;
    sp.code = a.code;
    sp.index = static_cast<int32_t>(m.entries[0]);
    sp.before = a.placement == AgentPlacement::kBeforeActor;
    for (uint32_t k = sp.b; k < sp.e && k < n; ++k)
      scan.agent_at[k] = static_cast<int32_t>(scan.agents.size());
    scan.agents.push_back(std::move(sp));
    covered = m.end;
  }
  return scan;
}

bool IsTitle(const Token& t) {
  return IsAnyOf(
      t.lower, {"mr",    "mr.",    "mrs",       "mrs.",   "ms",       "ms.",  "dr",   "dr.", "sir",
                "dame",  "lord",   "lady",      "sen.",   "rep.",     "gen.", "col.", "lt.", "maj.",
                "capt.", "sheikh", "ayatollah", "mullah", "cardinal", "rev.", "prof."});
}

bool IsParticle(const Token& t) {
  return IsAnyOf(t.lower,
                 {"al",    "el",  "bin", "ibn", "bint", "abu", "de", "da",  "di",  "du", "del",
                  "della", "van", "von", "der", "den",  "la",  "le", "ben", "dos", "das"});
}

// "al-Halbousi", "bin-Salman", "el-Sisi": a particle joined to a capitalized name.
bool IsPrefixedName(std::string_view text) {
  size_t dash = text.find('-');
  if (dash == std::string_view::npos || dash + 1 >= text.size()) return false;
  std::string_view p = text.substr(0, dash);
  return IsAnyOf(p, {"al", "el", "ad", "as", "ash", "at", "ar", "an", "az", "bin", "ibn", "abu",
                     "abd", "bint", "ul"}) &&
         std::isupper(static_cast<unsigned char>(text[dash + 1]));
}

bool IsNameWord(const Token& t) {
  if (t.kind != TokenKind::kWord || t.text.empty()) return false;
  if (IsPrefixedName(t.text)) return true;
  unsigned char c = static_cast<unsigned char>(t.text[0]);
  bool upper = (c < 0x80) ? std::isupper(c) != 0 : t.text != t.lower;
  if (!upper) return false;
  if (IsTitle(t)) return false;
  static constexpr std::string_view kNot[] = {
      "the",      "a",         "an",        "this",     "that",      "these",     "those",
      "he",       "she",       "it",        "they",     "we",        "i",         "his",
      "her",      "their",     "its",       "our",      "in",        "on",        "at",
      "of",       "for",       "to",        "from",     "by",        "with",      "and",
      "but",      "or",        "if",        "as",       "after",     "before",    "when",
      "while",    "meanwhile", "however",   "monday",   "tuesday",   "wednesday", "thursday",
      "friday",   "saturday",  "sunday",    "january",  "february",  "march",     "april",
      "may",      "june",      "july",      "august",   "september", "october",   "november",
      "december", "jan.",      "feb.",      "aug.",     "sept.",     "oct.",      "nov.",
      "dec.",     "today",     "yesterday", "tomorrow", "reuters",   "ap",        "afp",
      "there",    "here",      "what",      "who",      "why",       "how",       "under",
      "over",     "during",    "since",     "also",     "no",        "not",       "all",
      "some",     "many",      "most",      "both",     "each",      "every",     "new"};
  for (std::string_view w : kNot)
    if (t.lower == w) return false;
  // Head nouns of organisation names: "Saudi Press Agency" is an outlet, not
  // a person called "Agency" introduced by the role "Press".
  static constexpr std::string_view kOrganisation[] = {
      "agency",     "ministry",    "office",   "council",   "committee", "commission",
      "party",      "front",       "movement", "army",      "forces",    "guard",
      "news",       "press",       "times",    "post",      "herald",    "journal",
      "television", "radio",       "channel",  "network",   "service",   "services",
      "company",    "corporation", "group",    "bank",      "fund",      "university",
      "institute",  "foundation",  "authority", "department", "embassy",  "parliament"};
  for (std::string_view w : kOrganisation)
    if (t.lower == w) return false;
  return true;
}

uint32_t NameRunEnd(const Sentence& s, const SentenceScan& scan, uint32_t i) {
  const uint32_t n = static_cast<uint32_t>(s.tokens.size());
  uint32_t j = i, last_name = i;
  while (j < n && j - i < 5) {
    if (scan.actor_at[j] >= 0 || scan.agent_at[j] >= 0) break;
    const Token& t = s.tokens[j];
    if (IsNameWord(t)) {
      last_name = ++j;
    } else if (IsParticle(t) && j > i) {
      ++j;
    } else {
      break;
    }
  }
  return last_name;
}

bool IsCountryCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

std::string Compose(const Dictionary& dict, std::string_view actor_code, const ScanSpan& agent) {
  if (agent.index < 0 || static_cast<size_t>(agent.index) >= dict.agents().size())
    return std::string(actor_code);
  return ComposeAgentCode(actor_code, dict.agents()[agent.index]);
}

std::string SpanText(const Sentence& s, uint32_t b, uint32_t e) {
  std::string out;
  for (uint32_t k = b; k < e && k < s.tokens.size(); ++k) {
    out += s.tokens[k].text;
    if (k + 1 < e && s.tokens[k].space_after) out.push_back(' ');
  }
  return out;
}

}  // namespace actors_internal

using namespace actors_internal;

RoleInducer::RoleInducer(std::shared_ptr<const Dictionary> dict) : dict_(std::move(dict)) {}

namespace {

// Index of the actor span starting exactly at token i, or -1.
int32_t ActorStartingAt(const SentenceScan& scan, uint32_t i) {
  if (i >= scan.actor_at.size()) return -1;
  int32_t a = scan.actor_at[i];
  return a >= 0 && scan.actors[a].b == i ? a : -1;
}
int32_t AgentStartingAt(const SentenceScan& scan, uint32_t i) {
  if (i >= scan.agent_at.size()) return -1;
  int32_t a = scan.agent_at[i];
  return a >= 0 && scan.agents[a].b == i ? a : -1;
}

bool LowerModifier(const Token& t) {
  return t.kind == TokenKind::kWord && !t.text.empty() &&
         !std::isupper(static_cast<unsigned char>(t.text[0])) && !IsParticle(t) && !IsNameWord(t) &&
         t.lower != "and" && t.lower != "of" && t.lower != "to";
}

bool IsHelperRole(const Token& t) {
  static constexpr std::string_view kRoles[] = {
      "aide", "adviser",   "advisor",     "assistant",    "confidant", "deputy",
      "ally", "spokesman", "spokeswoman", "spokesperson", "secretary", "envoy"};
  for (std::string_view r : kRoles)
    if (t.lemma == r || t.lower == r) return true;
  return false;
}

}  // namespace

std::vector<InducedActor> RoleInducer::Induce(const Sentence& s, const Date& date,
                                              const ActorRegistry* known) const {
  const Dictionary& dict = *dict_;
  const SentenceScan scan = ScanSentence(dict, s, date);
  const uint32_t n = static_cast<uint32_t>(s.tokens.size());
  const auto& tk = s.tokens;
  std::vector<bool> used(n, false);
  std::vector<InducedActor> out;

  auto emit = [&](uint32_t span_b, uint32_t name_b, uint32_t name_e, uint32_t span_e,
                  std::string code, std::string role, const char* pattern) {
    for (uint32_t k = name_b; k < name_e; ++k)
      if (used[k]) return;
    for (uint32_t k = name_b; k < name_e; ++k) used[k] = true;
    InducedActor a;
    a.name = SpanText(s, name_b, name_e);
    a.code = std::move(code);
    a.role = std::move(role);
    a.pattern = pattern;
    a.first_token = name_b;
    a.last_token = name_e;
    a.span_first = span_b;
    a.span_last = span_e;
    out.push_back(std::move(a));
  };
  // A dictionary actor in the name position: the dictionary wins, and a
  // different role code is reported by the resolver as a conflict.
  auto emit_dict = [&](uint32_t span_b, int32_t actor, std::string code, std::string role,
                       const char* pattern) {
    const ScanSpan& a = scan.actors[actor];
    if (IsCountryCode(a.code) || a.code.empty()) return;
    InducedActor x;
    x.name = SpanText(s, a.b, a.e);
    x.code = std::move(code);
    x.role = std::move(role);
    x.pattern = pattern;
    x.first_token = a.b;
    x.last_token = a.e;
    x.span_first = span_b;
    x.span_last = a.e;
    x.dictionary_code = a.code;
    out.push_back(std::move(x));
  };

  // 1. COUNTRY ['s] [modifiers] ROLE [to|in COUNTRY] [,] NAME
  //    "Chinese Ambassador to Iran Cong Peiwu", "Iraq's Parliament Speaker
  //    Mohammed al-Halbousi", "Russia's defence chief, Sergei Shoigu".
  std::vector<bool> role_used(scan.agents.size(), false);
  for (const ScanSpan& c : scan.actors) {
    if (!IsCountryCode(c.code)) continue;
    uint32_t j = c.e;
    if (j < n && IsPossessive(tk[j])) ++j;
    for (int m = 0; m < 2 && j < n && AgentStartingAt(scan, j) < 0 && LowerModifier(tk[j]); ++m)
      ++j;
    int32_t g = AgentStartingAt(scan, j);
    if (g < 0) continue;
    int32_t last = g;
    while ((g = AgentStartingAt(scan, j)) >= 0) {
      last = g;
      role_used[g] = true;
      j = scan.agents[g].e;
    }
    const ScanSpan& role = scan.agents[last];
    if (role.before) continue;  // organisation types ("NGO~") are not person roles
    if (j + 1 < n && IsAnyOf(tk[j].lower, {"to", "in", "at", "for"}) &&
        ActorStartingAt(scan, j + 1) >= 0)
      j = scan.actors[ActorStartingAt(scan, j + 1)].e;
    bool comma = false;
    if (j < n && tk[j].text == ",") {
      comma = true;
      ++j;
    }
    while (j < n && IsTitle(tk[j])) ++j;
    std::string code = Compose(dict, c.code, role);
    std::string role_text = SpanText(s, role.b, role.e);
    const char* pat = comma ? "country-role-comma-name" : "country-role-name";
    int32_t da = ActorStartingAt(scan, j);
    if (da >= 0) {
      emit_dict(c.b, da, code, role_text, pat);
      continue;
    }
    uint32_t e = NameRunEnd(s, scan, j);
    if (e > j) emit(c.b, j, e, e, code, role_text, pat);
  }

  // 2. ROLE NAME of|from COUNTRY: "Foreign Minister Wang Yi of China".
  for (size_t gi = 0; gi < scan.agents.size(); ++gi) {
    if (role_used[gi] || scan.agents[gi].before) continue;
    uint32_t j = scan.agents[gi].e;
    size_t last = gi;
    while (AgentStartingAt(scan, j) >= 0) {
      last = static_cast<size_t>(AgentStartingAt(scan, j));
      j = scan.agents[last].e;
    }
    while (j < n && IsTitle(tk[j])) ++j;
    uint32_t e = NameRunEnd(s, scan, j);
    if (e == j || e + 1 >= n || !IsAnyOf(tk[e].lower, {"of", "from"})) continue;
    int32_t c = ActorStartingAt(scan, e + 1);
    if (c < 0 || !IsCountryCode(scan.actors[c].code)) continue;
    emit(scan.agents[gi].b, j, e, scan.actors[c].e,
         Compose(dict, scan.actors[c].code, scan.agents[last]),
         SpanText(s, scan.agents[last].b, scan.agents[last].e), "role-name-of-country");
  }

  // 3. NAME , [a|an|the] [modifiers] (COUNTRY ['s] ROLE | ROLE of COUNTRY |
  //    aide to [COUNTRY] [ROLE] Y): "Ali Bagheri, Iran's chief negotiator,",
  //    "X, a senior aide to President Y".
  for (uint32_t i = 0; i < n; ++i) {
    if (used[i] || !IsNameWord(tk[i]) || scan.actor_at[i] >= 0 || scan.agent_at[i] >= 0) continue;
    if (i > 0 && (IsNameWord(tk[i - 1]) || IsTitle(tk[i - 1])) && scan.actor_at[i - 1] < 0 &&
        scan.agent_at[i - 1] < 0 && !IsTitle(tk[i - 1]))
      continue;  // not the start of a name
    uint32_t e = NameRunEnd(s, scan, i);
    if (e == i || e + 1 >= n || tk[e].text != ",") continue;
    uint32_t j = e + 1;
    if (j < n && IsAnyOf(tk[j].lower, {"a", "an", "the"})) ++j;
    for (int m = 0; m < 2 && j < n && AgentStartingAt(scan, j) < 0 && LowerModifier(tk[j]) &&
                    !IsHelperRole(tk[j]);
         ++m)
      ++j;
    if (j >= n) continue;
    int32_t c = ActorStartingAt(scan, j);
    if (c >= 0 && IsCountryCode(scan.actors[c].code)) {
      uint32_t k = scan.actors[c].e;
      if (k < n && IsPossessive(tk[k])) ++k;
      for (int m = 0; m < 2 && k < n && AgentStartingAt(scan, k) < 0 && LowerModifier(tk[k]); ++m)
        ++k;
      int32_t g = AgentStartingAt(scan, k);
      if (g < 0 || scan.agents[g].before) continue;
      while (AgentStartingAt(scan, scan.agents[g].e) >= 0)
        g = AgentStartingAt(scan, scan.agents[g].e);
      emit(i, i, e, scan.agents[g].e, Compose(dict, scan.actors[c].code, scan.agents[g]),
           SpanText(s, scan.agents[g].b, scan.agents[g].e), "name-comma-country-role");
      continue;
    }
    int32_t g = AgentStartingAt(scan, j);
    if (g >= 0 && !scan.agents[g].before && !IsHelperRole(tk[j])) {
      uint32_t k = scan.agents[g].e;
      if (k + 1 < n && IsAnyOf(tk[k].lower, {"of", "for", "from"})) {
        int32_t c2 = ActorStartingAt(scan, k + 1);
        if (c2 >= 0 && IsCountryCode(scan.actors[c2].code))
          emit(i, i, e, scan.actors[c2].e, Compose(dict, scan.actors[c2].code, scan.agents[g]),
               SpanText(s, scan.agents[g].b, scan.agents[g].e), "name-comma-role-of-country");
      }
      continue;
    }
    if (!IsHelperRole(tk[j]) || j + 1 >= n || !IsAnyOf(tk[j + 1].lower, {"to", "of", "for"}))
      continue;
    // The principal: the first actor (composed with an adjacent role) or a
    // known learned person within a few words.
    std::string code;
    const uint32_t lim = std::min(n, j + 8);
    for (uint32_t k = j + 2; k < lim && code.empty(); ++k) {
      int32_t a = ActorStartingAt(scan, k);
      if (a >= 0) {
        code = scan.actors[a].code;
        int32_t g2 = AgentStartingAt(scan, scan.actors[a].e);
        if (IsCountryCode(code) && g2 >= 0) code = Compose(dict, code, scan.agents[g2]);
        break;
      }
      if (known && scan.agent_at[k] < 0 && IsNameWord(tk[k])) {
        uint32_t ke = NameRunEnd(s, scan, k);
        if (ke > k) {
          auto found = known->FindByName(SpanText(s, k, ke), false);
          if (found.ok() && !found->empty() && !(*found)[0].codes.empty())
            code = (*found)[0].codes[0].code;
          break;
        }
      }
    }
    if (!code.empty())
      emit(i, i, e, e, code, SpanText(s, j, j + 1), "name-comma-aide-to-principal");
  }
  std::sort(out.begin(), out.end(), [](const InducedActor& a, const InducedActor& b) {
    return a.first_token < b.first_token;
  });
  return out;
}

}  // namespace dyad
