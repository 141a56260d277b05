#include "dyad/countries.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace dyad {
namespace {

std::string ReadRepoFile(const std::string& rel) {
  const std::string path = std::string(DYAD_SOURCE_DIR) + "/" + rel;
  std::ifstream in(path);
  EXPECT_TRUE(in) << "missing " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Countries, LoadsEveryIsoRow) {
  auto iso = LoadIsoCountries();
  ASSERT_TRUE(iso.ok()) << iso.status().ToString();
  EXPECT_EQ(iso->size(), 249u);
  auto table = CountryTable::Load();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (const char* code : {"TUR", "RUS", "IRN", "USA", "GBR", "CHN", "SSD", "PSE"}) {
    EXPECT_NE(table->FindIso(code), nullptr) << code;
  }
  EXPECT_EQ(table->FindIso("TUR")->alpha2, "TR");
  EXPECT_EQ(table->FindIso("XYZ"), nullptr);
}

TEST(Countries, MissingIsoFileIsNamed) {
  auto iso = LoadIsoCountries("/nonexistent/iso_3166-1.json");
  ASSERT_FALSE(iso.ok());
  EXPECT_EQ(iso.status().code(), StatusCode::kNotFound);
  EXPECT_NE(iso.status().message().find("/nonexistent/iso_3166-1.json"), std::string::npos);
  EXPECT_NE(iso.status().message().find("iso-codes"), std::string::npos);
}

TEST(Countries, IsoNameVariants) {
  IsoCountry kor{"KOR", "KR", "Korea, Republic of", "", "South Korea"};
  std::vector<std::string> v = IsoNameVariants(kor);
  EXPECT_EQ(v, (std::vector<std::string>{"Republic of Korea", "Korea", "South Korea"}));
  IsoCountry cod{"COD", "CD", "Congo, The Democratic Republic of the", "", ""};
  EXPECT_EQ(IsoNameVariants(cod)[0], "The Democratic Republic of the Congo");
  IsoCountry vir{"VIR", "VI", "Virgin Islands, U.S.", "Virgin Islands of the United States", ""};
  EXPECT_EQ(IsoNameVariants(vir)[0], "U.S. Virgin Islands");
  IsoCountry vat{"VAT", "VA", "Holy See (Vatican City State)", "", ""};
  EXPECT_EQ(IsoNameVariants(vat), (std::vector<std::string>{"Holy See", "Vatican City State"}));
  IsoCountry maf{"MAF", "MF", "Saint Martin (French part)", "", ""};
  EXPECT_EQ(IsoNameVariants(maf), (std::vector<std::string>{"Saint Martin"}));
}

TEST(Countries, RowParseAndFormat) {
  auto row = ParseCountryRow(
      "TUR  name: Turkey | Türkiye ; adj: Turkish | Turk ; capital: Ankara ; "
      "leg: Grand  National Assembly");
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  EXPECT_EQ(row->code, "TUR");
  EXPECT_EQ(row->names, (std::vector<std::string>{"Turkey", "Türkiye"}));
  EXPECT_EQ(row->adjectives, (std::vector<std::string>{"Turkish", "Turk"}));
  EXPECT_EQ(row->leg, (std::vector<std::string>{"Grand National Assembly"}));
  EXPECT_EQ(FormatCountryRow(*row),
            "TUR  name: Turkey | Türkiye ; adj: Turkish | Turk ; capital: Ankara ; "
            "leg: Grand National Assembly");
  EXPECT_FALSE(ParseCountryRow("tur adj: Turkish").ok());
  EXPECT_FALSE(ParseCountryRow("TUR").ok());
  auto bad = ParseCountryRow("TUR demonym: Turkish");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown field 'demonym:'"), std::string::npos);
  EXPECT_FALSE(ParseCountryRow("TUR adj: Turkish | ").ok());
}

TEST(Countries, LegacyCameoCodes) {
  EXPECT_EQ(LegacyCameoCountryCode("ROU"), "ROM");
  EXPECT_EQ(LegacyCameoCountryCode("MNE"), "MTN");
  EXPECT_EQ(LegacyCameoCountryCode("TLS"), "TMP");
  EXPECT_EQ(LegacyCameoCountryCode("IMN"), "IMY");
  EXPECT_EQ(LegacyCameoCountryCode("TUR"), "TUR");
}

// Our table (data/dict/countries.dyad) on top of iso-codes.
class CountryTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = CountryTable::Load();
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    table_ = std::move(*t);
    table_.AddRowsFromText("data/dict/countries.dyad", ReadRepoFile("data/dict/countries.dyad"),
                           &warnings_);
  }
  CountryTable table_;
  std::vector<std::string> warnings_;
};

