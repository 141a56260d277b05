// Fuzz target: the plain-text article reader and the publication-date parser.
// Checks the reader's contract, not just "no crash": every article's text and
// metadata are valid UTF-8, and a date is either unknown or a valid day/month/year.
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dyad/ingest.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Utf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

void CheckDate(const dyad::Date& d) {
  using dyad::DatePrecision;
  switch (d.precision) {
    case DatePrecision::kUnknown:
      Check(d.year == 0);
      break;
    case DatePrecision::kYear:
      Check(d.year >= 1 && d.month == 0 && d.day == 0);
      break;
    case DatePrecision::kMonth:
      Check(d.year >= 1 && d.month >= 1 && d.month <= 12);
      break;
    case DatePrecision::kDay:
      Check(dyad::IsValidDay(d.year, d.month, d.day));
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dyad::ArticleVisitor v;
  int results = 0;
  v.on_article = [&](dyad::Article&& a) {
    ++results;
    Check(Utf8(a.text) && Utf8(a.title) && Utf8(a.byline) && Utf8(a.outlet) && Utf8(a.dateline));
    Check(!a.text.empty());
    CheckDate(a.published);
  };
  v.on_reject = [&](const dyad::Reject& r) {
    results += r.fatal;
    Check(!r.what.empty());
  };
  dyad::ParseTextArticle(bytes, dyad::SourceLocation{"fuzz.txt", 0}, v);
  Check(results == 1);  // exactly one article or one fatal reject per file
  CheckDate(dyad::ParsePublicationDate(bytes.substr(0, 256)));
  return 0;
}
