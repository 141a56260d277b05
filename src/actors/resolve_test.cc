#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "dyad/actors.h"
#include "dyad/coder.h"
#include "dyad/default_dictionary.h"
#include "dyad/name_match.h"

namespace dyad {
namespace {

std::shared_ptr<const Dictionary> DefaultDict() {
  static std::shared_ptr<const Dictionary> dict = [] {
    std::vector<DictWarning> w;
    auto d = LoadDefaultDictionary({}, &w);
    EXPECT_TRUE(d.ok()) << d.status().message();
    return d.ok() ? *d : nullptr;
  }();
  return dict;
}

Article MakeArticle(std::string id, std::string text) {
  Article a;
  a.id = std::move(id);
  a.text = std::move(text);
  a.published = Date::Day(2023, 5, 1);
  return a;
}

// "sentence:text:how:actor_id:code" for each mention.
std::vector<std::string> Describe(const ArticleActors& aa) {
  std::vector<std::string> out;
  for (const ActorMention& m : aa.mentions)
    out.push_back(std::to_string(m.sentence) + ":" + m.text + ":" + m.how + ":" + m.actor_id + ":" +
                  m.code);
  return out;
}

constexpr char kArticle1[] =
    "Iraq's Parliament Speaker Mohammed al-Halbousi met Chinese Ambassador to Iran Cong Peiwu "
    "in Baghdad on Sunday. Halbousi said the talks were useful. The speaker praised China. "
    "He also criticized Turkey. The Chinese envoy rejected the claim.";

TEST(ArticleResolverTest, LaterMentionsResolveToFirstFullOne) {
  InMemoryActorRegistry reg;
  ArticleResolver resolver(DefaultDict(), &reg);
  Article a = MakeArticle("a1", kArticle1);
  AnalyzedText t = AnalyzeText(a);
  ASSERT_EQ(t.sentences.size(), 5u);
  auto got = resolver.Resolve(a, t.sentences, nullptr);
  ASSERT_TRUE(got.ok()) << got.status().message();
  const std::string hal = "learned:mohammed-al-halbousi";
  const std::string cong = "learned:cong-peiwu";
  EXPECT_EQ(Describe(*got),
            (std::vector<std::string>{
                "0:Iraq's Parliament Speaker Mohammed al-Halbousi:learned:" + hal + ":IRQLEG",
                "0:Chinese Ambassador to Iran Cong Peiwu:learned:" + cong + ":CHNGOV",
                "0:Baghdad:dictionary:dict:IRQ:IRQ",
                "1:Halbousi:surname:" + hal + ":IRQLEG",
                "2:speaker:role:" + hal + ":IRQLEG",
                "2:China:dictionary:dict:CHN:CHN",
                "3:He:pronoun:" + hal + ":IRQLEG",
                "3:Turkey:dictionary:dict:TUR:TUR",
                "4:Chinese envoy:role:" + cong + ":CHNGOV",
            }));
  EXPECT_EQ(got->learned_ids, (std::vector<std::string>{hal, cong}));
  EXPECT_EQ(reg.size(), 2u);
  auto rec = reg.Get(hal);
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->mentions, 2u);  // the introduction and "Halbousi"
  EXPECT_EQ((*rec)->spellings, (std::vector<std::string>{"Mohammed al-Halbousi", "Halbousi"}));
  EXPECT_EQ((*rec)->evidence_where, "a1#0");
  ASSERT_EQ((*rec)->codes.size(), 1u);
  EXPECT_EQ((*rec)->codes[0].first.ToString(), "2023-05-01");
}

TEST(ArticleResolverTest, LaterArticleResolvesOtherSpellings) {
  InMemoryActorRegistry reg;
  ArticleResolver resolver(DefaultDict(), &reg);
  Article a = MakeArticle("a1", kArticle1);
  ASSERT_TRUE(resolver.Resolve(a, AnalyzeText(a).sentences, nullptr).ok());
  Article b =
      MakeArticle("b1", "Mohamed al-Halbusi met Iranian officials. Halbusi later flew home.");
  b.published = Date::Day(2023, 6, 2);
  auto got = resolver.Resolve(b, AnalyzeText(b).sentences, nullptr);
  ASSERT_TRUE(got.ok());
  std::vector<std::string> d = Describe(*got);
  ASSERT_GE(d.size(), 3u);
  EXPECT_EQ(d[0], "0:Mohamed al-Halbusi:registry:learned:mohammed-al-halbousi:IRQLEG");
  EXPECT_EQ(d[1], "0:Iranian officials:dictionary:dict:IRNGOV:IRNGOV");
  EXPECT_EQ(d[2], "1:Halbusi:surname:learned:mohammed-al-halbousi:IRQLEG");
  auto rec = reg.Get("learned:mohammed-al-halbousi");
  ASSERT_TRUE(rec.ok() && rec->has_value());
  EXPECT_EQ((*rec)->codes[0].last.ToString(), "2023-06-02");
  EXPECT_EQ((*rec)->mentions, 4u);
}

TEST(ArticleResolverTest, NewRoleForKnownPersonIsReported) {
  InMemoryActorRegistry reg;
  ArticleResolver resolver(DefaultDict(), &reg);
  Article a = MakeArticle("a1", "Iranian Foreign Minister Ali Bagheri arrived in Vienna.");
  ASSERT_TRUE(resolver.Resolve(a, AnalyzeText(a).sentences, nullptr).ok());
  Article b = MakeArticle("b1", "Iran's army chief Ali Bagheri inspected troops.");
  auto got = resolver.Resolve(b, AnalyzeText(b).sentences, nullptr);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->conflicts.size(), 1u);
  EXPECT_EQ(got->conflicts[0].actor_id, "learned:ali-bagheri");
  EXPECT_NE(got->conflicts[0].what.find("b1#0"), std::string::npos) << got->conflicts[0].what;
  auto rec = reg.Get("learned:ali-bagheri");
  ASSERT_TRUE(rec.ok() && rec->has_value());
  ASSERT_EQ((*rec)->codes.size(), 2u);
  EXPECT_EQ((*rec)->codes[0].code, "IRNGOV");
  EXPECT_EQ((*rec)->codes[1].code, "IRNMIL");
}

