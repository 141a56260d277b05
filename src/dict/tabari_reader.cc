// TABARI dictionary readers (.verbs, .actors, .agents, .options, .project),
// after the TABARI 0.8.4b2 manual, chapters 5-6 and 8.
#include <algorithm>
#include <string>

#include "dict/dict_text.h"
#include "dyad/dict_readers.h"

namespace dyad {

using namespace dict_internal;  // NOLINT: internal helpers of this stage

namespace {

const PhraseSyntax kTabariSyntax{true};

// Removes a ";" comment and a "#" line comment; returns "" for comment lines.
std::string_view StripTabariComment(std::string_view s) {
  std::string_view t = Trim(s);
  if (t.empty() || t[0] == '#' || t[0] == ';' || StartsWith(t, "//")) return {};
  size_t semi = t.find(';');
  if (semi != t.npos) t = Trim(t.substr(0, semi));
  return t;
}

// Phrase text: '=' (no regular endings) and '-' (read as '_' since 0.7.3) are
// normalised before splitting.
Phrase TabariPhrase(std::string_view text) {
  std::string t(Trim(text));
  if (!t.empty() && t.back() == '=') {
    t.pop_back();
    t.push_back('_');
  }
  return MakePhrase(t, kTabariSyntax);
}

bool IsSection(std::string_view s, std::string_view* name, bool* close) {
  if (s.size() < 3 || s[0] != '<' || s.back() != '>') return false;
  *close = s[1] == '/';
  *name = s.substr(*close ? 2 : 1, s.size() - (*close ? 3 : 2));
  return true;
}

// ---------------------------------------------------------------------------
// Actors

void ParseTabariActors(Reader* r, std::string_view bytes) {
  ActorEntry cur;
  bool have = false;
  int cur_line = 0;
  std::string section;
  auto flush = [&]() {
    if (!have) return;
    if (cur.codes.empty())
      r->Warn(cur_line, "actor '" + cur.primary.ToString() + "' has no code; kept without codes");
    r->builder()->AddActor(std::move(cur));
    cur = ActorEntry();
    have = false;
  };
  auto add_codes = [&](std::string_view text, int line, bool* discard) {
    size_t i = 0;
    while (i < text.size()) {
      size_t open = text.find('[', i);
      std::string_view gap = Trim(text.substr(i, open == text.npos ? text.npos : open - i));
      if (!gap.empty())
        r->Warn(line, "extra text '" + std::string(gap) + "' beside the codes; ignored");
      if (open == text.npos) break;
      size_t close = text.find(']', open);
      if (close == text.npos) {
        r->Warn(line, "'[' without ']'; code read up to the end of the line");
        close = text.size();
      }
      std::string code, restr;
      SplitCodeGroup(text.substr(open + 1, close - open - 1), &code, &restr);
      i = close + 1;
      if (code.empty() ||
          (restr.empty() && IsAsciiDigits(code.substr(0, 1)) && code.find('-') != code.npos)) {
        r->Warn(line, "code group '[" + std::string(text.substr(open + 1, close - open - 1)) +
                          "]' has no code; ignored");
        continue;
      }
      if (code == "###") {
        *discard = true;
        continue;
      }
      ActorCode ac;
      ac.code = code;
      ac.where = r->At(line);
      std::string err, note;
      if (!ParseRestriction(restr, &ac.when, &err, &note)) {
        r->Warn(line, "code '" + code + "': " + err + "; code dropped");
        continue;
      }
      if (!note.empty()) r->Warn(line, "code '" + code + "': " + note + "; code kept");
      cur.codes.push_back(std::move(ac));
    }
  };
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string_view raw = lines[li];
    std::string_view s = StripTabariComment(raw);
    if (s.empty()) continue;
    if (StartsWith(s, "~~FINISH")) break;
    std::string_view name;
    bool close = false;
    if (IsSection(s, &name, &close)) {
      flush();
      if (close)
        section.clear();
      else
        section = AsciiUpper(name);
      continue;
    }
    if (!section.empty()) {
      // <NOUN>/<ADJECTIVE> word lists: kept as options.
      DictOption o;
      o.key = section;
      o.value = std::string(s);
      o.where = r->At(ln);
      r->builder()->AddOption(std::move(o));
      continue;
    }
    const bool indented = !raw.empty() && (raw[0] == ' ' || raw[0] == '\t');
    if (s[0] == '[') {
      if (!have) {
        r->Warn(ln, "code line before any actor phrase; ignored");
        continue;
      }
      if (!indented) r->Warn(ln, "code line should start with a blank or TAB; read anyway");
      bool discard = false;
      add_codes(s, ln, &discard);
      if (discard) r->Warn(ln, "'[###]' on a code line; ignored (put it on the phrase line)");
      continue;
    }
    if (s[0] == '+') {
      if (!have) {
        r->Warn(ln, "synonym before any actor phrase; ignored");
        continue;
      }
      std::string_view text = s.substr(1);
      if (text.find('[') != text.npos) {
        r->Warn(ln,
                "code on a synonym line; code ignored (codes go on the primary or indented "
                "lines)");
        text = text.substr(0, text.find('['));
      }
      Phrase p = TabariPhrase(text);
      if (p.words.empty()) {
        r->Warn(ln, "empty synonym; ignored");
        continue;
      }
      cur.synonyms.push_back(std::move(p));
      continue;
    }
    flush();
    size_t open = s.find('[');
    std::string_view phrase = open == s.npos ? s : s.substr(0, open);
    Phrase p = TabariPhrase(phrase);
    if (p.words.empty()) {
      r->Warn(ln, "line has codes but no phrase; ignored");
      continue;
    }
    bool discard = false;
    cur.primary = p;
    cur.where = r->At(ln);
    cur_line = ln;
    have = true;
    if (open != s.npos) add_codes(s.substr(open), ln, &discard);
    if (discard) {
      // TABARI manual 6.3: a [###] actor discards the sentence.
      Discard d;
      d.phrase = std::move(p);
      d.where = r->At(ln);
      r->builder()->AddDiscard(std::move(d));
      if (cur.codes.empty()) {
        cur = ActorEntry();
        have = false;
      }
    }
  }
  flush();
  if (!section.empty()) r->Warn(0, "<" + section + "> section never closed");
}

// ---------------------------------------------------------------------------
// Agents

void ParseTabariAgents(Reader* r, std::string_view bytes) {
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string_view s = StripTabariComment(lines[li]);
    if (s.empty()) continue;
    if (StartsWith(s, "~~FINISH")) break;
    size_t open = s.find('[');
    size_t close = s.find(']', open == s.npos ? 0 : open);
    if (open == s.npos || close == s.npos) {
      r->Warn(ln, "agent line has no '[~CODE]'; line skipped");
      continue;
    }
    std::string code(Trim(s.substr(open + 1, close - open - 1)));
    AgentEntry a;
    if (!code.empty() && code.front() == '~') {
      a.code = std::string(Trim(code.substr(1)));
    } else if (!code.empty() && code.back() == '~') {
      a.code = std::string(Trim(code.substr(0, code.size() - 1)));
      a.placement = AgentPlacement::kBeforeActor;
    } else {
      r->Warn(ln, "agent code '" + code + "' has no '~' connector; line skipped (TABARI 5.2.4)");
      continue;
    }
    if (a.code.empty()) {
      r->Warn(ln, "empty agent code; line skipped");
      continue;
    }
    a.phrase = TabariPhrase(s.substr(0, open));
    if (a.phrase.words.empty()) {
      r->Warn(ln, "agent line has no phrase; line skipped");
      continue;
    }
    a.where = r->At(ln);
    r->builder()->AddAgent(std::move(a));
  }
}

