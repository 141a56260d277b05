#include "dyad/default_dictionary.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "dyad/codebook.h"
#include "dyad/dictionary.h"
#include "dyad/dyad_format.h"

namespace dyad {
namespace {

class DefaultDictionaryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    warnings_ = new std::vector<DictWarning>;
    auto d = LoadDefaultDictionary({}, warnings_);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dict_ = new std::shared_ptr<const Dictionary>(*d);
  }
  static void TearDownTestSuite() {
    delete dict_;
    delete warnings_;
  }
  const Dictionary& dict() { return **dict_; }

  // The actor code the dictionary gives `text` (whole text must be one phrase).
  std::string Actor(std::string_view text) {
    std::vector<std::string> lower;
    std::istringstream in{std::string(text)};
    for (std::string w; in >> w;) {
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      lower.push_back(w);
    }
    std::vector<std::string_view> words(lower.begin(), lower.end());
    std::vector<PhraseMatch> m;
    dict().FindPhrases(PhraseKind::kActor, words, {}, &m);
    for (const PhraseMatch& x : m) {
      if (x.begin == 0 && x.end == words.size()) {
        return std::string(dict().ResolveActorCode(x.entries, Date::Day(2024, 6, 1)));
      }
    }
    return "";
  }
  // Composes "<actor words> <agent words>" the way the coder does.
  std::string ActorWithAgent(std::string_view actor, std::string_view agent) {
    std::string code = Actor(actor);
    std::vector<std::string> lower;
    std::istringstream in{std::string(agent)};
    for (std::string w; in >> w;) lower.push_back(w);
    std::vector<std::string_view> words(lower.begin(), lower.end());
    std::vector<PhraseMatch> m;
    dict().FindPhrases(PhraseKind::kAgent, words, {}, &m);
    for (const PhraseMatch& x : m) {
      if (x.begin == 0 && x.end == words.size()) {
        return ComposeAgentCode(code, dict().agents()[x.entries[0]]);
      }
    }
    return "no agent";
  }

  static std::shared_ptr<const Dictionary>* dict_;
  static std::vector<DictWarning>* warnings_;
};
std::shared_ptr<const Dictionary>* DefaultDictionaryTest::dict_ = nullptr;
std::vector<DictWarning>* DefaultDictionaryTest::warnings_ = nullptr;

TEST_F(DefaultDictionaryTest, LoadsWithoutWarnings) {
  std::string all;
  for (const auto& w : *warnings_) all += w.ToString() + "\n";
  EXPECT_TRUE(warnings_->empty()) << all;
  EXPECT_GT(dict().actors().size(), 249u + 249u);
  EXPECT_GT(dict().agents().size(), 300u);
  EXPECT_GT(dict().verbs().size(), 700u);
}

TEST_F(DefaultDictionaryTest, EmbeddedFilesAreTheRepositoryFiles) {
  ASSERT_GE(DefaultDictionaryFiles().size(), 5u);
  bool has_root = false;
  for (const EmbeddedDictFile& f : DefaultDictionaryFiles()) {
    has_root |= f.path == kDefaultDictionaryRoot;
    const std::string path = std::string(DYAD_SOURCE_DIR) + "/" + std::string(f.path);
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << "missing " << path;
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(ss.str(), f.text) << path << " differs from the embedded copy; rebuild";
  }
  EXPECT_TRUE(has_root);
}

TEST_F(DefaultDictionaryTest, IsoCountriesAreLoaded) {
  std::set<std::string> iso_codes;
  for (const ActorEntry& a : dict().actors()) {
    if (dict().file(a.where.file).rfind("iso-codes:", 0) == 0) iso_codes.insert(a.codes[0].code);
  }
  EXPECT_EQ(iso_codes.size(), 249u);
  EXPECT_EQ(Actor("Republic of Korea"), "KOR");
  EXPECT_EQ(Actor("Russian Federation"), "RUS");
  EXPECT_EQ(Actor("Türkiye"), "TUR");
}

TEST_F(DefaultDictionaryTest, DemonymsMetonymsAndNamesResolve) {
  EXPECT_EQ(Actor("Iranian"), "IRN");
  EXPECT_EQ(Actor("Turkish"), "TUR");
  EXPECT_EQ(Actor("Emirati"), "ARE");
  EXPECT_EQ(Actor("Saudi"), "SAU");
  EXPECT_EQ(Actor("Ankara"), "TUR");
  EXPECT_EQ(Actor("the Kremlin"), "RUSGOV");
  EXPECT_EQ(Actor("Kremlin"), "RUSGOV");
  EXPECT_EQ(Actor("Foggy Bottom"), "USAGOV");
  EXPECT_EQ(Actor("Downing Street"), "GBRGOV");
  EXPECT_EQ(Actor("White House"), "USAGOV");
  EXPECT_EQ(Actor("Zhongnanhai"), "CHNGOV");
  EXPECT_EQ(Actor("Knesset"), "ISRLEG");
  EXPECT_EQ(Actor("Duma"), "RUSLEG");
  EXPECT_EQ(Actor("élysée"), "FRAGOV");  // words as the text stage gives them: lower case
  EXPECT_EQ(Actor("Britain"), "GBR");
  EXPECT_EQ(Actor("U.S."), "USA");
  EXPECT_EQ(Actor("North Korea"), "PRK");
  EXPECT_EQ(Actor("Ivory Coast"), "CIV");
  EXPECT_EQ(Actor("Burma"), "MMR");
  EXPECT_EQ(Actor("Latin America"), "LAM");
  EXPECT_EQ(Actor("us"), "");
}

