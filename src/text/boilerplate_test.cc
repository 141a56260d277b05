#include "text/boilerplate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dyad::text {
namespace {

// The removed lines of `text`, as "reason: line".
std::vector<std::string> Removed(const std::string& text) {
  std::vector<std::string> out;
  for (const RemovedSpan& s : FindBoilerplate(text)) {
    out.push_back(s.reason + ": " + text.substr(s.begin, s.end - s.begin));
  }
  return out;
}
using V = std::vector<std::string>;

const char kBody[] = "Rebels seized the town on Monday, officials said.";

TEST(FindBoilerplate, ShareBlocks) {
  EXPECT_EQ(Removed(std::string(kBody) +
                    "\nShare this article\nFollow us on Twitter\n"
                    "Click to share on Facebook (Opens in new window)\nFacebook Twitter Email"),
            (V{"share block: Share this article", "share block: Follow us on Twitter",
               "share block: Click to share on Facebook (Opens in new window)",
               "share block: Facebook Twitter Email"}));
}

TEST(FindBoilerplate, RelatedArticleLists) {
  EXPECT_EQ(
      Removed(std::string(kBody) + "\nRead more: Why the ceasefire failed\n\nRelated stories\n"
                                   "Iran and Iraq sign border deal\nUN envoy quits\n\nMost read\n"
                                   "The army withdrew from the town on Tuesday."),
      (V{"related articles: Read more: Why the ceasefire failed",
         "related articles: Related stories", "related articles: Iran and Iraq sign border deal",
         "related articles: UN envoy quits", "related articles: Most read"}));
}

TEST(FindBoilerplate, CommentSections) {
  EXPECT_EQ(Removed(std::string(kBody) + "\nComments\nLeave a comment\n12 comments"),
            (V{"comments: Comments", "comments: Leave a comment", "comments: 12 comments"}));
}

TEST(FindBoilerplate, PhotoCaptionsAndCredits) {
  EXPECT_EQ(
      Removed(std::string(kBody) +
              "\nPhoto: Smoke rises over the city / AFP\n(Reuters/Ahmed Jadallah)\n"
              "Image copyright Getty Images\nProtesters march in Cairo. Getty Images"),
      (V{"photo credit: Photo: Smoke rises over the city / AFP",
         "photo credit: (Reuters/Ahmed Jadallah)", "photo credit: Image copyright Getty Images",
         "photo credit: Protesters march in Cairo. Getty Images"}));
}

TEST(FindBoilerplate, NewsletterPrompts) {
  EXPECT_EQ(Removed(std::string(kBody) + "\nSign up for our newsletter\n"
                                         "Get the latest headlines in your inbox every morning."),
            (V{"newsletter prompt: Sign up for our newsletter",
               "newsletter prompt: Get the latest headlines in your inbox every morning."}));
}

TEST(FindBoilerplate, SiteFooters) {
  EXPECT_EQ(Removed(std::string(kBody) + "\n\u00A9 2019 Example Media Ltd\n"
                                         "All rights reserved.\nTerms of use | Privacy policy"),
            (V{"site footer: \u00A9 2019 Example Media Ltd", "site footer: All rights reserved.",
               "site footer: Terms of use | Privacy policy"}));
}

TEST(FindBoilerplate, ReportingCreditLines) {
  EXPECT_EQ(Removed(std::string(kBody) + "\n(Reporting by Jane Doe; Editing by John Roe)"),
            (V{"reporting credit: (Reporting by Jane Doe; Editing by John Roe)"}));
  // At the end of the last paragraph, only the parenthetical goes.
  const std::string inline_credit =
      std::string(kBody) + " (Reporting by Kevin Yao; Editing by  Nick Edwards )";
  EXPECT_EQ(Removed(inline_credit),
            (V{"reporting credit: (Reporting by Kevin Yao; Editing by  Nick Edwards )"}));
  EXPECT_EQ(
      Removed(std::string(kBody) +
              " (Additional reporting by A in Kabul) (Writing by B; Editing by C)"),
      (V{"reporting credit: (Additional reporting by A in Kabul) (Writing by B; Editing by C)"}));
}

TEST(FindBoilerplate, TrackingCodes) {
  EXPECT_EQ(Removed(std::string(kBody) + "\n?utm_source=twitter&utm_medium=social\n"
                                         "3f9a2c7e5b1d4e8f9a0b\n"),
            (V{"tracking code: ?utm_source=twitter&utm_medium=social",
               "tracking code: 3f9a2c7e5b1d4e8f9a0b"}));
}

TEST(FindBoilerplate, ForeignScriptFooterAfterEnglishArticle) {
  const std::string text = std::string(kBody) +
                           "\nThe fighting continued into the night.\n"
                           "\u0627\u0644\u0645\u0632\u064A\u062F \u0645\u0646 "
                           "\u0627\u0644\u0623\u062E\u0628\u0627\u0631\n"
                           "\u041F\u043E\u0434\u043F\u0438\u0448\u0438\u0442\u0435\u0441\u044C";
  auto r = Removed(text);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].substr(0, 22), "foreign-script footer:");
  EXPECT_EQ(r[1].substr(0, 22), "foreign-script footer:");
}

TEST(FindBoilerplate, RealNewsIsKept) {
  const std::string text =
      "Share prices fell 3 percent in Tokyo after the central bank held rates.\n"
      "Read the full statement, the minister told reporters, and you will see our position.\n"
      "Comments by the president drew criticism from the opposition on Tuesday.\n"
      "Photographs published by the ministry showed damaged buildings in the city.\n"
      "Rebels said they would sign up for talks if the government freed prisoners.\n"
      "The newsletter of the party said members had voted for the plan.\n"
      "Related talks in Geneva are expected to resume next week, diplomats said.\n"
      "Follow-up meetings are planned in Cairo and Amman.\n"
      "Copyright disputes between the two firms have dragged on for years.\n"
      "MOSCOW (Reuters)\n"
      "\u0412\u043B\u0430\u0434\u0438\u043C\u0438\u0440 \u041F\u0443\u0442\u0438\u043D "
      "(Vladimir Putin) spoke in Moscow, and the Kremlin quoted him at length.\n";
  EXPECT_EQ(Removed(text), V{});
}

TEST(FindBoilerplate, ArticleInAnotherScriptKeepsItsText) {
  const std::string text =
      "\u0412\u043B\u0430\u0434\u0438\u043C\u0438\u0440 \u041F\u0443\u0442\u0438\u043D "
      "\u0437\u0430\u044F\u0432\u0438\u043B \u0432 \u041C\u043E\u0441\u043A\u0432\u0435.\n"
      "\u041F\u0440\u0430\u0432\u0438\u0442\u0435\u043B\u044C\u0441\u0442\u0432\u043E "
      "\u043F\u043E\u0434\u0434\u0435\u0440\u0436\u0430\u043B\u043E.\n";
  EXPECT_EQ(Removed(text), V{});
}

}  // namespace
}  // namespace dyad::text
