// Plain-text articles: one file = one article. Metadata (title, date, outlet,
// byline, dateline) is read from the header block: the first few short lines
// before the first real paragraph. Dates in the body are never taken.
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "dyad/ingest.h"
#include "ingest/reader_util.h"
#include "ingest/utf8.h"

namespace dyad {
namespace {

using ingest::CollapseSpace;
using ingest::TrimSpace;

// The header block ends at the first line that is not metadata or the title,
// and never extends past this many non-blank lines.
constexpr int kMaxHeaderLines = 10;
// Header lines are short; a longer line is a paragraph.
constexpr size_t kMaxHeaderLineBytes = 200;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HasDigit(std::string_view s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c))) return true;
  return false;
}

enum class Key {
  kNone,
  kDate,
  kIgnoredDate,
  kOutlet,
  kTitle,
  kAuthor,
  kUrl,
  kDateline,
  kLanguage,
  kOther
};

Key ClassifyKey(std::string_view key) {
  struct Entry {
    std::string_view name;
    Key key;
  };
  static constexpr std::array<Entry, 41> kKeys = {{
      {"published", Key::kDate},
      {"publication date", Key::kDate},
      {"published on", Key::kDate},
      {"date published", Key::kDate},
      {"first published", Key::kDate},
      {"date", Key::kDate},
      {"posted", Key::kDate},
      {"posted on", Key::kDate},
      {"pubdate", Key::kDate},
      {"updated", Key::kIgnoredDate},
      {"last updated", Key::kIgnoredDate},
      {"modified", Key::kIgnoredDate},
      {"last modified", Key::kIgnoredDate},
      {"source", Key::kOutlet},
      {"outlet", Key::kOutlet},
      {"publisher", Key::kOutlet},
      {"publication", Key::kOutlet},
      {"site", Key::kOutlet},
      {"media", Key::kOutlet},
      {"newspaper", Key::kOutlet},
      {"title", Key::kTitle},
      {"headline", Key::kTitle},
      {"by", Key::kAuthor},
      {"author", Key::kAuthor},
      {"authors", Key::kAuthor},
      {"byline", Key::kAuthor},
      {"writer", Key::kAuthor},
      {"reporter", Key::kAuthor},
      {"url", Key::kUrl},
      {"link", Key::kUrl},
      {"permalink", Key::kUrl},
      {"dateline", Key::kDateline},
      {"language", Key::kLanguage},
      {"lang", Key::kLanguage},
      {"section", Key::kOther},
      {"category", Key::kOther},
      {"tags", Key::kOther},
      {"keywords", Key::kOther},
      {"word count", Key::kOther},
      {"words", Key::kOther},
      {"id", Key::kOther},
  }};
  const std::string k = Lower(key);
  for (const Entry& e : kKeys)
    if (k == e.name) return e.key;
  return Key::kNone;
}

// "Key: value" with a known key.
bool SplitKeyValue(std::string_view seg, Key* key, std::string_view* value) {
  const size_t colon = seg.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 24) return false;
  std::string_view k = TrimSpace(seg.substr(0, colon));
  for (char c : k)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != ' ') return false;
  *key = ClassifyKey(k);
  if (*key == Key::kNone) return false;
  *value = TrimSpace(seg.substr(colon + 1));
  return true;
}

// "By Jane Smith", "By JANE SMITH and Tom Jones", "by Jane Smith, Reuters".
bool ParseByline(std::string_view seg, std::string_view* who) {
  if (seg.size() < 4 || seg.size() > 100) return false;
  if (!(seg[0] == 'B' || seg[0] == 'b') || !(seg[1] == 'y' || seg[1] == 'Y') || seg[2] != ' ')
    return false;
  std::string_view rest = TrimSpace(seg.substr(3));
  if (rest.empty() || !(std::isupper(static_cast<unsigned char>(rest[0])) ||
                        static_cast<unsigned char>(rest[0]) >= 0x80))
    return false;
  if (HasDigit(rest)) return false;
  int words = 1;
  for (char c : rest) words += c == ' ';
  if (words > 10) return false;
  // A sentence ("By Tuesday, the talks had failed.") ends with a period; a name
  // ends with a letter or an initial ("Jr.", "J.").
  if (rest.back() == '.') {
    const size_t sp = rest.find_last_of(' ');
    std::string_view last = sp == std::string_view::npos ? rest : rest.substr(sp + 1);
    if (last.size() > 3) return false;
  }
  *who = rest;
  return true;
}

// Splits a header line into " | "-separated parts ("Date: 2019/11/04 | Source: X").
std::vector<std::string_view> Segments(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    size_t sep = 0;
    if (i == line.size()) {
      sep = 1;
    } else if (line[i] == '|') {
      sep = 1;
    } else if (line.substr(i, 2) == "\xC2\xB7" || line.substr(i, 3) == "\xE2\x80\xA2") {
      sep = line[i] == '\xC2' ? 2 : 3;
    }
    if (!sep) continue;
    std::string_view seg = TrimSpace(line.substr(start, i - start));
    if (!seg.empty()) out.push_back(seg);
    start = i + sep;
    i += sep - 1;
  }
  return out;
}

