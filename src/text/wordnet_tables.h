// English lemma data generated at build time from the Debian package
// wordnet-base (see gen_wordnet_tables.cmake). Each array is newline-separated
// text: exception lists hold "form lemma" lines, index lists one lemma a line.
#ifndef DYAD_TEXT_WORDNET_TABLES_H_
#define DYAD_TEXT_WORDNET_TABLES_H_

namespace dyad::text {

extern const char kWordNetVerbExc[];
extern const char kWordNetNounExc[];
extern const char kWordNetVerbIndex[];
extern const char kWordNetNounIndex[];

}  // namespace dyad::text

#endif  // DYAD_TEXT_WORDNET_TABLES_H_
