#include "dyad/text.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad {
namespace {

TEST(AnalyzeText, DropsBoilerplateAndKeepsOffsets) {
  Article a;
  a.text =
      "KABUL (Reuters) - Taliban fighters attacked a police post on Monday, officials said.\n"
      "Share this article\n"
      "The attack killed three policemen. (Reporting by Jane Doe; Editing by John Roe)\n";
  AnalyzedText t = AnalyzeText(a);
  ASSERT_EQ(t.removed.size(), 2u);
  EXPECT_EQ(t.removed[0].reason, "share block");
  EXPECT_EQ(a.text.substr(t.removed[0].begin, t.removed[0].end - t.removed[0].begin),
            "Share this article");
  EXPECT_EQ(t.removed[1].reason, "reporting credit");
  ASSERT_EQ(t.sentences.size(), 2u);
  EXPECT_EQ(t.sentences[0].text,
            "KABUL (Reuters) - Taliban fighters attacked a police post on Monday, officials said.");
  EXPECT_EQ(t.sentences[1].text, "The attack killed three policemen.");
  const Sentence& s = t.sentences[1];
  EXPECT_EQ(a.text.substr(s.begin, s.end - s.begin), "The attack killed three policemen.");
  EXPECT_EQ(s.tokens[2].lemma, "kill");
  EXPECT_EQ(s.tokens[4].lemma, "policeman");
}

TEST(AnalyzeText, KeepBoilerplateOption) {
  Article a;
  a.text = "Fighting resumed.\nShare this article";
  TextOptions o;
  o.remove_boilerplate = false;
  AnalyzedText t = AnalyzeText(a, o);
  EXPECT_TRUE(t.removed.empty());
  ASSERT_EQ(t.sentences.size(), 2u);
  EXPECT_EQ(t.sentences[1].text, "Share this article");
}

TEST(AnalyzeText, LemmatizeOffLeavesLemmaEmpty) {
  Article a;
  a.text = "Troops fled.";
  TextOptions o;
  o.lemmatize = false;
  AnalyzedText t = AnalyzeText(a, o);
  ASSERT_EQ(t.sentences.size(), 1u);
  EXPECT_EQ(t.sentences[0].tokens[1].lower, "fled");
  EXPECT_EQ(t.sentences[0].tokens[1].lemma, "");
}

TEST(AnalyzeText, EveryTokenPointsAtItsOriginalBytes) {
  Article a;
  a.text =
      "\u201CWe\u2019ll fight,\u201D said Amir\u2011Abdollahian\u00A0in \u0130stanbul\u2026 "
      "Co\u00ADoperation ended.";
  AnalyzedText t = AnalyzeText(a);
  ASSERT_FALSE(t.sentences.empty());
  for (const Sentence& s : t.sentences) {
    for (const Token& tok : s.tokens) {
      ASSERT_LE(tok.begin, tok.end);
      ASSERT_LE(tok.end, a.text.size());
      EXPECT_GE(s.end, tok.end);
      EXPECT_LE(s.begin, tok.begin);
    }
  }
  const Token& istanbul = t.sentences[0].tokens[9];
  EXPECT_EQ(istanbul.text, "\u0130stanbul");
  EXPECT_EQ(a.text.substr(istanbul.begin, istanbul.end - istanbul.begin), "\u0130stanbul");
  const Token& coop = t.sentences.back().tokens[0];
  EXPECT_EQ(coop.text, "Cooperation");
  EXPECT_EQ(a.text.substr(coop.begin, coop.end - coop.begin), "Co\u00ADoperation");
}

}  // namespace
}  // namespace dyad
