#include <gtest/gtest.h>

#include "dyad/ingest.h"
#include "ingest/test_util.h"

namespace dyad {
namespace {

using testing::Collected;

Collected ParseJsonl(const std::string& bytes, const ReadOptions& o = {}) {
  Collected c;
  ParseJsonlStream(bytes, SourceLocation{"in.jsonl", 0}, o, c.Visitor());
  return c;
}

TEST(JsonlReader, BrokenLineAmongGoodOnesKeepsTheOthers) {
  Collected c = ParseJsonl(
      "{\"id\": \"a\", \"text\": \"One.\"}\n"
      "{\"id\": \"b\", \"text\": \"Two.\"\n"  // missing brace
      "\n"                                    // blank line: ignored
      "{\"id\": \"c\", \"text\": \"Three.\"}\r\n"
      "not json at all\n"
      "{\"id\": \"d\", \"text\": \"Four.\"}");  // no final newline
  ASSERT_EQ(c.articles.size(), 3u) << c.RejectText();
  EXPECT_EQ(c.articles[0].id, "a");
  EXPECT_EQ(c.articles[1].id, "c");
  EXPECT_EQ(c.articles[1].source.line, 4);
  EXPECT_EQ(c.articles[2].id, "d");
  EXPECT_EQ(c.articles[2].source.ToString(), "in.jsonl:6");
  ASSERT_EQ(c.rejects.size(), 2u);
  EXPECT_TRUE(c.rejects[0].fatal);
  EXPECT_EQ(c.rejects[0].where.ToString(), "in.jsonl:2");
  EXPECT_EQ(c.rejects[0].what.substr(0, 14), "invalid JSON (");
  EXPECT_EQ(c.rejects[0].what.substr(c.rejects[0].what.size() - 15), "); line skipped");
  EXPECT_EQ(c.rejects[1].where.ToString(), "in.jsonl:5");
}

TEST(JsonlReader, FieldsAndFallbacks) {
  Collected c = ParseJsonl(
      "{\"doc_id\": 1234567890123, \"headline\": \" Deal  signed \", \"body\": \"Text.\","
      " \"published_at\": \"2021-10-18T16:15:00-07:00\", \"source\": {\"id\": \"x\", \"name\": "
      "\"Example News\"}, \"authors\": [\"A. One\", \"B. Two\"], \"link\": \"http://e.x/1\"}\n");
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  const Article& a = c.articles[0];
  EXPECT_EQ(a.id, "1234567890123");
  EXPECT_EQ(a.title, "Deal signed");
  EXPECT_EQ(a.text, "Text.");
  EXPECT_EQ(a.published, Date::Day(2021, 10, 18));
  EXPECT_EQ(a.outlet, "Example News");
  EXPECT_EQ(a.byline, "A. One, B. Two");
  EXPECT_EQ(a.url, "http://e.x/1");
}

TEST(JsonlReader, ReutersDateAndDateline) {
  Collected c = ParseJsonl(
      "{\"id\": \"r1\", \"dir_date\": \"20120101\", \"date\": \"Sat Dec 31, 2011 10:07pm EST\","
      " \"text\": \"BEIJING  (Reuters) - Factories grew.\"}\n"
      "{\"id\": \"r2\", \"date\": \"\", \"dir_date\": \"20120102\", \"text\": \"x\"}\n");
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].published, Date::Day(2011, 12, 31));
  EXPECT_EQ(c.articles[0].dateline, "BEIJING");
  EXPECT_EQ(c.articles[0].outlet, "Reuters");
  EXPECT_EQ(c.articles[1].published, Date::Day(2012, 1, 2));  // empty "date": next field
}

TEST(JsonlReader, TextArrayIsJoinedWithBlankLines) {
  Collected c = ParseJsonl("{\"text\": [\"First para.\", \"\", \"Second para.\"]}\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "First para.\n\nSecond para.");
  EXPECT_EQ(c.articles[0].id, "in.jsonl:1");  // no id field: path:line
}

TEST(JsonlReader, MissingTextIsFatalReject) {
  Collected c =
      ParseJsonl("{\"id\": \"a\", \"text\": \"\"}\n{\"id\": \"b\", \"title\": \"T\"}\n[1]\n");
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 3u);
  EXPECT_EQ(c.rejects[0].ToString(),
            "in.jsonl:1: no article text: none of the fields text, body, content, article, story "
            "holds a non-empty string (set --text-field); record skipped");
  EXPECT_EQ(c.rejects[1].where.line, 2);
  EXPECT_EQ(c.rejects[2].ToString(),
            "in.jsonl:3: expected a JSON object with the article's fields; record skipped");
}