// Reads one header line into *a. False when the line is not metadata (then
// *a is unchanged).
bool ConsumeMetaLine(std::string_view line, Article* a) {
  Article m = *a;
  bool meta = false;
  std::vector<std::string_view> loose;  // parts that are not key/byline/date
  for (std::string_view seg : Segments(line)) {
    Key key;
    std::string_view value, who;
    if (SplitKeyValue(seg, &key, &value)) {
      meta = true;
      switch (key) {
        case Key::kDate:
          if (!m.published.known()) {
            // "Date: 2019/11/04 10:00" or "Date: Tue, 03 Mar 2015 ...".
            m.published = ParsePublicationDate(value);
          }
          break;
        case Key::kOutlet:
          if (m.outlet.empty()) m.outlet = CollapseSpace(value);
          break;
        case Key::kTitle:
          if (m.title.empty()) m.title = CollapseSpace(value);
          break;
        case Key::kAuthor: {
          std::string_view by = value;
          if (ParseByline(value, &who)) by = who;
          if (m.byline.empty()) m.byline = CollapseSpace(by);
          break;
        }
        case Key::kUrl:
          if (m.url.empty()) m.url = std::string(value);
          break;
        case Key::kDateline:
          if (m.dateline.empty()) m.dateline = CollapseSpace(value);
          break;
        case Key::kLanguage:
          if (!value.empty() && value.size() <= 8) m.language = Lower(value);
          break;
        case Key::kIgnoredDate:
        case Key::kOther:
        case Key::kNone:
          break;
      }
    } else if (ParseByline(seg, &who)) {
      meta = true;
      if (m.byline.empty()) m.byline = CollapseSpace(who);
    } else if (Date d = ParsePublicationDate(seg); d.known()) {
      meta = true;
      if (!m.published.known()) m.published = d;
    } else {
      loose.push_back(seg);
    }
  }
  if (!meta) return false;
  // Other parts of a metadata line: a short name is the outlet ("By Jane
  // Smith | Reuters | Jun 12, 2018"); times and the like are ignored.
  for (std::string_view seg : loose) {
    if (seg.size() > 40) return false;  // prose after all
    if (!HasDigit(seg) && std::isupper(static_cast<unsigned char>(seg[0])) && m.outlet.empty())
      m.outlet = CollapseSpace(seg);
  }
  *a = std::move(m);
  return true;
}

bool LooksLikeTitle(std::string_view line) {
  if (line.size() > kMaxHeaderLineBytes) return false;
  const char last = line.back();
  const bool ellipsis = line.size() > 3 && line.substr(line.size() - 3) == "...";
  if ((last == '.' && !ellipsis) || last == ',' || last == ';' || last == ':') return false;
  bool letter = false;
  for (char c : line) letter |= std::isalpha(static_cast<unsigned char>(c)) != 0;
  ingest::Dateline d;
  return letter && !ingest::ParseDateline(line, &d);
}

struct Line {
  size_t begin;
  std::string_view text;  // trimmed
};

// Converts CRLF and lone CR to LF.
void NormalizeNewlines(std::string* s) {
  if (s->find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(s->size());
  for (size_t i = 0; i < s->size(); ++i) {
    const char c = (*s)[i];
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < s->size() && (*s)[i + 1] == '\n') ++i;
    } else {
      out.push_back(c);
    }
  }
  s->swap(out);
}

}  // namespace

void ParseTextArticle(std::string_view bytes, const SourceLocation& where,
                      const ArticleVisitor& visitor, std::string_view default_id) {
  if (bytes.empty()) {
    ingest::Fail(visitor, where, "empty file; skipped");
    return;
  }
  if (ingest::LooksBinary(bytes)) {
    ingest::Fail(visitor, where, "binary file, not text; skipped");
    return;
  }
  Article a;
  a.source = where;
  a.id = ingest::DefaultId(where, default_id);
  std::string buf;
  ingest::RepairInto(bytes, where, "file", visitor, &buf);
  NormalizeNewlines(&buf);

  // Lines of the header block (and the first body line).
  std::vector<Line> lines;
  for (size_t pos = 0; pos < buf.size();) {
    size_t nl = buf.find('\n', pos);
    if (nl == std::string::npos) nl = buf.size();
    lines.push_back({pos, TrimSpace(std::string_view(buf).substr(pos, nl - pos))});
    pos = nl + 1;
  }
  auto next_nonblank = [&](size_t i) {
    while (i < lines.size() && lines[i].text.empty()) ++i;
    return i;
  };
  size_t i = next_nonblank(0);
  size_t body = i;
  for (int seen = 0; i < lines.size() && seen < kMaxHeaderLines; ++seen) {
    std::string_view line = lines[i].text;
    if (line.size() > kMaxHeaderLineBytes) break;
    if (ConsumeMetaLine(line, &a)) {
      i = next_nonblank(i + 1);
      body = i;
      continue;
    }
    // The title: the first unrecognized short line, when a blank line,
    // metadata or a dateline paragraph follows (so the first line of a
    // hard-wrapped paragraph is not mistaken for one).
    if (a.title.empty() && LooksLikeTitle(line)) {
      bool followed_by_break = i + 1 >= lines.size() || lines[i + 1].text.empty();
      if (!followed_by_break) {
        Article scratch;
        ingest::Dateline d;
        followed_by_break = ConsumeMetaLine(lines[i + 1].text, &scratch) ||
                            ingest::ParseDateline(lines[i + 1].text, &d);
      }
      if (followed_by_break) {
        a.title = CollapseSpace(line);
        i = next_nonblank(i + 1);
        body = i;
        continue;
      }
    }
    break;
  }
  if (body < lines.size()) {
    std::string_view rest = TrimSpace(std::string_view(buf).substr(lines[body].begin));
    a.text = std::string(rest);
  }
  if (TrimSpace(a.text).empty()) {
    ingest::Fail(visitor, where,
                 TrimSpace(buf).empty() ? "no text (only whitespace); skipped"
                                        : "no article text after the header lines; skipped");
    return;
  }
  ingest::ApplyDateline(&a);
  if (visitor.on_article) visitor.on_article(std::move(a));
}

}  // namespace dyad
