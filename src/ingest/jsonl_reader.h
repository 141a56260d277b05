// JSONL reading shared by ParseJsonlStream and ReadInputs (internal).
#ifndef DYAD_INGEST_JSONL_READER_H_
#define DYAD_INGEST_JSONL_READER_H_

#include <memory>
#include <string>
#include <string_view>

#include "dyad/ingest.h"
#include "ingest/byte_source.h"

namespace dyad::ingest {

// Reads JSON Lines (or one top-level JSON array of objects) from `in`,
// streaming line by line. `path` names the input in rejects; `id_base` is
// the id prefix of records without an id ("<id_base>:<line>"). Never fails:
// read or decompression errors become a fatal Reject and stop this input.
void ReadJsonl(std::unique_ptr<ByteSource> in, const std::string& path, std::string_view id_base,
               const ReadOptions& options, const ArticleVisitor& visitor);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_JSONL_READER_H_
