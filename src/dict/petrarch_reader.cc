// PETRARCH-2 / Phoenix dictionary readers: verbs (CAMEO.2.0.txt and the
// P1-style verbpatterns files), actors, agents, discards, issues, and the
// UniversalPetrarch coding ontology. Behaviour follows the P2 readers as
// described in shared/data/docs/dictionary-formats.md; every departure is a
// warning.
#include <algorithm>
#include <string>

#include "dict/dict_text.h"
#include "dyad/dict_readers.h"

namespace dyad {

using namespace dict_internal;  // NOLINT: internal helpers of this stage

namespace {

bool HasLowerAscii(std::string_view s) {
  for (char c : s)
    if (c >= 'a' && c <= 'z') return true;
  return false;
}
bool HasReplacementChar(std::string_view s) { return s.find("\xEF\xBF\xBD") != s.npos; }

// read_FIN_line: comments and XML comments of the actor/agent/discard/issue
// files. Returns the cleaned line ("" to skip) and tracks multi-line comments.
class FinLines {
 public:
  explicit FinLines(Reader* r) : r_(r) {}
  std::string Clean(std::string_view raw, int line) {
    std::string_view s = raw;
    if (in_comment_) {
      if (s.find("-->") != s.npos) in_comment_ = false;
      return "";
    }
    if (Trim(s).empty() || s[0] == '#' || StartsWith(s, "<!")) {
      if (StartsWith(s, "<!--") && s.find("-->") == s.npos) {
        // P2 drops only this line and reads the continuation as data; we
        // skip to "-->" as XML means (the shipped files protect such lines
        // with '#' anyway).
        in_comment_ = true;
        comment_line_ = line;
      }
      return "";
    }
    std::string t(s);
    size_t open = t.find("<!--");
    if (open != t.npos) {
      size_t close = t.find("-->", open);
      if (close != t.npos) {
        t.erase(open, close + 3 - open);
      } else {
        t.erase(open);
        in_comment_ = true;
        comment_line_ = line;
      }
    }
    size_t hash = t.find('#');
    if (hash != t.npos) t.erase(hash);
    return t;
  }
  void Finish() {
    if (in_comment_) r_->Warn(comment_line_, "'<!--' comment never closed; rest of file ignored");
  }

