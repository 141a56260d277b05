# Project-wide conventions: warnings, sanitizers, and helpers for modules.

add_library(dyad_options INTERFACE)
target_compile_features(dyad_options INTERFACE cxx_std_20)
target_compile_options(dyad_options INTERFACE -Wall -Wextra)
target_include_directories(dyad_options INTERFACE
  ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}/src)
target_compile_definitions(dyad_options INTERFACE
  DYAD_VERSION="${PROJECT_VERSION}"
  DYAD_SOURCE_DIR="${CMAKE_SOURCE_DIR}"
  DYAD_SHARED_DIR="${DYAD_SHARED_DIR}")
if(DYAD_SANITIZE)
  # -fno-sanitize-recover: undefined behaviour stops the test, so a CI run
  # cannot pass with runtime errors printed and ignored.
  target_compile_options(dyad_options INTERFACE -fsanitize=address,undefined
                         -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(dyad_options INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

# dyad_module(NAME SOURCES ... DEPS ...): a static library dyad_NAME.
function(dyad_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(dyad_${name} STATIC ${M_SOURCES})
  target_link_libraries(dyad_${name} PUBLIC dyad_options ${M_DEPS})
endfunction()

# dyad_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with ctest.
function(dyad_test name)
  if(NOT DYAD_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE dyad_options ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 120
    PROPERTIES ENVIRONMENT "DYAD_SHARED=${DYAD_SHARED_DIR}")
endfunction()
