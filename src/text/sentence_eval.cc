#include "text/sentence_eval.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <unordered_set>

namespace dyad::text {
namespace {

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open; check the path (is ../shared present?)");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::vector<GoldDocument>> ParseConlluDocuments(std::string_view conllu,
                                                       std::string_view source) {
  std::vector<GoldDocument> docs;
  bool pending_par = false;  // "# newpar" seen for the coming sentence
  bool have_text = false;    // the current sentence had "# text ="
  bool in_sentence = false;
  bool last_space_after = true;  // SpaceAfter of the previous sentence's last token
  bool last_token_space = true;
  int64_t line_no = 0;
  int64_t sentence_line = 0;
  std::string text_line;

  auto finish_sentence = [&]() -> Status {
    if (!in_sentence) return Status::Ok();
    in_sentence = false;
    if (!have_text) {
      return Status::Corruption(std::string(source) + ":" + std::to_string(sentence_line) +
                                ": sentence without a '# text =' line; cannot rebuild the text");
    }
    if (docs.empty()) docs.emplace_back();
    GoldDocument& d = docs.back();
    if (!d.sentence_ends.empty()) {
      if (pending_par) {
        d.paragraph_final.back() = true;
        d.text += "\n\n";
      } else if (last_space_after) {
        d.text += ' ';
      }
    }
    d.text += text_line;
    d.sentence_ends.push_back(static_cast<uint32_t>(d.text.size()));
    d.paragraph_final.push_back(false);
    pending_par = false;
    have_text = false;
    last_space_after = last_token_space;
    return Status::Ok();
  };

  size_t pos = 0;
  while (pos < conllu.size()) {
    size_t nl = conllu.find('\n', pos);
    if (nl == std::string_view::npos) nl = conllu.size();
    std::string_view line = conllu.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = nl + 1;
    ++line_no;
    if (line.empty()) {
      DYAD_RETURN_IF_ERROR(finish_sentence());
      continue;
    }
    if (line[0] == '#') {
      if (!in_sentence) {
        in_sentence = true;
        sentence_line = line_no;
      }
      if (StartsWith(line, "# newdoc")) {
        if (!docs.empty() && !docs.back().paragraph_final.empty()) {
          docs.back().paragraph_final.back() = true;
        }
        docs.emplace_back();
        const size_t eq = line.find('=');
        if (eq != std::string_view::npos) docs.back().id = std::string(Trim(line.substr(eq + 1)));
        pending_par = false;
      } else if (StartsWith(line, "# newpar")) {
        pending_par = true;
      } else if (StartsWith(line, "# text =")) {
        text_line = std::string(Trim(line.substr(8)));
        have_text = true;
      }
      continue;
    }
    if (!in_sentence) {
      in_sentence = true;
      sentence_line = line_no;
    }
    // Token line: the MISC column (10th) may hold SpaceAfter=No.
    size_t tab = 0, col = 0, start = 0;
    std::string_view id, misc;
    while (col < 10) {
      tab = line.find('\t', start);
      std::string_view field =
          line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
      if (col == 0) id = field;
      if (col == 9) misc = field;
      ++col;
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    if (id.find('.') != std::string_view::npos) continue;  // empty nodes
    last_token_space = misc.find("SpaceAfter=No") == std::string_view::npos;
  }
  DYAD_RETURN_IF_ERROR(finish_sentence());
  if (!docs.empty() && !docs.back().paragraph_final.empty()) {
    docs.back().paragraph_final.back() = true;
  }
  docs.erase(std::remove_if(docs.begin(), docs.end(),
                            [](const GoldDocument& d) { return d.sentence_ends.empty(); }),
             docs.end());
  return docs;
}

Result<std::vector<GoldDocument>> LoadConlluDocuments(const std::string& root,
                                                      const std::string& list_path) {
  DYAD_ASSIGN_OR_RETURN(std::string list, ReadWholeFile(list_path));
  std::vector<GoldDocument> all;
  std::istringstream lines(list);
  std::string rel;
  while (std::getline(lines, rel)) {
    const std::string_view r = Trim(rel);
    if (r.empty()) continue;
    const std::string path = root + "/" + std::string(r);
    DYAD_ASSIGN_OR_RETURN(std::string content, ReadWholeFile(path));
    DYAD_ASSIGN_OR_RETURN(std::vector<GoldDocument> docs, ParseConlluDocuments(content, path));
    for (auto& d : docs) all.push_back(std::move(d));
  }
  return all;
}

SentenceEval EvaluateSentenceSplitting(const std::vector<GoldDocument>& docs,
                                       const TextOptions& options) {
  SentenceEval eval;
  for (const GoldDocument& d : docs) {
    ++eval.documents;
    std::unordered_set<uint32_t> gold(d.sentence_ends.begin(), d.sentence_ends.end());
    std::unordered_set<uint32_t> paragraph_ends;
    for (size_t k = 0; k < d.sentence_ends.size(); ++k) {
      if (d.paragraph_final[k]) paragraph_ends.insert(d.sentence_ends[k]);
    }
    eval.all.gold += gold.size();
    eval.inside_paragraphs.gold += gold.size() - paragraph_ends.size();
    for (const Sentence& s : SplitSentences(d.text, options)) {
      const bool at_paragraph_end = paragraph_ends.count(s.end) > 0;
      const bool hit = gold.count(s.end) > 0;
      ++eval.all.predicted;
      eval.all.correct += hit;
      if (!at_paragraph_end) {
        ++eval.inside_paragraphs.predicted;
        eval.inside_paragraphs.correct += hit;
      }
    }
  }
  return eval;
}

}  // namespace dyad::text
