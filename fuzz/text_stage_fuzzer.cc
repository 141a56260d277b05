// Fuzz target: the whole text stage (AnalyzeText) on arbitrary bytes.
// AnalyzeText requires valid UTF-8, so the input is repaired first and the
// contract is checked: offsets inside the text and ordered, tokens inside
// their sentence, every string valid UTF-8, sentence length bounded, removed
// spans ordered and disjoint. The raw (possibly invalid) bytes are also run
// through, where only "no crash, in-bounds offsets" is required.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "dyad/text.h"
#include "text/normalize.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool ValidUtf8(std::string_view s) { return dyad::text::RepairUtf8(s) == s; }

void CheckResult(const dyad::Article& a, const dyad::AnalyzedText& r, const dyad::TextOptions& o,
                 bool strict) {
  const size_t n = a.text.size();
  uint32_t last_end = 0;
  for (const dyad::RemovedSpan& span : r.removed) {
    Check(span.begin <= span.end && span.end <= n && span.begin >= last_end);
    Check(!span.reason.empty());
    last_end = span.end;
  }
  last_end = 0;
  for (const dyad::Sentence& s : r.sentences) {
    Check(!s.tokens.empty() && s.tokens.size() <= o.max_sentence_tokens);
    Check(s.begin <= s.end && s.end <= n && s.begin >= last_end);
    last_end = s.end;
    uint32_t prev = s.begin;
    for (const dyad::Token& t : s.tokens) {
      Check(t.begin <= t.end && t.begin >= prev && t.end <= s.end);
      Check(!t.text.empty());
      prev = t.begin;
      if (strict) {
        Check(ValidUtf8(t.text) && ValidUtf8(t.lower) && ValidUtf8(t.lemma));
      }
    }
    if (strict) Check(ValidUtf8(s.text));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  dyad::TextOptions options;
  // The first byte picks options, so short sentence caps get exercised too.
  if (size > 0) {
    options.max_sentence_tokens = 1 + (data[0] % 64);
    options.remove_boilerplate = (data[0] & 0x40) == 0;
    options.lemmatize = (data[0] & 0x80) == 0;
  }
  dyad::Article a;
  a.text = dyad::text::RepairUtf8(bytes);
  CheckResult(a, dyad::AnalyzeText(a, options), options, /*strict=*/true);
  CheckResult(a, dyad::AnalyzeText(a), dyad::TextOptions{}, /*strict=*/true);

  // Outside the precondition: invalid UTF-8 must still not crash.
  dyad::Article raw;
  raw.text.assign(bytes);
  CheckResult(raw, dyad::AnalyzeText(raw, options), options, /*strict=*/false);
  dyad::text::NormalizedText norm;
  dyad::text::Normalize(bytes, &norm);
  Check(ValidUtf8(norm.text()));
  for (size_t i = 0; i <= norm.size(); ++i) {
    Check(norm.OrigBegin(i) <= size && norm.OrigEnd(i) <= size);
  }
  return 0;
}