 private:
  Reader* r_;
  bool in_comment_ = false;
  int comment_line_ = 0;
};

// Removes stray brackets from a phrase, warning.
std::string CleanPhraseText(Reader* r, int line, std::string_view text) {
  std::string t(Trim(text));
  std::string stray;
  for (char c : t)
    if (c == '[' || c == ']' || c == '{' || c == '}') stray.push_back(c);
  if (!stray.empty()) {
    r->Warn(line, "stray '" + stray + "' in phrase '" + t + "'; removed");
    t.erase(std::remove_if(t.begin(), t.end(),
                           [](char c) { return c == '[' || c == ']' || c == '{' || c == '}'; }),
            t.end());
  }
  return t;
}

void CheckPhraseCase(Reader* r, int line, std::string_view text) {
  if (HasLowerAscii(text))
    r->Warn(line, "phrase '" + std::string(text) +
                      "' has lower-case letters: PETRARCH-2 (which upper-cases only the "
                      "text) can never match it; dyad matches it case-insensitively");
  if (HasReplacementChar(text))
    r->Warn(line, "phrase '" + std::string(text) +
                      "' contains U+FFFD (a character lost in conversion); kept as written, it "
                      "matches only text with the same replacement character");
}

const PhraseSyntax kP2Syntax{false};

// ---------------------------------------------------------------------------
// Actors

void ParseActors(Reader* r, std::string_view bytes) {
  FinLines fin(r);
  ActorEntry cur;
  bool have = false;
  int cur_line = 0;
  auto flush = [&]() {
    if (!have) return;
    if (cur.codes.empty())
      r->Warn(cur_line, "actor '" + cur.primary.ToString() +
                            "' has no code; kept without codes (it can match but codes nothing)");
    r->builder()->AddActor(std::move(cur));
    cur = ActorEntry();
    have = false;
  };
  // Parses "[CODE RESTRICTION]" groups in `text` (after the phrase).
  auto add_codes = [&](std::string_view text, int line) {
    size_t i = 0;
    std::string extra;
    while (i < text.size()) {
      size_t open = text.find('[', i);
      std::string_view gap = Trim(text.substr(i, open == text.npos ? text.npos : open - i));
      if (!gap.empty()) {
        if (!extra.empty()) extra += " ";
        extra += std::string(gap);
      }
      if (open == text.npos) break;
      size_t close = text.find(']', open);
      if (close == text.npos) {
        r->Warn(line, "'[' without ']' in '" + std::string(Trim(text.substr(open))) +
                          "'; code read up to the end of the line");
        close = text.size();
      }
      std::string code, restr;
      SplitCodeGroup(text.substr(open + 1, close - open - 1), &code, &restr);
      i = close + 1;
      if (code.empty()) {
        r->Warn(line, "empty code '[]'; ignored");
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
      if (!have) {
        r->Warn(line, "code line before any actor phrase; ignored");
        continue;
      }
      cur.codes.push_back(std::move(ac));
    }
    if (!extra.empty()) r->Warn(line, "extra text '" + extra + "' beside the codes; ignored");
  };

  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string clean = fin.Clean(lines[li], ln);
    std::string_view s = Trim(clean);
    if (s.empty()) continue;
    if (s[0] == '[') {
      if (s.back() != ']')
        r->Warn(ln, "code line does not end with ']' (PETRARCH-2 would misread it); read anyway");
      add_codes(s, ln);
      continue;
    }
    if (s[0] == '+') {
      if (!have) {
        r->Warn(ln, "synonym '" + std::string(s) + "' before any actor phrase; ignored");
        continue;
      }
      std::string_view text = s.substr(1);
      if (text.find('[') != text.npos && text.find(']') != text.npos &&
          text.find('[') < text.rfind(']')) {
        r->Warn(ln, "code on a synonym line (PETRARCH-2 ignores it); code ignored");
        text = text.substr(0, text.find('['));
      }
      std::string t = CleanPhraseText(r, ln, text);
      CheckPhraseCase(r, ln, t);
      Phrase p = MakePhrase(t, kP2Syntax);
      if (p.words.empty()) {
        r->Warn(ln, "empty synonym; ignored");
        continue;
      }
      cur.synonyms.push_back(std::move(p));
      continue;
    }
    // A primary line starts a new record.
    flush();
    std::string_view phrase_text = s;
    std::string_view code_text;
    size_t open = s.find('[');
    if (open != s.npos) {
      phrase_text = s.substr(0, open);
      code_text = s.substr(open);
    }
    std::string t = CleanPhraseText(r, ln, phrase_text);
    CheckPhraseCase(r, ln, t);
    Phrase p = MakePhrase(t, kP2Syntax);
    if (p.words.empty()) {
      r->Warn(ln, "line has codes but no phrase; ignored");
      continue;
    }
    cur.primary = std::move(p);
    cur.where = r->At(ln);
    cur_line = ln;
    have = true;
    if (!code_text.empty()) add_codes(code_text, ln);
  }
  flush();
  fin.Finish();
}

// ---------------------------------------------------------------------------
// Agents

void StoreAgent(Reader* r, std::string_view text, const std::string& code, AgentPlacement place,
                bool generated, int line) {
  AgentEntry a;
  a.phrase = MakePhrase(text, kP2Syntax);
  if (a.phrase.words.empty()) return;
  a.code = code;
  a.placement = place;
  a.generated = generated;
  a.where = r->At(line);
  r->builder()->AddAgent(std::move(a));
}

void ParseAgents(Reader* r, std::string_view bytes) {
  FinLines fin(r);
  std::vector<SubstitutionSet> sets;
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string clean = fin.Clean(lines[li], ln);
    std::string_view s = Trim(clean);
    if (s.empty()) continue;
    if (s.find('!') != s.npos && s.find('=') != s.npos) {
      size_t a = s.find('!');
      size_t b = s.find('!', a + 1);
      size_t eq = s.find('=', a);
      if (b == s.npos || eq == s.npos || eq < b) {
        r->Warn(ln, "substitution set not written '!NAME! = a, b, ...'; line skipped");
        continue;
      }
      SubstitutionSet set;
      set.name = std::string(s.substr(a + 1, b - a - 1));
      set.where = r->At(ln);
      std::string_view rest = s.substr(eq + 1);
      size_t i = 0;
      while (i <= rest.size()) {
        size_t c = rest.find(',', i);
        std::string_view item = Trim(rest.substr(i, c == rest.npos ? rest.npos : c - i));
        if (!item.empty()) set.members.emplace_back(item);
        if (c == rest.npos) break;
        i = c + 1;
      }
      if (set.members.empty()) r->Warn(ln, "substitution set '!" + set.name + "!' is empty");
      sets.push_back(set);
      r->builder()->AddSubstitutionSet(std::move(set));
      continue;
    }
    size_t open = s.find('[');
    if (open == s.npos) {
      r->Warn(ln, "agent '" + std::string(s) + "' has no code ('[~XXX]'); line skipped");
      continue;
    }
    size_t close = s.find(']', open);
    if (close == s.npos) {
      r->Warn(ln, "'[' without ']'; code read up to the end of the line");
      close = s.size();
    }
    std::string code(Trim(s.substr(open + 1, close - open - 1)));
    std::string_view after = Trim(close < s.size() ? s.substr(close + 1) : std::string_view());
    if (!after.empty())
      r->Warn(ln, "extra text '" + std::string(after) + "' after the code; ignored");
    AgentPlacement place = AgentPlacement::kAfterActor;
    if (!code.empty() && code.front() == '~') {
      code.erase(0, 1);
    } else if (!code.empty() && code.back() == '~') {
      code.pop_back();
      place = AgentPlacement::kBeforeActor;
    } else {
      r->Warn(ln, "agent code '" + code +
                      "' has no '~' to say where it joins the actor code; added after it");
    }
    code = std::string(Trim(code));
    {
      std::string kept;
      for (char c : code)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
          kept.push_back(c);
      if (kept != code) {
        r->Warn(ln, "agent code '" + code + "' has stray characters; read as '" + kept + "'");
        code = kept;
      }
    }
    if (code.empty()) {
      r->Warn(ln, "empty agent code; line skipped");
      continue;
    }
    std::string_view phrase = Trim(s.substr(0, open));
    CheckPhraseCase(r, ln, phrase);
    size_t bang = phrase.find('!');
    if (bang != phrase.npos) {
      size_t bang2 = phrase.find('!', bang + 1);
      if (bang2 == phrase.npos) {
        r->Warn(ln, "substitution marker without closing '!'; line skipped");
        continue;
      }
      std::string name(phrase.substr(bang + 1, bang2 - bang - 1));
      const SubstitutionSet* set = nullptr;
      for (const auto& st : sets)
        if (st.name == name) set = &st;
      if (!set) {
        r->Warn(ln, "substitution marker '!" + name + "!' is not defined above; line skipped");
        continue;
      }
      // Only the first marker is substituted; no plurals (P2 store_marker).
      for (const std::string& m : set->members) {
        std::string text =
            std::string(phrase.substr(0, bang)) + m + std::string(phrase.substr(bang2 + 1));
        StoreAgent(r, text, code, place, true, ln);
      }
      continue;
    }
    size_t brace = phrase.find('{');
    if (brace != phrase.npos) {
      size_t brace2 = phrase.find('}', brace);
      if (brace2 == phrase.npos) {
        r->Warn(ln, "'{' without '}' in the plural; line skipped");
        continue;
      }
      std::string_view plural = Trim(phrase.substr(brace + 1, brace2 - brace - 1));
      StoreAgent(r, phrase.substr(0, brace), code, place, false, ln);
      if (!plural.empty()) StoreAgent(r, plural, code, place, true, ln);
      continue;
    }
    StoreAgent(r, phrase, code, place, false, ln);
    StoreAgent(r, PetrarchPlural(phrase), code, place, true, ln);
  }
  fin.Finish();
}

// ---------------------------------------------------------------------------
// Discards

void ParseDiscards(Reader* r, std::string_view bytes) {
  FinLines fin(r);
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    // A row of TAB-separated data (tabari/discards.txt is a spreadsheet
    // export) is junk even where a '#' ("#VALUE!") would hide most of it.
    const size_t raw_tabs =
        static_cast<size_t>(std::count(lines[li].begin(), lines[li].end(), '\t'));
    if (raw_tabs >= 2 && !Trim(lines[li]).empty() && Trim(lines[li])[0] != '#') {
      r->Warn(ln, "line has " + std::to_string(raw_tabs + 1) +
                      " TAB-separated fields, not a discard phrase; line skipped");
      continue;
    }
    std::string clean = fin.Clean(lines[li], ln);
    std::string_view s = Trim(clean);
    if (s.empty()) continue;
    if (s.find('\t') != s.npos) {
      size_t fields = 1 + static_cast<size_t>(std::count(s.begin(), s.end(), '\t'));
      r->Warn(ln, "line has " + std::to_string(fields) +
                      " TAB-separated fields, not a discard phrase; line skipped");
      continue;
    }
    Discard d;
    if (s[0] == '+') {
      d.scope = DiscardScope::kStory;
      s = Trim(s.substr(1));
    }
    if (s.find(';') != s.npos) s = Trim(s.substr(0, s.find(';')));
    d.phrase = MakePhrase(s, kP2Syntax);
    if (d.phrase.words.empty()) {
      r->Warn(ln, "empty discard phrase; line skipped");
      continue;
    }
    d.where = r->At(ln);
    r->builder()->AddDiscard(std::move(d));
  }
  fin.Finish();
}

