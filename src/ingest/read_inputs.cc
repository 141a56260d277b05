// ReadInputs: paths to articles. Folders are walked recursively in sorted
// order; compression is taken off by extension (.gz, .zst) or, on standard
// input, by magic bytes; the format comes from the extension or is sniffed.
#include <algorithm>
#include <filesystem>
#include <system_error>

#include "dyad/ingest.h"
#include "ingest/byte_source.h"
#include "ingest/jsonl_reader.h"
#include "ingest/reader_util.h"
#include "ingest/utf8.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;
using ingest::ByteSource;
using ingest::Compression;

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

// Compression from the extension; *name loses the compression suffix.
Compression CompressionFromName(std::string* name) {
  if (EndsWith(*name, ".gz")) {
    name->resize(name->size() - 3);
    return Compression::kGzip;
  }
  if (EndsWith(*name, ".zst")) {
    name->resize(name->size() - 4);
    return Compression::kZstd;
  }
  return Compression::kNone;
}

InputFormat FormatFromName(std::string_view name) {
  if (EndsWith(name, ".jsonl") || EndsWith(name, ".ndjson") || EndsWith(name, ".json"))
    return InputFormat::kJsonl;
  if (EndsWith(name, ".html") || EndsWith(name, ".htm") || EndsWith(name, ".xhtml"))
    return InputFormat::kHtml;
  return InputFormat::kText;
}

// From the first bytes of standard input: '{' or '[' starts JSON, '<' and a
// tag name (or "<!") starts HTML, anything else is text.
InputFormat SniffFormat(std::string_view head) {
  ingest::StripBom(&head);
  head = ingest::TrimSpace(head);
  if (head.empty()) return InputFormat::kText;
  if (head[0] == '{' || head[0] == '[') return InputFormat::kJsonl;
  if (head[0] == '<' && head.size() > 1 &&
      (std::isalpha(static_cast<unsigned char>(head[1])) || head[1] == '!'))
    return InputFormat::kHtml;
  return InputFormat::kText;
}

// Reads one opened stream as `format`. `path` names it in messages, `id` is
// the id of its article (text/HTML) or the prefix of line ids (JSONL).
void ReadStream(std::unique_ptr<ByteSource> in, const std::string& path, const std::string& id,
                InputFormat format, const ReadOptions& options, const ArticleVisitor& visitor) {
  const SourceLocation where{path, 0};
  if (format == InputFormat::kJsonl) {
    ingest::ReadJsonl(std::move(in), path, id, options, visitor);
    return;
  }
  bool too_big = false;
  Result<std::string> bytes = ingest::ReadAll(in.get(), options.max_article_bytes, &too_big);
  if (!bytes.ok()) {
    ingest::Fail(visitor, where, bytes.status().message() + "; file skipped");
    return;
  }
  if (too_big) {
    ingest::Fail(visitor, where,
                 "larger than " + std::to_string(options.max_article_bytes) +
                     " bytes (max_article_bytes) for one article; file skipped");
    return;
  }
  if (format == InputFormat::kHtml) {
    ParseHtmlArticle(*bytes, where, visitor, id);
  } else {
    ParseTextArticle(*bytes, where, visitor, id);
  }
}

// Returns false when the file could not be opened (already reported).
bool ReadFile(const std::string& path, const std::string& id, const ReadOptions& options,
              const ArticleVisitor& visitor) {
  auto opened = ingest::OpenFile(path);
  if (!opened.ok()) {
    ingest::Fail(visitor, SourceLocation{path, 0}, opened.status().message() + " (skipped)");
    return false;
  }
  std::string name = path;
  const Compression c = CompressionFromName(&name);
  const InputFormat format =
      options.format == InputFormat::kAuto ? FormatFromName(name) : options.format;
  ReadStream(ingest::Decompress(c, std::move(*opened)), path, id, format, options, visitor);
  return true;
}

void ReadStdin(const ReadOptions& options, const ArticleVisitor& visitor) {
  const std::string path = "-";
  std::unique_ptr<ByteSource> in = ingest::StdinSource();
  Result<std::string> magic = ingest::ReadPrefix(in.get(), 4);
  if (!magic.ok()) {
    ingest::Fail(visitor, SourceLocation{path, 0}, magic.status().message() + "; skipped");
    return;
  }
  const Compression c = ingest::SniffCompression(*magic);
  in = ingest::Decompress(c, ingest::PrefixedSource(std::move(*magic), std::move(in)));
  InputFormat format = options.format;
  if (format == InputFormat::kAuto) {
    Result<std::string> head = ingest::ReadPrefix(in.get(), 4096);
    if (!head.ok()) {
      ingest::Fail(visitor, SourceLocation{path, 0}, head.status().message() + "; skipped");
      return;
    }
    format = SniffFormat(*head);
    in = ingest::PrefixedSource(std::move(*head), std::move(in));
  }
  ReadStream(std::move(in), path, "stdin", format, options, visitor);
}

bool IsHidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void ReadFolder(const std::string& dir, const ReadOptions& options, const ArticleVisitor& visitor) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    if (IsHidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    std::error_code fec;
    if (it->is_regular_file(fec)) files.push_back(it->path());
  }
  if (ec) {
    ingest::Fail(visitor, SourceLocation{dir, 0},
                 "cannot list folder: " + ec.message() + "; files after this point skipped");
  }
  std::sort(files.begin(), files.end());
  size_t opened = 0;
  for (const fs::path& f : files) {
    // Ids are paths relative to the folder given, so they are stable across
    // machines and checkouts.
    const std::string id = f.lexically_relative(dir).generic_string();
    opened += ReadFile(f.string(), id, options, visitor);
  }
  if (opened == 0) {
    ingest::Fail(visitor, SourceLocation{dir, 0},
                 files.empty() ? "folder has no files to read; pass a folder with articles"
                               : "folder has no readable files; check permissions");
  }
}

}  // namespace

Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                  const ArticleVisitor& visitor) {
  if (inputs.empty()) return Status::InvalidArgument("no inputs given; pass files, folders or -");
  for (const std::string& input : inputs) {
    if (input == "-") {
      ReadStdin(options, visitor);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      ingest::Fail(visitor, SourceLocation{input, 0},
                   ec && ec != std::errc::no_such_file_or_directory
                       ? "cannot access: " + ec.message() + " (skipped)"
                       : "no such file or folder; check the path (skipped)");
      continue;
    }
    if (fs::is_directory(st)) {
      ReadFolder(input, options, visitor);
    } else {
      ReadFile(input, fs::path(input).filename().string(), options, visitor);
    }
  }
  return Status::Ok();
}

}  // namespace dyad
