// Readers: turn input paths (files, folders, "-") into Articles.
//
// Readers stream: memory is bounded by the largest single article, not by the
// corpus. A record that cannot be read becomes a Reject passed to the
// visitor, and reading goes on with the next record.
#ifndef DYAD_INGEST_H_
#define DYAD_INGEST_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/status.h"

namespace dyad {

enum class InputFormat { kAuto, kText, kJsonl, kHtml };

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;  // kAuto: by extension (.jsonl/.json/.ndjson,
                                            // .html/.htm, else text), before .gz/.zst; stdin: sniffed
  // JSONL field names, tried in order; the first present, non-empty one wins.
  std::vector<std::string> id_fields = {"id", "article_id", "doc_id", "uuid"};
  std::vector<std::string> date_fields = {"date", "published", "publish_date", "published_at",
                                          "pubdate", "datetime", "timestamp", "dir_date"};
  std::vector<std::string> title_fields = {"title", "headline"};
  std::vector<std::string> text_fields = {"text", "body", "content", "article", "story"};
  std::vector<std::string> url_fields = {"url", "link"};
  std::vector<std::string> outlet_fields = {"source", "outlet", "publisher", "site", "media"};
  std::vector<std::string> author_fields = {"author", "byline", "authors"};
  // A single article (file, JSON line, or decompressed stream) larger than this is rejected.
  size_t max_article_bytes = 256u << 20;
};

struct ArticleVisitor {
  std::function<void(Article&&)> on_article;
  std::function<void(const Reject&)> on_reject;  // fatal rejects and non-fatal warnings
};

// Reads every input in order: a file, a folder (recursively, in sorted path
// order), or "-" for standard input. A missing or unreadable path is a Reject.
// Returns a non-OK Status only when reading cannot go on at all.
Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                  const ArticleVisitor& visitor);

// Single-record parsers, used by ReadInputs, tests and fuzzers. `bytes` may be
// anything; invalid UTF-8 is repaired (with a non-fatal Reject). `default_id`
// is the id of a record that carries none (JSONL: suffixed ":LINE"); when
// empty, the file name of `where.path` ("stdin" for "-").
//
// Text: one article; title, date, outlet, byline and dateline are read from
// the header block (the short lines before the first paragraph), never from
// the body. JSONL: one article per line (or per element of a top-level JSON
// array); a bad line is a fatal Reject naming path:LINE and the rest are
// kept. HTML: main text of the page (navigation, share blocks, related links,
// comments, scripts dropped); metadata from <meta>, <title>, <time>.
void ParseTextArticle(std::string_view bytes, const SourceLocation& where,
                      const ArticleVisitor& visitor, std::string_view default_id = {});
void ParseJsonlStream(std::string_view bytes, const SourceLocation& where,
                      const ReadOptions& options, const ArticleVisitor& visitor,
                      std::string_view default_id = {});
void ParseHtmlArticle(std::string_view bytes, const SourceLocation& where,
                      const ArticleVisitor& visitor, std::string_view default_id = {});

// Publication-date parsing shared by readers: accepts ISO 8601 and the common
// news forms ("Tuesday, March 3, 2015", "Jun 12, 2018", "12 June 2018",
// "Sat Dec 31, 2011 10:07pm EST", "2019/11/04", "20120101", Unix seconds).
// Unknown when nothing parses, and when anything but date words surrounds the
// date (so "On May 8, Iran said" is not a date). Precision is what the text
// gives: "March 2015" is month-precise, "Jun 12" without a year is unknown.
Date ParsePublicationDate(std::string_view text);

}  // namespace dyad

#endif  // DYAD_INGEST_H_