// ---------------------------------------------------------------------------
// Issues

// Expands n:, v: and '+' in one issue phrase into its variants.
std::vector<std::string> ExpandIssue(std::string_view phrase) {
  std::vector<std::vector<std::string>> words;
  size_t i = 0;
  while (i < phrase.size()) {
    while (i < phrase.size() && (phrase[i] == ' ' || phrase[i] == '\t')) ++i;
    size_t b = i;
    while (i < phrase.size() && phrase[i] != ' ' && phrase[i] != '\t') ++i;
    if (i == b) break;
    std::string w(phrase.substr(b, i - b));
    // '+' joins parts with a blank or a hyphen.
    std::vector<std::string> parts;
    size_t p = 0;
    while (true) {
      size_t q = w.find('+', p);
      parts.push_back(w.substr(p, q == w.npos ? w.npos : q - p));
      if (q == w.npos) break;
      p = q + 1;
    }
    std::vector<std::string> variants{""};
    for (size_t k = 0; k < parts.size(); ++k) {
      std::vector<std::string> forms;
      std::string part = parts[k];
      if (StartsWith(part, "n:")) {
        part = part.substr(2);
        forms = {part, PetrarchPlural(part)};
        if (!part.empty() && (part.back() == 'y' || part.back() == 'Y')) {
          forms[1] = part.substr(0, part.size() - 1) + "ies";
        } else if (!part.empty()) {
          forms[1] = part + "s";
        }
      } else if (StartsWith(part, "v:")) {
        part = part.substr(2);
        forms = {part};
        for (auto& f : RegularVerbForms(part)) forms.push_back(f);
      } else {
        forms = {part};
      }
      std::vector<std::string> next;
      for (const auto& v : variants)
        for (const auto& f : forms) {
          if (k == 0)
            next.push_back(f);
          else {
            next.push_back(v + " " + f);
            next.push_back(v + "-" + f);
          }
        }
      variants = std::move(next);
      if (variants.size() > 64) variants.resize(64);
    }
    words.push_back(std::move(variants));
  }
  std::vector<std::string> out{""};
  for (const auto& alts : words) {
    std::vector<std::string> next;
    for (const auto& o : out)
      for (const auto& a : alts) next.push_back(o.empty() ? a : o + " " + a);
    out = std::move(next);
    if (out.size() > 256) out.resize(256);
  }
  return out;
}

