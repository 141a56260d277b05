#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/text.h"
#include "text/normalize.h"

namespace dyad {
namespace {

std::vector<std::string> Texts(std::string_view s) {
  std::vector<std::string> out;
  const Sentence sent = Tokenize(s);
  for (const Token& t : sent.tokens) out.emplace_back(t.text);
  return out;
}
using V = std::vector<std::string>;

TEST(Tokenize, WordsWithHyphensAndApostrophes) {
  EXPECT_EQ(Texts("al-Sadr met Amir-Abdollahian and O'Brien"),
            (V{"al-Sadr", "met", "Amir-Abdollahian", "and", "O'Brien"}));
}

TEST(Tokenize, CliticsPtbStyle) {
  EXPECT_EQ(Texts("Iran's leaders don't agree, can't they?"),
            (V{"Iran", "'s", "leaders", "do", "n't", "agree", ",", "ca", "n't", "they", "?"}));
  EXPECT_EQ(Texts("We're sure they'll come; I'm not"),
            (V{"We", "'re", "sure", "they", "'ll", "come", ";", "I", "'m", "not"}));
}

TEST(Tokenize, CurlyApostropheFoldsFirst) {
  EXPECT_EQ(Texts("Russia\u2019s army"), (V{"Russia", "'s", "army"}));
}

TEST(Tokenize, Numbers) {
  const Sentence sent = Tokenize("1,400 troops, 3.5 percent, $1.2 billion in 2019; 10:30");
  const std::vector<Token>& toks = sent.tokens;
  EXPECT_EQ(toks[0].text, "1,400");
  EXPECT_EQ(toks[0].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[3].text, "3.5");
  EXPECT_EQ(toks[6].text, "$");
  EXPECT_EQ(toks[6].kind, TokenKind::kSymbol);
  EXPECT_EQ(toks[7].text, "1.2");
  EXPECT_EQ(toks[7].kind, TokenKind::kNumber);
  EXPECT_EQ(toks[10].text, "2019");
  EXPECT_EQ(toks[12].text, "10:30");
}

TEST(Tokenize, SymbolsAndPunctuation) {
  const Sentence sent = Tokenize("up 5% to \u00A3300 (about \u20AC350)!");
  const std::vector<Token>& toks = sent.tokens;
  ASSERT_EQ(Texts("up 5% to \u00A3300 (about \u20AC350)!"),
            (V{"up", "5", "%", "to", "\u00A3", "300", "(", "about", "\u20AC", "350", ")", "!"}));
  EXPECT_EQ(toks[2].kind, TokenKind::kSymbol);
  EXPECT_EQ(toks[4].kind, TokenKind::kSymbol);
  EXPECT_EQ(toks[6].kind, TokenKind::kPunct);
}

TEST(Tokenize, UrlsAndEmails) {
  EXPECT_EQ(Texts("See https://www.reuters.com/world?id=1&x=2. Mail press@un.org now."),
            (V{"See", "https://www.reuters.com/world?id=1&x=2", ".", "Mail", "press@un.org", "now",
               "."}));
  EXPECT_EQ(Texts("(www.bbc.co.uk/news)"), (V{"(", "www.bbc.co.uk/news", ")"}));
}

TEST(Tokenize, AbbreviationsKeepTheirPeriod) {
  EXPECT_EQ(Texts("Mr. Smith of the U.S. met Gen. Lee, e.g. on Feb. 3"),
            (V{"Mr.", "Smith", "of", "the", "U.S.", "met", "Gen.", "Lee", ",", "e.g.", "on", "Feb.",
               "3"}));
  EXPECT_EQ(Texts("George W. Bush and J.K. Rowling"),
            (V{"George", "W.", "Bush", "and", "J.K.", "Rowling"}));
  EXPECT_EQ(Texts("No. 10 but no."), (V{"No.", "10", "but", "no", "."}));
  EXPECT_EQ(Texts("He left."), (V{"He", "left", "."}));
}

TEST(Tokenize, DashesSplitWordsHyphensJoin) {
  EXPECT_EQ(Texts("Obama\u2014who left\u2014said"), (V{"Obama", "-", "who", "left", "-", "said"}));
  EXPECT_EQ(Texts("Obama--who"), (V{"Obama", "-", "who"}));
  EXPECT_EQ(Texts("pro-Western 20-year-old"), (V{"pro-Western", "20-year-old"}));
}

TEST(Tokenize, OffsetsAreOriginalBytes) {
  const std::string s = "\u201CWe\u2019ll go,\u201D he said";
  const Sentence sent = Tokenize(s, 100);
  const std::vector<Token>& toks = sent.tokens;
  ASSERT_EQ(toks.size(), 8u);
  EXPECT_EQ(toks[0].text, "\"");
  EXPECT_EQ(toks[0].begin, 100u);
  EXPECT_EQ(toks[0].end, 103u);
  EXPECT_EQ(toks[1].text, "We");
  EXPECT_EQ(s.substr(toks[1].begin - 100, toks[1].end - toks[1].begin), "We");
  EXPECT_EQ(toks[2].text, "'ll");
  EXPECT_EQ(s.substr(toks[2].begin - 100, toks[2].end - toks[2].begin), "\u2019ll");
  EXPECT_FALSE(toks[1].space_after);
  EXPECT_TRUE(toks[2].space_after);
  EXPECT_EQ(toks[5].text, "\"");
  EXPECT_EQ(s.substr(toks[5].begin - 100, toks[5].end - toks[5].begin), "\u201D");
  EXPECT_FALSE(toks.back().space_after);  // end of text
}

TEST(Tokenize, UnicodeLettersSurvive) {
  const Sentence sent = Tokenize(
      "\u0130stanbul \u00C9LYS\u00C9E \u041C\u043E\u0441\u043A\u0432\u0430 "
      "\u0628\u063A\u062F\u0627\u062F");
  const std::vector<Token>& toks = sent.tokens;
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[0].text, "\u0130stanbul");
  EXPECT_EQ(toks[0].lower, "i\u0307stanbul");
  EXPECT_EQ(toks[1].lower, "\u00E9lys\u00E9e");
  EXPECT_EQ(toks[2].lower, "\u043C\u043E\u0441\u043A\u0432\u0430");
  EXPECT_EQ(toks[3].text, "\u0628\u063A\u062F\u0627\u062F");
  EXPECT_EQ(toks[3].kind, TokenKind::kWord);
}

TEST(Tokenize, LemmaAndLower) {
  const Sentence sent = Tokenize("Protesters Fled");
  const std::vector<Token>& toks = sent.tokens;
  EXPECT_EQ(toks[0].lower, "protesters");
  EXPECT_EQ(toks[0].lemma, "protester");
  EXPECT_EQ(toks[1].lemma, "flee");
}

}  // namespace
}  // namespace dyad