TEST_F(DefaultDictionaryTest, InternationalOrganisations) {
  EXPECT_EQ(Actor("United Nations"), "IGOUNO");
  EXPECT_EQ(Actor("UNHCR"), "IGOUNOREFHCR");
  EXPECT_EQ(Actor("Security Council"), "IGOUNO");
  EXPECT_EQ(Actor("European Union"), "IGOEEC");
  EXPECT_EQ(Actor("NATO"), "IGONAT");
  EXPECT_EQ(Actor("IAEA"), "IGOUNOIAE");
  EXPECT_EQ(Actor("Amnesty International"), "NGOHRIAMN");
  EXPECT_EQ(Actor("Red Cross"), "NGOHLHIRC");
  EXPECT_EQ(Actor("International Criminal Court"), "IGOICC");
  EXPECT_EQ(Actor("World Bank"), "IGOUNOWBK");
  EXPECT_EQ(Actor("peacekeepers"), "IGOPKO");
}

TEST_F(DefaultDictionaryTest, AgentsComposeWithCountries) {
  EXPECT_EQ(ActorWithAgent("Turkish", "parliament speaker"), "TURLEG");
  EXPECT_EQ(ActorWithAgent("French", "ambassador"), "FRAGOV");
  EXPECT_EQ(ActorWithAgent("Iranian", "foreign minister"), "IRNGOV");
  EXPECT_EQ(ActorWithAgent("Israeli", "defense minister"), "ISRGOVMIL");
  EXPECT_EQ(ActorWithAgent("Russian", "troops"), "RUSMIL");
  EXPECT_EQ(ActorWithAgent("Egyptian", "police"), "EGYCOP");
  EXPECT_EQ(ActorWithAgent("Syrian", "rebels"), "SYRREB");
  EXPECT_EQ(ActorWithAgent("Kenyan", "protesters"), "KENOPP");
  EXPECT_EQ(ActorWithAgent("Pakistani", "judge"), "PAKJUD");
  EXPECT_EQ(ActorWithAgent("American", "aid group"), "NGOUSA");
  // Plurals come from the generated forms even without a lemmatizer.
  EXPECT_EQ(ActorWithAgent("Iraqi", "policemen"), "IRQCOP");
  EXPECT_EQ(ActorWithAgent("Chinese", "foreign ministers"), "CHNGOV");
}

// Every code of the codebook is reached by some verb, pattern or block, and
// every code the default uses is a codebook code.
TEST_F(DefaultDictionaryTest, CoversEveryCodebookCode) {
  std::set<std::string> used;
  std::vector<std::string> unknown;
  auto note = [&](const EventCodeSpec& c, const SourceRef& where) {
    if (c.kind != EventCodeSpec::Kind::kEvent) return;
    for (const std::string* s : {&c.first, &c.second}) {
      if (s->empty()) continue;
      used.insert(*s);
      if (!FindCameoEventCode(*s)) unknown.push_back(*s + " at " + dict().Where(where));
    }
  };
  for (const VerbBlock& b : dict().verb_blocks())
    if (!b.verbs.empty()) note(b.code, b.where);
  for (const VerbEntry& v : dict().verbs()) note(v.code, v.where);
  for (const Pattern& p : dict().patterns()) note(p.code, p.where);
  EXPECT_TRUE(unknown.empty()) << unknown.size()
                               << " codes not in the codebook, first: " << unknown[0];
  std::vector<std::string> missing;
  for (const CameoEventCode& c : CameoEventCodes()) {
    if (c.level() == 2) continue;  // roots are reached through their "x0" codes
    if (!used.count(std::string(c.code))) missing.push_back(std::string(c.code));
  }
  std::string list;
  for (const auto& m : missing) list += m + " ";
  EXPECT_TRUE(missing.empty()) << missing.size() << " codes no verb or pattern reaches: " << list;
}

TEST_F(DefaultDictionaryTest, VerbsResolve) {
  auto code_of = [&](std::string_view word, std::string_view lemma) {
    std::vector<VerbHit> hits;
    dict().FindVerbs(word, lemma, &hits);
    std::set<std::string> codes;
    for (const VerbHit& h : hits) {
      const VerbEntry& v = dict().verbs()[h.verb];
      if (v.forms[h.form].words.words.size() == 1) codes.insert(v.code.ToString());
    }
    return codes;
  };
  EXPECT_EQ(code_of("visited", "visit"), (std::set<std::string>{"[042:043]"}));
  EXPECT_EQ(code_of("hosted", "host"), (std::set<std::string>{"[043:042]"}));
  EXPECT_EQ(code_of("met", "meet"), (std::set<std::string>{"[040]"}));
  EXPECT_EQ(code_of("signed", "sign"), (std::set<std::string>{"[057]"}));
  EXPECT_EQ(code_of("threatened", "threaten"), (std::set<std::string>{"[130]"}));
  EXPECT_EQ(code_of("sanctioned", "sanction"), (std::set<std::string>{"[163]"}));
  EXPECT_EQ(code_of("expelled", "expel"), (std::set<std::string>{"[166]"}));
  EXPECT_EQ(code_of("killed", "kill"), (std::set<std::string>{"[190]"}));
  EXPECT_EQ(code_of("arrested", "arrest"), (std::set<std::string>{"[173]"}));
  EXPECT_EQ(code_of("criticised", "criticise"), (std::set<std::string>{"[111]"}));
}

}  // namespace
}  // namespace dyad