void ParseIssues(Reader* r, std::string_view bytes) {
  FinLines fin(r);
  std::string category;
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string_view raw = Trim(lines[li]);
    if (StartsWith(raw, "<ISSUE")) {
      size_t c = raw.find("CATEGORY=\"");
      category.clear();
      if (c != raw.npos) {
        size_t e = raw.find('"', c + 10);
        if (e != raw.npos) category = std::string(raw.substr(c + 10, e - c - 10));
      }
      if (category.empty()) r->Warn(ln, "<ISSUE> without CATEGORY=\"...\"; category left empty");
      continue;
    }
    if (StartsWith(raw, "</ISSUE")) {
      category.clear();
      continue;
    }
    std::string clean = fin.Clean(lines[li], ln);
    std::string_view s = Trim(clean);
    if (s.empty()) continue;
    IssueEntry e;
    e.category = category;
    e.where = r->At(ln);
    std::string_view phrase = s;
    if (StartsWith(s, "~~")) {
      e.kind = IssueEntry::Kind::kIgnoreStory;
      phrase = s.substr(2);
    } else if (s[0] == '~') {
      e.kind = IssueEntry::Kind::kIgnoreSentence;
      phrase = s.substr(1);
    } else {
      size_t open = s.find('[');
      size_t close = s.find(']', open == s.npos ? 0 : open);
      if (open == s.npos || close == s.npos) {
        r->Warn(ln, "issue line '" + std::string(s) + "' has no '[CODE]'; line skipped");
        continue;
      }
      e.code = std::string(Trim(s.substr(open + 1, close - open - 1)));
      phrase = s.substr(0, open);
      if (e.code.empty()) {
        r->Warn(ln, "empty issue code '[]'; line skipped");
        continue;
      }
    }
    for (const std::string& v : ExpandIssue(Trim(phrase))) {
      Phrase p = MakePhrase(v, kP2Syntax);
      if (!p.words.empty()) e.phrases.push_back(std::move(p));
    }
    if (e.phrases.empty()) {
      r->Warn(ln, "issue line has no phrase; line skipped");
      continue;
    }
    r->builder()->AddIssue(std::move(e));
  }
  fin.Finish();
}

// ---------------------------------------------------------------------------
// Verbs

struct VerbFileState {
  bool in_synsets = true;  // until "####### VERB PATTERNS #######"
  bool patterns_enabled = true;
  bool in_comment = false;
  int comment_line = 0;
  bool quirk_warned = false;
  bool in_transformations = false;
  int block = -1;
  int synset = -1;
  Synset pending_synset;
  bool have_synset = false;
  bool late_synset = false;  // collecting a synset defined among the verb blocks
};

