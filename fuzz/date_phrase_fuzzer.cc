// Fuzz target for the event-date phrase finder (src/time/event_date.cc).
// Input: byte 0 picks the article date (day, month, year precision or
// unknown, on a few calendar edges); the rest is the sentence. Checks the
// contracts of include/dyad/event_date.h and aborts when one breaks.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dyad/event_date.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

dyad::Date PickArticleDate(uint8_t b) {
  static const dyad::Date kDates[] = {dyad::Date::Day(2019, 1, 5),
                                      dyad::Date::Day(2020, 2, 29),
                                      dyad::Date::Day(2023, 1, 1),
                                      dyad::Date::Day(2021, 12, 31),
                                      dyad::Date::Month(2015, 3),
                                      dyad::Date::Year(2016),
                                      dyad::Date{},
                                      dyad::Date::Day(1, 1, 1),
                                      dyad::Date::Day(9999, 12, 31)};
  return kDates[b % (sizeof kDates / sizeof kDates[0])];
}

void CheckDate(const dyad::Date& d) {
  using dyad::DatePrecision;
  switch (d.precision) {
    case DatePrecision::kDay:
      Check(dyad::IsValidDay(d.year, d.month, d.day));
      break;
    case DatePrecision::kMonth:
      Check(d.month >= 1 && d.month <= 12 && d.day == 0);
      break;
    case DatePrecision::kYear:
      Check(d.month == 0 && d.day == 0);
      break;
    case DatePrecision::kUnknown:
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const dyad::Date article = PickArticleDate(data[0]);
  std::string_view sentence(reinterpret_cast<const char*>(data + 1), size - 1);
  uint32_t prev_end = 0;
  for (const dyad::EventDate& e : dyad::FindDatePhrases(sentence, article)) {
    Check(e.begin < e.end && e.end <= sentence.size());
    Check(e.begin >= prev_end);  // in text order, not overlapping
    prev_end = e.end;
    Check(sentence.substr(e.begin, e.end - e.begin) == e.phrase);
    CheckDate(e.date);
    if (e.source == dyad::EventDateSource::kUnresolved) Check(e.date == article);
  }
  const dyad::EventDate best = dyad::ResolveEventDate(sentence, article, {}, size / 2);
  CheckDate(best.date);
  if (best.phrase.empty()) Check(best.date == article);
  return 0;
}
