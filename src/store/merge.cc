#include "store/merge.h"

#include <algorithm>
#include <array>

#include "dyad/story.h"

namespace dyad::store {

DayRange DayRangeOf(const Date& d) {
  DayRange r;
  if (d.precision == DatePrecision::kDay) {
    r.known = true;
    r.lo = r.hi = d.DaysSinceEpoch();
  } else if (d.precision == DatePrecision::kMonth && d.month >= 1 && d.month <= 12) {
    r.known = true;
    r.lo = Date::Day(d.year, d.month, 1).DaysSinceEpoch();
    r.hi = Date::Day(d.year, d.month, DaysInMonth(d.year, d.month)).DaysSinceEpoch();
  }
  return r;
}

std::vector<std::string> ContentWords(std::string_view text) {
  // Function words that say nothing about which event a sentence reports.
  static constexpr std::array<std::string_view, 40> kStop = {
      "about", "after", "also",  "and",  "are",  "been", "but",   "for",   "from",  "had",
      "has",   "have",  "her",   "his",  "its",  "not",  "said",  "says",  "she",   "that",
      "the",   "their", "them",  "they", "this", "was",  "were",  "which", "while", "who",
      "will",  "with",  "would", "over", "into", "than", "there", "other", "more",  "on"};
  std::string lowered;
  std::vector<std::string_view> words = StoryWords(text, &lowered);
  std::vector<std::string> out;
  for (std::string_view w : words) {
    if (w.size() < 3) continue;
    if (std::find(kStop.begin(), kStop.end(), w) != kStop.end()) continue;
    out.emplace_back(w);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double WordJaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, both = 0;
  while (i < a.size() && j < b.size()) {
    int c = a[i].compare(b[j]);
    if (c == 0) {
      ++both;
      ++i;
      ++j;
    } else if (c < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(both) / static_cast<double>(a.size() + b.size() - both);
}

}  // namespace dyad::store