void ParseVerbLine(Reader* r, int ln, std::string_view s, uint32_t block,
                   const EventCodeSpec& block_code) {
  VerbEntry v;
  v.block = block;
  v.where = r->At(ln);
  v.code = block_code;
  std::string_view rest = s;
  // Own code: a last token starting with '['.
  size_t open = rest.rfind('[');
  if (open != rest.npos && rest.find(']', open) != rest.npos &&
      Trim(rest.substr(rest.find(']', open) + 1)).empty()) {
    std::string_view inside = rest.substr(open + 1, rest.find(']', open) - open - 1);
    EventCodeSpec c;
    if (EventCodeSpec::Parse(inside, &c)) {
      v.code = c;
      v.own_code = true;
      if (!c.IsCameo())
        r->Warn(ln, "verb code " + c.ToString() + " is not a CAMEO code (2-4 digits); kept");
    } else {
      r->Warn(ln, "verb code '[" + std::string(inside) + "]' is not a CAMEO code; block code " +
                      block_code.ToString() + " used");
    }
    rest = Trim(rest.substr(0, open));
  }
  std::string_view forms_text;
  size_t brace = rest.find('{');
  if (brace != rest.npos) {
    size_t brace2 = rest.find('}', brace);
    if (brace2 == rest.npos) {
      r->Warn(ln, "'{' without '}' in verb forms; forms read to the end of the line");
      brace2 = rest.size();
    }
    forms_text = rest.substr(brace + 1, brace2 - brace - 1);
    v.explicit_forms = true;
    rest = Trim(rest.substr(0, brace));
  }
  if (rest.empty()) {
    r->Warn(ln, "verb line has no verb; line skipped");
    return;
  }
  auto make_form = [&](std::string_view text, VerbForm* f) {
    // "+BEEF_UP", "WIRE_+TAP": '+' marks the verb word of a multi-word verb.
    std::string t(text);
    int verb_word = 0;
    Phrase words;
    size_t i = 0;
    int idx = 0;
    bool marked = false;
    while (i < t.size()) {
      while (i < t.size() && (t[i] == '_' || t[i] == ' ')) ++i;
      if (i >= t.size()) break;
      size_t b = i;
      while (i < t.size() && t[i] != '_' && t[i] != ' ') ++i;
      std::string w = t.substr(b, i - b);
      if (!w.empty() && w[0] == '+') {
        w.erase(0, 1);
        verb_word = idx;
        marked = true;
      }
      if (w.empty()) continue;
      PhraseWord pw;
      pw.text = LowerUtf8(w);
      words.words.push_back(std::move(pw));
      ++idx;
    }
    if (words.words.size() > 1 && !marked)
      r->Warn(ln, "multi-word verb '" + t + "' has no '+' on its verb word; first word used");
    f->words = std::move(words);
    f->verb_word = static_cast<uint32_t>(verb_word);
    return !f->words.words.empty();
  };
  VerbForm base;
  if (!make_form(rest, &base)) {
    r->Warn(ln, "verb line has no verb; line skipped");
    return;
  }
  for (size_t k = 0; k < base.words.words.size(); ++k) {
    if (k) v.base.push_back(' ');
    v.base += base.words.words[k].text;
  }
  const bool multi = base.words.words.size() > 1;
  v.forms.push_back(base);
  if (v.explicit_forms) {
    size_t i = 0;
    while (i < forms_text.size()) {
      while (i < forms_text.size() && (forms_text[i] == ' ' || forms_text[i] == '\t')) ++i;
      size_t b = i;
      while (i < forms_text.size() && forms_text[i] != ' ' && forms_text[i] != '\t') ++i;
      if (i == b) break;
      VerbForm f;
      if (make_form(forms_text.substr(b, i - b), &f)) v.forms.push_back(std::move(f));
    }
  } else if (!multi) {
    for (const std::string& f : RegularVerbForms(base.words.words[0].text)) {
      VerbForm vf;
      PhraseWord pw;
      pw.text = f;
      vf.words.words.push_back(std::move(pw));
      v.forms.push_back(std::move(vf));
    }
  }
  r->builder()->AddVerb(std::move(v));
}

