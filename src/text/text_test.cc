#include "dyad/text.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

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

// Token strings are views into the store the Sentences share: they must stay
// valid after the AnalyzedText that made them is moved, copied or destroyed
// (ASan checks the reads in the sanitize build).
TEST(AnalyzeText, TokensOutliveMovesAndCopies) {
  Article a;
  a.text = "Protesters FLED the capital. Police said nothing.";
  std::vector<Sentence> kept;
  {
    AnalyzedText t = AnalyzeText(a);
    ASSERT_EQ(t.sentences.size(), 2u);
    kept.push_back(t.sentences[0]);             // a copy
    kept.push_back(std::move(t.sentences[1]));  // a move
  }
  a.text.assign(a.text.size(), 'x');  // the article's bytes are not used either
  kept.reserve(100);                  // the vector of Sentences moves
  ASSERT_EQ(kept[0].tokens.size(), 5u);
  EXPECT_EQ(kept[0].tokens[0].text, "Protesters");
  EXPECT_EQ(kept[0].tokens[0].lower, "protesters");
  EXPECT_EQ(kept[0].tokens[0].lemma, "protester");
  EXPECT_EQ(kept[0].tokens[1].text, "FLED");
  EXPECT_EQ(kept[0].tokens[1].lower, "fled");
  EXPECT_EQ(kept[0].tokens[1].lemma, "flee");
  EXPECT_EQ(kept[1].tokens[1].lemma, "say");
  EXPECT_EQ(kept[0].store, kept[1].store);  // one store per article
}

TEST(AnalyzeText, LemmasShareTheBytesOfTheirForms) {
  Article a;
  a.text = "the talks Talks said";
  AnalyzedText t = AnalyzeText(a);
  ASSERT_EQ(t.sentences.size(), 1u);
  const std::vector<Token>& k = t.sentences[0].tokens;
  ASSERT_EQ(k.size(), 4u);
  // "the": its own lemma, the same bytes as its lowercase.
  EXPECT_EQ(k[0].lemma, "the");
  EXPECT_EQ(k[0].lemma.data(), k[0].lower.data());
  // "talks" -> "talk": a prefix of the lowercase, no copy.
  EXPECT_EQ(k[1].lemma, "talk");
  EXPECT_EQ(k[1].lemma.data(), k[1].lower.data());
  EXPECT_EQ(k[2].lower, "talks");
  EXPECT_EQ(k[2].lemma, "talk");
  EXPECT_EQ(k[2].lemma.data(), k[2].lower.data());
  // "said" -> "say" is a copy.
  EXPECT_EQ(k[3].lemma, "say");
  EXPECT_NE(k[3].lemma.data(), k[3].lower.data());
}

TEST(Sentence, AddTokenCopiesItsStrings) {
  Sentence s;
  {
    std::string word = "Attacked";
    std::string lower = "attacked";
    s.AddToken(word, lower, "attack");
    s.AddToken(std::string("the"));  // a temporary: copied, so it cannot dangle
    word.assign("XXXXXXXX");
    lower.assign("xxxxxxxx");
  }
  Sentence copy = s;
  s = Sentence();  // the copy keeps the store alive
  ASSERT_EQ(copy.tokens.size(), 2u);
  EXPECT_EQ(copy.tokens[0].text, "Attacked");
  EXPECT_EQ(copy.tokens[0].lower, "attacked");
  EXPECT_EQ(copy.tokens[0].lemma, "attack");
  EXPECT_EQ(copy.tokens[0].kind, TokenKind::kWord);
  EXPECT_EQ(copy.tokens[1].text, "the");
  EXPECT_EQ(copy.tokens[1].lower.data(), copy.tokens[1].text.data());
  EXPECT_EQ(copy.tokens[1].lemma.data(), copy.tokens[1].text.data());
  copy.tokens[1].lemma = copy.Own(std::string("THE"));
  EXPECT_EQ(copy.tokens[1].lemma, "THE");
}

TEST(TokenStore, ViewsSurviveNewBlocks) {
  TokenStore store(8);
  std::vector<std::string_view> views;
  std::vector<std::string> want;
  for (int i = 0; i < 2000; ++i) {
    want.push_back(std::string(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26)));
    views.push_back(store.Copy(want.back()));
  }
  for (size_t i = 0; i < want.size(); ++i) ASSERT_EQ(views[i], want[i]) << i;
  EXPECT_GE(store.capacity(), 2000u * 17);
}

TEST(Tokenize, ResultOwnsItsBytes) {
  Sentence s;
  {
    std::string text = "Officials Said";
    s = Tokenize(text, 10);
    text.assign(text.size(), '#');
  }
  ASSERT_EQ(s.tokens.size(), 2u);
  EXPECT_EQ(s.tokens[1].text, "Said");
  EXPECT_EQ(s.tokens[1].lemma, "say");
  EXPECT_EQ(s.tokens[1].begin, 20u);
  EXPECT_EQ(s.text, "Officials Said");
  EXPECT_EQ(s.begin, 10u);
  EXPECT_EQ(s.end, 24u);
}

}  // namespace
}  // namespace dyad
