// dyad's own dictionary format: reader and writer. The format is specified in
// docs/dictionary-dyad-format.md; this file follows that page section by
// section.
#include "dyad/dyad_format.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "dict/dyad_format_internal.h"
#include "dyad/countries.h"
#include "dyad/dictionary.h"

namespace dyad {
namespace {

using dyad_format_internal::Lower;
using dyad_format_internal::Split;
using dyad_format_internal::StripComment;
using dyad_format_internal::Trim;
using dyad_format_internal::Words;

enum class Section {
  kNone,
  kActors,
  kAgents,
  kCountries,
  kVerbs,
  kSynsets,
  kDiscards,
  kIssues,
  kUnknown
};

Section SectionByName(std::string_view name) {
  if (name == "actors") return Section::kActors;
  if (name == "agents") return Section::kAgents;
  if (name == "countries") return Section::kCountries;
  if (name == "verbs") return Section::kVerbs;
  if (name == "synsets") return Section::kSynsets;
  if (name == "discards") return Section::kDiscards;
  if (name == "issues") return Section::kIssues;
  return Section::kUnknown;
}

bool IsActorCode(std::string_view code) {
  if (code == "---") return true;
  if (code.empty()) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/')) return false;
  return true;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Splits "LEFT => RIGHT" at the last "=>"; false when there is none.
bool SplitArrow(std::string_view line, std::string_view* left, std::string_view* right) {
  size_t p = line.rfind("=>");
  if (p == std::string_view::npos) return false;
  *left = Trim(line.substr(0, p));
  *right = Trim(line.substr(p + 2));
  return true;
}

// Irregular verbs common in news: base, then the other forms. The regular
// rules below cover the rest; the text stage's lemmas cover what both miss.
const std::map<std::string_view, std::vector<std::string_view>>& IrregularVerbs() {
  static const auto* kTable = new std::map<std::string_view, std::vector<std::string_view>>{
      {"arise", {"arises", "arose", "arisen", "arising"}},
      {"bear", {"bears", "bore", "borne", "bearing"}},
      {"beat", {"beats", "beaten", "beating"}},
      {"become", {"becomes", "became", "becoming"}},
      {"begin", {"begins", "began", "begun", "beginning"}},
      {"bid", {"bids", "bidding"}},
      {"bind", {"binds", "bound", "binding"}},
      {"blow", {"blows", "blew", "blown", "blowing"}},
      {"break", {"breaks", "broke", "broken", "breaking"}},
      {"bring", {"brings", "brought", "bringing"}},
      {"build", {"builds", "built", "building"}},
      {"burn", {"burns", "burned", "burnt", "burning"}},
      {"buy", {"buys", "bought", "buying"}},
      {"cast", {"casts", "casting"}},
      {"catch", {"catches", "caught", "catching"}},
      {"choose", {"chooses", "chose", "chosen", "choosing"}},
      {"come", {"comes", "came", "coming"}},
      {"cut", {"cuts", "cutting"}},
      {"deal", {"deals", "dealt", "dealing"}},
      {"do", {"does", "did", "done", "doing"}},
      {"draw", {"draws", "drew", "drawn", "drawing"}},
      {"drive", {"drives", "drove", "driven", "driving"}},
      {"fall", {"falls", "fell", "fallen", "falling"}},
      {"feel", {"feels", "felt", "feeling"}},
      {"fight", {"fights", "fought", "fighting"}},
      {"find", {"finds", "found", "finding"}},
      {"flee", {"flees", "fled", "fleeing"}},
      {"forbid", {"forbids", "forbade", "forbidden", "forbidding"}},
      {"forgive", {"forgives", "forgave", "forgiven", "forgiving"}},
      {"freeze", {"freezes", "froze", "frozen", "freezing"}},
      {"get", {"gets", "got", "gotten", "getting"}},
      {"give", {"gives", "gave", "given", "giving"}},
      {"go", {"goes", "went", "gone", "going"}},
      {"hang", {"hangs", "hung", "hanged", "hanging"}},
      {"have", {"has", "had", "having"}},
      {"hear", {"hears", "heard", "hearing"}},
      {"hit", {"hits", "hitting"}},
      {"hold", {"holds", "held", "holding"}},
      {"hurt", {"hurts", "hurting"}},
      {"keep", {"keeps", "kept", "keeping"}},
      {"know", {"knows", "knew", "known", "knowing"}},
      {"lay", {"lays", "laid", "laying"}},
      {"lead", {"leads", "led", "leading"}},
      {"leave", {"leaves", "left", "leaving"}},
      {"lend", {"lends", "lent", "lending"}},
      {"let", {"lets", "letting"}},
      {"lie", {"lies", "lay", "lain", "lying"}},
      {"lose", {"loses", "lost", "losing"}},
      {"make", {"makes", "made", "making"}},
      {"mean", {"means", "meant", "meaning"}},
      {"meet", {"meets", "met", "meeting"}},
      {"mislead", {"misleads", "misled", "misleading"}},
      {"overcome", {"overcomes", "overcame", "overcoming"}},
      {"overrun", {"overruns", "overran", "overrunning"}},
      {"oversee", {"oversees", "oversaw", "overseen", "overseeing"}},
      {"overthrow", {"overthrows", "overthrew", "overthrown", "overthrowing"}},
      {"pay", {"pays", "paid", "paying"}},
      {"put", {"puts", "putting"}},
      {"quit", {"quits", "quitting"}},
      {"rebuild", {"rebuilds", "rebuilt", "rebuilding"}},
      {"rise", {"rises", "rose", "risen", "rising"}},
      {"run", {"runs", "ran", "running"}},
      {"say", {"says", "said", "saying"}},
      {"see", {"sees", "saw", "seen", "seeing"}},
      {"seek", {"seeks", "sought", "seeking"}},
      {"sell", {"sells", "sold", "selling"}},
      {"send", {"sends", "sent", "sending"}},
      {"set", {"sets", "setting"}},
      {"shake", {"shakes", "shook", "shaken", "shaking"}},
      {"shoot", {"shoots", "shot", "shooting"}},
      {"shut", {"shuts", "shutting"}},
      {"sink", {"sinks", "sank", "sunk", "sinking"}},
      {"slay", {"slays", "slew", "slain", "slaying"}},
      {"speak", {"speaks", "spoke", "spoken", "speaking"}},
      {"spend", {"spends", "spent", "spending"}},
      {"split", {"splits", "splitting"}},
      {"spread", {"spreads", "spreading"}},
      {"stand", {"stands", "stood", "standing"}},
      {"steal", {"steals", "stole", "stolen", "stealing"}},
      {"strike", {"strikes", "struck", "stricken", "striking"}},
      {"swear", {"swears", "swore", "sworn", "swearing"}},
      {"take", {"takes", "took", "taken", "taking"}},
      {"teach", {"teaches", "taught", "teaching"}},
      {"tear", {"tears", "tore", "torn", "tearing"}},
      {"tell", {"tells", "told", "telling"}},
      {"think", {"thinks", "thought", "thinking"}},
      {"throw", {"throws", "threw", "thrown", "throwing"}},
      {"undergo", {"undergoes", "underwent", "undergone", "undergoing"}},
      {"undertake", {"undertakes", "undertook", "undertaken", "undertaking"}},
      {"uphold", {"upholds", "upheld", "upholding"}},
      {"wage", {"wages", "waged", "waging"}},
      {"win", {"wins", "won", "winning"}},
      {"withdraw", {"withdraws", "withdrew", "withdrawn", "withdrawing"}},
      {"withhold", {"withholds", "withheld", "withholding"}},
      {"write", {"writes", "wrote", "written", "writing"}},
  };
  return *kTable;
}

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// One vowel group, ending consonant-vowel-consonant: "ban", "stop", "plan".
bool DoublesFinalConsonant(std::string_view w) {
  if (w.size() < 3) return false;
  const char last = w.back();
  if (IsVowel(last) || last == 'w' || last == 'x' || last == 'y') return false;
  if (!IsVowel(w[w.size() - 2]) || IsVowel(w[w.size() - 3])) return false;
  int groups = 0;
  for (size_t i = 0; i < w.size(); ++i)
    if (IsVowel(w[i]) && (i == 0 || !IsVowel(w[i - 1]))) ++groups;
  return groups == 1;
}

std::vector<std::string> InflectWord(std::string_view w) {
  std::vector<std::string> out = {std::string(w)};
  if (auto it = IrregularVerbs().find(w); it != IrregularVerbs().end()) {
    for (std::string_view f : it->second) out.emplace_back(f);
    return out;
  }
  const std::string s(w);
  auto ends = [&s](std::string_view suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  const bool consonant_y = s.size() >= 2 && s.back() == 'y' && !IsVowel(s[s.size() - 2]);
  // third person singular
  if (consonant_y)
    out.push_back(s.substr(0, s.size() - 1) + "ies");
  else if (ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z") || ends("o"))
    out.push_back(s + "es");
  else
    out.push_back(s + "s");
  // past
  if (consonant_y)
    out.push_back(s.substr(0, s.size() - 1) + "ied");
  else if (ends("e"))
    out.push_back(s + "d");
  else if (DoublesFinalConsonant(s))
    out.push_back(s + s.back() + "ed");
  else
    out.push_back(s + "ed");
  // present participle
  if (ends("ie"))
    out.push_back(s.substr(0, s.size() - 2) + "ying");
  else if (ends("e") && !ends("ee") && !ends("ye") && !ends("oe"))
    out.push_back(s.substr(0, s.size() - 1) + "ing");
  else if (DoublesFinalConsonant(s))
    out.push_back(s + s.back() + "ing");
  else
    out.push_back(s + "ing");
  return out;
}

// English plural of a phrase's last word ("foreign minister" -> "foreign
// ministers", "policeman" -> "policemen"); nullopt when the word already
// ends in "s" (plural or mass noun: "forces", "press"), is a stem, or is not
// a plain lower-case word.
std::optional<Phrase> PluralOf(const Phrase& p) {
  if (p.words.empty() || p.words.back().stem) return std::nullopt;
  std::string w = p.words.back().text;
  if (w.empty() || w.back() == 's' ||
      !std::all_of(w.begin(), w.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; })) {
    return std::nullopt;
  }
  auto ends = [&w](std::string_view suffix) {
    return w.size() >= suffix.size() &&
           w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends("child"))
    w += "ren";
  else if (ends("person"))
    w = w.substr(0, w.size() - 6) + "people";
  else if (ends("man") && !ends("german") && !ends("roman") && !ends("human"))
    w = w.substr(0, w.size() - 3) + "men";
  else if (ends("x") || ends("z") || ends("ch") || ends("sh"))
    w += "es";
  else if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2]))
    w = w.substr(0, w.size() - 1) + "ies";
  else
    w += "s";
  Phrase out = p;
  out.words.back().text = w;
  return out;
}

std::string PhraseText(const Phrase& p) {
  std::string out;
  for (const PhraseWord& w : p.words) {
    if (!out.empty()) out.push_back(' ');
    if (w.cased) {
      for (char c : w.text) out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
    } else {
      out += w.text;
    }
    if (w.stem) out.push_back('*');
  }
  return out;
}

std::string CodeText(const EventCodeSpec& c) {
  std::string s = c.ToString();
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  return s;
}

uint32_t CountSpecificity(const std::vector<PatternElement>& elements) {
  uint32_t n = 0;
  for (const PatternElement& e : elements) {
    if (e.kind == PatternElementKind::kWord) {
      for (unsigned char c : e.word.text)
        if (std::isalnum(c) || c >= 0x80) ++n;
    }
    n += CountSpecificity(e.children);
  }
  return n;
}

class Parser {
 public:
  Parser(DictionaryBuilder* builder, std::vector<DictWarning>* warnings,
         const DyadParseOptions& options)
      : builder_(builder), warnings_(warnings), options_(options) {
    if (!options_.reader) options_.reader = ReadDyadFileFromDisk;
  }

