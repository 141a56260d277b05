#include "dyad/name_match.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace dyad {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Texts(const NormalizedName& n) {
  std::vector<std::string> out;
  for (const auto& t : n.tokens()) out.push_back(t.text);
  return out;
}

NameComparison Compare(std::string_view a, std::string_view b) {
  return CompareNames(NormalizeName(a), NormalizeName(b));
}

// ---------------------------------------------------------------------------
// Folding

TEST(FoldNameText, StripsDiacriticsAndApostrophesAndCase) {
  EXPECT_EQ(FoldNameText("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
  EXPECT_EQ(FoldNameText("José  Martí"), "jose marti");
  EXPECT_EQ(FoldNameText("Sa'id ʿAbd al-Raḥmān"), "said abd al-rahman");
  EXPECT_EQ(FoldNameText("Mu’ammar"), "muammar");
  EXPECT_EQ(FoldNameText("Łukasz Søren"), "lukasz soren");
  EXPECT_EQ(FoldNameText("STRAUß"), "strauss");
}

TEST(FoldNameText, KeepsCommasAndInnerHyphensOnly) {
  EXPECT_EQ(FoldNameText("AL-ASSAD, Bashar"), "al-assad, bashar");
  EXPECT_EQ(FoldNameText(" - Kim  -  Jong-Un - "), "kim jong-un");
  EXPECT_EQ(FoldNameText("Dr. J. (Jack) Smith"), "dr j jack smith");
  EXPECT_EQ(FoldNameText("Ho–Kyu"), "ho-kyu");  // en dash
}

TEST(FoldNameText, RomanizesOtherScripts) {
  EXPECT_EQ(FoldNameText("Евгений Пригожин"), "yevgeniy prigozhin");
  EXPECT_EQ(FoldNameText("Владимир Путин"), "vladimir putin");
  // Arabic goes through ICU's generic romanization: not news spelling, but
  // Latin letters that the keys can work with.
  const std::string arabic = FoldNameText("محمد");
  EXPECT_FALSE(arabic.empty());
  EXPECT_TRUE(std::all_of(arabic.begin(), arabic.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == ' ';
  })) << arabic;
}

TEST(FoldNameText, InvalidUtf8IsReplacedNotTrusted) {
  const std::string bad = std::string("Put\xff\xfein") + "\xc3";
  const std::string folded = FoldNameText(bad);
  EXPECT_EQ(folded, "put in");
  EXPECT_TRUE(NormalizeName(std::string("\x80\x80")).empty());
}

// ---------------------------------------------------------------------------
// Phonetic keys

TEST(PhoneticKey, MergesRomanizationVariants) {
  const std::vector<std::vector<std::string>> groups = {
      {"mohammed", "muhammad", "mohamed", "mohamad", "muhammed", "mohammad"},
      {"hussein", "husayn", "hossein", "husain", "hussain", "husein"},
      {"yevgeny", "evgeniy", "evgeni", "yevgeni", "evgeny"},
      {"qasem", "ghasem", "kasem", "qassem", "ghassem"},
      {"muqtada", "moqtada"},
      {"gaddafi", "gadafi"},
      {"haniyeh", "haniya", "haniyah", "hanieh", "haniyyah"},
      {"sergei", "sergey"},
      {"dmitry", "dmitriy", "dmitri"},
      {"zawahiri", "zawahiry"},
      {"philip", "filip"},
      {"schmidt", "shmidt"},
      {"abdulrahman", "abdelrahman", "abdurrahman", "abdalrahman", "abdrahman"},
      {"nasrallah", "nasrullah"},
      {"abdullah", "abdallah", "abdollah"},
      {"tsvetkov", "zvetkov"},
      {"dzhokhar", "jokhar", "djokhar"},
      {"yusuf", "yousouf", "yusoof"},
  };
  for (const auto& g : groups) {
    const std::string key = PhoneticKey(g[0]);
    for (const auto& w : g) EXPECT_EQ(PhoneticKey(w), key) << g[0] << " vs " << w;
  }
}

TEST(PhoneticKey, KeepsDifferentNamesApart) {
  EXPECT_NE(PhoneticKey("hassan"), PhoneticKey("hussein"));
  EXPECT_NE(PhoneticKey("mohammed"), PhoneticKey("mahmoud"));
  EXPECT_NE(PhoneticKey("bashar"), PhoneticKey("bashir"));
  EXPECT_NE(PhoneticKey("omar"), PhoneticKey("amir"));
  EXPECT_NE(PhoneticKey("ali"), PhoneticKey("alia"));
}

TEST(PhoneticKey, IsTotalOnOddInput) {
  EXPECT_EQ(PhoneticKey(""), "");
  EXPECT_EQ(PhoneticKey("h"), "h");
  EXPECT_EQ(PhoneticKey("yyyy"), "i");
  EXPECT_EQ(PhoneticKey("1990"), "190");  // doubled symbols collapse, digits too
}

// ---------------------------------------------------------------------------
// Edit distance against a slow, obviously correct reference.

int ReferenceOsa(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

TEST(BoundedEditDistance, KnownValues) {
  EXPECT_EQ(BoundedEditDistance("macron", "macron", 2), 0);
  EXPECT_EQ(BoundedEditDistance("emmanuel", "emanuel", 2), 1);
  EXPECT_EQ(BoundedEditDistance("macron", "macorn", 2), 1);  // transposition
  EXPECT_EQ(BoundedEditDistance("putin", "biden", 2), 3);    // capped: cap + 1
  EXPECT_EQ(BoundedEditDistance("", "abc", 5), 3);
  EXPECT_EQ(BoundedEditDistance("abcdef", "ab", 2), 3);
}

TEST(BoundedEditDistance, MatchesReferenceOnRandomStrings) {
  std::mt19937 rng(7);
  for (int iter = 0; iter < 3000; ++iter) {
    std::string a, b;
    const int la = static_cast<int>(rng() % 9), lb = static_cast<int>(rng() % 9);
    for (int i = 0; i < la; ++i) a.push_back(static_cast<char>('a' + rng() % 3));
    for (int i = 0; i < lb; ++i) b.push_back(static_cast<char>('a' + rng() % 3));
    const int cap = static_cast<int>(rng() % 5);
    const int want = std::min(ReferenceOsa(a, b), cap + 1);
    ASSERT_EQ(BoundedEditDistance(a, b, cap), want) << a << " / " << b << " cap " << cap;
  }
}

// ---------------------------------------------------------------------------
// Normalization

TEST(NormalizeName, InvertsCommaOrderAndDropsSuffixes) {
  EXPECT_THAT(Texts(NormalizeName("PRIGOZHIN, Yevgeniy Viktorovich")),
              ElementsAre("yevgeniy", "viktorovich", "prigozhin"));
  EXPECT_THAT(Texts(NormalizeName("MEZA, JR., Arturo")), ElementsAre("arturo", "meza"));
  NameOptions keep;
  keep.comma_inverts = false;
  EXPECT_THAT(Texts(NormalizeName("PRIGOZHIN, Yevgeniy", keep)),
              ElementsAre("prigozhin", "yevgeniy"));
}

TEST(NormalizeName, DropsParticlesAndTitles) {
  EXPECT_THAT(Texts(NormalizeName("Muqtada al-Sadr")), ElementsAre("muqtada", "sadr"));
  EXPECT_THAT(Texts(NormalizeName("Mohammed bin Salman")), ElementsAre("mohammed", "salman"));
  EXPECT_THAT(Texts(NormalizeName("Dr. Ayman al-Zawahiri")), ElementsAre("ayman", "zawahiri"));
  EXPECT_THAT(Texts(NormalizeName("Ursula von der Leyen")), ElementsAre("ursula", "leyen"));
  // A particle at the start is a name, not a particle.
  EXPECT_THAT(Texts(NormalizeName("Ben Wallace")), ElementsAre("ben", "wallace"));
  // A title after "Abd al-" is part of the name.
  EXPECT_THAT(Texts(NormalizeName("Ali Abd-al-Amir")), ElementsAre("ali", "abdamir"));
}

TEST(NormalizeName, FusesCompounds) {
  EXPECT_THAT(Texts(NormalizeName("Abd al-Rahman")), ElementsAre("abdrahman"));
  EXPECT_THAT(Texts(NormalizeName("Abu Bakr al-Baghdadi")), ElementsAre("abubakr", "baghdadi"));
  EXPECT_THAT(Texts(NormalizeName("Izz al-Din al-Qassam")), ElementsAre("izzdin", "qassam"));
  EXPECT_THAT(Texts(NormalizeName("Bashir-ud-Din Mahmood")), ElementsAre("bashirdin", "mahmood"));
  EXPECT_THAT(Texts(NormalizeName("Kim So'ng-hun")), ElementsAre("kim", "songhun"));
  EXPECT_EQ(NormalizeName("Abd al-Rahman").tokens()[0].key,
            NormalizeName("Abdulrahman").tokens()[0].key);
}

TEST(NormalizeName, OrganisationsDropLegalForms) {
  NameOptions org;
  org.kind = NameKind::kOrganization;
  EXPECT_THAT(Texts(NormalizeName("ANGLO-CARIBBEAN CO., LTD.", org)),
              ElementsAre("anglo", "caribbean"));
  const NormalizedName bank = NormalizeName("Bank Saderat Iran", org);
  ASSERT_EQ(bank.tokens().size(), 3u);
  EXPECT_TRUE(bank.tokens()[0].common);   // bank
  EXPECT_FALSE(bank.tokens()[1].common);  // saderat
}

TEST(NormalizeName, MarksCommonAndInitialTokens) {
  const NormalizedName n = NormalizeName("Mohammed K. Zarif");
  ASSERT_EQ(n.tokens().size(), 3u);
  EXPECT_TRUE(n.tokens()[0].common);
  EXPECT_TRUE(n.tokens()[1].initial);
  EXPECT_FALSE(n.tokens()[2].common);
  EXPECT_EQ(n.ToString(), "mohammed k zarif");
}

// ---------------------------------------------------------------------------
// Comparison: the task's examples and the guards.

TEST(CompareNames, TaskExamplesAreSame) {
  EXPECT_TRUE(SameName("Muqtada al-Sadr", "Moqtada Sadr"));
  EXPECT_TRUE(SameName("Muqtada al-Sadr", "Muqtada as-Sadr"));
  EXPECT_TRUE(SameName("Yevgeny Prigozhin", "Evgeniy Prigozhin"));
  EXPECT_TRUE(SameName("Mohammed bin Salman", "Muhammad ibn Salman"));
  EXPECT_TRUE(SameName("Emmanuel Macron", "Emanuel Macron"));
}

TEST(CompareNames, RelativesSharingAFamilyNameAreDifferent) {
  EXPECT_FALSE(SameName("Bashar al-Assad", "Hafez al-Assad"));
  EXPECT_FALSE(SameName("Bashar al-Assad", "Maher al-Assad"));
  const NameComparison son = Compare("Hafez al-Assad", "Bashar Hafez al-Assad");
  EXPECT_FALSE(son.same);
  EXPECT_EQ(son.reason, "given name mismatch");
  EXPECT_EQ(Compare("Bashar al-Assad", "Hafez al-Assad").reason, "unmatched token");
}

TEST(CompareNames, SharedCommonGivenNameIsNotEnough) {
  EXPECT_FALSE(SameName("Sergei Lavrov", "Sergei Shoigu"));
  EXPECT_FALSE(SameName("Ali Khamenei", "Ali Larijani"));
  const NameComparison c = Compare("Mohammed Kani", "Mohammad Nadeem Ghani");
  EXPECT_FALSE(c.same);
  EXPECT_EQ(c.reason, "common given name");
  // Common tokens only: every key must agree, and the lengths too.
  EXPECT_TRUE(SameName("Mohammed Ali", "Muhammad Ali"));
  EXPECT_FALSE(SameName("Mohammed Ali", "Mohammed Ali Khan"));
}

TEST(CompareNames, SingleTokenAgainstSeveralIsDifferent) {
  const NameComparison c = Compare("Sadr", "Muqtada al-Sadr");
  EXPECT_FALSE(c.same);
  EXPECT_EQ(c.reason, "single vs multi token");
  EXPECT_TRUE(SameName("Sadr", "Sadr"));
}

TEST(CompareNames, ShortNamesNeedEqualKeys) {
  EXPECT_FALSE(SameName("Kim Mun Chol", "Kim Min Chol"));
  EXPECT_FALSE(SameName("Li", "Le"));
  EXPECT_TRUE(SameName("Ali", "Aly"));
}

TEST(CompareNames, FamilyNameMustNotBeAdded) {
  const NameComparison c = Compare("Fuad Khalif", "Fuad Khalif Mohammed Hassan");
  EXPECT_FALSE(c.same);
  EXPECT_EQ(c.reason, "family name mismatch");
  // A dropped middle name is fine.
  EXPECT_TRUE(SameName("Bashar al-Assad", "Bashar Hafez al-Assad"));
  // So is a dropped patronymic, even with a common given name.
  EXPECT_TRUE(SameName("Yevgeny Prigozhin", "PRIGOZHIN, Yevgeniy Viktorovich"));
}

TEST(CompareNames, ReorderedNamesNeedDistinctiveTokens) {
  EXPECT_TRUE(SameName("Kim Jong Un", "KIM, Jong Un"));
  EXPECT_FALSE(SameName("Wali Mohammed", "Mohammed Wali"));
}

TEST(CompareNames, TyposWithinTheEditBudget) {
  EXPECT_TRUE(SameName("Volodymyr Zelensky", "Volodymyr Zelenskyy"));
  EXPECT_TRUE(SameName("Gulbuddin Hekmatyar", "Gulbuddin Hikmatyar"));
  EXPECT_TRUE(SameName("Angela Merkel", "Angela Merkell"));
  EXPECT_FALSE(SameName("Angela Merkel", "Angela Markov"));
}

TEST(CompareNames, InitialsMatchOnlyWithAFullFamilyName) {
  EXPECT_TRUE(SameName("Vladimir Putin", "V. Putin"));
  EXPECT_FALSE(SameName("Vladimir Putin", "W. Putin"));
}

TEST(CompareNames, ScoreIsBoundedAndSymmetric) {
  const std::vector<std::string> names = {"Muqtada al-Sadr",
                                          "Moqtada Sadr",
                                          "Bashar al-Assad",
                                          "Hafez al-Assad",
                                          "Kim Jong Un",
                                          "KIM, Jong Un",
                                          "Ali",
                                          "Mohammed Ali Khan",
                                          "",
                                          "V. Putin",
                                          "Vladimir Putin",
                                          "Abd al-Rahman Mustafa",
                                          "Abdulrahman Mustafa",
                                          "Wali Mohammed",
                                          "Mohammed Wali",
                                          "Sergei Lavrov"};
  for (const auto& x : names)
    for (const auto& y : names) {
      const NameComparison a = Compare(x, y), b = Compare(y, x);
      EXPECT_GE(a.score, 0.0);
      EXPECT_LE(a.score, 1.0);
      EXPECT_DOUBLE_EQ(a.score, b.score) << x << " / " << y;
      EXPECT_EQ(a.same, b.same) << x << " / " << y;
      EXPECT_EQ(a.same, a.score >= kSameNameThreshold);
    }
}

TEST(CompareNames, EmptyNamesAreNeverSame) {
  EXPECT_FALSE(SameName("", ""));
  EXPECT_FALSE(SameName("", "Putin"));
  EXPECT_EQ(Compare("---", "Putin").reason, "empty");
}

TEST(CompareNames, ThresholdIsTheCallersChoice) {
  const NormalizedName a = NormalizeName("Muqtada al-Sadr");
  const NormalizedName b = NormalizeName("Moqtada Sadr");
  const double s = NameSimilarity(a, b);
  EXPECT_GT(s, kSameNameThreshold);
  EXPECT_TRUE(SameName(a, b, s));
  EXPECT_FALSE(SameName(a, b, std::min(1.0, s + 0.01)));
}

// ---------------------------------------------------------------------------
// Golden pairs (src/actors/testdata/name_pairs.tsv).

TEST(GoldenPairs, DecisionsMatch) {
  const std::string path = std::string(DYAD_SOURCE_DIR) + "/src/actors/testdata/name_pairs.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::string line, input;
  std::vector<std::string> expected;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t t2 = line.rfind('\t');
    ASSERT_NE(t2, std::string::npos) << line;
    expected.push_back(line.substr(t2 + 1));
    input += line.substr(0, t2) + "\n";
  }
  ASSERT_GE(expected.size(), 80u);
  std::istringstream pairs(input);
  std::ostringstream out;
  std::vector<std::string> rejects;
  EXPECT_EQ(MatchNamePairs(pairs, out, "golden", {}, kSameNameThreshold, &rejects), 0u);
  std::istringstream result(out.str());
  size_t i = 0, wrong = 0;
  while (std::getline(result, line)) {
    ASSERT_LT(i, expected.size());
    const std::string decision = line.substr(line.rfind('\t') + 1);
    if (decision != expected[i]) {
      ++wrong;
      ADD_FAILURE() << "golden line " << i + 1 << ": " << line << " (expected " << expected[i]
                    << ")";
    }
    ++i;
  }
  EXPECT_EQ(i, expected.size());
  EXPECT_EQ(wrong, 0u);
}

// ---------------------------------------------------------------------------
// The pair-file engine behind `dyad names match`.

TEST(MatchNamePairs, WritesOneDecisionPerLineAndReportsBadLines) {
  std::istringstream in(
      "Muqtada al-Sadr\tMoqtada Sadr\n"
      "no tab here\n"
      "\n"
      "Bashar al-Assad\tHafez al-Assad\tnote ignored\r\n");
  std::ostringstream out;
  std::vector<std::string> rejects;
  EXPECT_EQ(MatchNamePairs(in, out, "<stdin>", {}, kSameNameThreshold, &rejects), 1u);
  EXPECT_EQ(out.str(),
            "Muqtada al-Sadr\tMoqtada Sadr\t0.975\tsame\n"
            "Bashar al-Assad\tHafez al-Assad\t0.485\tdifferent\n");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(rejects[0], "<stdin>:2: no TAB between the two names; line skipped");
}

}  // namespace
}  // namespace dyad
