#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad::text {
namespace {

std::string Norm(std::string_view in) {
  NormalizedText n;
  Normalize(in, &n);
  return n.text();
}

TEST(Normalize, AsciiIsIdentity) {
  NormalizedText n;
  Normalize("Plain ASCII text, no changes.", &n);
  EXPECT_TRUE(n.identity());
  EXPECT_EQ(n.text(), "Plain ASCII text, no changes.");
  EXPECT_EQ(n.OrigBegin(6), 6u);
  EXPECT_EQ(n.OrigEnd(11), 11u);
}

TEST(Normalize, FoldsQuotesDashesSpacesEllipsis) {
  EXPECT_EQ(Norm("\u201CYes,\u201D she said \u2018no\u2019"), "\"Yes,\" she said 'no'");
  EXPECT_EQ(Norm("a\u2013b \u2014 c \u2212 d \u2010 e"), "a-b - c - d - e");
  EXPECT_EQ(Norm("a--b and c---d but e----f"), "a-b and c-d but e----f");
  EXPECT_EQ(Norm("1\u00A0000\u2009m\u3000x"), "1 000 m x");
  EXPECT_EQ(Norm("wait\u2026 what"), "wait... what");
  EXPECT_EQ(Norm("\u00ABbonjour\u00BB"), "\"bonjour\"");
}

TEST(Normalize, RemovesInvisibleCharacters) {
  EXPECT_EQ(Norm("co\u00ADoperate"), "cooperate");
  EXPECT_EQ(Norm("zero\u200Bwidth\u200D\uFEFF"), "zerowidth");
  EXPECT_EQ(Norm("\u200Fmark\u202Aed"), "marked");
}

TEST(Normalize, LineEndsAndControls) {
  EXPECT_EQ(Norm("a\r\nb\rc\u2029d"), "a\nb\nc\nd");
  EXPECT_EQ(Norm(std::string("a\x01"
                             "b\x7f"
                             "c",
                             5)),
            "a b c");
  EXPECT_EQ(Norm("tab\there"), "tab\there");
}

TEST(Normalize, ComposesToNfc) {
  EXPECT_EQ(Norm("Cafe\u0301 \u00C9LYSE\u0301E"), "Caf\u00E9 \u00C9LYS\u00C9E");
  // Already-NFC text in other scripts survives untouched.
  EXPECT_EQ(
      Norm("\u0130stanbul \u041C\u043E\u0441\u043A\u0432\u0430 \u0628\u063A\u062F\u0627\u062F"),
      "\u0130stanbul \u041C\u043E\u0441\u043A\u0432\u0430 \u0628\u063A\u062F\u0627\u062F");
}

TEST(Normalize, InvalidUtf8BecomesReplacementChar) {
  EXPECT_EQ(Norm(std::string("a\xff"
                             "b\xc3",
                             4)),
            "a\uFFFDb\uFFFD");
  EXPECT_EQ(Norm(std::string("\xed\xa0\x80", 3)), "\uFFFD\uFFFD\uFFFD");  // a surrogate
}

TEST(Normalize, OffsetsMapBackToOriginal) {
  // "\u201C" is 3 bytes, folds to 1.
  const std::string in = "\u201CHi\u201D \u00ADyou\u2026";
  NormalizedText n;
  Normalize(in, &n);
  ASSERT_EQ(n.text(), "\"Hi\" you...");
  EXPECT_FALSE(n.identity());
  EXPECT_EQ(n.OrigBegin(0), 0u);   // the opening quote
  EXPECT_EQ(n.OrigBegin(1), 3u);   // 'H'
  EXPECT_EQ(n.OrigEnd(3), 5u);     // end of "Hi"
  EXPECT_EQ(n.OrigEnd(4), 8u);     // end of the closing quote
  EXPECT_EQ(n.OrigBegin(5), 11u);  // 'y' after the removed soft hyphen
  EXPECT_EQ(n.OrigBegin(8), 14u);  // the ellipsis
  EXPECT_EQ(n.OrigEnd(9), 17u);    // inside the ellipsis: ends after the whole character
  EXPECT_EQ(n.OrigEnd(11), static_cast<uint32_t>(in.size()));
  EXPECT_EQ(n.OrigBegin(11), static_cast<uint32_t>(in.size()));
}

TEST(Normalize, NfcOffsetsCoverCombinedCharacter) {
  const std::string in = "ne\u0301e";  // n, e + combining acute, e
  NormalizedText n;
  Normalize(in, &n);
  ASSERT_EQ(n.text(), "n\u00E9e");
  EXPECT_EQ(n.OrigBegin(1), 1u);
  EXPECT_EQ(n.OrigEnd(3), 4u);  // "é" spans e + U+0301 in the original
  EXPECT_EQ(n.OrigBegin(3), 4u);
}

TEST(LowercaseUtf8, FullUnicodeLowercase) {
  std::string out;
  LowercaseUtf8("PARIS", &out);
  EXPECT_EQ(out, "paris");
  LowercaseUtf8("\u00C9LYS\u00C9E", &out);
  EXPECT_EQ(out, "\u00E9lys\u00E9e");
  LowercaseUtf8("\u0130stanbul", &out);
  EXPECT_EQ(out, "i\u0307stanbul");  // full lowercasing keeps the dot as U+0307
  LowercaseUtf8("\u041C\u041E\u0421\u041A\u0412\u0410", &out);
  EXPECT_EQ(out, "\u043C\u043E\u0441\u043A\u0432\u0430");
  LowercaseUtf8("\u0628\u063A\u062F\u0627\u062F", &out);
  EXPECT_EQ(out, "\u0628\u063A\u062F\u0627\u062F");  // Arabic has no case: unchanged
}

TEST(RepairUtf8, ReplacesInvalidBytes) {
  EXPECT_EQ(RepairUtf8(std::string("ok\xc0\xafok", 6)), "ok\uFFFD\uFFFDok");
  EXPECT_EQ(RepairUtf8("\u00E9t\u00E9"), "\u00E9t\u00E9");
}

}  // namespace
}  // namespace dyad::text
