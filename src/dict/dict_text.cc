#include "dict/dict_text.h"

#include <unicode/unistr.h>

#include <algorithm>

#include "dyad/dict_readers.h"

namespace dyad::dict_internal {

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n' || s[b] == '\f' ||
                   s[b] == '\v'))
    ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n' ||
                   s[e - 1] == '\f' || s[e - 1] == '\v'))
    --e;
  return s.substr(b, e - b);
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool IsAsciiDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string AsciiUpper(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return r;
}

std::string LowerUtf8(std::string_view s) {
  bool ascii = true;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    std::string r(s);
    for (char& c : r)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower();
  std::string r;
  u.toUTF8String(r);
  return r;
}

size_t RepairUtf8(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  size_t repaired = 0;
  size_t i = 0;
  const size_t n = in.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    int len = 0;
    uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= n;
    for (int k = 1; ok && k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(in[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (ok) {
      if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
          (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        ok = false;
    }
    if (ok) {
      out->append(in.substr(i, len));
      i += len;
    } else {
      out->append("\xEF\xBF\xBD");
      ++repaired;
      ++i;
    }
  }
  return repaired;
}

std::vector<std::string_view> SplitLines(std::string_view bytes) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    char c = bytes[i];
    if (c == '\n' || c == '\r') {
      lines.push_back(bytes.substr(start, i - start));
      if (c == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < bytes.size()) lines.push_back(bytes.substr(start));
  return lines;
}

Phrase MakePhrase(std::string_view text, const PhraseSyntax& syntax) {
  Phrase p;
  std::string lowered = LowerUtf8(text);
  std::string_view s = lowered;
  size_t i = 0;
  bool gap = false;  // connector before the next word
  while (i < s.size()) {
    // Connectors.
    bool saw_blank = false;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '_')) {
      if (s[i] != '_') saw_blank = true;
      ++i;
    }
    if (i >= s.size()) break;
    gap = saw_blank;
    size_t b = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '_') ++i;
    PhraseWord w;
    w.text = std::string(s.substr(b, i - b));
    if (syntax.tabari) {
      // A word followed by "_" (connector or final) is exact; otherwise a stem.
      w.stem = !(i < s.size() && s[i] == '_');
      w.gap_before = !p.words.empty() && gap;
    }
    p.words.push_back(std::move(w));
  }
  return p;
}

std::string PetrarchPlural(std::string_view word) {
  std::string w(word);
  if (w.empty()) return w;
  const bool lower = w.back() >= 'a' && w.back() <= 'z';
  const char last = static_cast<char>(lower ? w.back() - 'a' + 'A' : w.back());
  if (last == 'Y') {
    w.pop_back();
    w += lower ? "ies" : "IES";
  } else if (last == 'S') {
    w += lower ? "es" : "ES";
  } else {
    w += lower ? "s" : "S";
  }
  return w;
}

void SplitCodeGroup(std::string_view inside, std::string* code, std::string* restriction) {
  std::string_view s = Trim(inside);
  size_t i = 0;
  while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != '<' && s[i] != '>') ++i;
  *code = std::string(s.substr(0, i));
  *restriction = std::string(Trim(s.substr(i)));
}

namespace {

// Removes blanks: "> 140608" -> ">140608".
std::string Squeeze(std::string_view s) {
  std::string r;
  for (char c : s)
    if (c != ' ' && c != '\t') r.push_back(c);
  return r;
}

}  // namespace

bool ParseRestriction(std::string_view text, DateRestriction* out, std::string* error,
                      std::string* note) {
  *out = DateRestriction();
  std::string s = Squeeze(text);
  if (s.empty()) return true;
  auto parse = [&](std::string_view d, Date* date) {
    std::string n;
    if (!ParseRestrictionDate(d, date, &n)) {
      *error = "date '" + std::string(d) + "' is not YYMMDD or YYYYMMDD";
      return false;
    }
    if (!n.empty()) {
      if (!note->empty()) *note += "; ";
      *note += n;
    }
    return true;
  };
  if (s[0] == '<' || s[0] == '>') {
    Date d;
    if (!parse(std::string_view(s).substr(1), &d)) return false;
    out->kind = s[0] == '<' ? DateRestriction::Kind::kBefore : DateRestriction::Kind::kAfter;
    (s[0] == '<' ? out->last : out->first) = d;
    return true;
  }
  size_t dash = s.find('-');
  if (dash == std::string::npos) {
    *error = "restriction '" + s + "' is not <DATE, >DATE or DATE-DATE";
    return false;
  }
  Date a, b;
  if (!parse(std::string_view(s).substr(0, dash), &a)) return false;
  if (!parse(std::string_view(s).substr(dash + 1), &b)) return false;
  out->kind = DateRestriction::Kind::kBetween;
  out->first = a;
  out->last = b;
  if (b.DaysSinceEpoch() < a.DaysSinceEpoch()) {
    if (!note->empty()) *note += "; ";
    *note += "range ends (" + b.ToString() + ") before it starts (" + a.ToString() +
             "), so the code never applies";
  }
  return true;
}

}  // namespace dyad::dict_internal

