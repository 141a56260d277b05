#include "ingest/jsonl_reader.h"

#include <simdjson.h>

#include <cmath>
#include <cstdio>

#include "ingest/reader_util.h"
#include "ingest/utf8.h"

namespace dyad::ingest {
namespace {

namespace dom = simdjson::dom;

std::string NumberToString(dom::element el) {
  int64_t i;
  uint64_t u;
  double d;
  if (el.get_int64().get(i) == simdjson::SUCCESS) return std::to_string(i);
  if (el.get_uint64().get(u) == simdjson::SUCCESS) return std::to_string(u);
  if (el.get_double().get(d) == simdjson::SUCCESS) {
    char buf[64];
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e18)
      std::snprintf(buf, sizeof buf, "%.0f", d);
    else
      std::snprintf(buf, sizeof buf, "%.17g", d);
    return buf;
  }
  return "";
}

// A string value; for `allow_number`, numbers as decimal text; for objects,
// their "name" or "title" (outlets such as {"id": "cnn", "name": "CNN"});
// for arrays, the non-empty strings joined by `join`.
std::string ValueText(dom::element el, bool allow_number, std::string_view join) {
  switch (el.type()) {
    case dom::element_type::STRING: {
      std::string_view s;
      if (el.get_string().get(s) != simdjson::SUCCESS) return "";
      return std::string(s);
    }
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return allow_number ? NumberToString(el) : "";
    case dom::element_type::OBJECT: {
      for (const char* k : {"name", "title", "text"}) {
        dom::element v;
        if (el[k].get(v) == simdjson::SUCCESS && v.type() == dom::element_type::STRING) {
          std::string_view s;
          if (v.get_string().get(s) == simdjson::SUCCESS && !TrimSpace(s).empty())
            return std::string(s);
        }
      }
      return "";
    }
    case dom::element_type::ARRAY: {
      std::string out;
      dom::array arr;
      if (el.get_array().get(arr) != simdjson::SUCCESS) return "";
      for (dom::element item : arr) {
        if (item.type() == dom::element_type::ARRAY) continue;  // no nesting
        std::string s = ValueText(item, false, join);
        if (TrimSpace(s).empty()) continue;
        if (!out.empty()) out += join;
        out += s;
      }
      return out;
    }
    default:
      return "";
  }
}

// The first field of `fields` present with a non-empty value.
std::string FirstField(dom::object obj, const std::vector<std::string>& fields, bool allow_number,
                       std::string_view join, std::string* which = nullptr) {
  for (const std::string& f : fields) {
    dom::element el;
    if (obj[f].get(el) != simdjson::SUCCESS) continue;
    std::string v = ValueText(el, allow_number, join);
    if (!TrimSpace(v).empty()) {
      if (which) *which = f;
      return v;
    }
  }
  return "";
}

Date FieldDate(dom::object obj, const std::vector<std::string>& fields, std::string* bad) {
  for (const std::string& f : fields) {
    dom::element el;
    if (obj[f].get(el) != simdjson::SUCCESS) continue;
    Date d;
    std::string shown;
    if (el.type() == dom::element_type::STRING) {
      std::string_view s;
      if (el.get_string().get(s) != simdjson::SUCCESS || TrimSpace(s).empty()) continue;
      d = ParsePublicationDate(s);
      shown = std::string(s.substr(0, 60));
    } else if (el.type() == dom::element_type::INT64 || el.type() == dom::element_type::UINT64 ||
               el.type() == dom::element_type::DOUBLE) {
      shown = NumberToString(el);
      d = ParsePublicationDate(shown);  // YYYYMMDD, Unix seconds or milliseconds
    } else {
      continue;
    }
    if (d.known()) return d;
    if (bad->empty()) *bad = "'" + shown + "' in field \"" + f + "\"";
  }
  return {};
}

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f;
  return out;
}

void NormalizeNewlines(std::string* s) {
  if (s->find('\r') == std::string::npos) return;
  std::string out;
  out.reserve(s->size());
  for (size_t i = 0; i < s->size(); ++i) {
    if ((*s)[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < s->size() && (*s)[i + 1] == '\n') ++i;
    } else {
      out.push_back((*s)[i]);
    }
  }
  s->swap(out);
}

class JsonlParser {
 public:
  JsonlParser(const ReadOptions& o, const ArticleVisitor& v, std::string_view id_base)
      : options_(o), visitor_(v), id_base_(id_base) {}

  // One JSON text (a line) holding an object.
  void ParseRecord(std::string_view bytes, const SourceLocation& where) {
    if (TrimSpace(bytes).empty()) return;  // blank lines separate nothing
    buf_.clear();
    RepairInto(bytes, where, "line", visitor_, &buf_);
    const size_t len = buf_.size();
    buf_.append(simdjson::SIMDJSON_PADDING, ' ');
    dom::element doc;
    auto err = parser_.parse(buf_.data(), len, false).get(doc);
    if (err) {
      Fail(visitor_, where,
           std::string("invalid JSON (") + simdjson::error_message(err) + "); line skipped");
      return;
    }
    FromElement(doc, where);
  }