TEST(ArticleResolverTest, EventsGetActorIds) {
  InMemoryActorRegistry reg;
  ArticleResolver resolver(DefaultDict(), &reg);
  Article a = MakeArticle("a1", kArticle1);
  AnalyzedText t = AnalyzeText(a);
  // An event of sentence 3 ("He also criticized Turkey."): source "He".
  std::vector<CodedEvent> events(1);
  const Sentence& s3 = t.sentences[3];
  events[0].sentence_index = 3;
  events[0].source.text = "He";
  events[0].source.begin = s3.tokens[0].begin;
  events[0].source.end = s3.tokens[0].end;
  events[0].target.text = "Turkey";
  events[0].target.code = "TUR";
  events[0].target.begin = s3.tokens[3].begin;
  events[0].target.end = s3.tokens[3].end;
  ASSERT_TRUE(resolver.Resolve(a, t.sentences, &events).ok());
  EXPECT_EQ(events[0].source.actor_id, "learned:mohammed-al-halbousi");
  EXPECT_EQ(events[0].source.name, "Mohammed al-Halbousi");
  EXPECT_EQ(events[0].source.code, "IRQLEG");
  EXPECT_EQ(events[0].target.actor_id, "dict:TUR");
  EXPECT_EQ(events[0].target.code, "TUR");
}

TEST(ArticleResolverTest, WithCoderEvents) {
  std::vector<std::string> warnings;
  Coder coder(DefaultDict(), CoderOptionsForDictionary(*DefaultDict(), &warnings));
  CoderScratch scratch;
  Article a = MakeArticle("a1", kArticle1);
  std::vector<CodedEvent> events;
  coder.CodeArticle(a, TextOptions{}, &scratch, &events);
  ASSERT_FALSE(events.empty());
  ArticleResolver resolver(DefaultDict(), nullptr);
  ASSERT_TRUE(resolver.Resolve(a, AnalyzeText(a).sentences, &events).ok());
  size_t named = 0;
  for (const CodedEvent& e : events) named += !e.source.actor_id.empty();
  EXPECT_EQ(named, events.size());
}

TEST(ActorRegistryTest, JsonRoundTrip) {
  ActorRecord r;
  r.id = "learned:cong-peiwu";
  r.name = "Cong Peiwu";
  r.codes.push_back({"CHNGOV", Date::Day(2023, 1, 2), Date::Day(2023, 5, 1)});
  r.spellings = {"Cong Peiwu", "Peiwu"};
  r.mentions = 7;
  r.role = "Ambassador";
  r.evidence = "Chinese Ambassador to Iran Cong Peiwu said \"no\".";
  r.evidence_where = "a1#0";
  std::string j = ActorRecordToJson(r);
  auto back = ActorRecordFromJson(j);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(ActorRecordToJson(*back), j);
  EXPECT_EQ(back->codes[0].first.ToString(), "2023-01-02");
  EXPECT_EQ(back->evidence, r.evidence);
}

