// Fuzz target for dyad's own dictionary format: any bytes must parse into
// warnings and entries (never a crash), compile, be written back, and the
// written text must parse again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dictionary.h"
#include "dyad/dyad_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Every include resolves to the input itself, so includes, cycles and the
  // "already included" rule are exercised too.
  dyad::DyadParseOptions options;
  options.reader = [text](const std::string& path) -> dyad::Result<std::string> {
    if (path.size() % 3 == 0) return dyad::Status::NotFound(path + ": not found");
    return std::string(text);
  };
  options.max_include_depth = 4;
  options.max_files = 16;
  dyad::DictionaryBuilder builder;
  std::vector<dyad::DictWarning> warnings;
  if (!dyad::ParseDyadDictionaryText("fuzz/input.dyad", text, &builder, &warnings, options).ok()) {
    __builtin_trap();  // only a null builder may fail
  }
  for (const auto& w : warnings) {
    if (w.file.empty() || w.what.empty()) __builtin_trap();  // every warning says where and what
  }
  auto dict = builder.Compile();
  if (!dict.ok()) return 0;
  const std::string written = dyad::WriteDyadDictionary(**dict);
  dyad::DictionaryBuilder again;
  std::vector<dyad::DictWarning> again_warnings;
  (void)dyad::ParseDyadDictionaryText("fuzz/written.dyad", written, &again, &again_warnings);
  auto dict2 = again.Compile();
  (void)dict2;
  return 0;
}
