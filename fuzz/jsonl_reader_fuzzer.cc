// Fuzz target: the JSONL reader. Every non-blank line gives exactly one
// article or one fatal reject naming that line; article text is valid UTF-8.
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dyad/ingest.h"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dyad::ReadOptions options;
  options.max_article_bytes = 1 << 16;  // also exercise the over-long-line path
  dyad::ArticleVisitor v;
  v.on_article = [&](dyad::Article&& a) {
    Check(simdjson::validate_utf8(a.text.data(), a.text.size()));
    Check(simdjson::validate_utf8(a.id.data(), a.id.size()));
    Check(!a.id.empty() && !a.text.empty());
    Check(a.source.line >= 1);
  };
  v.on_reject = [&](const dyad::Reject& r) { Check(!r.what.empty()); };
  dyad::ParseJsonlStream(bytes, dyad::SourceLocation{"fuzz.jsonl", 0}, options, v);
  return 0;
}