void ParseTransformation(Reader* r, int ln, std::string_view s) {
  // "~ a (a b ATTACK) SAY = a b 015"
  std::string_view body = Trim(s.substr(1));
  size_t eq = body.find('=');
  size_t open = body.find('(');
  size_t close = body.find(')');
  if (eq == body.npos || open == body.npos || close == body.npos || close < open || eq < close) {
    r->Warn(ln, "transformation not written '~ a (b c VERB) VERB = x y CODE'; line skipped");
    return;
  }
  auto split = [](std::string_view t) {
    std::vector<std::string> w;
    size_t i = 0;
    while (i < t.size()) {
      while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
      size_t b = i;
      while (i < t.size() && t[i] != ' ' && t[i] != '\t') ++i;
      if (i > b) w.emplace_back(t.substr(b, i - b));
    }
    return w;
  };
  auto lhs = split(body.substr(0, open));
  auto inner = split(body.substr(open + 1, close - open - 1));
  auto outer = split(body.substr(close + 1, eq - close - 1));
  auto rhs = split(body.substr(eq + 1));
  if (lhs.size() != 1 || inner.size() != 3 || outer.size() != 1 || rhs.size() != 3) {
    r->Warn(ln, "transformation not written '~ a (b c VERB) VERB = x y CODE'; line skipped");
    return;
  }
  Transformation t;
  t.outer_source = lhs[0];
  t.inner_source = inner[0];
  t.inner_target = inner[1];
  t.inner_verb = inner[2];
  t.outer_verb = outer[0];
  t.out_source = rhs[0];
  t.out_target = rhs[1];
  t.out_code = rhs[2];
  t.where = r->At(ln);
  r->builder()->AddTransformation(std::move(t));
}

void FlushSynset(Reader* r, VerbFileState* st) {
  if (!st->have_synset) return;
  if (st->pending_synset.phrases.empty())
    r->Warn(static_cast<int>(st->pending_synset.where.line),
            "synset '" + st->pending_synset.name + "' has no members");
  r->builder()->AddSynset(std::move(st->pending_synset));
  st->pending_synset = Synset();
  st->have_synset = false;
}

void AddSynsetMember(Reader* r, VerbFileState* st, int ln, std::string_view member, bool tabari) {
  if (!st->have_synset) {
    r->Warn(ln, "synset member '" + std::string(member) + "' before any '&LABEL'; ignored");
    return;
  }
  std::string m(Trim(member));
  if (m.empty()) {
    r->Warn(ln, "empty synset member; ignored");
    return;
  }
  const bool multi = m.find('_') != m.npos && m.find('_') + 1 < m.size();
  const bool no_plural = m.back() == '_' || (!st->pending_synset.name.empty() &&
                                             st->pending_synset.name.back() == '_');
  PhraseSyntax syn{tabari};
  Phrase p = MakePhrase(m, syn);
  if (p.words.empty()) return;
  st->pending_synset.phrases.push_back(p);
  if (!tabari && !multi && !no_plural) {
    Phrase pl = p;
    pl.words.back().text = PetrarchPlural(pl.words.back().text);
    st->pending_synset.phrases.push_back(std::move(pl));
  }
}

