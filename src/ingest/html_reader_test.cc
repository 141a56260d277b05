#include <gtest/gtest.h>

#include "dyad/ingest.h"
#include "ingest/test_util.h"

namespace dyad {
namespace {

using testing::Collected;

Collected ParseHtml(const std::string& bytes) {
  Collected c;
  ParseHtmlArticle(bytes, SourceLocation{"news/page.html", 0}, c.Visitor());
  return c;
}

constexpr char kPage[] = R"(<!DOCTYPE html>
<html lang="en"><head>
<title>Envoys meet in Geneva | The Example Post</title>
<meta property="og:title" content="Envoys meet in Geneva">
<meta property="og:site_name" content="The Example Post">
<meta property="og:url" content="https://example.org/2021/06/16/envoys">
<meta property="article:published_time" content="2021-06-16T09:00:00+02:00">
<meta name="author" content="Ana Ruiz">
<link rel="canonical" href="https://example.org/canonical">
<script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><h1>Site banner</h1></header>
<div class="share-bar">Share on Facebook Share on X</div>
<article>
  <h1>Envoys meet in Geneva</h1>
  <div class="byline">By Ana Ruiz</div>
  <time datetime="2021-06-16">June 16, 2021</time>
  <p>GENEVA (Example) — The two envoys met on Wednesday for four hours.</p>
  <figure><img src="a.jpg"><figcaption>Photo: The envoys arrive / AFP</figcaption></figure>
  <p>They agreed to return their <b>ambassadors</b> to each other's capitals.</p>
  <!-- a comment that is not text -->
  <aside>Read more: Older story</aside>
  <div class="related-posts"><p>Related: another story with a long paragraph of teaser text here.</p></div>
  <p>A joint statement<br>followed on <time datetime="2021-06-17">Thursday</time>.</p>
</article>
<section id="comments"><p>Reader comment that should not appear anywhere in the text.</p></section>
<div class="newsletter-signup"><p>Sign up for our newsletter to get the news first every day.</p></div>
<footer><p>Copyright The Example Post. All rights reserved, all the time, everywhere.</p></footer>
</body></html>
)";

TEST(HtmlReader, MainTextWithoutBoilerplate) {
  Collected c = ParseHtml(kPage);
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  const Article& a = c.articles[0];
  EXPECT_EQ(a.text,
            "GENEVA (Example) — The two envoys met on Wednesday for four hours.\n\n"
            "They agreed to return their ambassadors to each other's capitals.\n\n"
            "A joint statement followed on Thursday.");
  EXPECT_EQ(a.title, "Envoys meet in Geneva");
  EXPECT_EQ(a.outlet, "The Example Post");
  EXPECT_EQ(a.url, "https://example.org/2021/06/16/envoys");
  EXPECT_EQ(a.published, Date::Day(2021, 6, 16));
  EXPECT_EQ(a.byline, "Ana Ruiz");
  EXPECT_EQ(a.id, "page.html");
  EXPECT_TRUE(c.rejects.empty());
}

TEST(HtmlReader, NoArticleElementUsesTheDensestParagraphs) {
  Collected c = ParseHtml(
      "<html><head><title>Plain page</title><meta name=\"date\" content=\"2018-06-12\"></head>"
      "<body><div id=\"menu\"><p>Home</p></div><div class=\"content\">"
      "<p>First paragraph of the story, long enough to win.</p><p>Second paragraph.</p></div>"
      "<div class=\"recent-posts\"><p>Another post title that is quite long indeed, really.</p>"
      "</div><link rel=\"canonical\" href=\"https://e.x/p\"><time datetime=\"2001-01-01\">x</time>"
      "</body></html>");
  ASSERT_EQ(c.articles.size(), 1u) << c.RejectText();
  const Article& a = c.articles[0];
  EXPECT_EQ(a.text, "First paragraph of the story, long enough to win.\n\nSecond paragraph.");
  EXPECT_EQ(a.title, "Plain page");
  EXPECT_EQ(a.url, "https://e.x/p");
  EXPECT_EQ(a.published, Date::Day(2018, 6, 12));  // <meta name=date> before <time>
}

TEST(HtmlReader, DateFromTimeElementAndItemprop) {
  Collected c = ParseHtml("<p>Body text.</p><time datetime=\"2015-03-03T10:00\">March 3</time>");
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].published, Date::Day(2015, 3, 3));
  Collected d = ParseHtml(
      "<p>Body.</p><span itemprop=\"datePublished\" content=\"2016-05-04\">May 4</span>"
      "<time datetime=\"2001-01-01\">x</time>");
  ASSERT_EQ(d.articles.size(), 1u);
  EXPECT_EQ(d.articles[0].published, Date::Day(2016, 5, 4));
}

TEST(HtmlReader, NoTextIsFatal) {
  Collected c =
      ParseHtml("<html><body><nav>Only navigation</nav><script>x()</script></body></html>");
  EXPECT_TRUE(c.articles.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_EQ(c.rejects[0].ToString(),
            "news/page.html: no article text found in the HTML page; skipped");
}

TEST(HtmlReader, DeepNestingDoesNotCrash) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += "<p>Deep text.</p>";
  Collected c = ParseHtml(deep);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].text, "Deep text.");
}

}  // namespace
}  // namespace dyad
