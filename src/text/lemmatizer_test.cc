#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "dyad/text.h"

namespace dyad {
namespace {

// form -> expected lemma. Irregular verbs and nouns, regular rules, and words
// the rules must leave alone.
const std::vector<std::pair<std::string, std::string>> kCases = {
    // Irregular verbs.
    {"said", "say"},
    {"met", "meet"},
    {"went", "go"},
    {"began", "begin"},
    {"fled", "flee"},
    {"sought", "seek"},
    {"struck", "strike"},
    {"held", "hold"},
    {"led", "lead"},
    {"won", "win"},
    {"fought", "fight"},
    {"took", "take"},
    {"gave", "give"},
    {"told", "tell"},
    {"brought", "bring"},
    {"thought", "think"},
    {"made", "make"},
    {"came", "come"},
    {"spoke", "speak"},
    {"spoken", "speak"},
    {"threw", "throw"},
    {"shot", "shoot"},
    {"killed", "kill"},
    {"arrested", "arrest"},
    {"wounded", "wound"},
    {"seized", "seize"},
    {"stole", "steal"},
    {"forgave", "forgive"},
    {"withdrew", "withdraw"},
    {"was", "be"},
    {"were", "be"},
    {"is", "be"},
    {"has", "have"},
    {"had", "have"},
    {"did", "do"},
    {"does", "do"},
    {"n't", "not"},
    // Regular verbs.
    {"accused", "accuse"},
    {"attacked", "attack"},
    {"planned", "plan"},
    {"stopped", "stop"},
    {"hoping", "hope"},
    {"hoped", "hope"},
    {"meeting", "meet"},
    {"criticized", "criticize"},
    {"denies", "deny"},
    {"denied", "deny"},
    {"urges", "urge"},
    {"signing", "sign"},
    {"agreed", "agree"},
    {"visited", "visit"},
    {"talks", "talk"},
    {"says", "say"},
    {"threatens", "threaten"},
    {"bombing", "bomb"},
    {"singing", "sing"},
    // Irregular and regular nouns.
    {"men", "man"},
    {"women", "woman"},
    {"children", "child"},
    {"people", "people"},
    {"countries", "country"},
    {"crises", "crisis"},
    {"policemen", "policeman"},
    {"leaders", "leader"},
    {"troops", "troop"},
    {"buses", "bus"},
    {"churches", "church"},
    {"taxes", "tax"},
    {"glasses", "glass"},
    {"cease-fires", "cease-fire"},
    {"mice", "mouse"},
    {"feet", "foot"},
    {"wolves", "wolf"},
    {"analyses", "analysis"},
    // Words the rules must not touch.
    {"news", "news"},
    {"bus", "bus"},
    {"this", "this"},
    {"its", "its"},
    {"us", "us"},
    {"series", "series"},
    {"species", "species"},
    {"analysis", "analysis"},
    {"paris", "paris"},
    {"moscow", "moscow"},
    {"texas", "texas"},
    {"athens", "athens"},
    {"politics", "politics"},
    {"media", "media"},
    {"data", "data"},
    {"during", "during"},
    {"morning", "morning"},
    {"always", "always"},
    {"perhaps", "perhaps"},
    {"gas", "gas"},
    {"need", "need"},
    {"hundred", "hundred"},
    {"thing", "thing"},
    {"wales", "wales"},
    {"omen", "omen"},
    {"al-sadr", "al-sadr"},
    {"amir-abdollahian", "amir-abdollahian"},
    {"2019", "2019"},
    {"i\u0307stanbul", "i\u0307stanbul"},
    {"\u043C\u043E\u0441\u043A\u0432\u0430", "\u043C\u043E\u0441\u043A\u0432\u0430"},
    {"", ""},
};

TEST(Lemmatize, TableOfCases) {
  ASSERT_GE(kCases.size(), 60u);
  for (const auto& [form, lemma] : kCases) {
    EXPECT_EQ(Lemmatize(form), lemma) << "form: " << form;
  }
}

}  // namespace
}  // namespace dyad
