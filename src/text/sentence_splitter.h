// Sentence splitting over normalized tokens, shared by SplitSentences() and
// AnalyzeText().
#ifndef DYAD_TEXT_SENTENCE_SPLITTER_H_
#define DYAD_TEXT_SENTENCE_SPLITTER_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "dyad/text.h"
#include "text/normalize.h"
#include "text/tokenizer.h"

namespace dyad::text {

// Sentence ends as token indexes: sentence k is tokens [ends[k-1], ends[k]).
// No sentence holds more than `max_tokens` tokens. The rules, then the
// compiled-in boundary model (text/boundary_model.h) on the hard gaps.
void SplitNormalized(const NormalizedText& norm, const std::vector<RawToken>& tokens,
                     size_t max_tokens, std::vector<size_t>* ends);

// The rules alone (what the boundary model is trained on top of).
void SplitByRules(const NormalizedText& norm, const std::vector<RawToken>& tokens,
                  size_t max_tokens, std::vector<size_t>* ends);

// Appends one Sentence per range of `ends`, with offsets into the original
// plus `base`. The Sentences share one new TokenStore holding their bytes.
void BuildSentences(const NormalizedText& norm, const std::vector<RawToken>& tokens,
                    const std::vector<size_t>& ends, uint32_t base, bool lemmatize,
                    std::vector<Sentence>* out);

// Normalize + tokenize + split + build for `text`, appending to `out`.
void SplitSentencesInto(std::string_view text, uint32_t base, const TextOptions& options,
                        std::vector<Sentence>* out);

}  // namespace dyad::text

#endif  // DYAD_TEXT_SENTENCE_SPLITTER_H_
