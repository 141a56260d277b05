// ParsePublicationDate: the date forms found in news metadata and header
// lines. The parser is strict on purpose: every word in the input must be a
// date word (month, weekday, am/pm, time zone, "updated", ...), so a sentence
// that merely contains a date ("On May 8, Iran said ...") is not a date.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

#include "dyad/date.h"
#include "dyad/ingest.h"

namespace dyad {
namespace {

struct Tok {
  enum Kind { kWord, kNum, kPunct } kind;
  std::string_view text;  // original spelling
  std::string lower;      // lowercase (words only)
};

std::vector<Tok> Lex(std::string_view s) {
  std::vector<Tok> out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (std::isdigit(c)) {
      size_t j = i;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back({Tok::kNum, s.substr(i, j - i), ""});
      i = j;
    } else if (std::isalpha(c)) {
      size_t j = i;
      while (j < s.size() && std::isalpha(static_cast<unsigned char>(s[j]))) ++j;
      Tok t{Tok::kWord, s.substr(i, j - i), std::string(s.substr(i, j - i))};
      for (char& ch : t.lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out.push_back(std::move(t));
      i = j;
    } else if (c >= 0x80) {
      // Non-ASCII: an en/em dash or a no-break space is punctuation; any
      // other letter makes the string not a date.
      size_t j = i + 1;
      while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
      std::string_view u = s.substr(i, j - i);
      if (u == "\xE2\x80\x93" || u == "\xE2\x80\x94" || u == "\xC2\xA0" || u == "\xC2\xB7" ||
          u == "\xE2\x80\xA2" || u == "\xE2\x80\xAF") {
        out.push_back({Tok::kPunct, u, ""});
      } else {
        out.push_back({Tok::kWord, u, std::string(u)});
      }
      i = j;
    } else {
      out.push_back({Tok::kPunct, s.substr(i, 1), ""});
      ++i;
    }
  }
  return out;
}

bool IsWeekday(std::string_view w) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (auto d : kDays)
    if (w == d || (w.size() == 3 && d.substr(0, 3) == w) ||
        (w.size() == 4 && d.substr(0, 4) == w && (w == "tues" || w == "thur" || w == "thurs")))
      return true;
  return w == "thurs" || w == "weds";
}

// Words that may surround a date in metadata without changing it.
bool IsFillerWord(const Tok& t) {
  static constexpr std::array<std::string_view, 22> kFiller = {
      "published", "posted", "updated", "last", "modified", "date", "dated", "on", "at", "am", "pm",
      "a",         "p",      "m",       "the",  "of",       "st",   "nd",    "rd", "th", "t",  "z"};
  for (auto f : kFiller)
    if (t.lower == f) return true;
  // Time zone abbreviations, written in capitals.
  static constexpr std::array<std::string_view, 44> kZones = {
      "UTC", "GMT", "EST",  "EDT", "CST", "CDT",  "MST",  "MDT",  "PST",  "PDT",  "ET",
      "CT",  "MT",  "PT",   "BST", "CET", "CEST", "EET",  "EEST", "WET",  "WEST", "MSK",
      "IST", "JST", "KST",  "HKT", "SGT", "WIB",  "IRST", "IRDT", "GST",  "PKT",  "WAT",
      "EAT", "CAT", "SAST", "AST", "ADT", "AEST", "AEDT", "NZST", "NZDT", "ART",  "BRT"};
  for (auto z : kZones)
    if (t.text == z) return true;
  return false;
}

bool ToInt(std::string_view s, int* out) {
  if (s.empty() || s.size() > 9) return false;
  return std::from_chars(s.data(), s.data() + s.size(), *out).ec == std::errc();
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

Date FromEpochSeconds(long long secs) {
  long days = static_cast<long>(secs / 86400);
  if (secs < 0 && secs % 86400 != 0) --days;
  return Date::FromDaysSinceEpoch(days);
}

// "2019-11-04", "2019/11/04", "2019.11.04", "2019-11-04T16:15:00-07:00",
// "20120101", "2015-03", "2015".
std::optional<Date> ParseIsoPrefix(std::string_view s, std::string_view* rest) {
  auto digits = [&](size_t from, size_t n) {
    if (from + n > s.size()) return false;
    for (size_t k = from; k < from + n; ++k)
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return false;
    return true;
  };
  if (!digits(0, 4)) return std::nullopt;
  int y = 0, m = 0, d = 0;
  ToInt(s.substr(0, 4), &y);
  if (y < 1000 || y > 2999) return std::nullopt;
  if (digits(0, 8) && (s.size() == 8 || !std::isdigit(static_cast<unsigned char>(s[8])))) {
    ToInt(s.substr(4, 2), &m);
    ToInt(s.substr(6, 2), &d);
    if (!IsValidDay(y, m, d)) return std::nullopt;
    *rest = s.substr(8);
    return Date::Day(y, m, d);
  }
  if (s.size() > 4 && (s[4] == '-' || s[4] == '/' || s[4] == '.')) {
    const char sep = s[4];
    size_t i = 5, j = i;
    while (j < s.size() && j < i + 2 && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    if (j == i || !ToInt(s.substr(i, j - i), &m) || m < 1 || m > 12) return std::nullopt;
    if (j < s.size() && s[j] == sep) {
      size_t k = j + 1, e = k;
      while (e < s.size() && e < k + 2 && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
      if (e == k || !ToInt(s.substr(k, e - k), &d) || !IsValidDay(y, m, d)) return std::nullopt;
      if (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) return std::nullopt;
      *rest = s.substr(e);
      return Date::Day(y, m, d);
    }
    if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) return std::nullopt;
    *rest = s.substr(j);
    return Date::Month(y, m);
  }
  if (s.size() == 4 || !std::isdigit(static_cast<unsigned char>(s[4]))) {
    *rest = s.substr(4);
    return Date::Year(y);
  }
  return std::nullopt;
}

// What may follow an ISO date: a time ("T16:15:00-07:00", " 10:07 UTC", "Z")
// and filler. Letters other than T/Z and filler words make it not a date.
bool IsTimeTail(std::string_view rest) {
  for (const Tok& t : Lex(rest)) {
    if (t.kind == Tok::kWord && !IsFillerWord(t) && !IsWeekday(t.lower)) return false;
  }
  return true;
}

// The general form: tokens with a month name, maybe a day and a year.
Date ParseWords(const std::vector<Tok>& toks) {
  int month = 0, month_at = -1;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Tok& t = toks[i];
    if (t.kind != Tok::kWord) continue;
    if (int m = MonthNumber(t.lower); m && month == 0) {
      month = m;
      month_at = static_cast<int>(i);
      continue;
    }
    if (IsWeekday(t.lower) || IsFillerWord(t)) continue;
    return {};  // a word that is not part of a date
  }
  // Numbers: times ("10:07", "16:15:00") are skipped; the rest are day/year.
  std::vector<std::pair<int, size_t>> nums;  // value, token index
  for (size_t i = 0; i < toks.size(); ++i) {
    const Tok& t = toks[i];
    if (t.kind != Tok::kNum) continue;
    const bool colon_before = i > 0 && toks[i - 1].text == ":";
    const bool colon_after = i + 1 < toks.size() && toks[i + 1].text == ":";
    if (colon_before || colon_after) continue;
    // A time zone offset: "+0000" after a time, "GMT+1", "UTC-05:00".
    if (i >= 2 && (toks[i - 1].text == "+" || toks[i - 1].text == "-") &&
        (toks[i - 2].kind == Tok::kNum || toks[i - 2].kind == Tok::kWord))
      continue;
    int v;
    if (!ToInt(t.text, &v)) return {};
    nums.push_back({v, i});
  }
  if (month == 0) {
    // Numeric day/month/year ("03/04/2015", "4.3.2015"): the year is certain;
    // the day and month only when one of them is above 12.
    if (nums.size() == 3 && nums[2].first >= 1000) {
      const int a = nums[0].first, b = nums[1].first, y = nums[2].first;
      if (a > 12 && IsValidDay(y, b, a)) return Date::Day(y, b, a);
      if (b > 12 && IsValidDay(y, a, b)) return Date::Day(y, a, b);
      if (a == b && IsValidDay(y, a, b)) return Date::Day(y, a, b);
      if (a >= 1 && a <= 31 && b >= 1 && b <= 31) return Date::Year(y);
    }
    return {};
  }
  // A day number sits next to the month, with at most ".", ",", "of", "the"
  // or an ordinal suffix between ("3 March", "March 3", "3rd of March").
  auto next_to_month = [&](size_t idx) {
    const size_t a = std::min<size_t>(idx, month_at), b = std::max<size_t>(idx, month_at);
    for (size_t k = a + 1; k < b; ++k) {
      const Tok& t = toks[k];
      const bool ok = t.text == "." || t.text == "," || t.lower == "of" || t.lower == "the" ||
                      t.lower == "st" || t.lower == "nd" || t.lower == "rd" || t.lower == "th";
      if (!ok) return false;
    }
    return b - a <= 4;
  };
  int year = 0, day = 0;
  for (const auto& [v, idx] : nums) {
    const bool adjacent = next_to_month(idx);
    if (toks[idx].text.size() == 4 && v >= 1000 && v <= 2999) {
      if (year) return {};
      year = v;
    } else if (toks[idx].text.size() <= 2 && v >= 1 && v <= 31 && adjacent && !day) {
      day = v;
    } else {
      return {};  // a number that is neither the day nor the year
    }
  }
  if (!year) return {};  // "Jun 12" alone: never invent the year
  if (!day) return Date::Month(year, month);
  if (!IsValidDay(year, month, day)) return {};
  return Date::Day(year, month, day);
}

}  // namespace

Date ParsePublicationDate(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty() || s.size() > 200) return {};
  // All digits: a YYYYMMDD date, or Unix time in seconds (10 digits) or
  // milliseconds (13 digits).
  bool all_digits = true;
  for (char c : s) all_digits &= std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (all_digits && (s.size() == 10 || s.size() == 13)) {
    long long v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return FromEpochSeconds(s.size() == 13 ? v / 1000 : v);
  }
  std::vector<Tok> toks = Lex(s);
  // An ISO-style date, possibly after filler ("Published: 2019-11-04").
  for (const Tok& t : toks) {
    if (t.kind == Tok::kNum) {
      std::string_view rest;
      const size_t at = static_cast<size_t>(t.text.data() - s.data());
      if (auto iso = ParseIsoPrefix(s.substr(at), &rest)) {
        if (IsTimeTail(rest)) return *iso;
        return {};
      }
      break;
    }
    if (t.kind == Tok::kWord && ((!IsFillerWord(t) && !IsWeekday(t.lower)) || MonthNumber(t.lower)))
      break;
  }
  // "Published: ..." and similar prefixes are filler words; ':' is punctuation.
  return ParseWords(toks);
}

}  // namespace dyad
