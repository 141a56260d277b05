// Date phrases in a sentence, resolved against the article date.
//
// The sentence is cut into a small vector of ASCII-aware tokens (one
// allocation); matchers then walk the tokens left to right, each trying the
// phrase shapes listed in docs/dates.md. A match is resolved to a range of
// days [lo, hi] or to a month or year, and the range is reduced to the finest
// precision that is still true for every day in it.
#include "dyad/event_date.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>

namespace dyad {

std::string_view EventDateSourceName(EventDateSource s) {
  switch (s) {
    case EventDateSource::kNone:
      return "none";
    case EventDateSource::kArticle:
      return "article";
    case EventDateSource::kText:
      return "text";
    case EventDateSource::kUnresolved:
      return "unresolved";
  }
  return "none";
}

namespace {

enum class TokKind : uint8_t { kWord, kNumber, kApostrophe, kPunct };

struct Tok {
  uint32_t begin;
  uint32_t end;
  TokKind kind;
};

bool IsAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
// U+2019 RIGHT SINGLE QUOTATION MARK, the typographic apostrophe.
bool IsCurlyApostrophe(std::string_view s, size_t i) {
  return i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xE2 &&
         static_cast<unsigned char>(s[i + 1]) == 0x80 &&
         static_cast<unsigned char>(s[i + 2]) == 0x99;
}

// Words are runs of ASCII letters and non-ASCII bytes (so "Gdańsk" stays one
// word), numbers are runs of digits, an apostrophe is its own token, and every
// other non-space byte is one punctuation token.
std::vector<Tok> Tokenize(std::string_view s) {
  std::vector<Tok> toks;
  toks.reserve(s.size() / 5 + 4);
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
      continue;
    }
    const size_t start = i;
    if (c == '\'') {
      toks.push_back(
          {static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), TokKind::kApostrophe});
      ++i;
    } else if (IsCurlyApostrophe(s, i)) {
      toks.push_back(
          {static_cast<uint32_t>(i), static_cast<uint32_t>(i + 3), TokKind::kApostrophe});
      i += 3;
    } else if (IsDigit(c)) {
      while (i < n && IsDigit(static_cast<unsigned char>(s[i]))) ++i;
      toks.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), TokKind::kNumber});
    } else if (IsAsciiAlpha(c) || c >= 0x80) {
      while (i < n) {
        const unsigned char d = static_cast<unsigned char>(s[i]);
        if (IsCurlyApostrophe(s, i)) break;
        if (!(IsAsciiAlpha(d) || d >= 0x80)) break;
        ++i;
      }
      toks.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(i), TokKind::kWord});
    } else {
      toks.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1), TokKind::kPunct});
      ++i;
    }
  }
  return toks;
}

bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

template <size_t N>
int IndexOf(std::string_view word, const std::array<std::string_view, N>& table) {
  for (size_t i = 0; i < N; ++i)
    if (EqualsLower(word, table[i])) return static_cast<int>(i);
  return -1;
}

constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
// Abbreviations, accepted only when a day or year follows ("Feb. 8", "Jan 2019").
constexpr std::array<std::string_view, 13> kMonthAbbrevs = {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "may"};
constexpr std::array<int, 13> kMonthAbbrevNumber = {1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12, 5};
constexpr std::array<std::string_view, 13> kSmallNumbers = {
    "zero",  "one",   "two",  "three", "four",   "five",  "six",
    "seven", "eight", "nine", "ten",   "eleven", "twelve"};
constexpr std::array<std::string_view, 5> kPartsOfDay = {"morning", "afternoon", "evening", "night",
                                                         "overnight"};
// A phrase right after one of these bounds a range or a deadline ("since
// Monday", "by March"), it does not date the event: it is skipped.
constexpr std::array<std::string_view, 11> kBlockers = {"since",  "until",     "till",    "by",
                                                        "before", "from",      "through", "between",
                                                        "ahead",  "beginning", "starting"};

// A resolved phrase: a day range, or a month / year.
struct Resolution {
  Date date;                     // the reduced date
  long start_day = 0;            // first day the date covers (for the future test)
  bool resolved = false;         // false: the article date is too coarse
  bool explicit_future = false;  // "next", "tomorrow", "later this week"
};