  void ParseText(const std::string& name, std::string_view text);

 private:
  struct FileState {
    std::string name;
    uint32_t file = 0;
    Section section = Section::kNone;
    int block = -1;  // current verb block in this file, -1 none
    std::string category;
  };

  void Warn(const FileState& f, int line, std::string what) {
    if (warnings_) warnings_->push_back(DictWarning{f.name, line, std::move(what)});
  }
  SourceRef Ref(const FileState& f, int line) const {
    return SourceRef{f.file, static_cast<uint32_t>(line)};
  }

  bool ParsePhrase(std::string_view text, Phrase* out, std::string* error);
  bool ParsePhrases(std::string_view text, std::vector<Phrase>* out, std::string* error);
  void Include(FileState& f, int line, std::string_view target);
  void ActorLine(FileState& f, int line, std::string_view text);
  void AgentLine(FileState& f, int line, std::string_view text);
  void CountryLine(FileState& f, int line, std::string_view text);
  void VerbsLine(FileState& f, int line, std::string_view text);
  void SynsetLine(FileState& f, int line, std::string_view text);
  void DiscardLine(FileState& f, int line, std::string_view text);
  void IssueLine(FileState& f, int line, std::string_view text);
  bool ParseCode(FileState& f, int line, std::string_view text, EventCodeSpec* out);
  bool ParseActorCode(FileState& f, int line, std::string_view text, ActorCode* out);
  bool ParsePatternElement(std::string_view token, PatternElement* out, std::string* error);