// ---------------------------------------------------------------------------
// Verbs

void ParseTabariVerbs(Reader* r, std::string_view bytes) {
  std::string section;
  int block = -1;
  int last_verb_line = 0;
  VerbEntry pending;  // the last verb line, held for a following "{...}" forms line
  bool have_pending = false;
  Synset syn;
  bool have_syn = false;
  auto flush_verb = [&]() {
    if (have_pending) r->builder()->AddVerb(std::move(pending));
    pending = VerbEntry();
    have_pending = false;
  };
  auto flush_syn = [&]() {
    if (!have_syn) return;
    if (syn.phrases.empty())
      r->Warn(static_cast<int>(syn.where.line), "synset '" + syn.name + "' has no members");
    r->builder()->AddSynset(std::move(syn));
    syn = Synset();
    have_syn = false;
  };
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string_view s = StripTabariComment(lines[li]);
    if (s.empty()) continue;
    if (StartsWith(s, "~~FINISH")) break;
    std::string_view name;
    bool close = false;
    if (IsSection(s, &name, &close)) {
      flush_syn();
      if (close)
        section.clear();
      else
        section = AsciiUpper(name);
      continue;
    }
    if (section == "SYNSETS") {
      if (s[0] == '&') {
        flush_syn();
        syn.name = AsciiUpper(Trim(s));
        syn.where = r->At(ln);
        have_syn = true;
      } else if (s[0] == '+') {
        if (!have_syn) {
          r->Warn(ln, "synset member before any '&LABEL'; ignored");
          continue;
        }
        Phrase p = TabariPhrase(s.substr(1));
        if (!p.words.empty()) syn.phrases.push_back(std::move(p));
      } else {
        r->Warn(ln, "line in <SYNSETS> is neither '&LABEL' nor '+MEMBER'; ignored");
      }
      continue;
    }
    if (section == "TIME") {
      std::string_view before, inside, after;
      if (!LastBracket(s, &before, &inside, &after)) {
        r->Warn(ln, "<TIME> entry has no '[CODE]'; line skipped");
        continue;
      }
      TimeShift t;
      t.where = r->At(ln);
      std::string text(Trim(before));
      if (!text.empty() && text[0] == '-') {
        text.erase(0, 1);
        text.erase(std::remove(text.begin(), text.end(), '*'), text.end());
      }
      t.phrase = TabariPhrase(text);
      std::string code(Trim(inside));
      code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
      EventCodeSpec sp;
      if ((code.size() > 1 && (code[0] == '+' || code[0] == '-') &&
           IsAsciiDigits(code.substr(1)))) {
        t.days = std::stoi(code.substr(1)) * (code[0] == '-' ? -1 : 1);
      } else if (EventCodeSpec::Parse(code, &sp) && sp.kind != EventCodeSpec::Kind::kEvent) {
        t.is_shift = false;
        t.special = sp;
      } else {
        r->Warn(ln, "<TIME> code '[" + std::string(inside) +
                        "]' is neither [+N]/[-N] days nor ---/###/+++; line skipped");
        continue;
      }
      if (t.phrase.words.empty()) {
        r->Warn(ln, "<TIME> entry has no phrase; line skipped");
        continue;
      }
      r->builder()->AddTimeShift(std::move(t));
      continue;
    }
    if (!section.empty()) {
      r->Warn(ln, "line inside unknown section <" + section + ">; ignored");
      continue;
    }
    if (s[0] == '{') {
      // Irregular forms of the previous verb.
      if (!have_pending || last_verb_line == 0) {
        r->Warn(ln, "verb forms '{...}' not right after a verb line; ignored");
        continue;
      }
      size_t close_b = s.find('}');
      if (close_b == s.npos) r->Warn(ln, "'{' without '}'; forms read to the end of the line");
      std::string_view inner = s.substr(1, close_b == s.npos ? s.npos : close_b - 1);
      size_t i = 0;
      int n = 0;
      while (i < inner.size()) {
        while (i < inner.size() && (inner[i] == ' ' || inner[i] == '\t')) ++i;
        size_t b = i;
        while (i < inner.size() && inner[i] != ' ' && inner[i] != '\t') ++i;
        if (i == b) break;
        VerbForm f;
        f.words = TabariPhrase(inner.substr(b, i - b));
        if (!f.words.words.empty()) {
          pending.forms.push_back(std::move(f));
          ++n;
        }
      }
      if (n == 0) r->Warn(ln, "no verb forms inside '{...}' (TABARI 5.2.4)");
      pending.explicit_forms = true;
      continue;
    }
    if (s[0] == '-') {
      if (block < 0) {
        r->Warn(ln, "pattern before any verb (TABARI 5.2.4); pattern skipped");
        continue;
      }
      ParsePatternLine(r, ln, s, static_cast<uint32_t>(block), true);
      continue;
    }
    if (s[0] == '&' || s[0] == '+') {
      r->Warn(ln, "synset line outside <SYNSETS>; ignored");
      continue;
    }
    // A verb line: "PHRASE [CODE]" — each starts its own block.
    flush_verb();
    std::string_view before, inside, after;
    VerbBlock b;
    b.where = r->At(ln);
    std::string_view phrase = s;
    if (LastBracket(s, &before, &inside, &after)) {
      phrase = before;
      if (!Trim(after).empty())
        r->Warn(ln, "extra text '" + std::string(Trim(after)) + "' after the code; ignored");
      if (!EventCodeSpec::Parse(inside, &b.code)) {
        r->Warn(ln, "verb code '[" + std::string(inside) + "]' is not a code; null code used");
        b.code = EventCodeSpec();
      } else if (!b.code.IsCameo()) {
        r->Warn(ln, "verb code " + b.code.ToString() + " is not a CAMEO code (2-4 digits); kept");
      }
    } else {
      r->Warn(ln, "verb line has no '[CODE]'; null code used");
    }
    Phrase words = TabariPhrase(phrase);
    if (words.words.empty()) {
      r->Warn(ln, "verb line has no verb; line skipped");
      block = -1;
      continue;
    }
    b.name = AsciiUpper(Trim(phrase));
    block = static_cast<int>(r->builder()->AddVerbBlock(b));
    pending.block = static_cast<uint32_t>(block);
    pending.code = b.code;
    pending.own_code = true;
    pending.where = r->At(ln);
    for (size_t k = 0; k < words.words.size(); ++k) {
      if (k) pending.base.push_back(' ');
      pending.base += words.words[k].text;
    }
    VerbForm f;
    f.words = std::move(words);
    f.verb_word = 0;
    pending.forms.push_back(std::move(f));
    have_pending = true;
    last_verb_line = ln;
  }
  flush_verb();
  flush_syn();
  if (!section.empty()) r->Warn(0, "<" + section + "> section never closed");
}