namespace dyad::text {
namespace {

// The per-thread lemma cache (keyed by the lowercase form, 24-byte keys)
// against the uncached reference: LowercaseUtf8 then Lemmatize, token by
// token. 20,000 distinct forms in three spellings each overflow the cache's
// 16,384 slots, so hits, misses, evictions and keys of every length up to
// and past 24 bytes are all exercised.
TEST(MakeToken, CachedLemmasEqualTheReference) {
  const char* stems[] = {"talk", "country",    "plan",   "hope",     "attack", "fly",      "wound",
                         "say",  "cease-fire", "ÉLYSÉE", "İstanbul", "police", "analysis", "men"};
  const char* suffixes[] = {"", "s", "es", "ed", "ing", "ies", "men", "abcdefghijklmnopqrst"};
  std::string text;
  for (int round = 0; round < 2; ++round) {
    for (int n = 0; n < 20000; ++n) {
      std::string w = std::string(stems[n % 14]) + suffixes[(n / 14) % 8];
      if (n >= 112) w += std::string(1, static_cast<char>('a' + n % 26)) + std::to_string(n);
      // Letters only, so the word stays one token: digits become letters.
      for (char& c : w) {
        if (c >= '0' && c <= '9') c = static_cast<char>('j' + (c - '0'));
      }
      std::string upper = w, title = w;
      for (char& c : upper) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      }
      if (title[0] >= 'a' && title[0] <= 'z') title[0] = static_cast<char>(title[0] - 32);
      text += w + " " + upper + " " + title + "\n";
    }
  }
  size_t checked = 0;
  const Sentence sent = dyad::Tokenize(text);
  for (const Token& t : sent.tokens) {
    std::string lower;
    LowercaseUtf8(t.text, &lower);
    ASSERT_EQ(t.lower, lower) << t.text;
    if (t.kind == TokenKind::kWord) {
      ASSERT_EQ(t.lemma, Lemmatize(lower)) << t.text;
      ++checked;
    }
  }
  EXPECT_GE(checked, 120000u);
}

}  // namespace
}  // namespace dyad::text