Date FirstDay(const Date& d) {
  return Date::Day(d.year, d.precision >= DatePrecision::kMonth ? d.month : 1,
                   d.precision == DatePrecision::kDay ? d.day : 1);
}
Date LastDay(const Date& d) {
  if (d.precision == DatePrecision::kDay) return d;
  const int m = d.precision == DatePrecision::kMonth ? d.month : 12;
  return Date::Day(d.year, m, DaysInMonth(d.year, m));
}

Resolution FromRange(long lo, long hi) {
  Resolution r;
  r.resolved = true;
  r.start_day = lo;
  const Date a = Date::FromDaysSinceEpoch(lo);
  const Date b = Date::FromDaysSinceEpoch(hi);
  if (lo == hi) {
    r.date = a;
  } else if (a.year == b.year && a.month == b.month) {
    r.date = Date::Month(a.year, a.month);
  } else if (a.year == b.year) {
    r.date = Date::Year(a.year);
  }  // else: a range across a new year has no true precision: unknown
  return r;
}

Resolution FromDate(const Date& d) {
  Resolution r;
  r.resolved = true;
  r.date = d;
  r.start_day = FirstDay(d).DaysSinceEpoch();
  return r;
}

Resolution Unresolved() { return {}; }

bool HasDay(const Date& a) { return a.precision == DatePrecision::kDay; }
bool HasMonth(const Date& a) { return a.precision >= DatePrecision::kMonth; }
bool HasYear(const Date& a) { return a.precision >= DatePrecision::kYear; }

// Monday of the week holding `day` (weeks run Monday..Sunday).
long WeekMonday(long day) {
  const int dow = DayOfWeek(Date::FromDaysSinceEpoch(day));  // 0 = Sunday
  return day - ((dow + 6) % 7);
}

Date ShiftMonth(int year, int month, int delta) {
  int idx = year * 12 + (month - 1) + delta;
  return Date::Month(idx / 12, idx % 12 + 1);
}

class Matcher {
 public:
  Matcher(std::string_view s, const Date& article, const DateOptions& options)
      : s_(s), article_(article), options_(options), toks_(Tokenize(s)) {
    sentence_future_ = options_.detect_future && HasFutureMarker();
  }