  DictionaryBuilder* builder_;
  std::vector<DictWarning>* warnings_;
  DyadParseOptions options_;
  std::vector<std::string> stack_;            // files being parsed, outermost first
  std::set<std::string> done_;                // files parsed completely
  std::map<int, EventCodeSpec> block_codes_;  // code of each block this parser added
};

bool Parser::ParsePhrase(std::string_view text, Phrase* out, std::string* error) {
  out->words.clear();
  for (std::string_view w : Words(text)) {
    PhraseWord pw;
    if (w.size() > 1 && w.back() == '*') {
      pw.stem = true;
      w.remove_suffix(1);
    }
    if (w == "*" || w == "|") {
      *error = "'" + std::string(w) + "' cannot be a word of a phrase";
      return false;
    }
    pw.text = Lower(w);
    out->words.push_back(std::move(pw));
  }
  if (out->words.empty()) {
    *error = "empty phrase";
    return false;
  }
  // An acronym: one word of two or more letters, every letter a capital.
  if (out->words.size() == 1 && !out->words[0].stem) {
    size_t letters = 0;
    bool lower = false;
    const std::string_view word = Trim(text);  // the one word as written
    for (char c : word) {
      if (c >= 'A' && c <= 'Z') ++letters;
      if (c >= 'a' && c <= 'z') lower = true;
      if (static_cast<unsigned char>(c) >= 0x80) lower = true;  // leave non-ASCII words alone
    }
    out->words[0].cased = letters >= 2 && !lower;
  }
  return true;
}

bool Parser::ParsePhrases(std::string_view text, std::vector<Phrase>* out, std::string* error) {
  for (std::string_view piece : Split(text, "|")) {
    Phrase p;
    if (!ParsePhrase(piece, &p, error)) return false;
    out->push_back(std::move(p));
  }
  return true;
}

bool Parser::ParseCode(FileState& f, int line, std::string_view text, EventCodeSpec* out) {
  // The dyad format takes CAMEO codes only (2-4 digits), not TABARI's
  // letter suffixes.
  if (!EventCodeSpec::Parse(text, out) || !out->IsCameo()) {
    Warn(f, line,
         "'" + std::string(text) +
             "' is not an event code (2-4 digits, 'a:b', ---, ### or +++); line skipped");
    return false;
  }
  return true;
}

// "TURGOV", "TURGOV @2003-03-14..2014-08-27", "USA @..1991-12-25", "RUS @1991-12-26..".
bool Parser::ParseActorCode(FileState& f, int line, std::string_view text, ActorCode* out) {
  text = Trim(text);
  std::string_view code = text, range;
  if (size_t at = text.find('@'); at != std::string_view::npos) {
    code = Trim(text.substr(0, at));
    range = Trim(text.substr(at + 1));
  }
  if (!IsActorCode(code)) {
    Warn(f, line,
         "'" + std::string(code) +
             "' is not an actor code (upper-case letters and digits, or ---); code skipped");
    return false;
  }
  out->code = std::string(code);
  out->when = DateRestriction{};
  if (!text.empty() && text.find('@') != std::string_view::npos) {
    size_t dots = range.find("..");
    if (dots == std::string_view::npos) {
      Warn(f, line,
           "date range '" + std::string(range) +
               "' needs '..' (FROM..TO, FROM.. or ..TO); code skipped");
      return false;
    }
    std::string_view from = Trim(range.substr(0, dots)), to = Trim(range.substr(dots + 2));
    std::optional<Date> a, b;
    if (!from.empty()) a = Date::Parse(from);
    if (!to.empty()) b = Date::Parse(to);
    if ((!from.empty() && !a) || (!to.empty() && !b) || (from.empty() && to.empty())) {
      Warn(f, line,
           "date range '" + std::string(range) +
               "' is not FROM..TO with YYYY-MM-DD dates; code skipped");
      return false;
    }
    // A year or month bound covers its whole period.
    auto first_day = [](Date d) {
      return Date::Day(d.year, d.month ? d.month : 1, d.day ? d.day : 1);
    };
    auto last_day = [](Date d) {
      const int m = d.month ? d.month : 12;
      return Date::Day(d.year, m, d.day ? d.day : DaysInMonth(d.year, m));
    };
    if (a && b) {
      out->when.kind = DateRestriction::Kind::kBetween;
      out->when.first = first_day(*a);
      out->when.last = last_day(*b);
      if (out->when.last.ToString() < out->when.first.ToString()) {
        Warn(f, line,
             "date range '" + std::string(range) + "' ends before it starts; code skipped");
        return false;
      }
    } else if (a) {
      out->when.kind = DateRestriction::Kind::kAfter;
      out->when.first = first_day(*a);
    } else {
      out->when.kind = DateRestriction::Kind::kBefore;
      out->when.last = last_day(*b);
    }
  }
  out->where = Ref(f, line);
  return true;
}

void Parser::ActorLine(FileState& f, int line, std::string_view text) {
  std::string_view left, right;
  if (!SplitArrow(text, &left, &right)) {
    Warn(f, line, "actor line has no '=> CODE'; line skipped");
    return;
  }
  std::vector<Phrase> phrases;
  std::string error;
  if (!ParsePhrases(left, &phrases, &error)) {
    Warn(f, line, error + " in actor line; line skipped");
    return;
  }
  ActorEntry e;
  e.primary = std::move(phrases[0]);
  e.synonyms.assign(std::make_move_iterator(phrases.begin() + 1),
                    std::make_move_iterator(phrases.end()));
  e.where = Ref(f, line);
  for (std::string_view c : Split(right, ",")) {
    ActorCode code;
    if (ParseActorCode(f, line, c, &code)) e.codes.push_back(std::move(code));
  }
  if (e.codes.empty()) {
    Warn(f, line, "actor line has no valid code; line skipped");
    return;
  }
  builder_->AddActor(std::move(e));
}

void Parser::AgentLine(FileState& f, int line, std::string_view text) {
  std::string_view left, right;
  if (!SplitArrow(text, &left, &right)) {
    Warn(f, line, "agent line has no '=> ~CODE'; line skipped");
    return;
  }
  AgentPlacement placement = AgentPlacement::kAfterActor;
  std::string_view code = right;
  if (StartsWith(code, "~")) {
    code.remove_prefix(1);
  } else if (!code.empty() && code.back() == '~') {
    code.remove_suffix(1);
    placement = AgentPlacement::kBeforeActor;
  }
  if (!IsActorCode(code) || code == "---") {
    Warn(f, line, "'" + std::string(right) + "' is not an agent code (~GOV or NGO~); line skipped");
    return;
  }
  std::vector<Phrase> phrases;
  std::string error;
  if (!ParsePhrases(left, &phrases, &error)) {
    Warn(f, line, error + " in agent line; line skipped");
    return;
  }
  // Each phrase, then its generated plural (marked `generated`, not written
  // back by the writer), unless the line lists that plural itself.
  std::set<std::string> listed;
  for (const Phrase& p : phrases) listed.insert(PhraseText(p));
  for (Phrase& p : phrases) {
    std::optional<Phrase> plural = PluralOf(p);
    AgentEntry e;
    e.phrase = std::move(p);
    e.code = std::string(code);
    e.placement = placement;
    e.where = Ref(f, line);
    builder_->AddAgent(e);
    if (plural && !listed.count(PhraseText(*plural))) {
      e.phrase = std::move(*plural);
      e.generated = true;
      builder_->AddAgent(std::move(e));
    }
  }
}

void Parser::CountryLine(FileState& f, int line, std::string_view text) {
  auto row = ParseCountryRow(text);
  if (!row.ok()) {
    Warn(f, line, row.status().message() + "; row skipped");
    return;
  }
  auto add = [&](const std::vector<std::string>& phrases, const std::string& code) {
    if (phrases.empty()) return;
    ActorEntry e;
    e.where = Ref(f, line);
    std::string error;
    for (const std::string& s : phrases) {
      Phrase p;
      if (!ParsePhrase(s, &p, &error)) {
        Warn(f, line, error + " in country row; phrase skipped");
        continue;
      }
      if (e.primary.words.empty())
        e.primary = std::move(p);
      else
        e.synonyms.push_back(std::move(p));
    }
    if (e.primary.words.empty()) return;
    e.codes.push_back(ActorCode{code, DateRestriction{}, Ref(f, line)});
    builder_->AddActor(std::move(e));
  };
  std::vector<std::string> plain = row->names;
  plain.insert(plain.end(), row->adjectives.begin(), row->adjectives.end());
  plain.insert(plain.end(), row->capitals.begin(), row->capitals.end());
  add(plain, row->code);
  add(row->gov, row->code + "GOV");
  add(row->leg, row->code + "LEG");
  add(row->mil, row->code + "MIL");
}

bool Parser::ParsePatternElement(std::string_view token, PatternElement* out, std::string* error) {
  if (token == "$")
    out->kind = PatternElementKind::kSource;
  else if (token == "+")
    out->kind = PatternElementKind::kTarget;
  else if (token == "%")
    out->kind = PatternElementKind::kCompound;
  else if (token == "^")
    out->kind = PatternElementKind::kSkip;
  else if (token.size() > 1 && token[0] == '&') {
    out->kind = PatternElementKind::kSynset;
    std::string name(token);
    for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out->word.text = name;
  } else {
    out->kind = PatternElementKind::kWord;
    if (token.size() > 1 && token.back() == '*') {
      out->word.stem = true;
      token.remove_suffix(1);
    }
    if (token.find_first_of("|&$+%^*") != std::string_view::npos && token.size() == 1) {
      *error = "'" + std::string(token) + "' is not a pattern element";
      return false;
    }
    out->word.text = Lower(token);
  }
  return true;
}

void Parser::VerbsLine(FileState& f, int line, std::string_view text) {
  std::string_view body;
  auto keyword = [&](std::string_view k) {
    if (text.size() > k.size() && StartsWith(text, k) &&
        (text[k.size()] == ' ' || text[k.size()] == '\t')) {
      body = Trim(text.substr(k.size()));
      return true;
    }
    return false;
  };
  if (keyword("block")) {
    std::string_view name = body, code_text;
    if (!SplitArrow(body, &name, &code_text)) {
      Warn(f, line, "block line has no '=> CODE'; block kept with code --- (no event)");
      code_text = "---";
    }
    VerbBlock b;
    if (!ParseCode(f, line, code_text, &b.code)) return;
    if (name.empty() || Words(name).size() != 1) {
      Warn(f, line, "block name '" + std::string(name) + "' must be one word; line skipped");
      return;
    }
    b.name = std::string(name);
    for (char& c : b.name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    b.where = Ref(f, line);
    const EventCodeSpec block_code = b.code;
    f.block = static_cast<int>(builder_->AddVerbBlock(std::move(b)));
    block_codes_[f.block] = block_code;
    return;
  }
  if (keyword("verb")) {
    std::string_view forms_text = body, code_text;
    const bool has_code = SplitArrow(body, &forms_text, &code_text);
    EventCodeSpec code;
    if (has_code && !ParseCode(f, line, code_text, &code)) return;
    std::vector<Phrase> forms;
    std::string error;
    if (!ParsePhrases(forms_text, &forms, &error)) {
      Warn(f, line, error + " in verb line; line skipped");
      return;
    }
    for (const Phrase& p : forms) {
      for (const PhraseWord& w : p.words) {
        if (w.stem) {
          Warn(f, line, "verb forms are whole words ('" + w.text + "*' is a stem); line skipped");
          return;
        }
      }
    }
    if (f.block < 0) {
      if (!has_code) {
        Warn(f, line, "verb outside a block and without '=> CODE'; line skipped");
        return;
      }
      // A lone verb is its own block, named after it.
      VerbBlock b;
      b.name = PhraseText(forms[0]);
      for (char& c : b.name)
        c = c == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      b.code = code;
      b.where = Ref(f, line);
      f.block = static_cast<int>(builder_->AddVerbBlock(std::move(b)));
      block_codes_[f.block] = code;
    }
    VerbEntry v;
    v.block = static_cast<uint32_t>(f.block);
    v.base = PhraseText(forms[0]);
    v.where = Ref(f, line);
    v.own_code = has_code;
    v.code = code;
    v.explicit_forms = forms.size() > 1;
    if (v.explicit_forms) {
      for (Phrase& p : forms) v.forms.push_back(VerbForm{std::move(p), 0});
    } else {
      for (const std::string& s : InflectVerb(v.base)) {
        Phrase p;
        ParsePhrase(s, &p, &error);
        v.forms.push_back(VerbForm{std::move(p), 0});
      }
    }
    if (!has_code) v.code = block_codes_[f.block];  // the block's code (own_code false)
    builder_->AddVerb(std::move(v));
    return;
  }
  if (keyword("pattern")) {
    if (f.block < 0) {
      Warn(f, line, "pattern before any 'block' or 'verb' line; line skipped");
      return;
    }
    std::string_view elements = body, code_text;
    Pattern p;
    p.block = static_cast<uint32_t>(f.block);
    if (!SplitArrow(body, &elements, &code_text)) {
      Warn(f, line, "pattern has no '=> CODE'; line skipped");
      return;
    }
    if (!ParseCode(f, line, code_text, &p.code)) return;
    int verbs = 0;
    std::string error;
    for (std::string_view token : Words(elements)) {
      if (token == "*") {
        ++verbs;
        continue;
      }
      PatternElement e;
      if (!ParsePatternElement(token, &e, &error)) {
        Warn(f, line, error + "; line skipped");
        return;
      }
      (verbs ? p.after : p.before).push_back(std::move(e));
    }
    if (verbs != 1) {
      Warn(f, line,
           "pattern must mark the verb with exactly one '*' (found " + std::to_string(verbs) +
               "); line skipped");
      return;
    }
    p.specificity = CountSpecificity(p.before) + CountSpecificity(p.after);
    p.where = Ref(f, line);
    builder_->AddPattern(std::move(p));
    return;
  }
  Warn(f, line, "verbs section lines start with 'block', 'verb' or 'pattern'; line skipped");
}

void Parser::SynsetLine(FileState& f, int line, std::string_view text) {
  size_t eq = text.find('=');
  if (text.empty() || text[0] != '&' || eq == std::string_view::npos) {
    Warn(f, line, "synset line must be '&NAME = phrase | phrase'; line skipped");
    return;
  }
  std::string_view name = Trim(text.substr(0, eq));
  if (name.size() < 2 || Words(name).size() != 1) {
    Warn(f, line, "synset name '" + std::string(name) + "' must be '&' and one word; line skipped");
    return;
  }
  Synset s;
  s.name = std::string(name);
  for (char& c : s.name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string error;
  if (!ParsePhrases(text.substr(eq + 1), &s.phrases, &error)) {
    Warn(f, line, error + " in synset " + s.name + "; line skipped");
    return;
  }
  s.where = Ref(f, line);
  builder_->AddSynset(std::move(s));
}

void Parser::DiscardLine(FileState& f, int line, std::string_view text) {
  DiscardScope scope = DiscardScope::kSentence;
  if (StartsWith(text, "story:")) {
    scope = DiscardScope::kStory;
    text = Trim(text.substr(6));
  }
  std::vector<Phrase> phrases;
  std::string error;
  if (!ParsePhrases(text, &phrases, &error)) {
    Warn(f, line, error + " in discard line; line skipped");
    return;
  }
  for (Phrase& p : phrases) builder_->AddDiscard(Discard{std::move(p), scope, Ref(f, line)});
}

void Parser::IssueLine(FileState& f, int line, std::string_view text) {
  IssueEntry e;
  e.where = Ref(f, line);
  std::string_view phrases_text;
  if (StartsWith(text, "category:")) {
    f.category = std::string(Trim(text.substr(9)));
    return;
  }
  if (StartsWith(text, "ignore story:")) {
    e.kind = IssueEntry::Kind::kIgnoreStory;
    phrases_text = text.substr(13);
  } else if (StartsWith(text, "ignore:")) {
    e.kind = IssueEntry::Kind::kIgnoreSentence;
    phrases_text = text.substr(7);
  } else {
    std::string_view code;
    if (!SplitArrow(text, &phrases_text, &code) || code.empty() || Words(code).size() != 1) {
      Warn(f, line,
           "issue line must be 'phrase | phrase => ISSUE', 'ignore: ...' or "
           "'ignore story: ...'; line skipped");
      return;
    }
    e.code = std::string(code);
  }
  e.category = f.category;
  std::string error;
  if (!ParsePhrases(phrases_text, &e.phrases, &error)) {
    Warn(f, line, error + " in issue line; line skipped");
    return;
  }
  builder_->AddIssue(std::move(e));
}

void Parser::Include(FileState& f, int line, std::string_view target) {
  if (target.size() >= 2 && target.front() == '"' && target.back() == '"') {
    target = target.substr(1, target.size() - 2);
  }
  if (target.empty()) {
    Warn(f, line, "include needs a file name; line skipped");
    return;
  }
  std::filesystem::path p(std::string{target});
  if (p.is_relative()) p = std::filesystem::path(f.name).parent_path() / p;
  const std::string path = p.lexically_normal().string();
  if (std::find(stack_.begin(), stack_.end(), path) != stack_.end()) {
    std::string chain;
    for (const std::string& s : stack_) chain += s + " -> ";
    Warn(f, line, "include cycle: " + chain + path + "; include skipped");
    return;
  }
  if (done_.count(path)) {
    Warn(f, line, "'" + path + "' was already included; skipped so its entries are not doubled");
    return;
  }
  if (static_cast<int>(stack_.size()) > options_.max_include_depth) {
    Warn(f, line,
         "includes nested deeper than " + std::to_string(options_.max_include_depth) +
             "; include of '" + path + "' skipped");
    return;
  }
  if (static_cast<int>(done_.size() + stack_.size()) >= options_.max_files) {
    Warn(f, line,
         "more than " + std::to_string(options_.max_files) + " files included; include of '" +
             path + "' skipped");
    return;
  }
  Result<std::string> bytes = options_.reader(path);
  if (!bytes.ok()) {
    Warn(f, line,
         "cannot read include '" + path + "': " + bytes.status().message() + "; include skipped");
    return;
  }
  ParseText(path, *bytes);
}

void Parser::ParseText(const std::string& name, std::string_view text) {
  stack_.push_back(name);
  FileState f;
  f.name = name;
  f.file = builder_->AddFile(name);
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view raw =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    ++line_no;
    std::string_view line = Trim(StripComment(raw));
    if (line.empty()) continue;
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) {
        Warn(f, line_no, "section header must be '[name]'; line skipped");
        continue;
      }
      std::string_view sname = Trim(line.substr(1, line.size() - 2));
      f.section = SectionByName(sname);
      f.block = -1;
      f.category.clear();
      if (f.section == Section::kUnknown) {
        Warn(f, line_no,
             "unknown section [" + std::string(sname) +
                 "] (known: actors, agents, countries, verbs, synsets, discards, "
                 "issues); its lines are skipped");
      }
      continue;
    }
    if (StartsWith(line, "include ") || StartsWith(line, "include\t")) {
      Include(f, line_no, Trim(line.substr(8)));
      continue;
    }
    switch (f.section) {
      case Section::kNone:
        Warn(f, line_no, "entry before any [section] header; line skipped");
        break;
      case Section::kUnknown:
        break;  // warned once at the header
      case Section::kActors:
        ActorLine(f, line_no, line);
        break;
      case Section::kAgents:
        AgentLine(f, line_no, line);
        break;
      case Section::kCountries:
        CountryLine(f, line_no, line);
        break;
      case Section::kVerbs:
        VerbsLine(f, line_no, line);
        break;
      case Section::kSynsets:
        SynsetLine(f, line_no, line);
        break;
      case Section::kDiscards:
        DiscardLine(f, line_no, line);
        break;
      case Section::kIssues:
        IssueLine(f, line_no, line);
        break;
    }
  }
  stack_.pop_back();
  done_.insert(name);
}

