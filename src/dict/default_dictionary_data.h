// The embedded default dictionary files. The definitions are generated at
// build time by embed_default_dictionary.cmake from data/dict/*.dyad.
#ifndef DYAD_DICT_DEFAULT_DICTIONARY_DATA_H_
#define DYAD_DICT_DEFAULT_DICTIONARY_DATA_H_

#include <cstddef>

#include "dyad/default_dictionary.h"

namespace dyad::default_dictionary_data {

extern const EmbeddedDictFile kFiles[];
extern const size_t kNumFiles;

}  // namespace dyad::default_dictionary_data

#endif  // DYAD_DICT_DEFAULT_DICTIONARY_DATA_H_
