// A calendar date with an explicit precision. Event data must never invent a
// day it does not know: a date read as "March 2015" stays month-precise.
#ifndef DYAD_DATE_H_
#define DYAD_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace dyad {

enum class DatePrecision { kUnknown = 0, kYear, kMonth, kDay };

std::string_view DatePrecisionName(DatePrecision p);  // "unknown", "year", "month", "day"

struct Date {
  int year = 0;   // 0 when unknown
  int month = 0;  // 1..12, 0 when below precision
  int day = 0;    // 1..31, 0 when below precision
  DatePrecision precision = DatePrecision::kUnknown;

  bool known() const { return precision != DatePrecision::kUnknown; }
  // "YYYY-MM-DD" for day precision, "YYYY-MM" for month, "YYYY" for year, "" when unknown.
  std::string ToString() const;
  // Day-precise dates only: days since 1970-01-01 (proleptic Gregorian).
  long DaysSinceEpoch() const;

  static Date Day(int y, int m, int d) { return {y, m, d, DatePrecision::kDay}; }
  static Date Month(int y, int m) { return {y, m, 0, DatePrecision::kMonth}; }
  static Date Year(int y) { return {y, 0, 0, DatePrecision::kYear}; }
  static Date FromDaysSinceEpoch(long days);
  // Parses "YYYY-MM-DD", "YYYY-MM", "YYYY", "YYYYMMDD"; nullopt if invalid.
  static std::optional<Date> Parse(std::string_view s);

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day && a.precision == b.precision;
  }
};

bool IsValidDay(int year, int month, int day);
int DaysInMonth(int year, int month);
// 0 = Sunday .. 6 = Saturday, for a day-precise date.
int DayOfWeek(const Date& d);
// 1..12 for an English month name or abbreviation in lower case ("june",
// "jun", "jun.", "sept", "sept."), else 0.
int MonthNumber(std::string_view lower_word);

}  // namespace dyad

#endif  // DYAD_DATE_H_
