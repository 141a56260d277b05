// Fuzzes the model file loaders (container checks and payload decoding) and
// runs any model that loads on a short sentence: neither may crash.
// The payload decoders are also called directly, past the CRC check, so the
// fuzzer reaches the table decoding with arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parse/parser_model.h"
#include "parse/tagger.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dyad::parse_internal;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string_view> words = {"The", "army", "shelled", "Homs", "."};
  for (auto r :
       {TaggerModel::Deserialize(bytes, "fuzz"), TaggerModel::FromPayload(bytes, "fuzz"),
        TaggerModel::FromPayload(bytes.substr(std::min<size_t>(size, kModelHeaderSize)), "fuzz")}) {
    if (r.ok()) {
      std::vector<int> tags;
      r->Tag(words, &tags);
    }
  }
  for (auto r :
       {ParserModel::Deserialize(bytes, "fuzz"), ParserModel::FromPayload(bytes, "fuzz"),
        ParserModel::FromPayload(bytes.substr(std::min<size_t>(size, kModelHeaderSize)), "fuzz")}) {
    if (r.ok()) {
      ParserInput in;
      in.Reset(3);
      for (int i = 0; i < 3; ++i) in.Set(i, WordAtom(words[i]), i, i);
      std::vector<int> heads, labels;
      r->Parse(in, 3, &heads, &labels);
    }
  }
  return 0;
}