TEST(JsonlReader, CustomFieldNames) {
  ReadOptions o;
  o.text_fields = {"lead"};
  o.id_fields = {"story_id"};
  Collected c =
      ParseJsonl("{\"story_id\": \"s9\", \"text\": \"ignored\", \"lead\": \"Used.\"}\n", o);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].id, "s9");
  EXPECT_EQ(c.articles[0].text, "Used.");
}

TEST(JsonlReader, UnparsedDateIsAWarning) {
  Collected c = ParseJsonl("{\"text\": \"x\", \"date\": \"last week\"}\n");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_FALSE(c.articles[0].published.known());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_FALSE(c.rejects[0].fatal);
  EXPECT_EQ(c.rejects[0].what,
            "date 'last week' in field \"date\" not understood; publication date left unknown, "
            "article kept");
}

TEST(JsonlReader, InvalidUtf8InALineIsRepaired) {
  Collected c = ParseJsonl("{\"text\": \"ok\"}\n{\"text\": \"bad \xC0 byte\"}\n");
  ASSERT_EQ(c.articles.size(), 2u) << c.RejectText();
  EXPECT_EQ(c.articles[1].text, "bad \xEF\xBF\xBD byte");
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].ToString(),
            "in.jsonl:2: invalid UTF-8 at byte offset 14 of the line (1 bad sequence); replaced "
            "with U+FFFD, article kept");
}

TEST(JsonlReader, TopLevelArray) {
  Collected c = ParseJsonl("[\n {\"text\": \"a\"},\n {\"text\": \"b\", \"id\": 7}\n]\n");
  ASSERT_EQ(c.articles.size(), 2u) << c.RejectText();
  EXPECT_EQ(c.articles[0].id, "in.jsonl:1");
  EXPECT_EQ(c.articles[1].id, "7");
}

TEST(JsonlReader, EmptyAndBinary) {
  Collected e = ParseJsonl("");
  ASSERT_EQ(e.rejects.size(), 1u);
  EXPECT_EQ(e.rejects[0].ToString(), "in.jsonl: empty file; skipped");
  static const char kNul[] = "{\"text\": \"a\0b\"}\n";
  Collected b = ParseJsonl(std::string(kNul, sizeof kNul - 1));
  ASSERT_EQ(b.rejects.size(), 1u);
  EXPECT_EQ(b.rejects[0].what, "binary file, not text; skipped");
  EXPECT_TRUE(b.articles.empty());
}

TEST(JsonlReader, FiftyMegabyteLine) {
  std::string body;
  body.reserve(50u << 20);
  while (body.size() < (50u << 20)) body += "The minister visited the capital. ";
  std::string bytes = "{\"id\": \"small\", \"text\": \"x\"}\n{\"id\": \"big\", \"text\": \"" +
                      body + "\"}\n{\"id\": \"after\", \"text\": \"y\"}\n";
  testing::TempDir t;
  const std::string path = t.Write("big.jsonl", bytes);
  Collected c;
  ASSERT_TRUE(ReadInputs({path}, {}, c.Visitor()).ok());
  ASSERT_EQ(c.articles.size(), 3u) << c.RejectText();
  EXPECT_EQ(c.articles[1].id, "big");
  EXPECT_EQ(c.articles[1].text.size(), body.size());
  // The same line over a lower limit is a reject naming its line; the rest is kept.
  ReadOptions small;
  small.max_article_bytes = 1u << 20;
  Collected d;
  ASSERT_TRUE(ReadInputs({path}, small, d.Visitor()).ok());
  ASSERT_EQ(d.articles.size(), 2u);
  EXPECT_EQ(d.articles[1].id, "after");
  ASSERT_EQ(d.rejects.size(), 1u);
  EXPECT_EQ(d.rejects[0].ToString(),
            path + ":2: line longer than 1048576 bytes (max_article_bytes); line skipped");
}

}  // namespace
}  // namespace dyad