TEST(ActorRegistryTest, ReadReportsBadLines) {
  std::istringstream in(
      "{\"id\":\"learned:a-b\",\"name\":\"A B\",\"codes\":[{\"code\":\"FRAGOV\"}]}\n"
      "not json\n"
      "\n"
      "{\"id\":\"\",\"name\":\"X\"}\n"
      "{\"id\":\"learned:c\",\"name\":\"C\",\"source\":\"martian\"}\n");
  InMemoryActorRegistry reg;
  std::vector<std::string> warnings;
  auto n = ReadActorRegistry(in, "reg.jsonl", &reg, &warnings);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1u);
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0].rfind("reg.jsonl:2: not JSON", 0), 0u) << warnings[0];
  EXPECT_EQ(warnings[1].rfind("reg.jsonl:4: ", 0), 0u) << warnings[1];
  EXPECT_NE(warnings[2].find("martian"), std::string::npos);
  std::ostringstream out;
  ASSERT_TRUE(WriteActorRegistry(reg, out).ok());
  EXPECT_EQ(out.str(),
            "{\"id\":\"learned:a-b\",\"name\":\"A B\",\"source\":\"learned\",\"codes\":[{\"code\":"
            "\"FRAGOV\",\"first\":\"\",\"last\":\"\"}],\"spellings\":[],\"mentions\":0,\"role\":"
            "\"\",\"evidence\":\"\",\"evidence_where\":\"\"}\n");
}

TEST(ActorRegistryTest, FindByNameSpellingsAndSurname) {
  InMemoryActorRegistry reg;
  ActorRecord r;
  r.id = "learned:muqtada-al-sadr";
  r.name = "Muqtada al-Sadr";
  r.spellings = {"Muqtada al-Sadr"};
  r.codes.push_back({"IRQPTY", Date(), Date()});
  ASSERT_TRUE(reg.Put(r).ok());
  auto f = reg.FindByName("Moqtada Sadr", false);
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->size(), 1u);
  EXPECT_EQ((*f)[0].id, r.id);
  EXPECT_TRUE(reg.FindByName("Sadr", false)->empty());
  EXPECT_EQ(reg.FindByName("Sadr", true)->size(), 1u);
  EXPECT_TRUE(reg.FindByName("Muqtada Hakim", true)->empty());
}

// The indexed FindByName against comparing the query with every record
// (the obvious reference), on the hand-written name pairs: every name is a
// record, every name and every last word is a query.
TEST(ActorRegistryTest, FindByNameMatchesBruteForce) {
  std::ifstream in(std::string(DYAD_SOURCE_DIR) + "/src/actors/testdata/name_pairs.tsv");
  ASSERT_TRUE(in) << "missing src/actors/testdata/name_pairs.tsv";
  std::vector<std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string a, b;
    std::getline(fields, a, '\t');
    std::getline(fields, b, '\t');
    for (const std::string& n : {a, b})
      if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end())
        names.push_back(n);
  }
  ASSERT_GT(names.size(), 100u);
  // Records: every name, the first half put before any question and the
  // second half after, so cached answers must follow the new records; then
  // every fifth record gains the next name as a second spelling.
  std::vector<ActorRecord> records(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    records[i].id = "learned:" + std::to_string(1000 + i);
    records[i].name = names[i];
    records[i].spellings = {names[i]};
  }
  std::vector<std::string> queries = names;
  for (const std::string& n : names) queries.push_back(n.substr(n.rfind(' ') + 1));
  InMemoryActorRegistry reg;
  size_t put = 0, hits = 0;
  auto check_all = [&] {
    for (const std::string& q : queries) {
      for (bool surname : {false, true}) {
        NormalizedName nq = NormalizeName(q);
        std::vector<std::pair<double, std::string>> want;
        for (size_t i = 0; i < put && !nq.empty(); ++i) {
          double best = 0;
          std::vector<std::string> forms = {records[i].name};
          forms.insert(forms.end(), records[i].spellings.begin(), records[i].spellings.end());
          for (const std::string& f : forms) {
            NormalizedName n = NormalizeName(f);
            if (n.empty()) continue;
            NameComparison c = CompareNames(nq, n);
            if (c.same) best = std::max(best, c.score);
            if (surname && nq.tokens().size() == 1 && n.tokens().size() > 1 &&
                !nq.tokens()[0].common && nq.tokens()[0].text.size() >= 3 &&
                nq.tokens()[0].key == n.tokens().back().key)
              best = std::max(best, 0.8);
          }
          if (best > 0) want.emplace_back(best, records[i].id);
        }
        std::stable_sort(want.begin(), want.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        auto got = reg.FindByName(q, surname);
        ASSERT_TRUE(got.ok());
        std::vector<std::string> got_ids, want_ids;
        for (const ActorRecord& r : *got) got_ids.push_back(r.id);
        for (const auto& w : want) want_ids.push_back(w.second);
        EXPECT_EQ(got_ids, want_ids) << "query '" << q << "' surname " << surname;
        hits += want_ids.size();
      }
    }
  };
  for (; put < names.size() / 2; ++put) ASSERT_TRUE(reg.Put(records[put]).ok());
  check_all();
  for (; put < names.size(); ++put) ASSERT_TRUE(reg.Put(records[put]).ok());
  check_all();
  for (size_t i = 0; i + 1 < names.size(); i += 5) {
    records[i].spellings.push_back(names[i + 1]);
    ASSERT_TRUE(reg.Put(records[i]).ok());
  }
  check_all();
  EXPECT_GT(hits, 3 * queries.size());  // the comparison saw real matches
}

