// Article: the unit every reader produces and every later stage consumes.
#ifndef DYAD_ARTICLE_H_
#define DYAD_ARTICLE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "dyad/date.h"

namespace dyad {

// Where an article came from, for messages and for tracing an event back.
struct SourceLocation {
  std::string path;  // file path, or "-" for standard input
  int64_t line = 0;  // 1-based line for JSONL, 0 for whole-file formats
  std::string ToString() const;  // "path" or "path:line"
};

struct Article {
  std::string id;        // stable: from metadata, else derived from the path (and line)
  std::string outlet;    // "Reuters", "AP", ... or "" when unknown
  std::string url;
  std::string title;
  std::string byline;    // author(s), when given
  std::string dateline;  // place of the dateline, e.g. "MOSCOW", when given
  Date published;        // precision kUnknown when no date was found: never invented
  std::string language = "en";
  // The article body as valid UTF-8 (invalid bytes repaired to U+FFFD). Every
  // later stage keeps byte offsets into this string.
  std::string text;
  SourceLocation source;
};

// A record a reader could not turn into an article, or repaired on the way.
// Rejects are reported and counted; the run goes on.
struct Reject {
  SourceLocation where;
  std::string what;     // what was wrong and what was done, e.g. "invalid JSON: ...; line skipped"
  bool fatal = true;    // true: no article came of it; false: a warning, the article was kept
  std::string ToString() const;  // "path:line: what"
};

}  // namespace dyad

#endif  // DYAD_ARTICLE_H_