// .options: every non-comment line kept as KEY: VALUE.
void ParseTabariOptions(Reader* r, std::string_view bytes) {
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string_view s = Trim(lines[li]);
    if (s.empty() || StartsWith(s, "//") || s[0] == '#' || s[0] == ';') continue;
    size_t colon = s.find(':');
    if (colon == s.npos) {
      r->Warn(ln, "option line has no 'KEY:'; line skipped");
      continue;
    }
    DictOption o;
    o.key = AsciiUpper(Trim(s.substr(0, colon)));
    o.value = std::string(Trim(s.substr(colon + 1)));
    o.where = r->At(ln);
    r->builder()->AddOption(std::move(o));
  }
}

}  // namespace

bool GuessTabariFileKind(std::string_view name, TabariFileKind* kind) {
  std::string n = AsciiUpper(name);
  if (EndsWith(n, ".PROJECT"))
    *kind = TabariFileKind::kProject;
  else if (EndsWith(n, ".OPTIONS"))
    *kind = TabariFileKind::kOptions;
  else if (EndsWith(n, ".AGENTS"))
    *kind = TabariFileKind::kAgents;
  else if (EndsWith(n, ".ACTORS"))
    *kind = TabariFileKind::kActors;
  else if (EndsWith(n, ".VERBS"))
    *kind = TabariFileKind::kVerbs;
  else
    return false;
  return true;
}

