#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/default_dictionary.h"

namespace dyad {
namespace {

std::shared_ptr<const Dictionary> DefaultDict() {
  static std::shared_ptr<const Dictionary> dict = [] {
    std::vector<DictWarning> w;
    auto d = LoadDefaultDictionary({}, &w);
    EXPECT_TRUE(d.ok()) << d.status().message();
    return d.ok() ? *d : nullptr;
  }();
  return dict;
}

Sentence OneSentence(const std::string& text) {
  Sentence all = Tokenize(text);  // owns its tokens' bytes
  all.begin = 0;
  all.text = text;
  all.end = static_cast<uint32_t>(text.size());
  return all;
}

// "name => code (pattern)" for each induced actor.
std::vector<std::string> Induce(const std::string& text) {
  RoleInducer inducer(DefaultDict());
  std::vector<std::string> out;
  for (const InducedActor& a : inducer.Induce(OneSentence(text), Date::Day(2023, 5, 1)))
    out.push_back(a.name + " => " + a.code +
                  (a.dictionary_code.empty() ? "" : " dict " + a.dictionary_code));
  return out;
}

using V = std::vector<std::string>;

TEST(RoleInducerTest, CountryRoleName) {
  EXPECT_EQ(Induce("Chinese Ambassador to Iran Cong Peiwu met officials in Tehran."),
            V{"Cong Peiwu => CHNGOV"});
  EXPECT_EQ(Induce("Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Moscow."),
            V{"Hossein Amir-Abdollahian => IRNGOV"});
}

TEST(RoleInducerTest, PossessiveCountryRoleName) {
  EXPECT_EQ(Induce("Iraq's Parliament Speaker Mohammed al-Halbousi visited Ankara on Monday."),
            V{"Mohammed al-Halbousi => IRQLEG"});
}

TEST(RoleInducerTest, PossessiveRoleCommaName) {
  EXPECT_EQ(Induce("Russia's defence chief, Sergei Shoigu, visited Damascus."),
            V{"Sergei Shoigu => RUSMIL"});
}

TEST(RoleInducerTest, RoleNameOfCountry) {
  EXPECT_EQ(Induce("Foreign Minister Wang Yi of China said the talks would continue."),
            V{"Wang Yi => CHNGOV"});
}

TEST(RoleInducerTest, NameCommaAideToPrincipal) {
  EXPECT_EQ(Induce("Ali Bagheri, a senior aide to Iranian President Ebrahim Raisi, said talks "
                   "would resume."),
            (V{"Ali Bagheri => IRNGOV", "Ebrahim Raisi => IRNGOV"}));
}

TEST(RoleInducerTest, NameCommaCountryRole) {
  EXPECT_EQ(Induce("Ali Bagheri, Iran's chief negotiator, left Vienna."),
            V{"Ali Bagheri => IRNGOV"});
}

TEST(RoleInducerTest, AideToKnownLearnedPerson) {
  InMemoryActorRegistry reg;
  ActorRecord r;
  r.id = LearnedActorId("Ebrahim Raisi");
  r.name = "Ebrahim Raisi";
  r.codes.push_back({"IRNGOV", Date(), Date()});
  r.spellings = {"Ebrahim Raisi"};
  ASSERT_TRUE(reg.Put(r).ok());
  RoleInducer inducer(DefaultDict());
  auto got = inducer.Induce(OneSentence("Mohammad Jamshidi, an aide to Ibrahim Raisi, wrote on "
                                        "Twitter."),
                            Date(), &reg);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].name, "Mohammad Jamshidi");
  EXPECT_EQ(got[0].code, "IRNGOV");
  EXPECT_EQ(got[0].pattern, "name-comma-aide-to-principal");
}

TEST(RoleInducerTest, NoNameNoActor) {
  EXPECT_EQ(Induce("The Chinese ambassador said on Monday that talks would resume."), V{});
  EXPECT_EQ(Induce("Iranian officials met in Tehran."), V{});
  EXPECT_EQ(Induce("the French president said nothing."), V{});
}

TEST(RoleInducerTest, SpansCoverRoleAndName) {
  RoleInducer inducer(DefaultDict());
  Sentence s = OneSentence("Iraq's Parliament Speaker Mohammed al-Halbousi visited Ankara.");
  auto got = inducer.Induce(s, Date());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].span_first, 0u);  // "Iraq"
  EXPECT_EQ(s.tokens[got[0].first_token].text, "Mohammed");
  EXPECT_EQ(got[0].last_token, got[0].span_last);
  EXPECT_EQ(got[0].role, "Parliament Speaker");
}

}  // namespace
}  // namespace dyad