  void FromElement(dom::element doc, const SourceLocation& where) {
    dom::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) {
      Fail(visitor_, where, "expected a JSON object with the article's fields; record skipped");
      return;
    }
    Article a;
    a.source = where;
    a.text = FirstField(obj, options_.text_fields, false, "\n\n");
    NormalizeNewlines(&a.text);
    if (TrimSpace(a.text).empty()) {
      Fail(visitor_, where,
           "no article text: none of the fields " + JoinFields(options_.text_fields) +
               " holds a non-empty string (set --text-field); record skipped");
      return;
    }
    a.id = CollapseSpace(FirstField(obj, options_.id_fields, true, ""));
    if (a.id.empty()) a.id = std::string(id_base_) + ":" + std::to_string(where.line);
    a.title = CollapseSpace(FirstField(obj, options_.title_fields, false, " "));
    a.url = std::string(TrimSpace(FirstField(obj, options_.url_fields, false, " ")));
    a.outlet = CollapseSpace(FirstField(obj, options_.outlet_fields, false, ", "));
    a.byline = CollapseSpace(FirstField(obj, options_.author_fields, false, ", "));
    if (a.byline.size() > 3 &&
        (a.byline.compare(0, 3, "By ") == 0 || a.byline.compare(0, 3, "by ") == 0))
      a.byline.erase(0, 3);
    std::string lang = FirstField(obj, {"language", "lang"}, false, "");
    if (!lang.empty() && lang.size() <= 8) a.language = lang;
    // JSON escapes can spell lone surrogates ("\ud800"); keep every field valid UTF-8.
    for (std::string* s : {&a.text, &a.id, &a.title, &a.url, &a.outlet, &a.byline, &a.language})
      RepairUtf8InPlace(s);
    std::string bad_date;
    a.published = FieldDate(obj, options_.date_fields, &bad_date);
    if (!a.published.known() && !bad_date.empty())
      Warn(visitor_, where,
           "date " + bad_date + " not understood; publication date left unknown, article kept");
    ApplyDateline(&a);
    if (visitor_.on_article) visitor_.on_article(std::move(a));
  }

  // A whole JSON array of objects (a .json file that is not JSON Lines).
  void ParseArray(std::string_view bytes, const std::string& path) {
    SourceLocation where{path, 0};
    buf_.clear();
    RepairInto(bytes, where, "file", visitor_, &buf_);
    const size_t len = buf_.size();
    buf_.append(simdjson::SIMDJSON_PADDING, ' ');
    dom::element doc;
    dom::array arr;
    auto err = parser_.parse(buf_.data(), len, false).get(doc);
    if (!err) err = doc.get_array().get(arr);
    if (err) {
      Fail(visitor_, where,
           std::string("invalid JSON array (") + simdjson::error_message(err) + "); file skipped");
      return;
    }
    int64_t n = 0;
    for (dom::element el : arr) FromElement(el, SourceLocation{path, ++n});
  }

 private:
  const ReadOptions& options_;
  const ArticleVisitor& visitor_;
  std::string_view id_base_;
  dom::parser parser_;
  std::string buf_;
};

}  // namespace

void ReadJsonl(std::unique_ptr<ByteSource> in, const std::string& path, std::string_view id_base,
               const ReadOptions& options, const ArticleVisitor& visitor) {
  const SourceLocation file{path, 0};
  Result<std::string> head = ReadPrefix(in.get(), kBinarySniffBytes);
  if (!head.ok()) {
    Fail(visitor, file, head.status().message() + "; file skipped");
    return;
  }
  if (head->empty()) {
    Fail(visitor, file, "empty file; skipped");
    return;
  }
  if (LooksBinary(*head)) {
    Fail(visitor, file, "binary file, not text; skipped");
    return;
  }
  std::string id(id_base.empty() ? DefaultId(file, {}) : std::string(id_base));
  JsonlParser parser(options, visitor, id);
  std::string_view first = *head;
  StripBom(&first);
  first = TrimSpace(first);
  auto src = PrefixedSource(std::move(*head), std::move(in));
  if (!first.empty() && first[0] == '[') {
    bool too_big = false;
    Result<std::string> all = ReadAll(src.get(), options.max_article_bytes, &too_big);
    if (!all.ok()) {
      Fail(visitor, file, all.status().message() + "; file skipped");
    } else if (too_big) {
      Fail(visitor, file,
           "JSON array larger than " + std::to_string(options.max_article_bytes) +
               " bytes; write one object per line (JSON Lines) to stream it; file skipped");
    } else {
      parser.ParseArray(*all, path);
    }
    return;
  }
  LineReader lines(src.get(), options.max_article_bytes);
  std::string line;
  int64_t number = 0;
  bool too_long = false;
  for (;;) {
    Result<bool> more = lines.Next(&line, &number, &too_long);
    if (!more.ok()) {
      Fail(visitor, SourceLocation{path, number + 1},
           more.status().message() + "; rest of the file skipped");
      return;
    }
    if (!*more) break;
    const SourceLocation where{path, number};
    if (too_long) {
      Fail(visitor, where,
           "line longer than " + std::to_string(options.max_article_bytes) +
               " bytes (max_article_bytes); line skipped");
      continue;
    }
    parser.ParseRecord(line, where);
  }
}

}  // namespace dyad::ingest

namespace dyad {

void ParseJsonlStream(std::string_view bytes, const SourceLocation& where,
                      const ReadOptions& options, const ArticleVisitor& visitor,
                      std::string_view default_id) {
  ingest::ReadJsonl(ingest::MemorySource(std::string(bytes)), where.path,
                    ingest::DefaultId(where, default_id), options, visitor);
}

}  // namespace dyad
