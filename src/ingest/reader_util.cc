#include "ingest/reader_util.h"

#include <cctype>

#include "ingest/utf8.h"

namespace dyad::ingest {
namespace {

bool IsSpaceAt(std::string_view s, size_t i, size_t* len) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    *len = 1;
    return true;
  }
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    *len = 2;
    return true;
  }
  return false;
}

bool IsUpperAscii(char c) { return c >= 'A' && c <= 'Z'; }

// Dashes that end a dateline: "-", "--", en dash, em dash.
size_t DashLength(std::string_view s) {
  if (s.substr(0, 2) == "--") return 2;
  if (!s.empty() && s[0] == '-') return 1;
  if (s.substr(0, 3) == "\xE2\x80\x94" || s.substr(0, 3) == "\xE2\x80\x93") return 3;
  return 0;
}

}  // namespace

std::string_view TrimSpace(std::string_view s) {
  size_t len;
  while (!s.empty() && IsSpaceAt(s, 0, &len)) s.remove_prefix(len);
  for (;;) {
    if (s.empty()) break;
    if (IsSpaceAt(s, s.size() - 1, &len)) {
      s.remove_suffix(1);
    } else if (s.size() >= 2 && IsSpaceAt(s, s.size() - 2, &len) && len == 2) {
      s.remove_suffix(2);
    } else {
      break;
    }
  }
  return s;
}

std::string CollapseSpace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  size_t i = 0, len;
  while (i < s.size()) {
    if (IsSpaceAt(s, i, &len)) {
      space = true;
      i += len;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(s[i++]);
  }
  return out;
}

bool ParseDateline(std::string_view p, Dateline* out) {
  p = TrimSpace(p.substr(0, 200));
  // "(Reuters) - ...": an outlet without a place.
  if (!p.empty() && p[0] == '(') {
    const size_t close = p.find(')');
    if (close == std::string_view::npos || close > 41 || close < 2) return false;
    std::string_view outlet = TrimSpace(p.substr(1, close - 1));
    std::string_view after = TrimSpace(p.substr(close + 1));
    const size_t dash = DashLength(after);
    if (outlet.empty() || !std::isupper(static_cast<unsigned char>(outlet[0])) || dash == 0 ||
        TrimSpace(after.substr(dash)).empty())
      return false;
    out->place.clear();
    out->outlet = std::string(outlet);
    return true;
  }
  // The place: capitalized words, the first in capitals ("MOSCOW",
  // "WASHINGTON, D.C.", "KYIV, Ukraine", "SÃO PAULO").
  size_t i = 0;
  size_t caps = 0;
  while (i < p.size() && (IsUpperAscii(p[i]) || static_cast<unsigned char>(p[i]) >= 0x80)) {
    caps += IsUpperAscii(p[i]);
    ++i;
  }
  if (caps < 2) return false;
  if (i < p.size() && std::isalpha(static_cast<unsigned char>(p[i]))) return false;  // "NATOs"
  size_t place_end = i;
  // More of the place: capital words, spaces, dots, apostrophes, hyphens, and
  // ", Region" parts; stop at "(" or a dash.
  while (i < p.size()) {
    const char c = p[i];
    if (c == '(') break;
    // A dash after a space ends the place; one inside a word is a hyphen.
    if (DashLength(p.substr(i)) > 0 && (p[i - 1] == ' ' || c != '-')) break;
    const bool ok = std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '.' ||
                    c == '-' || c == '\'' || c == ',' ||
                    std::isdigit(static_cast<unsigned char>(c)) ||
                    static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return false;
    // After a space, a new word must start with a capital or a digit (a date).
    if (c == ' ' && i + 1 < p.size() && std::islower(static_cast<unsigned char>(p[i + 1])))
      return false;
    if (i > 60) return false;
    ++i;
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != ' ' && c != ',') place_end = i;
  }
  std::string_view place = TrimSpace(p.substr(0, place_end));
  // Drop a trailing date ("MOSCOW, March 3") and trailing commas.
  if (size_t comma = place.rfind(','); comma != std::string_view::npos) {
    std::string_view tail = TrimSpace(place.substr(comma + 1));
    if (ParsePublicationDate(std::string(tail) + " 2000").known()) place = place.substr(0, comma);
  }
  while (!place.empty() && (place.back() == ',' || place.back() == ' ')) place.remove_suffix(1);
  std::string_view after = TrimSpace(p.substr(i));
  std::string outlet;
  if (!after.empty() && after[0] == '(') {
    size_t close = after.find(')');
    if (close == std::string_view::npos || close > 41 || close < 2) return false;
    outlet = std::string(TrimSpace(after.substr(1, close - 1)));
    after = TrimSpace(after.substr(close + 1));
  }
  const size_t dash = DashLength(after);
  if (dash == 0) return false;
  // "SPORTS - " style section labels have no following text; a dateline does.
  if (TrimSpace(after.substr(dash)).empty()) return false;
  out->place = std::string(place);
  out->outlet = std::move(outlet);
  return !out->place.empty();  // the place is never empty here; kept as a guard
}

void ApplyDateline(Article* a) {
  std::string_view t = TrimSpace(a->text);
  size_t end = t.find('\n');
  Dateline d;
  if (!ParseDateline(t.substr(0, end), &d)) return;
  if (a->dateline.empty() && !d.place.empty()) a->dateline = d.place;
  if (a->outlet.empty()) a->outlet = d.outlet;
}

std::string DefaultId(const SourceLocation& where, std::string_view default_id) {
  if (!default_id.empty()) return std::string(default_id);
  if (where.path == "-" || where.path.empty()) return "stdin";
  size_t slash = where.path.find_last_of('/');
  return slash == std::string::npos ? where.path : where.path.substr(slash + 1);
}

void Warn(const ArticleVisitor& v, const SourceLocation& where, std::string what) {
  if (v.on_reject) v.on_reject(Reject{where, std::move(what), false});
}

void Fail(const ArticleVisitor& v, const SourceLocation& where, std::string what) {
  if (v.on_reject) v.on_reject(Reject{where, std::move(what), true});
}

void RepairInto(std::string_view bytes, const SourceLocation& where, std::string_view unit,
                const ArticleVisitor& v, std::string* out) {
  const bool bom = StripBom(&bytes);
  Utf8Repair r = AppendRepairedUtf8(bytes, out);
  if (r.bad_sequences > 0) {
    r.first_bad_offset += bom ? 3 : 0;  // offsets count the original bytes
    Warn(v, where, DescribeRepair(r, unit));
  }
}

}  // namespace dyad::ingest