// ---------------------------------------------------------------------------
// Writer

std::string ActorCodeText(const ActorCode& c) {
  std::string out = c.code;
  switch (c.when.kind) {
    case DateRestriction::Kind::kNone:
      break;
    case DateRestriction::Kind::kAfter:
      out += " @" + c.when.first.ToString() + "..";
      break;
    case DateRestriction::Kind::kBefore:
      out += " @.." + c.when.last.ToString();
      break;
    case DateRestriction::Kind::kBetween:
      out += " @" + c.when.first.ToString() + ".." + c.when.last.ToString();
      break;
  }
  return out;
}

bool Expressible(const std::vector<PatternElement>& elements) {
  for (const PatternElement& e : elements) {
    switch (e.kind) {
      case PatternElementKind::kNounPhrase:
      case PatternElementKind::kPrepPhrase:
      case PatternElementKind::kAlternatives:
      case PatternElementKind::kSequence:
        return false;
      default:
        break;
    }
  }
  return true;
}

std::string ElementsText(const std::vector<PatternElement>& elements) {
  std::string out;
  for (const PatternElement& e : elements) {
    if (!out.empty()) out.push_back(' ');
    switch (e.kind) {
      case PatternElementKind::kSource:
        out += "$";
        break;
      case PatternElementKind::kTarget:
        out += "+";
        break;
      case PatternElementKind::kCompound:
        out += "%";
        break;
      case PatternElementKind::kSkip:
        out += "^";
        break;
      case PatternElementKind::kSynset:
        out += e.word.text;
        break;
      default:
        out += e.word.text;
        if (e.word.stem) out.push_back('*');
        break;
    }
  }
  return out;
}

}  // namespace