namespace dyad {

bool ParseRestrictionDate(std::string_view digits, Date* out, std::string* note) {
  if (!dict_internal::IsAsciiDigits(digits) || digits.size() < 6) return false;
  auto num = [&](size_t b, size_t n) {
    int v = 0;
    for (size_t i = b; i < b + n; ++i) v = v * 10 + (digits[i] - '0');
    return v;
  };
  int y, m, d;
  if (digits.size() > 7) {
    y = num(0, 4);
    m = num(4, 2);
    d = num(6, 2);
    if (digits.size() > 8)
      *note = std::to_string(digits.size()) + "-digit date '" + std::string(digits) +
              "': first 8 digits used";
  } else {
    y = num(0, 2);
    y += y <= 30 ? 2000 : 1900;
    m = num(2, 2);
    d = num(4, 2);
    if (digits.size() == 7)
      *note = "7-digit date '" + std::string(digits) + "' read as YYMMDD '" +
              std::string(digits.substr(0, 6)) + "'";
  }
  if (!IsValidDay(y, m, d)) return false;
  if (!note->empty()) *note += " = " + Date::Day(y, m, d).ToString();
  *out = Date::Day(y, m, d);
  return true;
}

}  // namespace dyad

namespace dyad::dict_internal {

namespace {

bool IsDelim(char c) {
  return c == ' ' || c == '\t' || c == '_' || c == '{' || c == '}' || c == '(' || c == ')' ||
         c == '*' || c == '|';
}

uint32_t CountAlnum(std::string_view s) {
  uint32_t n = 0;
  for (char c : s)
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
        static_cast<unsigned char>(c) >= 0x80)
      ++n;
  return n;
}

// Parses elements of `s` from `*pos` until `stop` (or end). Sets `*star` to
// the index in `out` where the verb marker "*" was seen (or leaves it), and
// the verb connector flags.
struct SeqState {
  bool star_seen = false;
  size_t star_index = 0;
  bool verb_consec_before = false;
  bool verb_consec_after = false;
  uint32_t specificity = 0;
};

bool ParseSeq(std::string_view s, size_t* pos, char stop, bool tabari, bool allow_star,
              std::vector<PatternElement>* out, SeqState* st, std::string* error, int depth) {
  if (depth > 8) {
    *error = "brackets nested too deeply";
    return false;
  }
  bool consecutive_next = false;
  while (*pos < s.size()) {
    char c = s[*pos];
    if (c == stop) {
      ++*pos;
      return true;
    }
    if (c == ' ' || c == '\t') {
      ++*pos;
      consecutive_next = false;
      continue;
    }
    if (c == '_') {
      ++*pos;
      consecutive_next = tabari;
      continue;
    }
    if (c == '}' || c == ')') {
      *error = std::string("unbalanced '") + c + "'";
      return false;
    }
    if (c == '|') {
      *error = "'|' outside '{ ... }'";
      return false;
    }
    if (c == '*') {
      ++*pos;
      if (!allow_star) {
        *error = "'*' inside brackets";
        return false;
      }
      if (st->star_seen) {
        *error = "more than one '*'";
        return false;
      }
      st->star_seen = true;
      st->star_index = out->size();
      st->verb_consec_before = consecutive_next;
      st->verb_consec_after = *pos < s.size() && s[*pos] == '_' && tabari;
      consecutive_next = false;
      continue;
    }
    PatternElement el;
    el.consecutive = consecutive_next;
    consecutive_next = false;
    if (c == '{' || c == '(') {
      const char close = c == '{' ? '}' : ')';
      ++*pos;
      std::vector<PatternElement> inner;
      // Alternatives: split on '|' at this level.
      std::vector<std::vector<PatternElement>> alts;
      bool has_bar = false;
      {
        // Find whether this group has a top-level '|'.
        int lvl = 0;
        for (size_t k = *pos; k < s.size(); ++k) {
          if (s[k] == '{' || s[k] == '(')
            ++lvl;
          else if (s[k] == '}' || s[k] == ')') {
            if (lvl == 0) break;
            --lvl;
          } else if (s[k] == '|' && lvl == 0) {
            has_bar = true;
          }
        }
      }
      if (has_bar && c == '{') {
        while (true) {
          std::vector<PatternElement> alt;
          size_t start = *pos;
          // Parse until '|' or '}'.
          size_t k = start;
          int lvl = 0;
          for (; k < s.size(); ++k) {
            if (s[k] == '{' || s[k] == '(')
              ++lvl;
            else if ((s[k] == '}' || s[k] == ')') && lvl > 0)
              --lvl;
            else if ((s[k] == '|' || s[k] == '}') && lvl == 0)
              break;
          }
          if (k >= s.size()) {
            *error = "unclosed '{'";
            return false;
          }
          std::string_view part = s.substr(start, k - start);
          size_t p2 = 0;
          if (!ParseSeq(part, &p2, '\0', tabari, false, &alt, st, error, depth + 1)) return false;
          PatternElement seq;
          seq.kind = PatternElementKind::kSequence;
          seq.children = std::move(alt);
          el.children.push_back(std::move(seq));
          *pos = k + 1;
          if (s[k] == '}') break;
        }
        el.kind = PatternElementKind::kAlternatives;
      } else {
        if (!ParseSeq(s, pos, close, tabari, false, &inner, st, error, depth + 1)) return false;
        if (*pos > s.size() || s[*pos - 1] != close) {
          *error = std::string("unclosed '") + c + "'";
          return false;
        }
        el.kind = c == '{' ? PatternElementKind::kNounPhrase : PatternElementKind::kPrepPhrase;
        el.children = std::move(inner);
      }
      if (*pos < s.size() && s[*pos] == '_') consecutive_next = tabari;
      out->push_back(std::move(el));
      continue;
    }
    size_t b = *pos;
    while (*pos < s.size() && !IsDelim(s[*pos])) ++*pos;
    std::string_view tok = s.substr(b, *pos - b);
    bool immediately = false;
    if (tabari && tok.size() > 1 && tok.back() == '~') {
      tok.remove_suffix(1);
      immediately = true;
    }
    if (tok == "$")
      el.kind = PatternElementKind::kSource;
    else if (tok == "+")
      el.kind = PatternElementKind::kTarget;
    else if (tok == "%")
      el.kind = PatternElementKind::kCompound;
    else if (tok == "^")
      el.kind = PatternElementKind::kSkip;
    else if (!tok.empty() && tok[0] == '&') {
      el.kind = PatternElementKind::kSynset;
      el.word.text = AsciiUpper(tok);
    } else {
      el.kind = PatternElementKind::kWord;
      el.word.text = LowerUtf8(tok);
      st->specificity += CountAlnum(tok);
      if (tabari) el.word.stem = !(*pos < s.size() && s[*pos] == '_');
      if (immediately) el.word.stem = true;
    }
    if (el.kind == PatternElementKind::kWord && el.word.text.empty()) continue;
    el.word.gap_before = tabari && !el.consecutive;
    out->push_back(std::move(el));
    if (immediately) consecutive_next = true;
  }
  if (stop != '\0') {
    *error = std::string("unclosed '") + (stop == '}' ? '{' : '(') + "'";
    return false;
  }
  return true;
}

}  // namespace

