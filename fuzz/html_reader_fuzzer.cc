// Fuzz target: the HTML reader (gumbo + main-text extraction). One article or
// one fatal reject per page; all text fields valid UTF-8.
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
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Gumbo's tree building is superlinear on some pathological nestings; cap
  // the input so the fuzzer explores breadth instead of timing out.
  if (size > (1 << 18)) return 0;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  int results = 0;
  dyad::ArticleVisitor v;
  v.on_article = [&](dyad::Article&& a) {
    ++results;
    Check(Utf8(a.text) && Utf8(a.title) && Utf8(a.url) && Utf8(a.outlet) && Utf8(a.byline));
    Check(!a.text.empty());
  };
  v.on_reject = [&](const dyad::Reject& r) { results += r.fatal; };
  dyad::ParseHtmlArticle(bytes, dyad::SourceLocation{"fuzz.html", 0}, v);
  Check(results == 1);
  return 0;
}
