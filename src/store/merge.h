// Pieces of the merge rules (docs/store-schema.md, "Merging"), kept apart so
// tests can check them directly.
#ifndef DYAD_STORE_MERGE_H_
#define DYAD_STORE_MERGE_H_

#include <string>
#include <string_view>
#include <vector>

#include "dyad/date.h"

namespace dyad::store {

// The days a date may stand for: one day for a day-precise date, the whole
// month for a month-precise one. `known` is false for year-precise and
// unknown dates, which merge only with the very same date.
struct DayRange {
  bool known = false;
  long lo = 0;  // days since 1970-01-01, inclusive
  long hi = 0;
};
DayRange DayRangeOf(const Date& d);

// Distinct lowercased words of three or more characters, minus common
// function words, sorted.
std::vector<std::string> ContentWords(std::string_view text);

// |a ∩ b| / |a ∪ b| of two sorted word sets; 0 when both are empty.
double WordJaccard(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace dyad::store

#endif  // DYAD_STORE_MERGE_H_