TEST(ActorRegistryTest, LearnedActorsAsDictionary) {
  ActorRecord r;
  r.id = "learned:cong-peiwu";
  r.name = "Cong Peiwu";
  r.codes.push_back({"CHNGOV", Date::Day(2023, 1, 2), Date::Day(2023, 5, 1)});
  r.spellings = {"Cong Peiwu", "Peiwu"};
  r.mentions = 2;
  r.role = "Ambassador";
  r.evidence = "Chinese Ambassador to Iran Cong Peiwu spoke.";
  r.evidence_where = "a1#0";
  ActorRecord d = r;
  d.id = "dict:x";
  d.source = ActorSource::kDictionary;
  std::string text = LearnedActorsAsDictionary({r, d});
  EXPECT_NE(
      text.find("[actors]\n# learned:cong-peiwu (2 mentions, role 'Ambassador') a1#0: "
                "Chinese Ambassador to Iran Cong Peiwu spoke.\nCong Peiwu | Peiwu => CHNGOV\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("dict:x"), std::string::npos);
}

TEST(ActorRegistryTest, LearnedActorId) {
  EXPECT_EQ(LearnedActorId("Mohammed al-Halbousi"), "learned:mohammed-al-halbousi");
  EXPECT_EQ(LearnedActorId("Cong  Peiwu"), "learned:cong-peiwu");
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

TEST(ActorTallyTest, CodeOutputListsActorsWithSpellingsAndDates) {
  // Two articles as `dyad code --format jsonl` writes them (only the fields
  // read here); the second event of sentence 0 repeats the sentence.
  std::istringstream in(
      "{\"article_id\":\"a1\",\"date\":\"2023-05-01\",\"sentence_index\":0,\"sentence\":"
      "\"Iraq's Parliament Speaker Mohammed al-Halbousi met Iranian officials.\"}\n"
      "{\"article_id\":\"a1\",\"date\":\"2023-05-01\",\"sentence_index\":0,\"sentence\":"
      "\"Iraq's Parliament Speaker Mohammed al-Halbousi met Iranian officials.\"}\n"
      "{\"article_id\":\"a1\",\"date\":\"2023-05-01\",\"sentence_index\":2,\"sentence\":"
      "\"Halbousi criticized Turkey.\"}\n"
      "broken\n"
      "{\"article_id\":\"b1\",\"date\":\"2023-06-02\",\"sentence_index\":1,\"sentence\":"
      "\"Mohamed al-Halbusi praised Iran.\"}\n");
  InMemoryActorRegistry reg;
  ArticleResolver resolver(DefaultDict(), &reg);
  ActorTally tally;
  std::vector<std::string> warnings;
  auto n = TallyCodeOutput(in, "code.jsonl", resolver, &tally, &warnings);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(*n, 2u);
  EXPECT_EQ(warnings, std::vector<std::string>{"code.jsonl:4: not a JSON object; line skipped"});
  auto recs = tally.Records(&reg);
  ASSERT_TRUE(recs.ok());
  std::vector<std::string> got;
  for (const ActorRecord& r : *recs) {
    std::string line =
        r.id + " " + std::string(ActorSourceName(r.source)) + " " + std::to_string(r.mentions);
    for (const ActorCodeSeen& c : r.codes)
      line += " " + c.code + "@" + c.first.ToString() + ".." + c.last.ToString();
    for (const std::string& s : r.spellings) line += " |" + s;
    got.push_back(line);
  }
  EXPECT_EQ(got, (std::vector<std::string>{
                     "dict:IRN dictionary 1 IRN@2023-06-02..2023-06-02 |Iran",
                     "dict:IRNGOV dictionary 1 IRNGOV@2023-05-01..2023-05-01 |Iranian officials",
                     "dict:TUR dictionary 1 TUR@2023-05-01..2023-05-01 |Turkey",
                     "learned:mohammed-al-halbousi learned 3 IRQLEG@2023-05-01..2023-06-02 "
                     "|Mohammed al-Halbousi |Halbousi "
                     "|Mohamed al-Halbusi",
                 }));
  EXPECT_EQ((*recs)[3].evidence_where, "a1#0");
  EXPECT_EQ((*recs)[3].role, "Parliament Speaker");
}

}  // namespace
}  // namespace dyad
