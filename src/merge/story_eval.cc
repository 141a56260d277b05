// Reading the AllSides same-story corpus for the story-clustering evaluation.
#include <simdjson.h>

#include <fstream>
#include <string>

#include "dyad/story.h"

namespace dyad {
namespace {

// The string field `key` of `obj`, or "" when absent or not a string.
std::string StringField(simdjson::ondemand::object obj, std::string_view key) {
  std::string_view v;
  if (obj[key].get_string().get(v)) return "";
  return std::string(v);
}

}  // namespace

Result<LabeledStories> ReadAllsidesStories(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::NotFound("cannot open " + path +
                            "; pass the AllSides headline_*_crawled_all.jsonl file");
  LabeledStories out;
  simdjson::ondemand::parser parser;
  std::string line;
  int64_t line_no = 0;
  uint32_t story = 0;
  auto reject = [&](std::string what, bool fatal) {
    out.rejects.push_back({SourceLocation{path, line_no}, std::move(what), fatal});
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object root;
    if (parser.iterate(padded).get(doc) || doc.get_object().get(root)) {
      reject("not a JSON object; line skipped", true);
      continue;
    }
    std::string date_text = StringField(root, "date");
    Date date;
    if (auto d = Date::Parse(date_text.substr(0, 10)))
      date = *d;
    else
      reject("story date \"" + date_text + "\" not YYYY-MM-DD...; articles kept undated", false);
    simdjson::ondemand::object news;
    if (root["news"].get_object().get(news)) {
      reject("no \"news\" object; line skipped", true);
      continue;
    }
    size_t kept = 0;
    for (auto field : news) {
      std::string_view side;
      simdjson::ondemand::object report;
      if (field.unescaped_key().get(side) || field.value().get_object().get(report)) {
        reject("a \"news\" entry is not an object; entry skipped", false);
        continue;
      }
      Article a;
      a.outlet = StringField(report, "newsSource");
      a.title = StringField(report, "newsTitle");
      a.url = StringField(report, "newsLink");
      simdjson::ondemand::array body;
      if (!report["newBody"].get_array().get(body)) {
        for (auto para : body) {
          std::string_view p;
          if (para.get_string().get(p)) continue;
          if (!a.text.empty()) a.text += "\n";
          a.text += p;
        }
      }
      if (a.title.empty() && a.text.empty()) {
        reject("outlet report \"" + std::string(side) + "\" has no title or body; entry skipped",
               false);
        continue;
      }
      a.published = date;
      a.id = std::to_string(line_no) + ":" + std::string(side);
      a.source = SourceLocation{path, line_no};
      out.articles.push_back(std::move(a));
      out.gold_story.push_back(story);
      ++kept;
    }
    if (kept == 0) {
      reject("story has no usable outlet report; line skipped", true);
      continue;
    }
    ++story;
  }
  return out;
}

}  // namespace dyad
