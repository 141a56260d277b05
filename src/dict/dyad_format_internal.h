// Helpers shared by dyad_format.cc, countries.cc and default_dictionary.cc.
// Not a public API.
#ifndef DYAD_DICT_DYAD_FORMAT_INTERNAL_H_
#define DYAD_DICT_DYAD_FORMAT_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

namespace dyad::dyad_format_internal {

// Full Unicode lower case (ICU, root locale); invalid UTF-8 bytes become
// U+FFFD. ASCII-only input takes a fast path.
std::string Lower(std::string_view s);

// Trims ASCII whitespace at both ends.
std::string_view Trim(std::string_view s);

// Splits on `sep` (a string), trimming each piece; empty pieces are kept.
std::vector<std::string_view> Split(std::string_view s, std::string_view sep);

// Words of a phrase separated by runs of whitespace.
std::vector<std::string_view> Words(std::string_view s);

// Removes a comment: from a "#" that is the line's first non-blank character,
// or a "#" between whitespace (or at the end of the line), to the end.
std::string_view StripComment(std::string_view line);

}  // namespace dyad::dyad_format_internal

#endif  // DYAD_DICT_DYAD_FORMAT_INTERNAL_H_
