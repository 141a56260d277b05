#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "dyad/parse_conllu.h"

namespace dyad {
namespace {

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  auto r = std::from_chars(s.data(), end, *out);
  return r.ec == std::errc() && r.ptr == end;
}

// Splits `line` on tabs into exactly 10 fields; false otherwise.
bool SplitColumns(std::string_view line, std::string_view cols[10], size_t* count) {
  size_t n = 0;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    std::string_view field = line.substr(start, tab == std::string_view::npos ? tab : tab - start);
    if (n < 10) cols[n] = field;
    ++n;
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  *count = n;
  return n == 10;
}

std::string Field(std::string_view s) { return s == "_" ? std::string() : std::string(s); }

// Builds one sentence from its lines, or explains the first problem.
class SentenceBuilder {
 public:
  SentenceBuilder(std::string_view path, std::vector<ConlluSentence>* out,
                  std::vector<Reject>* rejects)
      : path_(path), out_(out), rejects_(rejects) {}

  void Line(std::string_view line, int64_t lineno) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() ||
        std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; })) {
      Finish();
      return;
    }
    if (!started_) {
      started_ = true;
      cur_ = ConlluSentence();
      cur_.where.path = std::string(path_);
      cur_.where.line = lineno;
    }
    if (!error_.empty()) return;  // already broken; skip to the blank line
    if (line[0] == '#') {
      cur_.comments.emplace_back(line.substr(1));
      return;
    }
    std::string_view c[10];
    size_t ncols = 0;
    if (!SplitColumns(line, c, &ncols)) {
      Fail(lineno, "expected 10 tab-separated columns, found " + std::to_string(ncols));
      return;
    }
    std::string_view id = c[0];
    if (id.find('.') != std::string_view::npos) return;  // empty node: enhanced graphs only
    size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      ConlluMultiword mw;
      if (!ParseInt(id.substr(0, dash), &mw.first) || !ParseInt(id.substr(dash + 1), &mw.last) ||
          mw.first < 1 || mw.last < mw.first) {
        Fail(lineno, "bad multiword token id '" + std::string(id) + "'");
        return;
      }
      if (mw.first != static_cast<int>(cur_.words.size()) + 1) {
        Fail(lineno, "multiword token " + std::string(id) + " does not start at the next word");
        return;
      }
      mw.form = std::string(c[1]);
      mw.misc = Field(c[9]);
      cur_.multiwords.push_back(std::move(mw));
      return;
    }
    ConlluWord w;
    if (!ParseInt(id, &w.id) || w.id != static_cast<int>(cur_.words.size()) + 1) {
      Fail(lineno, "word id '" + std::string(id) + "' is not " +
                       std::to_string(cur_.words.size() + 1) + " (ids must count up from 1)");
      return;
    }
    if (c[1].empty()) {
      Fail(lineno, "empty FORM column");
      return;
    }
    w.form = std::string(c[1]);
    w.lemma = c[2] == "_" && c[1] != "_" ? std::string() : std::string(c[2]);
    w.upos = Field(c[3]);
    w.xpos = Field(c[4]);
    w.feats = Field(c[5]);
    if (c[6] == "_") {
      w.head = -1;
    } else if (!ParseInt(c[6], &w.head) || w.head < 0) {
      Fail(lineno, "bad HEAD '" + std::string(c[6]) + "'");
      return;
    }
    w.deprel = Field(c[7]);
    w.deps = Field(c[8]);
    w.misc = Field(c[9]);
    head_lines_.push_back(lineno);
    cur_.words.push_back(std::move(w));
  }

  void Finish() {
    if (!started_) return;
    started_ = false;
    if (error_.empty()) {
      const int n = static_cast<int>(cur_.words.size());
      for (size_t i = 0; i < cur_.words.size() && error_.empty(); ++i) {
        if (cur_.words[i].head > n) {
          Fail(head_lines_[i], "HEAD " + std::to_string(cur_.words[i].head) +
                                   " is beyond the sentence's " + std::to_string(n) + " words");
        }
      }
      for (const auto& mw : cur_.multiwords) {
        if (error_.empty() && mw.last > n) {
          Fail(cur_.where.line, "multiword token " + std::to_string(mw.first) + "-" +
                                    std::to_string(mw.last) + " reaches past the last word");
        }
      }
      if (error_.empty() && cur_.words.empty()) {
        Fail(cur_.where.line, "sentence has comments but no words");
      }
    }
    if (error_.empty()) {
      out_->push_back(std::move(cur_));
    } else {
      Reject r;
      r.where.path = std::string(path_);
      r.where.line = error_line_;
      r.what =
          error_ + "; sentence starting at line " + std::to_string(cur_.where.line) + " skipped";
      r.fatal = true;
      rejects_->push_back(std::move(r));
    }
    error_.clear();
    head_lines_.clear();
  }

 private:
  void Fail(int64_t lineno, std::string what) {
    if (!error_.empty()) return;
    error_ = std::move(what);
    error_line_ = lineno;
  }

  std::string_view path_;
  std::vector<ConlluSentence>* out_;
  std::vector<Reject>* rejects_;
  ConlluSentence cur_;
  std::vector<int64_t> head_lines_;
  bool started_ = false;
  std::string error_;
  int64_t error_line_ = 0;
};

