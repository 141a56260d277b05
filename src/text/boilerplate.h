// Boilerplate detection: lines (and trailing credit parentheticals) of an
// article that are not news text. Conservative by design: every rule needs
// a short line that starts or ends with a telltale phrase, so a real news
// paragraph is never dropped. See docs/text-stage.md for the rule list.
#ifndef DYAD_TEXT_BOILERPLATE_H_
#define DYAD_TEXT_BOILERPLATE_H_

#include <string_view>
#include <vector>

#include "dyad/text.h"

namespace dyad::text {

// Reasons reported in RemovedSpan::reason.
inline constexpr std::string_view kReasonShare = "share block";
inline constexpr std::string_view kReasonRelated = "related articles";
inline constexpr std::string_view kReasonComments = "comments";
inline constexpr std::string_view kReasonPhoto = "photo credit";
inline constexpr std::string_view kReasonNewsletter = "newsletter prompt";
inline constexpr std::string_view kReasonFooter = "site footer";
inline constexpr std::string_view kReasonCredit = "reporting credit";
inline constexpr std::string_view kReasonTracking = "tracking code";
inline constexpr std::string_view kReasonForeignFooter = "foreign-script footer";

// Spans of `text` (valid UTF-8) to drop, in increasing offset order, never
// overlapping. A line span excludes its line break.
std::vector<RemovedSpan> FindBoilerplate(std::string_view text);

}  // namespace dyad::text

#endif  // DYAD_TEXT_BOILERPLATE_H_