TabariProject ParseTabariProject(std::string_view name, std::string_view bytes,
                                 std::vector<DictWarning>* warnings) {
  TabariProject p;
  std::vector<std::string_view> lines = SplitLines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    std::string_view s = Trim(lines[li]);
    if (s.size() < 3 || s[0] != '<') continue;  // the first line is a title
    size_t close = s.find('>');
    if (close == s.npos) {
      if (warnings)
        warnings->push_back(
            {std::string(name), static_cast<int>(li + 1), "'<' without '>'; line skipped"});
      continue;
    }
    std::string tag(s.substr(1, close - 1));
    if (tag.find(' ') != tag.npos) continue;  // <session 1> ... history lines
    std::string value(Trim(s.substr(close + 1)));
    p.files.emplace_back(tag, value);
  }
  return p;
}

Status ParseTabariDictionary(TabariFileKind kind, std::string_view name, std::string_view bytes,
                             const DictionaryLoadOptions& options, DictionaryBuilder* builder,
                             std::vector<DictWarning>* warnings) {
  (void)options;
  Reader r(name, builder, warnings);
  const size_t first_warning = warnings ? warnings->size() : 0;
  try {
    switch (kind) {
      case TabariFileKind::kActors:
        ParseTabariActors(&r, bytes);
        break;
      case TabariFileKind::kAgents:
        ParseTabariAgents(&r, bytes);
        break;
      case TabariFileKind::kVerbs:
        ParseTabariVerbs(&r, bytes);
        break;
      case TabariFileKind::kOptions:
        ParseTabariOptions(&r, bytes);
        break;
      case TabariFileKind::kProject: {
        TabariProject p = ParseTabariProject(name, bytes, warnings);
        for (auto& [k, v] : p.files) {
          DictOption o;
          o.key = k;
          o.value = v;
          o.where = r.At(0);
          builder->AddOption(std::move(o));
        }
        break;
      }
    }
  } catch (const std::exception& e) {
    return Status::Internal("reading " + std::string(name) + ": " + e.what());
  }
  if (warnings) SortWarnings(warnings, first_warning);
  return Status::Ok();
}

}  // namespace dyad