Status ReadWholeFile(const std::string& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open for reading");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(path + ": read failed");
  *bytes = std::move(ss).str();
  return Status::Ok();
}

void AppendField(std::string_view s, std::string* out) {
  if (s.empty()) {
    out->push_back('_');
  } else {
    out->append(s);
  }
}

}  // namespace

void ParseConllu(std::string_view bytes, std::string_view path, std::vector<ConlluSentence>* out,
                 std::vector<Reject>* rejects) {
  SentenceBuilder b(path, out, rejects);
  int64_t lineno = 0;
  size_t pos = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;  // UTF-8 byte order mark
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    if (nl == std::string_view::npos) nl = bytes.size();
    b.Line(bytes.substr(pos, nl - pos), ++lineno);
    pos = nl + 1;
  }
  b.Finish();
}

Status ReadConlluFile(const std::string& path, std::vector<ConlluSentence>* out,
                      std::vector<Reject>* rejects) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(ReadWholeFile(path, &bytes));
  ParseConllu(bytes, path, out, rejects);
  return Status::Ok();
}

Status ReadTreebankSplit(const std::string& dir, std::string_view split,
                         std::vector<ConlluSentence>* out, std::vector<Reject>* rejects) {
  const std::string list = dir + "/file-lists/files." + std::string(split);
  std::string bytes;
  Status st = ReadWholeFile(list, &bytes);
  if (!st.ok()) {
    return Status::NotFound(list + ": cannot read the file list of split '" + std::string(split) +
                            "'; --treebank must be a UD source folder with file-lists/ and "
                            "sources/ (e.g. ../shared/data/ud/en_ewt)");
  }
  std::istringstream lines(bytes);
  std::string entry;
  size_t files = 0;
  while (std::getline(lines, entry)) {
    while (!entry.empty() && (entry.back() == '\r' || entry.back() == ' ')) entry.pop_back();
    if (entry.empty() || entry[0] == '#') continue;
    const std::string path = dir + "/sources/" + entry;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Status::NotFound(path + ": listed in " + list + " but missing; re-fetch the treebank");
    }
    DYAD_RETURN_IF_ERROR(ReadConlluFile(path, out, rejects));
    ++files;
  }
  if (files == 0) return Status::NotFound(list + ": lists no files");
  return Status::Ok();
}

Status ReadConlluInput(const std::string& spec, std::vector<ConlluSentence>* out,
                       std::vector<Reject>* rejects) {
  namespace fs = std::filesystem;
  std::error_code ec;
  size_t colon = spec.rfind(':');
  if (colon != std::string::npos && !fs::exists(spec, ec)) {
    std::string dir = spec.substr(0, colon);
    std::string split = spec.substr(colon + 1);
    if (fs::is_directory(dir, ec)) return ReadTreebankSplit(dir, split, out, rejects);
  }
  if (fs::is_regular_file(spec, ec)) return ReadConlluFile(spec, out, rejects);
  if (fs::is_directory(spec, ec)) {
    std::vector<std::string> files;
    for (fs::recursive_directory_iterator it(spec, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".conllu") {
        files.push_back(it->path().string());
      }
    }
    if (ec) return Status::IOError(spec + ": cannot list folder: " + ec.message());
    std::sort(files.begin(), files.end());
    if (files.empty()) return Status::NotFound(spec + ": no *.conllu files in this folder");
    for (const auto& f : files) DYAD_RETURN_IF_ERROR(ReadConlluFile(f, out, rejects));
    return Status::Ok();
  }
  return Status::NotFound(spec +
                          ": no such file or folder (give a .conllu file, a folder, or "
                          "TREEBANK_DIR:split such as ../shared/data/ud/en_ewt:test)");
}

void AppendConllu(const ConlluSentence& s, std::string* out) {
  for (const auto& c : s.comments) {
    out->push_back('#');
    out->append(c);
    out->push_back('\n');
  }
  size_t mw = 0;
  for (const auto& w : s.words) {
    while (mw < s.multiwords.size() && s.multiwords[mw].first == w.id) {
      const auto& m = s.multiwords[mw++];
      out->append(std::to_string(m.first) + "-" + std::to_string(m.last) + "\t");
      AppendField(m.form, out);
      out->append("\t_\t_\t_\t_\t_\t_\t_\t");
      AppendField(m.misc, out);
      out->push_back('\n');
    }
    out->append(std::to_string(w.id));
    out->push_back('\t');
    AppendField(w.form, out);
    out->push_back('\t');
    AppendField(w.lemma, out);
    out->push_back('\t');
    AppendField(w.upos, out);
    out->push_back('\t');
    AppendField(w.xpos, out);
    out->push_back('\t');
    AppendField(w.feats, out);
    out->push_back('\t');
    if (w.head < 0) {
      out->push_back('_');
    } else {
      out->append(std::to_string(w.head));
    }
    out->push_back('\t');
    AppendField(w.deprel, out);
    out->push_back('\t');
    AppendField(w.deps, out);
    out->push_back('\t');
    AppendField(w.misc, out);
    out->push_back('\n');
  }
  out->push_back('\n');
}

}  // namespace dyad
