// AnalyzeText: the whole text stage for one article.
#include "dyad/text.h"

#include <string>

#include "text/boilerplate.h"
#include "text/sentence_splitter.h"

namespace dyad {

AnalyzedText AnalyzeText(const Article& article, const TextOptions& options) {
  AnalyzedText result;
  std::string_view text = article.text;
  std::string masked;
  if (options.remove_boilerplate) {
    result.removed = text::FindBoilerplate(text);
    if (!result.removed.empty()) {
      // Blanking removed bytes with spaces keeps every offset valid, and a
      // blanked line still separates the paragraphs around it.
      masked.assign(text);
      for (const RemovedSpan& span : result.removed) {
        for (uint32_t k = span.begin; k < span.end && k < masked.size(); ++k) {
          if (masked[k] != '\n') masked[k] = ' ';
        }
      }
      text = masked;
    }
  }
  text::SplitSentencesInto(text, 0, options, &result.sentences);
  return result;
}

}  // namespace dyad