void ParseVerbs(Reader* r, std::string_view bytes, const DictionaryLoadOptions& options) {
  VerbFileState st;
  EventCodeSpec block_code;
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string_view raw = lines[li];
    std::string_view s = Trim(raw);
    if (s.empty()) continue;
    if (st.in_comment) {
      if (s.find("-->") != s.npos) st.in_comment = false;
      continue;
    }
    if (StartsWith(s, "<!")) {
      if (options.petrarch2_comment_quirk) {
        st.patterns_enabled = false;
      } else if (!st.quirk_warned) {
        st.quirk_warned = true;
        r->Warn(ln,
                "'<!' line: PETRARCH-2 ignores every later pattern line of this file; dyad "
                "treats it as a comment and keeps the patterns");
      }
      if (StartsWith(s, "<!--") && s.find("-->") == s.npos) {
        st.in_comment = true;
        st.comment_line = ln;
      }
      continue;
    }
    if (StartsWith(s, "#")) {
      if (s.find("VERB PATTERNS") != s.npos) {
        FlushSynset(r, &st);
        st.in_synsets = false;
      } else if (s.find("TRANSFORMATIONS") != s.npos) {
        st.in_transformations = true;
      }
      continue;
    }
    // Cut the comment.
    // Cut the comment at the first '#' outside brackets ("[###]" is a code).
    std::string cut(s);
    {
      int depth = 0;
      for (size_t k = 0; k < cut.size(); ++k) {
        if (cut[k] == '[')
          ++depth;
        else if (cut[k] == ']' && depth > 0)
          --depth;
        else if (cut[k] == '#' && depth == 0) {
          cut.erase(k);
          break;
        }
      }
    }
    s = Trim(cut);
    if (s.empty()) continue;
    if (st.in_synsets) {
      if (s[0] == '&') {
        FlushSynset(r, &st);
        st.pending_synset.name = AsciiUpper(s);
        st.pending_synset.where = r->At(ln);
        st.have_synset = true;
      } else if (s[0] == '+') {
        AddSynsetMember(r, &st, ln, s.substr(1), false);
      } else if (StartsWith(s, "---")) {
        // A block before the marker: the marker is missing; switch anyway.
        r->Warn(ln, "verb block before '####### VERB PATTERNS #######'; verb patterns start here");
        FlushSynset(r, &st);
        st.in_synsets = false;
        --li;
      } else {
        r->Warn(ln, "line in the synonym-set section is neither '&LABEL' nor '+MEMBER'; ignored");
      }
      continue;
    }
    if (st.late_synset && s[0] != '+') {
      FlushSynset(r, &st);
      st.late_synset = false;
    }
    if (StartsWith(s, "---")) {
      // "---  NAME   [CODE]  ---"
      std::vector<std::string_view> segs;
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
        size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
        if (i > b) segs.push_back(s.substr(b, i - b));
      }
      VerbBlock b;
      b.where = r->At(ln);
      if (segs.size() >= 3 && segs[2].size() > 1 && segs[2].front() == '[' &&
          segs[2].back() != ']' && segs[2].find(']') != std::string_view::npos) {
        r->Warn(ln, "text '" + std::string(segs[2].substr(segs[2].find(']') + 1)) +
                        "' glued to the block code; ignored");
        segs[2] = segs[2].substr(0, segs[2].find(']') + 1);
      }
      if (segs.size() < 3 || segs[2].size() < 2 || segs[2].front() != '[' ||
          segs[2].back() != ']') {
        r->Warn(ln, "verb block header is not '--- NAME [CODE] ---'; block kept with null code");
        b.name = segs.size() > 1 ? std::string(segs[1]) : std::string("?");
        b.code = EventCodeSpec();
      } else {
        b.name = std::string(segs[1]);
        if (!EventCodeSpec::Parse(segs[2].substr(1, segs[2].size() - 2), &b.code)) {
          r->Warn(ln,
                  "block code " + std::string(segs[2]) + " is not a CAMEO code; null code used");
          b.code = EventCodeSpec();
        }
        if (segs.size() != 4)
          r->Warn(ln, "verb block header has " + std::to_string(segs.size()) +
                          " fields, expected 4; extra fields ignored");
      }
      block_code = b.code;
      st.block = static_cast<int>(r->builder()->AddVerbBlock(std::move(b)));
      continue;
    }
    if (s[0] == '-') {
      if (!st.patterns_enabled) continue;
      if (st.block < 0) {
        r->Warn(ln, "pattern before any verb block; pattern skipped");
        continue;
      }
      ParsePatternLine(r, ln, s, static_cast<uint32_t>(st.block), false);
      continue;
    }
    if (s[0] == '~') {
      ParseTransformation(r, ln, s);
      continue;
    }
    if (s[0] == '&') {
      // PETRARCH-2 reads synsets only before the VERB PATTERNS marker; the
      // validation files define more among the blocks. Read them.
      FlushSynset(r, &st);
      r->Warn(ln, "synset '" + std::string(s) +
                      "' defined among the verb blocks (PETRARCH-2 ignores it); read as a synset");
      st.pending_synset.name = AsciiUpper(s);
      st.pending_synset.where = r->At(ln);
      st.have_synset = true;
      st.late_synset = true;
      continue;
    }
    if (st.late_synset && s[0] == '+') {
      AddSynsetMember(r, &st, ln, s.substr(1), false);
      continue;
    }
    if (st.block < 0) {
      r->Warn(ln, "verb line before any verb block; line skipped");
      continue;
    }
    if (s[0] == '*') {
      r->Warn(ln, "line starts with '*': a pattern without its leading '-'; read as a pattern");
      if (st.patterns_enabled)
        ParsePatternLine(r, ln, "- " + std::string(s), static_cast<uint32_t>(st.block), false);
      continue;
    }
    ParseVerbLine(r, ln, s, static_cast<uint32_t>(st.block), block_code);
  }
  FlushSynset(r, &st);
  if (st.in_comment) r->Warn(st.comment_line, "'<!--' comment never closed; rest of file ignored");
}

// UniversalPetrarch PETR.Internal.Coding.Ontology: "CAMEO:0xHHHH[-0xHHHH][#comment]".
void ParseOntology(Reader* r, std::string_view bytes) {
  std::vector<std::string_view> lines = r->Lines(bytes);
  for (size_t li = 0; li < lines.size(); ++li) {
    const int ln = static_cast<int>(li + 1);
    std::string s(Trim(lines[li]));
    if (s.empty() || s[0] == '#') continue;
    if (s.find('#') != s.npos) s.erase(s.find('#'));
    std::string_view t = Trim(s);
    size_t colon = t.find(':');
    if (colon == t.npos ||
        !(IsAsciiDigits(Trim(t.substr(0, colon))) || Trim(t.substr(0, colon)) == "---")) {
      r->Warn(ln, "ontology line is not 'CAMEO:0xHHHH'; line skipped");
      continue;
    }
    DictOption o;
    o.key = "PICO:" + std::string(Trim(t.substr(0, colon)));
    o.value = std::string(Trim(t.substr(colon + 1)));
    o.where = r->At(ln);
    r->builder()->AddOption(std::move(o));
  }
}

}  // namespace

