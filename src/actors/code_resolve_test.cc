// CodeAnalyzedArticle against the coder's own CodeArticle (the reference),
// and CodeAndResolveInputs: ids on events, a registry shared across articles,
// the same output for any thread count.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/default_dictionary.h"
#include "dyad/event_date.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

std::shared_ptr<const Dictionary> Dict() {
  static std::shared_ptr<const Dictionary> dict = [] {
    std::vector<DictWarning> w;
    auto d = LoadDefaultDictionary({}, &w);
    EXPECT_TRUE(d.ok()) << d.status().message();
    return d.ok() ? *d : nullptr;
  }();
  return dict;
}

EventDateResolver DateResolver() {
  return [](const Article& a, const Sentence& s, std::string* phrase) {
    EventDate d = ResolveEventDate(s.text, a.published);
    *phrase = d.phrase;
    return d.date;
  };
}

std::string Describe(const CodedEvent& e) {
  return e.event_id + "|" + e.source.code + "|" + e.source.name + "|" + e.source.text + "|" +
         std::to_string(e.source.begin) + "|" + e.target.code + "|" + e.target.name + "|" +
         e.target.text + "|" + e.code + "|" + e.root_code + "|" + std::to_string(e.quad_class) +
         "|" + std::to_string(e.goldstein) + "|" + e.date.ToString() + "|" + e.date_phrase + "|" +
         e.sentence + "|" + e.rule + "|" + e.source.actor_id + "|" + e.target.actor_id;
}

TEST(CodeAnalyzedArticleTest, SameEventsAsCodeArticleOnBbcPolitics) {
  const std::string dir = std::string(DYAD_SHARED_DIR) + "/data/corpora/bbc/politics";
  ASSERT_TRUE(fs::exists(dir)) << "missing shared data: " << dir;
  std::vector<CoderOptions::CodeBy> unused;
  std::vector<std::string> ow;
  Coder coder(Dict(), CoderOptionsForDictionary(*Dict(), &ow));
  coder.set_date_resolver(DateResolver());
  std::vector<Article> articles;
  ArticleVisitor v;
  v.on_article = [&](Article&& a) {
    if (articles.size() < 120) articles.push_back(std::move(a));
  };
  ASSERT_TRUE(ReadInputs({dir}, ReadOptions(), v).ok());
  ASSERT_EQ(articles.size(), 120u);
  CoderScratch scratch;
  size_t total = 0;
  for (Article& a : articles) {
    a.published = Date::Day(2005, 3, 1);
    std::vector<CodedEvent> want, got;
    size_t n1 = coder.CodeArticle(a, TextOptions(), &scratch, &want);
    AnalyzedText t = AnalyzeText(a, TextOptions());
    size_t n2 = CodeAnalyzedArticle(coder, a, t.sentences, DateResolver(), &scratch, &got);
    EXPECT_EQ(n1, n2) << a.id;
    ASSERT_EQ(want.size(), got.size()) << a.id;
    for (size_t i = 0; i < want.size(); ++i) EXPECT_EQ(Describe(want[i]), Describe(got[i]));
    total += want.size();
  }
  EXPECT_GT(total, 50u);  // the comparison saw real events
}

// Two articles in one JSONL file: the second names the speaker by surname
// only, in another spelling.
std::string WriteTwoArticles() {
  fs::path p = fs::temp_directory_path() / ("dyad_code_resolve_" + std::to_string(getpid()));
  fs::create_directories(p);
  std::string file = (p / "two.jsonl").string();
  std::ofstream(file)
      << "{\"id\":\"first\",\"date\":\"2023-05-01\",\"text\":\"Iraq's Parliament Speaker "
         "Mohammed al-Halbousi met Chinese Ambassador to Iran Cong Peiwu in Baghdad on Sunday. "
         "Halbousi criticized Turkey.\"}\n"
      << "{\"id\":\"second\",\"date\":\"2023-06-02\",\"text\":\"Iraq's Halbusi accused "
         "Turkey of aggression on Friday.\"}\n";
  return file;
}

TEST(CodeAndResolveInputsTest, SurnameInLaterArticleResolvesAndThreadsAgree) {
  std::vector<std::string> ow;
  Coder coder(Dict(), CoderOptionsForDictionary(*Dict(), &ow));
  const std::string file = WriteTwoArticles();
  std::vector<std::string> runs;
  for (int threads : {1, 2}) {
    InMemoryActorRegistry reg;
    ArticleResolver resolver(Dict(), &reg);
    std::string out;
    CodeResolveStats stats;
    Status s = CodeAndResolveInputs(
        coder, resolver, {file}, ReadOptions(), TextOptions(), threads, DateResolver(),
        [&](const CodedEvent& e) {
          out += e.event_id + " " + e.source.actor_id + " (" + e.source.actor_name + ") " + e.code +
                 " " + e.target.actor_id + " (" + e.target.actor_name + ")\n";
        },
        nullptr, &stats);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(stats.articles, 2u);
    runs.push_back(out);
  }
  EXPECT_EQ(runs[0], runs[1]);
  // The second article's "Halbusi" is the speaker learned from the first.
  EXPECT_NE(runs[0].find("second#0.0 learned:mohammed-al-halbousi (Mohammed al-Halbousi)"),
            std::string::npos)
      << runs[0];
}

}  // namespace
}  // namespace dyad