Result<std::string> ReadDyadFileFromDisk(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open dictionary file");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  return ss.str();
}

std::vector<std::string> InflectVerb(std::string_view base) {
  std::vector<std::string_view> words = Words(base);
  if (words.empty()) return {};
  std::string rest;
  for (size_t i = 1; i < words.size(); ++i) {
    rest.push_back(' ');
    rest += words[i];
  }
  std::vector<std::string> out;
  for (std::string& w : InflectWord(Lower(words[0]))) {
    std::string form = w + rest;
    if (std::find(out.begin(), out.end(), form) == out.end()) out.push_back(std::move(form));
  }
  return out;
}

Status ParseDyadDictionaryText(std::string_view name, std::string_view text,
                               DictionaryBuilder* builder, std::vector<DictWarning>* warnings,
                               const DyadParseOptions& options) {
  if (builder == nullptr) return Status::InvalidArgument("ParseDyadDictionaryText: null builder");
  Parser parser(builder, warnings, options);
  parser.ParseText(std::filesystem::path(std::string(name)).lexically_normal().string(), text);
  return Status::Ok();
}

Status ParseDyadDictionaryFile(std::string_view path, DictionaryBuilder* builder,
                               std::vector<DictWarning>* warnings,
                               const DyadParseOptions& options) {
  if (builder == nullptr) return Status::InvalidArgument("ParseDyadDictionaryFile: null builder");
  const std::string normal = std::filesystem::path(std::string(path)).lexically_normal().string();
  Result<std::string> bytes =
      options.reader ? options.reader(normal) : ReadDyadFileFromDisk(normal);
  if (!bytes.ok()) return bytes.status();
  Parser parser(builder, warnings, options);
  parser.ParseText(normal, *bytes);
  return Status::Ok();
}

