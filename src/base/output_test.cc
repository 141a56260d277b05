#include "dyad/output.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dyad {
namespace {

std::string Write(OutputFormat f) {
  std::ostringstream os;
  TableWriter w(&os, f, {"id", "text", "n"});
  w.Add("a1").Add("say \"hi\",\tthen\nleave").Add(int64_t{3});
  w.EndRow();
  return os.str();
}

TEST(TableWriter, Tsv) { EXPECT_EQ(Write(OutputFormat::kTsv), "id\ttext\tn\na1\tsay \"hi\", then leave\t3\n"); }

TEST(TableWriter, Csv) {
  EXPECT_EQ(Write(OutputFormat::kCsv), "id,text,n\na1,\"say \"\"hi\"\",\tthen\nleave\",3\n");
}

TEST(TableWriter, Jsonl) {
  EXPECT_EQ(Write(OutputFormat::kJsonl), "{\"id\":\"a1\",\"text\":\"say \\\"hi\\\",\\tthen\\nleave\",\"n\":3}\n");
}

TEST(Json, InvalidUtf8Repaired) {
  std::string out;
  AppendJsonString("a\xff" "b\xC3\xA9\x01", &out);
  EXPECT_EQ(out, "\"a\xEF\xBF\xBD" "b\xC3\xA9\\u0001\"");
}

TEST(OutputFormat, Parse) {
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_FALSE(ParseOutputFormat("xml").ok());
}

}  // namespace
}  // namespace dyad
