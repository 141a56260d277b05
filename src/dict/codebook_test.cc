#include "dyad/codebook.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace dyad {
namespace {

TEST(Codebook, LookupKeepsLeadingZeros) {
  const CameoEventCode* c = FindCameoEventCode("010");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->goldstein, 0.0);
  EXPECT_EQ(c->root(), "01");
  EXPECT_EQ(FindCameoEventCode("10")->name, "DEMAND");
  EXPECT_EQ(FindCameoEventCode("0211")->root(), "02");
  EXPECT_EQ(FindCameoEventCode("0211")->level(), 4);
  EXPECT_EQ(FindCameoEventCode("057")->goldstein, 8.0);
  EXPECT_EQ(FindCameoEventCode("195")->quad_class, QuadClass::kMaterialConflict);
  EXPECT_EQ(FindCameoEventCode("042")->quad_class, QuadClass::kVerbalCooperation);
  EXPECT_EQ(FindCameoEventCode("0871")->quad_class, QuadClass::kMaterialCooperation);
  EXPECT_EQ(FindCameoEventCode("1246")->quad_class, QuadClass::kVerbalConflict);
  EXPECT_EQ(FindCameoEventCode("091")->quad_class, QuadClass::kMaterialCooperation);
  EXPECT_EQ(FindCameoEventCode("1411")->quad_class, QuadClass::kVerbalConflict);
  EXPECT_EQ(FindCameoEventCode("10"), FindCameoEventCode("10"));
  EXPECT_EQ(FindCameoEventCode("211"), nullptr);
  EXPECT_EQ(FindCameoEventCode("0"), nullptr);
  EXPECT_EQ(FindCameoEventCode(""), nullptr);
  EXPECT_EQ(FindCameoEventCode("21"), nullptr);
}

TEST(Codebook, Derivations) {
  EXPECT_EQ(CameoRootCode("0211"), "02");
  EXPECT_EQ(CameoRootCode("1384"), "13");
  EXPECT_EQ(CameoRootCode("1"), "");
  EXPECT_EQ(CameoRootCode("x12"), "");
  EXPECT_EQ(CameoParentCode("0211"), "021");
  EXPECT_EQ(CameoParentCode("021"), "02");
  EXPECT_EQ(CameoParentCode("02"), "");
  EXPECT_EQ(QuadClassOfRoot("05"), 1);
  EXPECT_EQ(QuadClassOfRoot("06"), 2);
  EXPECT_EQ(QuadClassOfRoot("09"), 2);  // GDELT puts INVESTIGATE with material cooperation
  EXPECT_EQ(QuadClassOfRoot("13"), 3);
  EXPECT_EQ(QuadClassOfRoot("14"), 3);  // ... and PROTEST with verbal conflict
  EXPECT_EQ(QuadClassOfRoot("15"), 4);
  EXPECT_EQ(QuadClassOfRoot("20"), 4);
  EXPECT_EQ(QuadClassOfRoot("09", QuadClassConvention::kIcews), 3);
  EXPECT_EQ(QuadClassOfRoot("14", QuadClassConvention::kIcews), 4);
  EXPECT_EQ(QuadClassOfRoot("08", QuadClassConvention::kIcews), 2);
  EXPECT_EQ(QuadClassOfRoot("21"), 0);
  EXPECT_EQ(QuadClassOfRoot("00"), 0);
}

TEST(Codebook, OrderedUniqueAndComplete) {
  auto codes = CameoEventCodes();
  ASSERT_GT(codes.size(), 280u);
  std::set<std::string_view> roots;
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i) {
      EXPECT_LT(codes[i - 1].code, codes[i].code) << "out of order at " << codes[i].code;
    }
    const auto& c = codes[i];
    EXPECT_GE(c.goldstein, -10.0);
    EXPECT_LE(c.goldstein, 10.0);
    EXPECT_FALSE(c.name.empty());
    EXPECT_EQ(static_cast<int>(c.quad_class), QuadClassOfRoot(c.root()));
    if (c.level() == 2) roots.insert(c.code);
    // Every code's parent is in the table too.
    if (c.level() > 2) {
      EXPECT_NE(FindCameoEventCode(CameoParentCode(c.code)), nullptr) << c.code;
    }
    EXPECT_EQ(FindCameoEventCode(c.code), &c);
  }
  EXPECT_EQ(roots.size(), 20u);
}

// Our table against the shared reference (code, name, goldstein, quadclass).
TEST(Codebook, MatchesSharedReferenceTable) {
  const std::filesystem::path path =
      std::filesystem::path(DYAD_SHARED_DIR) / "data/codebook/cameo_event_codes.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing reference file " << path
                  << " (set -DDYAD_SHARED_DIR to the shared/ folder)";
  std::string line;
  std::getline(in, line);
  ASSERT_EQ(line.rfind("code\t", 0), 0u) << path << ": unexpected header: " << line;
  std::set<std::string> seen;
  int rows = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string code, name, goldstein, quad;
    std::getline(fields, code, '\t');
    std::getline(fields, name, '\t');
    std::getline(fields, goldstein, '\t');
    std::getline(fields, quad, '\t');
    ++rows;
    seen.insert(code);
    const CameoEventCode* ours = FindCameoEventCode(code);
    if (ours == nullptr) {
      ADD_FAILURE() << path << ": code " << code << " (" << name << ") missing from our table";
      continue;
    }
    EXPECT_DOUBLE_EQ(ours->goldstein, std::stod(goldstein)) << "Goldstein of " << code;
    EXPECT_EQ(static_cast<int>(ours->quad_class), std::stoi(quad)) << "QuadClass of " << code;
  }
  EXPECT_GT(rows, 280);
  for (const auto& c : CameoEventCodes())
    EXPECT_TRUE(seen.count(std::string(c.code))) << c.code << " is not in " << path;
}

}  // namespace
}  // namespace dyad