  std::vector<EventDate> Run() {
    std::vector<EventDate> out;
    size_t i = 0;
    while (i < toks_.size()) {
      size_t end = 0;
      Resolution r;
      if (MatchAt(i, &end, &r)) {
        if (!Blocked(i)) out.push_back(Make(i, end, r));
        i = end;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  // --- token helpers -------------------------------------------------------
  size_t size() const { return toks_.size(); }
  std::string_view Text(size_t i) const {
    return s_.substr(toks_[i].begin, toks_[i].end - toks_[i].begin);
  }
  bool IsWord(size_t i) const { return i < size() && toks_[i].kind == TokKind::kWord; }
  bool Is(size_t i, std::string_view lower) const {
    return IsWord(i) && EqualsLower(Text(i), lower);
  }
  bool IsPunct(size_t i, char c) const {
    return i < size() && toks_[i].kind == TokKind::kPunct && s_[toks_[i].begin] == c;
  }
  bool IsApostrophe(size_t i) const { return i < size() && toks_[i].kind == TokKind::kApostrophe; }
  bool Capitalized(size_t i) const {
    return IsWord(i) && s_[toks_[i].begin] >= 'A' && s_[toks_[i].begin] <= 'Z';
  }
  // No space between token i-1 and token i.
  bool Glued(size_t i) const { return i > 0 && i < size() && toks_[i].begin == toks_[i - 1].end; }
  // The integer value of a number token of at most `max_digits` digits, else -1.
  int Number(size_t i, size_t max_digits = 4) const {
    if (i >= size() || toks_[i].kind != TokKind::kNumber) return -1;
    std::string_view t = Text(i);
    if (t.size() > max_digits) return -1;
    int v = 0;
    for (char c : t) v = v * 10 + (c - '0');
    return v;
  }
  int Weekday(size_t i) const { return Capitalized(i) ? IndexOf(Text(i), kWeekdays) : -1; }
  // Full month name, capitalized: 1..12, else 0.
  int MonthName(size_t i) const {
    if (!Capitalized(i)) return 0;
    return IndexOf(Text(i), kMonths) + 1;
  }
  // Full or abbreviated month name followed by what makes it a date; sets
  // *next to the token after the name (and after an abbreviation's period).
  int MonthWithNumber(size_t i, size_t* next) const {
    if (int m = MonthName(i)) {
      *next = i + 1;
      return m;
    }
    if (!Capitalized(i)) return 0;
    int a = IndexOf(Text(i), kMonthAbbrevs);
    if (a < 0) return 0;
    size_t j = i + 1;
    if (IsPunct(j, '.') && Glued(j)) ++j;
    if (Number(j) < 0) return 0;
    *next = j;
    return kMonthAbbrevNumber[a];
  }
  // A year written with four digits, 1800..2199.
  int Year(size_t i) const {
    if (i >= size() || toks_[i].end - toks_[i].begin != 4) return -1;
    int y = Number(i);
    return y >= 1800 && y <= 2199 ? y : -1;
  }
  // A day of the month, "8" or "8th"; sets *next past an ordinal suffix.
  int DayNumber(size_t i, size_t* next) const {
    if (i >= size() || toks_[i].end - toks_[i].begin > 2) return -1;
    int d = Number(i, 2);
    if (d < 1 || d > 31) return -1;
    size_t j = i + 1;
    if (IsWord(j) && Glued(j) && (Is(j, "st") || Is(j, "nd") || Is(j, "rd") || Is(j, "th"))) ++j;
    // "8-year-old", "8.5", "8,000", "8:30": a quantity or a time, not a day.
    if (j < size() && Glued(j) &&
        (IsPunct(j, '-') || IsPunct(j, '.') || IsPunct(j, ',') || IsPunct(j, ':') ||
         IsPunct(j, '/'))) {
      if (IsPunct(j, '.') || IsPunct(j, ',')) {
        if (Number(j + 1) >= 0 && Glued(j + 1)) return -1;
      } else {
        return -1;
      }
    }
    *next = j;
    return d;
  }
  // "a", "an", "one".."twelve" or digits.
  int Count(size_t i) const {
    if (Is(i, "a") || Is(i, "an")) return 1;
    if (int n = Number(i, 3); n >= 0) return n;
    if (IsWord(i)) return IndexOf(Text(i), kSmallNumbers);
    return -1;
  }
  bool PartOfDay(size_t i) const { return IsWord(i) && IndexOf(Text(i), kPartsOfDay) >= 0; }

  bool HasFutureMarker() const {
    for (size_t i = 0; i < size(); ++i) {
      if (Is(i, "will") || Is(i, "shall") || Is(i, "scheduled") || Is(i, "upcoming")) return true;
      if (IsApostrophe(i) && Is(i + 1, "ll") && Glued(i + 1)) return true;
      if (Is(i, "won") && IsApostrophe(i + 1) && Is(i + 2, "t")) return true;
      if ((Is(i, "is") || Is(i, "are") || Is(i, "was") || Is(i, "were")) && Is(i + 1, "set") &&
          Is(i + 2, "to"))
        return true;
      if (Is(i, "going") && Is(i + 1, "to")) return true;
      if ((Is(i, "is") || Is(i, "are")) && Is(i + 1, "to") && Is(i + 2, "be")) return true;
    }
    return false;
  }

  // A past-tense word right before the phrase ("said on Friday", "ended
  // yesterday") means the phrase dates that past act, whatever "will" says
  // later in the sentence.
  bool PastVerbBefore(size_t first) const {
    if (first == 0 || !IsWord(first - 1)) return false;
    std::string_view w = Text(first - 1);
    static constexpr std::array<std::string_view, 12> kIrregularPast = {
        "said",  "told", "met",  "was",  "were", "held",
        "began", "took", "came", "left", "made", "gave"};
    const bool past_form = IndexOf(w, kIrregularPast) >= 0 ||
                           (w.size() > 3 && EqualsLower(w.substr(w.size() - 2), "ed"));
    // "will be held on April 8": a participle after "be" is a passive, not a past.
    return past_form && !(first >= 2 && Is(first - 2, "be"));
  }

  bool Blocked(size_t first) const {
    if (first == 0) return false;
    const size_t p = first - 1;
    return IsWord(p) && IndexOf(Text(p), kBlockers) >= 0;
  }

  EventDate Make(size_t first, size_t end, const Resolution& r) const {
    EventDate e;
    e.begin = toks_[first].begin;
    e.end = toks_[end - 1].end;
    e.phrase = std::string(s_.substr(e.begin, e.end - e.begin));
    // A date outside years 1..9999 (relative phrases near the calendar's
    // edges) cannot be represented: treat it as unresolved.
    const bool in_range = !r.date.known() || (r.date.year >= 1 && r.date.year <= 9999);
    if (!r.resolved || !in_range) {
      e.source = EventDateSource::kUnresolved;
      e.date = article_;
      return e;
    }
    e.source = EventDateSource::kText;
    e.date = r.date;
    if (r.explicit_future) {
      e.future = true;
    } else if (HasYear(article_)) {
      e.future = r.start_day > LastDay(article_).DaysSinceEpoch();
    }
    return e;
  }

  // --- resolution ----------------------------------------------------------
  long ArticleDay() const { return article_.DaysSinceEpoch(); }

  // The latest `weekday` on or before the article date (after, when future).
  Resolution ResolveWeekday(int weekday, int which) const {
    // which: 0 bare/this, -1 "last" (strictly before), +1 "next" (strictly after)
    if (!HasDay(article_)) return Unresolved();
    const long a = ArticleDay();
    const int dow = DayOfWeek(article_);
    long d;
    if (which > 0 || (which == 0 && future_)) {
      long ahead = (weekday - dow + 7) % 7;
      if (which > 0 && ahead == 0) ahead = 7;
      d = a + ahead;
    } else {
      long back = (dow - weekday + 7) % 7;
      if (which < 0 && back == 0) back = 7;
      d = a - back;
    }
    Resolution r = FromRange(d, d);
    r.explicit_future = which > 0;
    return r;
  }

  // Month `m`, day `d` with no year: the latest on or before the article date
  // (the next on or after it in a future sentence).
  Resolution ResolveMonthDay(int m, int d) const {
    if (!HasMonth(article_)) return Unresolved();
    // Compare at day precision when the article has a day, else by month.
    const int am = article_.month;
    const int ad = HasDay(article_) ? article_.day : (future_ ? 1 : 31);
    const bool after = m > am || (m == am && d > ad);
    const bool before = m < am || (m == am && d < ad);
    int y = article_.year;
    if (future_) {
      if (before) ++y;
      for (int k = 0; k < 8 && !IsValidDay(y, m, d); ++k) ++y;
    } else {
      if (after) --y;
      for (int k = 0; k < 8 && !IsValidDay(y, m, d); ++k) --y;
    }
    if (!IsValidDay(y, m, d)) return Unresolved();
    return FromDate(Date::Day(y, m, d));
  }

  // "Tuesday, January 21": among the article's year and the years either side,
  // the one nearest the article date where the day is that weekday.
  Resolution YearFromWeekday(const Resolution& r, int weekday) const {
    if (!HasYear(article_)) return r;
    const long a = HasDay(article_) ? ArticleDay() : FirstDay(article_).DaysSinceEpoch();
    std::optional<Date> best;
    for (int y = article_.year - 1; y <= article_.year + 1; ++y) {
      if (!IsValidDay(y, r.date.month, r.date.day)) continue;
      const Date d = Date::Day(y, r.date.month, r.date.day);
      if (DayOfWeek(d) != weekday) continue;
      if (!best || std::labs(d.DaysSinceEpoch() - a) < std::labs(best->DaysSinceEpoch() - a))
        best = d;
    }
    return best ? FromDate(*best) : r;
  }

  // A month name with no year: the latest such month up to the article's month.
  Resolution ResolveMonth(int m, int which) const {
    if (!HasMonth(article_)) return Unresolved();
    int y = article_.year;
    if (which > 0 || (which == 0 && future_)) {
      if (m < article_.month || (which > 0 && m == article_.month)) ++y;
    } else {
      if (m > article_.month || (which < 0 && m == article_.month)) --y;
    }
    Resolution r = FromDate(Date::Month(y, m));
    r.explicit_future = which > 0;
    return r;
  }

  // --- matchers ------------------------------------------------------------
  // Tries every phrase shape starting at token i. On success sets *end (one
  // past the last token) and *r.
  bool MatchAt(size_t i, size_t* end, Resolution* r) const {
    // Optional leading preposition, kept in the phrase.
    future_ = sentence_future_ && !PastVerbBefore(i);
    size_t j = i;
    const bool prep = Is(j, "on") || Is(j, "in") || Is(j, "during");
    if (prep) ++j;
    if (MatchCore(j, prep, end, r)) return true;
    // "over/at the weekend"
    if ((Is(i, "over") || Is(i, "at") || Is(i, "during")) && Is(i + 1, "the") &&
        Is(i + 2, "weekend")) {
      *end = i + 3;
      // News uses "over the weekend" for the weekend just past, even in a
      // sentence that goes on in the future tense.
      const bool saved = future_;
      future_ = false;
      *r = Weekend(0);
      future_ = saved;
      return true;
    }
    return false;
  }

  bool MatchCore(size_t i, bool after_prep, size_t* end, Resolution* r) const {
    if (i >= size()) return false;
    // ISO dates: 2019-03-04, 2019-03.
    if (options_.iso_dates && MatchIso(i, end, r)) return true;
    // Modifiers before a month, a year, "this week", "last month", ...
    int modifier = 0;  // -1 early/earlier, +1 late/later, 2 mid
    size_t j = i;
    if (Is(j, "early") || Is(j, "earlier")) {
      modifier = -1;
      ++j;
    } else if (Is(j, "late") || Is(j, "later")) {
      modifier = 1;
      ++j;
    } else if (Is(j, "mid") && IsPunct(j + 1, '-') && Glued(j + 1)) {
      modifier = 2;
      j += 2;
    }
    if (modifier != 0 && Is(j, "in")) ++j;  // "late in 2016"
    if (MatchRelativeUnit(j, modifier, end, r)) return true;
    if (MatchAbsolute(j, after_prep || modifier != 0, end, r)) return true;
    if (modifier != 0) return false;  // a modifier alone dates nothing
    if (MatchRelativeDay(i, end, r)) return true;
    if (MatchAgo(i, end, r)) return true;
    if (MatchWeekday(i, end, r)) return true;
    return false;
  }

  bool MatchIso(size_t i, size_t* end, Resolution* r) const {
    const int y = Year(i);
    if (y < 0 || !IsPunct(i + 1, '-') || !Glued(i + 1) || !Glued(i + 2)) return false;
    if (i + 2 >= size() || toks_[i + 2].end - toks_[i + 2].begin != 2) return false;
    const int m = Number(i + 2, 2);
    if (m < 1 || m > 12) return false;
    if (IsPunct(i + 3, '-') && Glued(i + 3) && Glued(i + 4) && i + 4 < size() &&
        toks_[i + 4].end - toks_[i + 4].begin == 2) {
      const int d = Number(i + 4, 2);
      if (!IsValidDay(y, m, d)) return false;
      if (i + 5 < size() && Glued(i + 5) && !IsPunct(i + 5, '.') && !IsPunct(i + 5, ','))
        return false;  // "2019-03-04-17": an identifier, not a date
      *end = i + 5;
      *r = FromDate(Date::Day(y, m, d));
      return true;
    }
    if (i + 3 < size() && Glued(i + 3) && !IsPunct(i + 3, '.') && !IsPunct(i + 3, ','))
      return false;
    *end = i + 3;
    *r = FromDate(Date::Month(y, m));
    return true;
  }

  // yesterday, today, tonight, tomorrow, last night, this morning (+ part of day)
  bool MatchRelativeDay(size_t i, size_t* end, Resolution* r) const {
    int offset;
    size_t j = i + 1;
    if (Is(i, "yesterday")) {
      offset = -1;
    } else if (Is(i, "today") || Is(i, "tonight")) {
      offset = 0;
    } else if (Is(i, "tomorrow")) {
      offset = 1;
    } else if (Is(i, "last") && Is(i + 1, "night")) {
      offset = -1;
      j = i + 2;
    } else if (Is(i, "this") && PartOfDay(i + 1)) {
      offset = 0;
      j = i + 2;
    } else {
      return false;
    }
    // "today's" as in "today's world" is not an event date.
    if (offset == 0 && Is(i, "today") && IsApostrophe(j)) return false;
    if (j == i + 1 && PartOfDay(j)) ++j;  // "yesterday morning"
    *end = j;
    if (!HasDay(article_)) {
      *r = Unresolved();
      return true;
    }
    *r = FromRange(ArticleDay() + offset, ArticleDay() + offset);
    r->explicit_future = offset > 0;
    return true;
  }

  // N days/weeks/months/years ago
  bool MatchAgo(size_t i, size_t* end, Resolution* r) const {
    size_t j = i;
    int n = Count(j);
    if (n < 0) return false;
    ++j;
    if (Is(j, "couple") && Is(j + 1, "of") && n == 1) {  // "a couple of days ago"
      n = 2;
      j += 2;
    }
    int unit = -1;  // 0 day, 1 week, 2 month, 3 year
    if (Is(j, "day") || Is(j, "days"))
      unit = 0;
    else if (Is(j, "week") || Is(j, "weeks"))
      unit = 1;
    else if (Is(j, "month") || Is(j, "months"))
      unit = 2;
    else if (Is(j, "year") || Is(j, "years"))
      unit = 3;
    if (unit < 0 || !Is(j + 1, "ago")) return false;
    *end = j + 2;
    const long a = HasDay(article_) ? ArticleDay() : 0;
    switch (unit) {
      case 0:
        *r = HasDay(article_) ? FromRange(a - n, a - n) : Unresolved();
        break;
      case 1:
        // "a week ago" names one day, seven days back; "three weeks ago" is
        // loose: a range of a week around the point, reduced.
        if (!HasDay(article_))
          *r = Unresolved();
        else if (n == 1)
          *r = FromRange(a - 7, a - 7);
        else
          *r = FromRange(a - 7L * n - 3, a - 7L * n + 3);
        break;
      case 2:
        *r = HasMonth(article_) ? FromDate(ShiftMonth(article_.year, article_.month, -n))
                                : Unresolved();
        break;
      default:
        *r = HasYear(article_) ? FromDate(Date::Year(article_.year - n)) : Unresolved();
        break;
    }
    return true;
  }

  Resolution Weekend(int which) const {
    // which: 0 "over the weekend"/"this weekend", -1 "last weekend", +1 "next weekend"
    if (!HasDay(article_)) return Unresolved();
    const long a = ArticleDay();
    const long mon = WeekMonday(a);
    const long sat = mon + 5, sun = mon + 6;
    const int dow = DayOfWeek(article_);
    const bool in_weekend = dow == 0 || dow == 6;
    Resolution r;
    if (which > 0 || (which == 0 && future_ && !in_weekend)) {
      r = FromRange(sat, sun);
      if (which > 0 && in_weekend) r = FromRange(sat + 7, sun + 7);
      r.explicit_future = which > 0;
    } else if (which == 0 && in_weekend) {
      r = FromRange(sat, std::min(sun, a));
    } else {
      r = FromRange(sat - 7, sun - 7);
    }
    return r;
  }

  // (early|late)? (last|this|next|past)? (week|weekend|month|year), and
  // last/this/next + weekday or month name.
  bool MatchRelativeUnit(size_t i, int modifier, size_t* end, Resolution* r) const {
    int which;
    if (Is(i, "last") || Is(i, "past"))
      which = -1;
    else if (Is(i, "this"))
      which = 0;
    else if (Is(i, "next") || Is(i, "coming"))
      which = 1;
    else
      return false;
    if (Is(i, "past") && !Is(i + 1, "weekend")) return false;  // "the past year": a duration
    const size_t u = i + 1;
    *end = u + 1;
    if (Is(u, "week")) {
      if (!HasDay(article_)) {
        *r = Unresolved();
        return true;
      }
      const long a = ArticleDay();
      const long mon = WeekMonday(a) + 7L * which;
      long lo = mon, hi = mon + 6;
      if (which == 0 && modifier == -1) {  // earlier this week: Monday up to the day before
        hi = std::max(mon, a - 1);
      } else if (which == 0 && modifier == 1) {  // later this week: after today
        lo = std::min(mon + 6, a + 1);
      } else if (modifier == -1) {
        hi = mon + 2;  // early last/next week: Monday..Wednesday
      } else if (modifier == 1) {
        lo = mon + 3;  // late last/next week: Thursday..Sunday
      }
      *r = FromRange(lo, hi);
      r->explicit_future = which > 0 || (which == 0 && modifier == 1);
      return true;
    }
    if (Is(u, "weekend")) {
      *r = Weekend(which);
      return true;
    }
    if (Is(u, "month")) {
      if (!HasMonth(article_)) {
        *r = Unresolved();
        return true;
      }
      *r = FromDate(ShiftMonth(article_.year, article_.month, which));
      r->explicit_future = which > 0;
      return true;
    }
    if (Is(u, "year")) {
      if (!HasYear(article_)) {
        *r = Unresolved();
        return true;
      }
      *r = FromDate(Date::Year(article_.year + which));
      r->explicit_future = which > 0;
      return true;
    }
    if (int wd = Weekday(u); wd >= 0 && modifier == 0) {
      size_t e = u + 1;
      if (PartOfDay(e)) ++e;
      *end = e;
      *r = ResolveWeekday(wd, which);
      return true;
    }
    if (int m = MonthName(u)) {
      *end = u + 1;
      *r = ResolveMonth(m, which);
      return true;
    }
    return false;
  }

  // Month-day, day-month, month-year, bare month (after a preposition or
  // modifier), and year (after a preposition or modifier).
  bool MatchAbsolute(size_t i, bool anchored, size_t* end, Resolution* r) const {
    size_t j;
    // Month first: "February 8", "Feb. 8, 2019", "March 2014", "March of 2016", "in March".
    if (int m = MonthWithNumber(i, &j)) {
      size_t k;
      const int d = DayNumber(j, &k);
      if (d > 0) {
        // Optional year: "February 8, 2019" or "February 8 2019".
        size_t y_at = k;
        if (IsPunct(y_at, ',')) ++y_at;
        const int y = Year(y_at);
        if (y > 0) {
          if (!IsValidDay(y, m, d)) return false;
          *end = y_at + 1;
          *r = FromDate(Date::Day(y, m, d));
          return true;
        }
        *end = k;
        *r = ResolveMonthDay(m, d);
        // With a usable article date, an unresolvable month-day ("February
        // 30") is not a date at all.
        return r->resolved || !HasMonth(article_);
      }
      size_t y_at = j;
      if (Is(y_at, "of") || IsPunct(y_at, ',')) ++y_at;
      if (const int y = Year(y_at); y > 0) {
        *end = y_at + 1;
        *r = FromDate(Date::Month(y, m));
        return true;
      }
      // A bare month name dates something only after "in", "early", ... and
      // never for "May" followed by a verb-like word (we cannot tell): still
      // accepted after a preposition, where the modal reading is impossible.
      if (anchored && MonthName(i)) {
        *end = i + 1;
        *r = ResolveMonth(m, 0);
        return true;
      }
      return false;
    }
    // Day first: "8 February", "8th of February 2019".
    if (const int d = DayNumber(i, &j); d > 0) {
      size_t k = j;
      if (Is(k, "of")) ++k;
      if (const int m = MonthName(k)) {
        const int y = Year(k + 1);
        if (y > 0) {
          if (!IsValidDay(y, m, d)) return false;
          *end = k + 2;
          *r = FromDate(Date::Day(y, m, d));
          return true;
        }
        *end = k + 1;
        *r = ResolveMonthDay(m, d);
        return true;
      }
    }
    // Year after a preposition or modifier: "in 2016", "in early 2016", "late 2016".
    if (anchored) {
      if (const int y = Year(i); y > 0) {
        // "in 2016 elections"-style noun modifiers are rare after "in"; a
        // following digit group ("in 2016,000") is a number, not a year.
        if (IsPunct(i + 1, ',') && Glued(i + 1) && Number(i + 2) >= 0 && Glued(i + 2)) return false;
        *end = i + 1;
        *r = FromDate(Date::Year(y));
        return true;
      }
    }
    return false;
  }

  // Monday, Monday night, Monday's, and "Tuesday, January 21" (the date wins).
  bool MatchWeekday(size_t i, size_t* end, Resolution* r) const {
    const int wd = Weekday(i);
    if (wd < 0) return false;
    // Names, not dates: "Super Tuesday", "Good Friday", "the Sunday Times".
    static constexpr std::array<std::string_view, 9> kNamePrefixes = {
        "super", "good", "black", "cyber", "bloody", "holy", "ash", "palm", "maundy"};
    static constexpr std::array<std::string_view, 8> kNameSuffixes = {
        "times", "telegraph", "mirror", "express", "herald", "post", "mail", "independent"};
    if (i > 0 && Capitalized(i - 1) && IndexOf(Text(i - 1), kNamePrefixes) >= 0) return false;
    if (Capitalized(i + 1) && IndexOf(Text(i + 1), kNameSuffixes) >= 0) return false;
    size_t j = i + 1;
    // "Tuesday, January 21[, 2020]": the explicit date is more precise.
    if (IsPunct(j, ',')) {
      size_t e;
      Resolution abs;
      if (MonthWithNumberAhead(j + 1) && MatchAbsolute(j + 1, false, &e, &abs) &&
          abs.date.precision == DatePrecision::kDay) {
        *end = e;
        *r = abs;
        // No year written: the weekday tells which year is meant, when one
        // of the article's year and its neighbours fits.
        if (Year(e - 1) < 0) *r = YearFromWeekday(abs, wd);
        return true;
      }
    }
    if (IsApostrophe(j) && Is(j + 1, "s") && Glued(j + 1)) {
      j += 2;
    } else if (PartOfDay(j)) {
      ++j;
    }
    *end = j;
    *r = ResolveWeekday(wd, 0);
    return true;
  }
  bool MonthWithNumberAhead(size_t i) const {
    size_t next;
    return MonthWithNumber(i, &next) != 0;
  }

  std::string_view s_;
  Date article_;
  const DateOptions& options_;
  std::vector<Tok> toks_;
  bool sentence_future_ = false;  // the sentence has a future marker
  mutable bool future_ = false;   // ... and it applies to the phrase being matched
};

}  // namespace

std::vector<EventDate> FindDatePhrases(std::string_view sentence, const Date& article_date,
                                       const DateOptions& options) {
  // Offsets are uint32_t; a sentence beyond 4 GiB is cut (the text stage
  // already bounds sentences far below that).
  if (sentence.size() > UINT32_MAX - 8) sentence = sentence.substr(0, UINT32_MAX - 8);
  return Matcher(sentence, article_date, options).Run();
}

EventDate ResolveEventDate(std::string_view sentence, const Date& article_date,
                           const DateOptions& options, uint32_t verb_offset) {
  std::vector<EventDate> found = FindDatePhrases(sentence, article_date, options);
  if (found.empty()) {
    EventDate e;
    e.date = article_date;
    e.source = article_date.known() ? EventDateSource::kArticle : EventDateSource::kNone;
    return e;
  }
  size_t best = 0;
  if (verb_offset != kNoVerbOffset) {
    auto distance = [&](const EventDate& e) -> long {
      if (verb_offset >= e.begin && verb_offset < e.end) return 0;
      return verb_offset < e.begin ? static_cast<long>(e.begin) - verb_offset
                                   : static_cast<long>(verb_offset) - e.end + 1;
    };
    for (size_t k = 1; k < found.size(); ++k)
      if (distance(found[k]) < distance(found[best])) best = k;
  }
  return std::move(found[best]);
}

}  // namespace dyad