bool ParsePatternBody(std::string_view body, bool tabari, Pattern* out, std::string* error) {
  std::vector<PatternElement> all;
  SeqState st;
  size_t pos = 0;
  if (!ParseSeq(body, &pos, '\0', tabari, true, &all, &st, error, 0)) return false;
  if (!st.star_seen) {
    *error = "no '*' (verb marker)";
    return false;
  }
  out->before.assign(std::make_move_iterator(all.begin()),
                     std::make_move_iterator(all.begin() + static_cast<long>(st.star_index)));
  out->after.assign(std::make_move_iterator(all.begin() + static_cast<long>(st.star_index)),
                    std::make_move_iterator(all.end()));
  if (!out->after.empty()) out->after.front().consecutive = st.verb_consec_after;
  out->verb_consecutive_before = st.verb_consec_before;
  out->verb_consecutive_after = st.verb_consec_after;
  out->specificity = st.specificity;
  return true;
}

void SortWarnings(std::vector<DictWarning>* warnings, size_t first) {
  std::stable_sort(warnings->begin() + static_cast<long>(first), warnings->end(),
                   [](const DictWarning& a, const DictWarning& b) {
                     if (a.file != b.file) return false;
                     return a.line < b.line;
                   });
}

bool LastBracket(std::string_view line, std::string_view* before, std::string_view* inside,
                 std::string_view* after) {
  size_t close = line.rfind(']');
  if (close == std::string_view::npos) return false;
  size_t open = line.rfind('[', close);
  if (open == std::string_view::npos) return false;
  *before = line.substr(0, open);
  *inside = line.substr(open + 1, close - open - 1);
  *after = line.substr(close + 1);
  return true;
}

std::vector<std::string> RegularVerbForms(std::string_view base) {
  std::string b = LowerUtf8(base);
  std::vector<std::string> r;
  if (b.empty()) return r;
  const char last = b.back();
  // third person
  if (last == 's' || last == 'x' || last == 'z')
    r.push_back(b + "es");
  else if (last == 'y')
    r.push_back(b.substr(0, b.size() - 1) + "ies");
  else
    r.push_back(b + "s");
  // past
  r.push_back(last == 'e' ? b + "d" : b + "ed");
  // gerund
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  if (last == 'e' && b.size() >= 2 && !vowel(b[b.size() - 2]))
    r.push_back(b.substr(0, b.size() - 1) + "ing");
  else
    r.push_back(b + "ing");
  return r;
}

}  // namespace dyad::dict_internal