Status ParseDyadDictionary(std::string_view path, DictionaryBuilder* builder,
                           std::vector<DictWarning>* warnings) {
  return ParseDyadDictionaryFile(path, builder, warnings);
}

std::string WriteDyadDictionary(const Dictionary& d) {
  std::string out = "# dyad dictionary, written by dyad from " + std::to_string(d.files().size()) +
                    " source file(s)\n";
  if (!d.actors().empty()) {
    out += "\n[actors]\n";
    for (const ActorEntry& a : d.actors()) {
      std::string line = PhraseText(a.primary);
      for (const Phrase& p : a.synonyms) line += " | " + PhraseText(p);
      if (a.codes.empty()) {
        out += "# no code given: " + line + "\n";
        continue;
      }
      line += " =>";
      for (size_t i = 0; i < a.codes.size(); ++i)
        line += (i ? ", " : " ") + ActorCodeText(a.codes[i]);
      out += line + "\n";
    }
  }
  if (!d.agents().empty()) {
    out += "\n[agents]\n";
    // Agents from one source line with one code go back on one line.
    // Generated plurals are left out: reading the line generates them again.
    std::vector<const AgentEntry*> ag;
    for (const AgentEntry& a : d.agents())
      if (!a.generated) ag.push_back(&a);
    for (size_t i = 0; i < ag.size();) {
      size_t j = i + 1;
      while (j < ag.size() && ag[j]->where.file == ag[i]->where.file &&
             ag[j]->where.line == ag[i]->where.line && ag[j]->code == ag[i]->code &&
             ag[j]->placement == ag[i]->placement && ag[i]->where.line != 0)
        ++j;
      std::string line;
      for (size_t k = i; k < j; ++k) line += (k > i ? " | " : "") + PhraseText(ag[k]->phrase);
      line += ag[i]->placement == AgentPlacement::kAfterActor ? " => ~" + ag[i]->code
                                                              : " => " + ag[i]->code + "~";
      out += line + "\n";
      i = j;
    }
  }
  if (!d.verb_blocks().empty()) {
    out += "\n[verbs]\n";
    for (size_t bi = 0; bi < d.verb_blocks().size(); ++bi) {
      const VerbBlock& b = d.verb_blocks()[bi];
      if (bi) out += "\n";
      out += "block " + b.name + " => " + CodeText(b.code) + "\n";
      for (uint32_t vi : b.verbs) {
        const VerbEntry& v = d.verbs()[vi];
        std::string line = "verb ";
        if (v.explicit_forms) {
          for (size_t k = 0; k < v.forms.size(); ++k)
            line += (k ? " | " : "") + PhraseText(v.forms[k].words);
        } else {
          line += v.base;
        }
        if (v.own_code) line += " => " + CodeText(v.code);
        out += line + "\n";
      }
      for (uint32_t pi : b.patterns) {
        const Pattern& p = d.patterns()[pi];
        if (!Expressible(p.before) || !Expressible(p.after)) {
          out += "# pattern from " + d.Where(p.where) +
                 " uses groups the dyad format has no syntax for; left out\n";
          continue;
        }
        std::string line = "pattern ";
        const std::string before = ElementsText(p.before), after = ElementsText(p.after);
        if (!before.empty()) line += before + " ";
        line += "*";
        if (!after.empty()) line += " " + after;
        out += line + " => " + CodeText(p.code) + "\n";
      }
    }
  }
  if (!d.synsets().empty()) {
    out += "\n[synsets]\n";
    for (const Synset& s : d.synsets()) {
      std::string line = s.name + " =";
      for (size_t k = 0; k < s.phrases.size(); ++k)
        line += (k ? " | " : " ") + PhraseText(s.phrases[k]);
      out += line + "\n";
    }
  }
  if (!d.discards().empty()) {
    out += "\n[discards]\n";
    for (const Discard& x : d.discards())
      out += (x.scope == DiscardScope::kStory ? "story: " : "") + PhraseText(x.phrase) + "\n";
  }
  if (!d.issues().empty()) {
    out += "\n[issues]\n";
    std::string category;
    for (const IssueEntry& e : d.issues()) {
      if (e.category != category) {
        out += "category: " + e.category + "\n";
        category = e.category;
      }
      std::string phrases;
      for (size_t k = 0; k < e.phrases.size(); ++k)
        phrases += (k ? " | " : "") + PhraseText(e.phrases[k]);
      switch (e.kind) {
        case IssueEntry::Kind::kCode:
          out += phrases + " => " + e.code + "\n";
          break;
        case IssueEntry::Kind::kIgnoreSentence:
          out += "ignore: " + phrases + "\n";
          break;
        case IssueEntry::Kind::kIgnoreStory:
          out += "ignore story: " + phrases + "\n";
          break;
      }
    }
  }
  if (!d.transformations().empty() || !d.time_shifts().empty() || !d.options().empty() ||
      !d.substitution_sets().empty()) {
    out += "\n# left out (no syntax in the dyad format): " +
           std::to_string(d.transformations().size()) + " transformations, " +
           std::to_string(d.time_shifts().size()) + " time shifts, " +
           std::to_string(d.options().size()) + " options, " +
           std::to_string(d.substitution_sets().size()) + " substitution sets (already expanded)\n";
  }
  return out;
}

}  // namespace dyad
