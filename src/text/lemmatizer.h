// English lemmatizer for nouns and verbs, without part-of-speech tags.
//
// Order of decisions: clitics and a small hand-written table (auxiliaries,
// words that look inflected but are not: "news", "species", "its"), then the
// WordNet irregular-form lists (said -> say, children -> child), then suffix
// rules whose candidate must be a WordNet noun or verb lemma (countries ->
// country, talks -> talk). A word no rule can confirm is left as it is, so
// unknown names ("texas", "athens") are never mangled.
#ifndef DYAD_TEXT_LEMMATIZER_H_
#define DYAD_TEXT_LEMMATIZER_H_

#include <string>
#include <string_view>

namespace dyad::text {

// Writes the lemma of `lower` (a lowercase word form) to `out`.
// Thread-safe: the tables are built once, then only read.
void LemmatizeInto(std::string_view lower, std::string* out);

}  // namespace dyad::text

#endif  // DYAD_TEXT_LEMMATIZER_H_
