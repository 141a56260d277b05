#include "dyad/output.h"

#include <cassert>
#include <cmath>
#include <cstdio>

namespace dyad {

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "tsv") return OutputFormat::kTsv;
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "jsonl" || name == "json") return OutputFormat::kJsonl;
  return Status::InvalidArgument("unknown output format '" + std::string(name) +
                                 "'; use tsv, csv or jsonl");
}

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are invalid.
static size_t Utf8SeqLen(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n;
  uint32_t cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    return 0;
  return n;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t n = Utf8SeqLen(s, i);
      if (n == 0) {
        out->append("\xEF\xBF\xBD");
        ++i;
      } else {
        out->append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out->push_back('"');
}

void AppendTsvCell(std::string_view s, std::string* out) {
  for (char c : s) out->push_back(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
}

void AppendCsvCell(std::string_view s, std::string* out) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

TableWriter::TableWriter(std::ostream* out, OutputFormat format, std::vector<std::string> columns)
    : out_(out), format_(format), columns_(std::move(columns)) {}

void TableWriter::Begin() {
  if (header_written_ || format_ == OutputFormat::kJsonl) return;
  std::string h;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (i) h.push_back(format_ == OutputFormat::kTsv ? '\t' : ',');
    if (format_ == OutputFormat::kTsv) AppendTsvCell(columns_[i], &h);
    else AppendCsvCell(columns_[i], &h);
  }
  h.push_back('\n');
  *out_ << h;
  header_written_ = true;
}

void TableWriter::AddCell(std::string_view text, bool json_bare) {
  assert(cell_ < columns_.size());
  switch (format_) {
    case OutputFormat::kTsv:
      if (cell_) row_.push_back('\t');
      AppendTsvCell(text, &row_);
      break;
    case OutputFormat::kCsv:
      if (cell_) row_.push_back(',');
      AppendCsvCell(text, &row_);
      break;
    case OutputFormat::kJsonl:
      row_.append(cell_ ? "," : "{");
      AppendJsonString(columns_[cell_], &row_);
      row_.push_back(':');
      if (json_bare) row_.append(text);
      else AppendJsonString(text, &row_);
      break;
  }
  ++cell_;
}

TableWriter& TableWriter::Add(std::string_view value) {
  AddCell(value, false);
  return *this;
}

TableWriter& TableWriter::Add(int64_t value) {
  AddCell(std::to_string(value), true);
  return *this;
}

TableWriter& TableWriter::Add(double value) {
  if (!std::isfinite(value)) {
    AddCell(format_ == OutputFormat::kJsonl ? "null" : "", true);
    return *this;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  AddCell(buf, true);
  return *this;
}

TableWriter& TableWriter::AddRawJson(std::string_view json, std::string_view flat) {
  if (format_ == OutputFormat::kJsonl) AddCell(json, true);
  else AddCell(flat, false);
  return *this;
}

void TableWriter::EndRow() {
  assert(cell_ == columns_.size());
  Begin();
  if (format_ == OutputFormat::kJsonl) row_.append(cell_ ? "}" : "{}");
  row_.push_back('\n');
  *out_ << row_;
  row_.clear();
  cell_ = 0;
}

}  // namespace dyad