bool GuessPetrarchFileKind(std::string_view name, PetrarchFileKind* kind) {
  std::string n = AsciiUpper(name);
  size_t slash = n.find_last_of('/');
  if (slash != n.npos) n = n.substr(slash + 1);
  if (n.find("ISSUE") != n.npos)
    *kind = PetrarchFileKind::kIssues;
  else if (n.find("DISCARD") != n.npos)
    *kind = PetrarchFileKind::kDiscards;
  else if (n.find("AGENT") != n.npos)
    *kind = PetrarchFileKind::kAgents;
  else if (n.find("ACTOR") != n.npos)
    *kind = PetrarchFileKind::kActors;
  else if (n.find("VERB") != n.npos || n.find("CAMEO") != n.npos || n.find("ONTOLOGY") != n.npos)
    *kind = PetrarchFileKind::kVerbs;
  else
    return false;
  return true;
}

Status ParsePetrarchDictionary(PetrarchFileKind kind, std::string_view name, std::string_view bytes,
                               const DictionaryLoadOptions& options, DictionaryBuilder* builder,
                               std::vector<DictWarning>* warnings) {
  Reader r(name, builder, warnings);
  const size_t first_warning = warnings ? warnings->size() : 0;
  try {
    switch (kind) {
      case PetrarchFileKind::kActors:
        ParseActors(&r, bytes);
        break;
      case PetrarchFileKind::kAgents:
        ParseAgents(&r, bytes);
        break;
      case PetrarchFileKind::kDiscards:
        ParseDiscards(&r, bytes);
        break;
      case PetrarchFileKind::kIssues:
        ParseIssues(&r, bytes);
        break;
      case PetrarchFileKind::kVerbs:
        if (AsciiUpper(name).find("ONTOLOGY") != std::string::npos)
          ParseOntology(&r, bytes);
        else
          ParseVerbs(&r, bytes, options);
        break;
    }
  } catch (const std::exception& e) {
    return Status::Internal("reading " + std::string(name) + ": " + e.what());
  }
  if (warnings) SortWarnings(warnings, first_warning);
  return Status::Ok();
}

}  // namespace dyad

namespace dyad::dict_internal {

void ParsePatternLine(Reader* r, int ln, std::string_view s, uint32_t block, bool tabari) {
  std::string_view before, inside, after;
  std::string_view body = Trim(s.substr(1));
  if (!LastBracket(body, &before, &inside, &after) || !Trim(after).empty()) {
    r->Warn(ln, "pattern has no '[CODE]' at its end; pattern skipped");
    return;
  }
  Pattern p;
  p.block = block;
  p.where = r->At(ln);
  if (!EventCodeSpec::Parse(inside, &p.code)) {
    r->Warn(ln, "pattern code '[" + std::string(inside) + "]' is not a code; pattern skipped");
    return;
  }
  if (!p.code.IsCameo())
    r->Warn(ln, "pattern code " + p.code.ToString() +
                    " is not a CAMEO code (2-4 digits); kept as written");
  std::string err;
  if (!ParsePatternBody(before, tabari, &p, &err)) {
    // Salvage "{ A | B ]": a ']' typed for '}'.
    if (err == "unclosed '{'") {
      std::string fixed(before);
      size_t brace = fixed.find('{');
      size_t sq = brace == std::string::npos ? brace : fixed.find(']', brace);
      Pattern p3 = p;
      std::string err3;
      if (sq != std::string::npos) {
        fixed[sq] = '}';
        if (ParsePatternBody(fixed, tabari, &p3, &err3)) {
          r->Warn(ln, "pattern '" + std::string(Trim(before)) +
                          "': ']' closes a '{'; read as '}', pattern kept");
          r->builder()->AddPattern(std::move(p3));
          return;
        }
      }
    }
    // Salvage a stray closing bracket at the end ("(WITH VISIT)   VISIT)"):
    // drop the last blank-separated chunk holding it and try again.
    std::string_view body2 = Trim(before);
    size_t cut = body2.find_last_of(" \t");
    std::string err2;
    Pattern p2 = p;
    if (StartsWith(err, "unbalanced") && cut != std::string_view::npos &&
        body2.substr(cut).find_first_of(")}") != std::string_view::npos &&
        ParsePatternBody(body2.substr(0, cut), tabari, &p2, &err2)) {
      r->Warn(ln, "pattern '" + std::string(body2) + "': " + err + "; stray text '" +
                      std::string(Trim(body2.substr(cut))) + "' ignored, pattern kept");
      r->builder()->AddPattern(std::move(p2));
      return;
    }
    r->Warn(ln, "pattern '" + std::string(Trim(before)) + "': " + err + "; pattern skipped");
    return;
  }
  r->builder()->AddPattern(std::move(p));
}

}  // namespace dyad::dict_internal
