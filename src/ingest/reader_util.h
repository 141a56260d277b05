// Small pieces shared by the text, JSONL and HTML readers (internal).
#ifndef DYAD_INGEST_READER_UTIL_H_
#define DYAD_INGEST_READER_UTIL_H_

#include <string>
#include <string_view>

#include "dyad/article.h"
#include "dyad/ingest.h"

namespace dyad::ingest {

std::string_view TrimSpace(std::string_view s);  // ASCII whitespace and U+00A0
// Collapses runs of whitespace (including newlines) to one space and trims.
std::string CollapseSpace(std::string_view s);

// A dateline at the start of a paragraph: "MOSCOW (Reuters) - ...",
// "BEIRUT (AP) — ...", "KYIV, Ukraine, March 3 (Reuters) -", "LONDON — ...".
struct Dateline {
  std::string place;   // "MOSCOW"
  std::string outlet;  // "Reuters", or "" when the dateline names none
};
bool ParseDateline(std::string_view paragraph, Dateline* out);

// Sets article->dateline (and outlet, when still unknown) from the first
// paragraph of article->text.
void ApplyDateline(Article* article);

// The id for a record without one: `default_id` when given, else the file
// name of `where.path` ("stdin" for "-").
std::string DefaultId(const SourceLocation& where, std::string_view default_id);

// Sends a non-fatal Reject (a warning) or a fatal one.
void Warn(const ArticleVisitor& v, const SourceLocation& where, std::string what);
void Fail(const ArticleVisitor& v, const SourceLocation& where, std::string what);

// Repairs the bytes as UTF-8 into *out (BOM stripped), warning when needed.
// `unit` names what the byte offsets count in ("file", "line").
void RepairInto(std::string_view bytes, const SourceLocation& where, std::string_view unit,
                const ArticleVisitor& v, std::string* out);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_READER_UTIL_H_
