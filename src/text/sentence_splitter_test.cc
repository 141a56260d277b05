#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/text.h"

namespace dyad {
namespace {

std::vector<std::string> Split(std::string_view s) {
  std::vector<std::string> out;
  for (const Sentence& x : SplitSentences(s)) out.push_back(x.text);
  return out;
}
using V = std::vector<std::string>;

TEST(SplitSentences, Abbreviations) {
  EXPECT_EQ(
      Split("Mr. Smith met Dr. Jones. Gen. Lt. Col. Sen. Rep. Gov. Prof. St. names went on."),
      (V{"Mr. Smith met Dr. Jones.", "Gen. Lt. Col. Sen. Rep. Gov. Prof. St. names went on."}));
  EXPECT_EQ(Split("The U.S. and U.N. officials met on Feb. 3 and Sept. 12 at No. 10."),
            (V{"The U.S. and U.N. officials met on Feb. 3 and Sept. 12 at No. 10."}));
  EXPECT_EQ(Split("Apple Inc. said it would, e.g. in the U.K., add jobs."),
            (V{"Apple Inc. said it would, e.g. in the U.K., add jobs."}));
}

TEST(SplitSentences, AbbreviationAtSentenceEnd) {
  EXPECT_EQ(Split("He moved to the U.S. The move was quick."),
            (V{"He moved to the U.S.", "The move was quick."}));
  EXPECT_EQ(Split("They sold cars, trucks, etc. They also sold boats."),
            (V{"They sold cars, trucks, etc.", "They also sold boats."}));
  EXPECT_EQ(Split("The U.S. President spoke."), (V{"The U.S. President spoke."}));
}

TEST(SplitSentences, Initials) {
  EXPECT_EQ(Split("George W. Bush met J.K. Rowling. They talked."),
            (V{"George W. Bush met J.K. Rowling.", "They talked."}));
}

TEST(SplitSentences, NumbersAndMoney) {
  EXPECT_EQ(Split("Growth was 3.5 percent. It cost $1.2 billion."),
            (V{"Growth was 3.5 percent.", "It cost $1.2 billion."}));
}

TEST(SplitSentences, QuotesStayWithTheirSentence) {
  EXPECT_EQ(Split("\"We will win.\" He smiled. \"Will you?\" she asked."),
            (V{"\"We will win.\"", "He smiled.", "\"Will you?\" she asked."}));
  EXPECT_EQ(Split("He said \u201Cno.\u201D Then he left."),
            (V{"He said \"no.\"", "Then he left."}));
}

TEST(SplitSentences, Ellipsis) {
  EXPECT_EQ(Split("We waited... and waited\u2026 Then it came."),
            (V{"We waited... and waited...", "Then it came."}));
}

TEST(SplitSentences, DatelineIsPartOfFirstSentence) {
  EXPECT_EQ(Split("MOSCOW (Reuters) - Russia said on Monday it would act. Others disagreed."),
            (V{"MOSCOW (Reuters) - Russia said on Monday it would act.", "Others disagreed."}));
  EXPECT_EQ(Split("WASHINGTON, Jan. 5 (Reuters) -\nThe Senate voted."),
            (V{"WASHINGTON, Jan. 5 (Reuters) - The Senate voted."}));
}

TEST(SplitSentences, ParagraphsAndTitles) {
  EXPECT_EQ(Split("Talks collapse in Geneva\n\nThe talks ended without a deal\n\nNo date was set."),
            (V{"Talks collapse in Geneva", "The talks ended without a deal", "No date was set."}));
  EXPECT_EQ(Split("Headline without period\nThe body starts here."),
            (V{"Headline without period", "The body starts here."}));
}

TEST(SplitSentences, BulletsAndLists) {
  EXPECT_EQ(Split("Demands:\n- a ceasefire\n- talks\n1. first item\n2. second item"),
            (V{"Demands:", "- a ceasefire", "- talks", "1. first item", "2. second item"}));
  EXPECT_EQ(Split("\u2022 one \u2022 two"), (V{"\u2022 one", "\u2022 two"}));
}

TEST(SplitSentences, HardWrappedTextJoinsLines) {
  const std::string text =
      "The finance ministry said on Tuesday that the budget deficit would\n"
      "narrow next year as revenues from oil exports rise and spending is\n"
      "cut back in most areas of government, officials said in a statement.\n"
      "The central bank kept its main interest rate unchanged at eight\n"
      "percent, as expected by most analysts polled last week by Reuters.\n";
  auto out = Split(text);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].substr(0, 16), "The central bank");
}

