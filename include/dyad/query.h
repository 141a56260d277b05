// Questions asked of an event store (include/dyad/store.h): merged events,
// dyad timelines, full-text search, exports and counts. Each writes a table
// with TableWriter (include/dyad/output.h); columns are listed in docs/queries.md.
//
// Thread safety: one EventStore per thread.
#ifndef DYAD_QUERY_H_
#define DYAD_QUERY_H_

#include <array>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "dyad/date.h"
#include "dyad/output.h"
#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad {

// Which merged events. Actor codes match by prefix ("IRN" matches "IRNGOV").
struct EventFilter {
  std::string dyad_a, dyad_b;    // both set: A->B or B->A
  std::string actor;             // source or target
  std::string code_prefix;       // CAMEO event code prefix ("04", "042")
  std::optional<Date> from, to;  // day-precise bounds; events whose date range meets [from, to]
  size_t limit = 0;              // 0 = all
};

// Merged events, ordered by date then id. JSONL: each event carries a
// "mentions" array; TSV/CSV: one row per event with num_mentions and the
// first mention's article, outlet, sentence index and sentence.
Status WriteEvents(const EventStore& store, const EventFilter& filter, OutputFormat format,
                   std::ostream* out);

enum class Period { kDay, kWeek, kMonth, kYear };
// "day", "week", "month", "year"; InvalidArgument otherwise.
Result<Period> ParsePeriod(std::string_view name);

// Per period (day, ISO week starting Monday, month or year): events A->B, B->A
// and both, counts by QuadClass, sum and mean Goldstein. Events whose date is
// coarser than the period (or unknown) are not counted.
Status WriteTimeline(const EventStore& store, std::string_view a, std::string_view b, Period period,
                     OutputFormat format, std::ostream* out);

// FTS5 search over article titles and texts. `query` is plain words (each
// matched as a token, all required) unless `raw` is set, when it is passed to
// FTS5 as written (AND/OR/NOT, "phrases", prefix*). Best matches first, with
// a snippet whose matches are marked [like this].
Status WriteSearch(const EventStore& store, std::string_view query, bool raw, size_t limit,
                   OutputFormat format, std::ostream* out);

// GDELT 2.0 event table: 61 tab-separated columns in GDELT's order, no header.
inline constexpr size_t kGdeltColumnCount = 61;
const std::array<std::string_view, kGdeltColumnCount>& GdeltColumns();
Status WriteGdeltExport(const EventStore& store, std::ostream* out);

// Every mention with its merged event's fields, one row per mention.
Status WriteMentionExport(const EventStore& store, OutputFormat format, std::ostream* out);

// Counts: articles, sentences, events, merged events, mentions, sources,
// date range, top dyads, events by root code. Rows of (section, key, value).
Status WriteStats(const EventStore& store, size_t top, OutputFormat format, std::ostream* out);

// Stored actors (EventStore::Actors) whose name or a spelling matches `name`
// (ActorMatchesName; "" = all), ordered by id. TSV/CSV columns: id, name,
// source, codes ("CODE first..last; ..."), spellings ("spelling (count) |
// ..."), mentions, events, role, evidence. JSONL: one ActorRecordToJson
// object per actor (docs/actors.md) plus "spelling_counts" and "events".
Status WriteActors(const EventStore& store, std::string_view name, OutputFormat format,
                   std::ostream* out);

// The learned actors matching `name` as a dictionary in dyad's format
// (LearnedActorsAsDictionary), for review before use.
Status WriteLearnedActorsDictionary(const EventStore& store, std::string_view name,
                                    std::ostream* out);

}  // namespace dyad

#endif  // DYAD_QUERY_H_
