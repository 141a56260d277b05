// Writing records as TSV, CSV or JSON Lines, with the escaping each format
// needs, so every command's output loads in pandas, R or jq unchanged.
#ifndef DYAD_OUTPUT_H_
#define DYAD_OUTPUT_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

enum class OutputFormat { kTsv, kCsv, kJsonl };

// "tsv", "csv", "jsonl" (also "json"); InvalidArgument otherwise.
Result<OutputFormat> ParseOutputFormat(std::string_view name);

// Appends `s` as a JSON string literal (with quotes) to `out`. Invalid UTF-8
// bytes are written as U+FFFD.
void AppendJsonString(std::string_view s, std::string* out);
// TSV cell: tab, newline and carriage return become spaces (TSV has no quoting).
void AppendTsvCell(std::string_view s, std::string* out);
// CSV cell (RFC 4180): quoted when it holds a comma, quote, or line break.
void AppendCsvCell(std::string_view s, std::string* out);

// A flat table: a header row for TSV/CSV, one JSON object per row for JSONL.
// Cells are strings or numbers; numbers are written bare in JSON.
class TableWriter {
 public:
  TableWriter(std::ostream* out, OutputFormat format, std::vector<std::string> columns);

  TableWriter& Add(std::string_view value);
  TableWriter& Add(int64_t value);
  TableWriter& Add(double value);
  // JSON: writes `json` unquoted (an array or object); TSV/CSV: as a string cell.
  TableWriter& AddRawJson(std::string_view json, std::string_view flat);
  // Ends the row; the number of cells must equal the number of columns.
  void EndRow();

 private:
  void Begin();
  void AddCell(std::string_view text, bool json_bare);

  std::ostream* out_;
  OutputFormat format_;
  std::vector<std::string> columns_;
  std::string row_;
  size_t cell_ = 0;
  bool header_written_ = false;
};

}  // namespace dyad

#endif  // DYAD_OUTPUT_H_
