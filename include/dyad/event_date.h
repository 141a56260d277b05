// Event dates from the text: when did the thing a sentence reports happen?
//
// News sentences date events relative to the article ("on Saturday",
// "yesterday", "last month") or absolutely ("on February 8", "in March 2014",
// "2019-03-04"). ResolveEventDate finds such phrases and resolves them
// against the article's publication date. The result never claims more
// precision than the phrase gives: "last month" is month-precise, "in 2016"
// year-precise, and a phrase that cannot be pinned to one month or year
// ("last week" across a month boundary) falls back to the coarsest precision
// that is still true. The rules are written up in docs/dates.md.
//
// Thread safety: all functions are pure; call them from any thread.
#ifndef DYAD_EVENT_DATE_H_
#define DYAD_EVENT_DATE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/date.h"

namespace dyad {

// Where an EventDate came from.
enum class EventDateSource : uint8_t {
  kNone,        // no usable phrase and no article date: the date is unknown
  kArticle,     // no date phrase in the sentence: the article's date
  kText,        // resolved from a phrase in the sentence
  kUnresolved,  // a phrase was found but the article date is too coarse (or absent)
                // to resolve it; `date` is the article date (maybe unknown)
};

std::string_view EventDateSourceName(EventDateSource s);  // "none", "article", "text", "unresolved"

struct EventDate {
  Date date;           // precision kUnknown when nothing is known: never invented
  std::string phrase;  // the words the date came from, as written; "" when none
  uint32_t begin = 0;  // byte offsets of `phrase` in the sentence, [begin, end)
  uint32_t end = 0;
  EventDateSource source = EventDateSource::kNone;
  bool future = false;  // the phrase points after the article date ("next week",
                        // "will ... on Friday"): a plan or forecast, not a past event
};

struct DateOptions {
  // Treat a future marker in the sentence ("will", "'ll", "shall", "scheduled",
  // "is set to", "is due to") as shifting bare weekdays and month-days to the
  // next occurrence instead of the latest one.
  bool detect_future = true;
  // Accept ISO dates written in the text ("2019-03-04", "2019-03").
  bool iso_dates = true;
};

// Every date phrase in `sentence`, in text order, each resolved against
// `article_date` (which may have any precision, including unknown).
// `sentence` is any bytes; non-ASCII bytes are treated as word characters.
std::vector<EventDate> FindDatePhrases(std::string_view sentence, const Date& article_date,
                                       const DateOptions& options = {});

// Passed as `verb_offset` when the event verb's position is not known.
inline constexpr uint32_t kNoVerbOffset = UINT32_MAX;

// The date of the event a sentence reports. With several date phrases, the one
// nearest the event verb (byte offset in `sentence`) wins, else the first.
// With no phrase, the article date (source kArticle, phrase ""), which is
// unknown when the article has no date (source kNone).
EventDate ResolveEventDate(std::string_view sentence, const Date& article_date,
                           const DateOptions& options = {}, uint32_t verb_offset = kNoVerbOffset);

}  // namespace dyad

#endif  // DYAD_EVENT_DATE_H_