TEST(SplitSentences, InstrumentCodesAreNotEnds) {
  EXPECT_EQ(Split("Royal Dutch Shell (RDSa.L) is watching Petroplus PPHN.S, which is closing."),
            (V{"Royal Dutch Shell (RDSa.L) is watching Petroplus PPHN.S, which is closing."}));
}

TEST(SplitSentences, QuestionAndExclamation) {
  EXPECT_EQ(Split("Why? Because! Really?! yes"), (V{"Why?", "Because!", "Really?!", "yes"}));
}

TEST(SplitSentences, LongSentencesAreCut) {
  std::string text;
  for (int i = 0; i < 25; ++i) text += "word ";
  TextOptions o;
  o.max_sentence_tokens = 10;
  auto s = SplitSentences(text, o);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].tokens.size(), 10u);
  EXPECT_EQ(s[2].tokens.size(), 5u);
}

TEST(SplitSentences, OffsetsPointIntoOriginal) {
  const std::string text = "  \u201CGo.\u201D  Then stop.";
  auto s = SplitSentences(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(text.substr(s[0].begin, s[0].end - s[0].begin), "\u201CGo.\u201D");
  EXPECT_EQ(text.substr(s[1].begin, s[1].end - s[1].begin), "Then stop.");
  EXPECT_EQ(s[0].text, "\"Go.\"");
}

// Web and e-mail boundaries without terminal punctuation (issue #2), each
// next to the news text the same rule must leave alone.
TEST(SplitSentences, EmailHeaderTimestamps) {
  EXPECT_EQ(Split("Please see the draft Kay Mann 09/20/2000 04:18 PM This Friday works."),
            (V{"Please see the draft Kay Mann", "09/20/2000 04:18 PM", "This Friday works."}));
  EXPECT_EQ(Split("The deal closed on 09/20/2000 at 04:18 PM on Wall Street."),
            (V{"The deal closed on 09/20/2000 at 04:18 PM on Wall Street."}));
}

TEST(SplitSentences, AttachmentsAndAddressBrackets) {
  EXPECT_EQ(Split("<< File: report.xls >> Please review it."),
            (V{"<< File: report.xls >>", "Please review it."}));
  EXPECT_EQ(Split("Shares fell <MKTS/GLOB> Investors sold."),
            (V{"Shares fell <MKTS/GLOB>", "Investors sold."}));
  EXPECT_EQ(Split("Yields rose > 5 percent in May."), (V{"Yields rose > 5 percent in May."}));
}

TEST(SplitSentences, LetterOpenersWithoutPunctuation) {
  EXPECT_EQ(Split("I left the file on your desk Please call me"),
            (V{"I left the file on your desk", "Please call me"}));
  EXPECT_EQ(Split("He told The Associated Press I would go"),
            (V{"He told The Associated Press I would go"}));
}

TEST(SplitSentences, Salutations) {
  EXPECT_EQ(Split("Hi John, the call moved to Monday."),
            (V{"Hi John,", "the call moved to Monday."}));
  EXPECT_EQ(Split("Kay - Can you review this?"), (V{"Kay -", "Can you review this?"}));
  // Datelines and ordinary openers are not salutations.
  EXPECT_EQ(Split("NEW DELHI - India said it would act."),
            (V{"NEW DELHI - India said it would act."}));
  EXPECT_EQ(Split("KABUL: Taliban fighters attacked a post."),
            (V{"KABUL: Taliban fighters attacked a post."}));
  EXPECT_EQ(Split("Separately, Iran said it would talk."),
            (V{"Separately, Iran said it would talk."}));
}

TEST(SplitSentences, UrlAndSpacedEllipsisAfterFullStop) {
  EXPECT_EQ(Split("Read the report.\" http://example.com/a.html has it."),
            (V{"Read the report.\"", "http://example.com/a.html has it."}));
  EXPECT_EQ(Split("It ended. ...a new era began."), (V{"It ended.", "...a new era began."}));
  // An ellipsis closing a paragraph stays with it.
  EXPECT_EQ(Split("It ended. ...\n\nNext came."), (V{"It ended. ...", "Next came."}));
}

TEST(SplitSentences, EmptyAndWhitespace) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \n\n\t ").empty());
}

}  // namespace
}  // namespace dyad
