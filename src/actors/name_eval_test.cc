// Pair precision and recall of the name matcher on the OFAC SDN list in
// ../shared. Floors are the measured values rounded down to two decimals
// (docs/name-matching.md); a change that lowers them fails here.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "dyad/name_match.h"

namespace dyad {
namespace {

std::string OfacDir() { return std::string(DYAD_SHARED_DIR) + "/data/names/ofac_sdn_aliases_2022"; }

bool HaveOfac(const std::string& dir) {
  return std::filesystem::exists(dir + "/sdn.csv") && std::filesystem::exists(dir + "/alt.csv");
}

TEST(OfacEval, IndividualsPrecisionAndRecall) {
  const std::string dir = OfacDir();
  ASSERT_TRUE(HaveOfac(dir)) << "missing OFAC data: " << dir
                             << "/sdn.csv and alt.csv (the shared reference folder)";
  auto report = EvaluateOfacAliases(dir);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::printf("OFAC individuals:\n%s", report->Summary().c_str());
  for (const auto& fp : report->false_positives) std::printf("  false positive: %s\n", fp.c_str());

  // The data is fixed: the pair counts are exact.
  EXPECT_EQ(report->entries, 4643u);
  EXPECT_EQ(report->names, 11163u);
  EXPECT_EQ(report->positives, 22052u);
  EXPECT_EQ(report->random_negatives, 20000u);
  EXPECT_EQ(report->rejected_lines, 0u);
  EXPECT_GT(report->hard_negatives, 200000u);

  EXPECT_GE(report->PrecisionHard(), 0.98);
  EXPECT_GE(report->PrecisionRandom(), 0.99);
  EXPECT_GE(report->Recall(), 0.30);
  EXPECT_GE(report->RecallSharing(), 0.38);
}

TEST(OfacEval, EntitiesBaseline) {
  const std::string dir = OfacDir();
  ASSERT_TRUE(HaveOfac(dir)) << "missing OFAC data: " << dir << "/sdn.csv and alt.csv";
  NameEvalOptions options;
  options.kind = NameKind::kOrganization;
  auto report = EvaluateOfacAliases(dir, options);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::printf("OFAC entities:\n%s", report->Summary().c_str());
  EXPECT_EQ(report->entries, 3701u);
  // Entities are a baseline, not tuned: OFAC lists many related companies
  // under the same or nearly the same name (see docs/name-matching.md).
  EXPECT_GE(report->Recall(), 0.09);
  EXPECT_GE(report->PrecisionHard(), 0.50);
  EXPECT_GE(report->PrecisionRandom(), 0.99);
}

std::string WikidataFile(const char* name) {
  return std::string(DYAD_SHARED_DIR) + "/data/names/wikidata_name_transliteration/" + name;
}

TEST(WikidataEval, RussianTokens) {
  const std::string path = WikidataFile("wd_russian_20");
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing Wikidata transliterations: " << path;
  auto report = EvaluateTransliterations(path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::printf("Wikidata English-Russian tokens:\n%s", report->Summary().c_str());
  EXPECT_EQ(report->pairs + report->rejected_lines, 32927u);
  EXPECT_GE(report->RecallAlone(), 0.55);
  EXPECT_GE(report->RecallInName(), 0.70);
  EXPECT_GE(report->PrecisionAlone(), 0.99);
  EXPECT_GE(report->PrecisionInName(), 0.99);
  EXPECT_GE(report->PrecisionHardAlone(), 0.96);
  EXPECT_GE(report->PrecisionHardInName(), 0.94);
}

TEST(WikidataEval, ArabicTokens) {
  const std::string path = WikidataFile("wd_arabic_20");
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing Wikidata transliterations: " << path;
  auto report = EvaluateTransliterations(path);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  std::printf("Wikidata English-Arabic tokens:\n%s", report->Summary().c_str());
  EXPECT_EQ(report->pairs + report->rejected_lines, 12994u);
  // ICU's Arabic romanization writes no short vowels ("krzwyl"): weak recall.
  EXPECT_GE(report->RecallAlone(), 0.20);
  EXPECT_GE(report->RecallInName(), 0.49);
  EXPECT_GE(report->PrecisionAlone(), 0.99);
  EXPECT_GE(report->PrecisionHardAlone(), 0.97);
  EXPECT_GE(report->PrecisionHardInName(), 0.96);
}

TEST(WikidataEval, MissingFileIsNotFound) {
  auto report = EvaluateTransliterations("/nonexistent/wd_russian_20");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
}

TEST(OfacEval, MissingFolderIsNotFound) {
  auto report = EvaluateOfacAliases("/nonexistent/dyad-ofac");
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
  EXPECT_NE(report.status().message().find("/nonexistent/dyad-ofac/sdn.csv"), std::string::npos);
}

TEST(OfacEval, MalformedLinesAreCountedAndSkipped) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("dyad_name_eval_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream sdn(dir / "sdn.csv");
    sdn << "1,\"AL-ASSAD, Bashar\",individual,SYRIA\n"
        << "2,\"AL-ASSAD, Maher\",individual,SYRIA\n"
        << "3,\"UNTERMINATED, quote,individual\n"
        << "4,ACME TRADING LTD.,-0- ,X\n";
    std::ofstream alt(dir / "alt.csv");
    alt << "1,10,aka,\"ASSAD, Bashar\",-0- \n"
        << "2,11,aka,\"AL-ASAD, Maher\",-0- \n"
        << "too,few\n";
  }
  auto report = EvaluateOfacAliases(dir.string());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->entries, 2u);
  EXPECT_EQ(report->names, 4u);
  EXPECT_EQ(report->positives, 2u);
  EXPECT_EQ(report->true_positives, 2u);
  EXPECT_EQ(report->rejected_lines, 2u);
  ASSERT_EQ(report->warnings.size(), 2u);
  EXPECT_NE(report->warnings[0].find("sdn.csv:3:"), std::string::npos) << report->warnings[0];
  EXPECT_NE(report->warnings[1].find("alt.csv:3:"), std::string::npos) << report->warnings[1];
  // Bashar vs Maher share the family-name key: a hard negative, judged different.
  EXPECT_GE(report->hard_negatives, 1u);
  EXPECT_EQ(report->hard_false_positives, 0u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dyad