TEST_F(CountryTableTest, EveryIsoCountryHasARowWithAdjectiveOrCapital) {
  EXPECT_TRUE(warnings_.empty()) << warnings_[0];
  EXPECT_EQ(table_.rows().size(), 249u);
  for (const IsoCountry& c : table_.iso()) {
    const CountryRow* row = table_.FindRow(c.alpha3);
    ASSERT_NE(row, nullptr) << c.alpha3 << " (" << c.name << ") has no row in countries.dyad";
    EXPECT_FALSE(row->adjectives.empty() && row->capitals.empty() && row->names.empty())
        << c.alpha3;
  }
  int with_adj = 0, with_capital = 0;
  for (const CountryRow& r : table_.rows()) {
    with_adj += !r.adjectives.empty();
    with_capital += !r.capitals.empty();
  }
  // Uninhabited territories have neither; everything else has both.
  EXPECT_GE(with_adj, 240);
  EXPECT_GE(with_capital, 240);
}

TEST_F(CountryTableTest, DemonymsMetonymsAndAlternativeNamesResolve) {
  const std::pair<const char*, const char*> cases[] = {
      {"Iranian", "IRN"},
      {"Russian", "RUS"},
      {"Turkish", "TUR"},
      {"Emirati", "ARE"},
      {"Saudi", "SAU"},
      {"Ankara", "TUR"},
      {"Moscow", "RUS"},
      {"the Kremlin", "RUSGOV"},
      {"Kremlin", "RUSGOV"},
      {"Élysée", "FRAGOV"},
      {"Elysee", "FRAGOV"},
      {"Foggy Bottom", "USAGOV"},
      {"Whitehall", "GBRGOV"},
      {"Downing Street", "GBRGOV"},
      {"the White House", "USAGOV"},
      {"Zhongnanhai", "CHNGOV"},
      {"the Knesset", "ISRLEG"},
      {"the Duma", "RUSLEG"},
      {"Britain", "GBR"},
      {"UK", "GBR"},
      {"U.S.", "USA"},
      {"America", "USA"},
      {"South Korea", "KOR"},
      {"North Korea", "PRK"},
      {"Iran", "IRN"},
      {"Russia", "RUS"},
      {"Syria", "SYR"},
      {"Türkiye", "TUR"},
      {"TÜRKIYE", "TUR"},
      {"Ivory Coast", "CIV"},
      {"Burma", "MMR"},
      {"Czechia", "CZE"},
      {"Czech Republic", "CZE"},
      {"Republic of Korea", "KOR"},
      {"Islamic Republic of Iran", "IRN"},
      {"the Pentagon", "USAMIL"},
      {"Vietnam", "VNM"},
      {"Viet Nam", "VNM"},
  };
  for (const auto& [phrase, code] : cases) EXPECT_EQ(table_.Resolve(phrase), code) << phrase;
  EXPECT_EQ(table_.Resolve("Atlantis"), "");
  // Deliberately absent (too ambiguous): the pronoun "us".
  EXPECT_EQ(table_.Resolve("US"), "");
}

TEST(Countries, BadRowsWarnWithFileAndLine) {
  CountryTable t;
  std::vector<std::string> w;
  t.AddRowsFromText("x.dyad", "[countries]\nTUR adj: Turkish\nxx adj: Foo\n[actors]\nignored\n",
                    &w);
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].rfind("x.dyad:3: ", 0), 0u) << w[0];
  EXPECT_NE(w[0].find("row skipped"), std::string::npos);
  EXPECT_EQ(t.Resolve("turkish"), "TUR");
}

}  // namespace
}  // namespace dyad
