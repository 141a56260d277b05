#include "dyad/date.h"

#include <charconv>
#include <cstdio>

namespace dyad {

std::string_view DatePrecisionName(DatePrecision p) {
  switch (p) {
    case DatePrecision::kUnknown: return "unknown";
    case DatePrecision::kYear: return "year";
    case DatePrecision::kMonth: return "month";
    case DatePrecision::kDay: return "day";
  }
  return "unknown";
}

static bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool IsValidDay(int year, int month, int day) {
  return year >= 1 && year <= 9999 && day >= 1 && day <= DaysInMonth(year, month);
}

std::string Date::ToString() const {
  char buf[16];
  switch (precision) {
    case DatePrecision::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      return buf;
    case DatePrecision::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      return buf;
    case DatePrecision::kYear:
      std::snprintf(buf, sizeof buf, "%04d", year);
      return buf;
    case DatePrecision::kUnknown: break;
  }
  return "";
}

// Howard Hinnant's days_from_civil algorithm (public domain description).
long Date::DaysSinceEpoch() const {
  int y = year - (month <= 2);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(month + (month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

Date Date::FromDaysSinceEpoch(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date::Day(static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d));
}

int DayOfWeek(const Date& d) {
  long days = d.DaysSinceEpoch();  // 1970-01-01 was a Thursday (4)
  long w = (days + 4) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

static bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc();
}

std::optional<Date> Date::Parse(std::string_view s) {
  int y, m, d;
  if (s.size() == 8 && ParseInt(s, &y)) {
    if (!ParseInt(s.substr(0, 4), &y) || !ParseInt(s.substr(4, 2), &m) ||
        !ParseInt(s.substr(6, 2), &d) || !IsValidDay(y, m, d))
      return std::nullopt;
    return Day(y, m, d);
  }
  if (s.size() >= 4 && ParseInt(s.substr(0, 4), &y)) {
    if (y < 1) return std::nullopt;
    if (s.size() == 4) return Year(y);
    if (s.size() >= 7 && (s[4] == '-' || s[4] == '/') && ParseInt(s.substr(5, 2), &m) && m >= 1 &&
        m <= 12) {
      if (s.size() == 7) return Month(y, m);
      if (s.size() == 10 && s[7] == s[4] && ParseInt(s.substr(8, 2), &d) && IsValidDay(y, m, d))
        return Day(y, m, d);
    }
  }
  return std::nullopt;
}

int MonthNumber(std::string_view w) {
  static constexpr std::string_view kFull[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const bool dot = !w.empty() && w.back() == '.';
  if (dot) w.remove_suffix(1);
  if (w == "sept") return 9;
  for (int m = 0; m < 12; ++m) {
    if (!dot && w == kFull[m]) return m + 1;
    if (w.size() == 3 && kFull[m].substr(0, 3) == w) return m + 1;
  }
  return 0;
}

}  // namespace dyad
