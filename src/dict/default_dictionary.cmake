# The dict-default helper's part of the dict stage: the CAMEO codebook,
# countries, dyad's own dictionary format, and the default dictionary embedded
# from data/dict/*.dyad at build time. Included from CMakeLists.txt.
set(DYAD_DEFAULT_DICT_DIR ${CMAKE_SOURCE_DIR}/data/dict)
file(GLOB DYAD_DEFAULT_DICT_FILES CONFIGURE_DEPENDS ${DYAD_DEFAULT_DICT_DIR}/*.dyad)
set(DYAD_DEFAULT_DICT_CC ${CMAKE_CURRENT_BINARY_DIR}/default_dictionary_data.cc)
add_custom_command(
  OUTPUT ${DYAD_DEFAULT_DICT_CC}
  COMMAND ${CMAKE_COMMAND} -DDIR=${DYAD_DEFAULT_DICT_DIR} -DOUT=${DYAD_DEFAULT_DICT_CC}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/embed_default_dictionary.cmake
  DEPENDS ${DYAD_DEFAULT_DICT_FILES} ${CMAKE_CURRENT_SOURCE_DIR}/embed_default_dictionary.cmake
  COMMENT "Embedding the default dictionary (data/dict/*.dyad)"
  VERBATIM)

target_sources(dyad_dict PRIVATE
  codebook.cc
  countries.cc
  default_dictionary.cc
  ${DYAD_DEFAULT_DICT_CC})
target_link_libraries(dyad_dict PUBLIC simdjson::simdjson)

dyad_test(dictdef_test
  SOURCES codebook_test.cc countries_test.cc dyad_format_test.cc default_dictionary_test.cc
  DEPS dyad_dict)
