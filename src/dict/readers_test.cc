// Reader tests: golden counts for every shipped dictionary file, the spec's
// own numbers, known malformed lines by file:line, and in-memory edge cases.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dyad/dict_readers.h"
#include "dyad/dictionary.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

const std::string kDictDir = std::string(DYAD_SHARED_DIR) + "/data/dictionaries";
const std::string kGolden =
    std::string(DYAD_SOURCE_DIR) + "/src/dict/testdata/dictionary_counts.golden";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Which reader reads a shipped file (relative path under data/dictionaries).
std::string SpecFor(const std::string& rel) {
  const std::string path = kDictDir + "/" + rel;
  TabariFileKind tk;
  if (rel.rfind("tabari/", 0) == 0 && GuessTabariFileKind(rel, &tk)) return "tabari:" + path;
  return "petrarch:" + path;
}

struct Loaded {
  std::shared_ptr<const Dictionary> dict;
  std::vector<DictWarning> warnings;
};

Loaded Load(const std::string& spec, DictionaryLoadOptions o = {}) {
  Loaded l;
  auto d = LoadDictionaries({spec}, o, &l.warnings);
  EXPECT_TRUE(d.ok()) << spec << ": " << d.status().ToString();
  if (d.ok()) l.dict = *d;
  return l;
}

bool HasWarning(const Loaded& l, const std::string& file_suffix, int line,
                const std::string& fragment) {
  for (const auto& w : l.warnings)
    if (w.line == line && w.file.size() >= file_suffix.size() &&
        w.file.compare(w.file.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0 &&
        w.what.find(fragment) != std::string::npos)
      return true;
  return false;
}

class SharedDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::is_directory(kDictDir))
        << "missing shared data folder " << kDictDir
        << " (DYAD_SHARED_DIR must point at the checkout's ../shared)";
  }
};

// One line per shipped file: reader, counts, warnings. Compared exactly with
// src/dict/testdata/dictionary_counts.golden; on a difference the actual text
// is written next to the test binary for review.
TEST_F(SharedDataTest, GoldenCountsForEveryShippedFile) {
  std::vector<std::string> files;
  for (auto& e : fs::recursive_directory_iterator(kDictDir))
    if (e.is_regular_file()) files.push_back(fs::relative(e.path(), kDictDir).string());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 25u);
  std::string actual;
  for (const std::string& rel : files) {
    if (fs::path(rel).filename() == "PETR_config.ini") {
      auto kv = ParsePetrarchConfig(ReadFile(kDictDir + "/" + rel));
      actual += rel + " config keys=" + std::to_string(kv.size()) + "\n";
      continue;
    }
    const std::string spec = SpecFor(rel);
    Loaded l = Load(spec);
    ASSERT_TRUE(l.dict) << rel;
    actual += rel + " " + spec.substr(0, spec.find(':')) + " " + CountEntries(*l.dict).ToString() +
              " warnings=" + std::to_string(l.warnings.size()) + "\n";
  }
  const std::string golden = ReadFile(kGolden);
  if (golden != actual) {
    std::ofstream("dictionary_counts.actual") << actual;
    FAIL() << "counts differ from " << kGolden
           << "; actual written to ./dictionary_counts.actual:\n"
           << actual;
  }
}

// The numbers the specification (data/docs/dictionary-formats.md) gives.
TEST_F(SharedDataTest, SpecNumbersPhoenix) {
  Loaded verbs = Load("petrarch:" + kDictDir + "/petrarch2/CAMEO.2.0.txt");
  ASSERT_TRUE(verbs.dict);
  DictionaryCounts c = CountEntries(*verbs.dict);
  EXPECT_EQ(c.synsets, 40u);
  EXPECT_EQ(c.verb_blocks, 397u);
  EXPECT_EQ(c.verbs, 1817u);
  EXPECT_EQ(c.patterns, 4668u);
  EXPECT_EQ(c.transformations, 8u);
  size_t own = 0;
  for (const auto& v : verbs.dict->verbs()) own += v.own_code;
  EXPECT_EQ(own, 124u);  // "124 of the 1,817 verb lines carry their own code"

  Loaded countries = Load("petrarch:" + kDictDir + "/petrarch2/Phoenix.Countries.actors.txt");
  c = CountEntries(*countries.dict);
  EXPECT_EQ(c.actors, 18390u);
  EXPECT_EQ(c.synonyms, 7527u);
  // 5,272 '>' + 26 '<' + 20,812 ranges = 26,110 restricted codes; two have
  // unreadable dates ("[MNEGOV 20121204]" and "[USAGOV 19820101]", no
  // operator) and are dropped with a warning.
  EXPECT_EQ(c.date_restricted, 26108u);
  EXPECT_EQ(c.actor_codes - c.date_restricted, 2279u);

  Loaded mil = Load("petrarch:" + kDictDir + "/petrarch2/Phoenix.MilNonState.actors.txt");
  c = CountEntries(*mil.dict);
  EXPECT_EQ(c.actors, 1021u);
  EXPECT_EQ(c.synonyms, 772u);

  Loaded intl = Load("petrarch:" + kDictDir + "/petrarch2/Phoenix.International.actors.txt");
  c = CountEntries(*intl.dict);
  EXPECT_EQ(c.actors, 7841u);  // spec: 7,840 primary lines, plus the stray "Source: ..." line

  Loaded agents = Load("petrarch:" + kDictDir + "/petrarch2/Phoenix.agents.txt");
  c = CountEntries(*agents.dict);
  EXPECT_EQ(c.substitution_sets, 2u);
  EXPECT_EQ(c.agent_lines, 2244u);
  size_t before = 0;
  for (const auto& a : agents.dict->agents())
    if (!a.generated && a.placement == AgentPlacement::kBeforeActor) ++before;
  EXPECT_EQ(before, 3u);  // "3 XXX~ codes"

  Loaded discards = Load("petrarch:" + kDictDir + "/petrarch2/Phoenix.discards.txt");
  c = CountEntries(*discards.dict);
  EXPECT_EQ(c.discards, 506u);
  EXPECT_EQ(c.story_discards, 64u);

  Loaded issues = Load("petrarch:" + kDictDir + "/petrarch2/Phoenix.IssueCoding.txt");
  c = CountEntries(*issues.dict);
  // Spec: 2,978 lines with '[' of which two are commented out ('#untag
  // [PEACEKEEPERS]' line 688, '#l'assaut ...' line 3042); 83 '~~', 98 '~'.
  EXPECT_EQ(c.issue_codes, 2976u);
  EXPECT_EQ(c.issues - c.issue_codes, 83u + 98u);
  std::set<std::string> codes;
  for (const auto& i : issues.dict->issues())
    if (!i.code.empty()) codes.insert(i.code);
  EXPECT_EQ(codes.size(), 111u);
  std::set<std::string> categories;
  for (const auto& i : issues.dict->issues()) categories.insert(i.category);
  // 52 <ISSUE> sections; ELECTIONS is empty and KIDNAP has only uncoded
  // lines (warned), so 50 categories carry entries.
  EXPECT_EQ(categories.size(), 50u);
}

TEST_F(SharedDataTest, KnownMalformedLinesAreWarnedByFileAndLine) {
  const std::string p2 = kDictDir + "/petrarch2/";
  Loaded c = Load("petrarch:" + p2 + "Phoenix.Countries.actors.txt");
  EXPECT_TRUE(HasWarning(c, "Phoenix.Countries.actors.txt", 18010, "9-digit date '201005011'"));
  EXPECT_TRUE(HasWarning(c, "Phoenix.Countries.actors.txt", 15346, "stray ']'"));
  EXPECT_TRUE(HasWarning(c, "Phoenix.Countries.actors.txt", 11234, "U+FFFD"));
  EXPECT_TRUE(HasWarning(c, "Phoenix.Countries.actors.txt", 31715, "code dropped"));
  Loaded i = Load("petrarch:" + p2 + "Phoenix.International.actors.txt");
  EXPECT_TRUE(HasWarning(i, "Phoenix.International.actors.txt", 40, "7-digit date '2004017'"));
  EXPECT_TRUE(HasWarning(i, "Phoenix.International.actors.txt", 22, "has no code"));  // U.N._
  EXPECT_TRUE(HasWarning(i, "Phoenix.International.actors.txt", 28, "lower-case"));   // UN_Secy_Gen
  EXPECT_TRUE(HasWarning(i, "Phoenix.International.actors.txt", 3694, "has no code"));
  EXPECT_TRUE(
      HasWarning(i, "Phoenix.International.actors.txt", 3696, "extra text 'Newspapers/Magazines"));
  // The bogus extra TAB fields did not become codes.
  for (const auto& a : i.dict->actors())
    for (const auto& code : a.codes) EXPECT_EQ(code.code.find('/'), std::string::npos) << code.code;
  Loaded v = Load("petrarch:" + p2 + "CAMEO.2.0.txt");
  EXPECT_TRUE(HasWarning(v, "CAMEO.2.0.txt", 2374, "stray text 'VISIT)' ignored"));
  EXPECT_TRUE(HasWarning(v, "CAMEO.2.0.txt", 7430, "glued to the block code"));
  Loaded a = Load("petrarch:" + p2 + "Phoenix.agents.txt");
  EXPECT_TRUE(HasWarning(a, "Phoenix.agents.txt", 1927, "has no code"));
  EXPECT_TRUE(HasWarning(a, "Phoenix.agents.txt", 544, "'[' without ']'"));
  Loaded pv = Load("petrarch:" + p2 + "PETR.Validate.verbs.txt");
  EXPECT_TRUE(HasWarning(pv, "PETR.Validate.verbs.txt", 1, "PETRARCH-2 ignores every later"));
  Loaded t = Load("tabari:" + kDictDir + "/tabari/CAMEO.091003.master.verbs");
  EXPECT_TRUE(HasWarning(t, "CAMEO.091003.master.verbs", 7995, "invalid UTF-8"));
  EXPECT_TRUE(HasWarning(t, "CAMEO.091003.master.verbs", 10190, "more than one '*'"));
  EXPECT_TRUE(HasWarning(t, "CAMEO.091003.master.verbs", 7990, "']' closes a '{'"));
  // tabari/discards.txt is a TAB-separated data table, not a dictionary.
  Loaded td = Load("petrarch:" + kDictDir + "/tabari/discards.txt");
  EXPECT_TRUE(HasWarning(td, "discards.txt", 1, "TAB-separated fields"));
}

TEST_F(SharedDataTest, Petrarch2CommentQuirkOption) {
  const std::string f = "petrarch:" + kDictDir + "/petrarch2/PETR.Validate.verbs.txt";
  Loaded keep = Load(f);
  DictionaryLoadOptions quirk;
  quirk.petrarch2_comment_quirk = true;
  Loaded drop = Load(f, quirk);
  EXPECT_GT(keep.dict->patterns().size(), 400u);
  EXPECT_EQ(drop.dict->patterns().size(), 0u);  // as PETRARCH-2 reads it
}

TEST_F(SharedDataTest, PhoenixSetLoadsAndMatches) {
  Loaded l = Load("petrarch:" + kDictDir + "/petrarch2");
  ASSERT_TRUE(l.dict);
  EXPECT_EQ(l.dict->files().size(), 7u);  // the PETR_config.ini set
  std::vector<std::string_view> words = {"the", "united", "nations", "said"};
  std::vector<PhraseMatch> m;
  l.dict->FindPhrases(PhraseKind::kActor, words, {}, &m);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(m[0].begin, 0u);
  EXPECT_EQ(m[0].end, 3u);
  EXPECT_EQ(l.dict->ResolveActorCode(m[0].entries, Date::Day(2015, 1, 1)), "IGOUNO");
  std::vector<VerbHit> hits;
  l.dict->FindVerbs("accused", "accuse", &hits);
  bool accuse = false;
  for (const VerbHit& h : hits)
    accuse |= l.dict->verbs()[h.verb].base == "accuse";  // in the BLAME block
  EXPECT_TRUE(accuse);
  EXPECT_GE(l.dict->FindSynset("&CURRENCY"), 0);
  EXPECT_EQ(l.dict->FindSynset("&NOSUCH"), -1);
}

TEST_F(SharedDataTest, TabariProjectLoadsItsFiles) {
  Loaded l = Load("tabari:" + kDictDir + "/tabari/Validate.project");
  ASSERT_TRUE(l.dict);
  // TABARI.Demo.actors, TABARI.Demo.verbs, Validate.options, Validate.agents.
  EXPECT_EQ(l.dict->files().size(), 4u);
  EXPECT_FALSE(l.dict->agents().empty());
  // Stems: ARGENTIN [ARG] matches "argentina".
  std::vector<std::string_view> words = {"argentina"};
  std::vector<PhraseMatch> m;
  l.dict->FindPhrases(PhraseKind::kActor, words, {}, &m);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(l.dict->ResolveActorCode(m[0].entries, Date::Day(1995, 1, 1)), "ARG");
  // AXNOR [AR1 <911226] [AR2]
  words = {"axnor"};
  m.clear();
  l.dict->FindPhrases(PhraseKind::kActor, words, {}, &m);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(l.dict->ResolveActorCode(m[0].entries, Date::Day(1991, 12, 26)), "AR1");
  EXPECT_EQ(l.dict->ResolveActorCode(m[0].entries, Date::Day(1991, 12, 27)), "AR2");
}

TEST(ReaderTest, MissingFileFailsNamingIt) {
  std::vector<DictWarning> w;
  auto d = LoadDictionaries({"petrarch:/nonexistent/Phoenix.agents.txt"}, {}, &w);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("/nonexistent/Phoenix.agents.txt"), std::string::npos);
  auto e = LoadDictionaries({"tabari:/x/file.unknown"}, {}, &w);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
}

TEST(ReaderTest, InMemoryActorsWithEveryQuirk) {
  const std::string text =
      "# comment\n"
      "AFGHANISTAN_  [AFG]\n"
      "+AFGHAN_\n"
      "+KABUL_ # capital\n"
      "KHAMENEI_\n"
      "\t[IRNGOV 811013-890803]\n"
      "\t[IRNGOV >19890604] # leader\n"
      "\t[IRNELI]\n"
      "NO_CODE_HERE\n"
      "BAD_DATE [XXX 2012-13]\n"
      "+Mixed_Case\n"
      "\t[YYY\n";
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  ASSERT_TRUE(
      ParsePetrarchDictionary(PetrarchFileKind::kActors, "mem.actors", text, {}, &b, &w).ok());
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  ASSERT_EQ((*d)->actors().size(), 4u);
  EXPECT_EQ((*d)->actors()[0].synonyms.size(), 2u);
  EXPECT_EQ((*d)->actors()[1].codes.size(), 3u);
  EXPECT_EQ((*d)->actors()[1].where.line, 5u);
  std::vector<std::string> got;
  for (auto& x : w) got.push_back(x.ToString());
  ASSERT_EQ(got.size(), 5u) << ::testing::PrintToString(got);
  EXPECT_EQ(got[0],
            "mem.actors:9: actor 'no code here' has no code; kept without codes (it can "
            "match but codes nothing)");
  EXPECT_NE(got[1].find("mem.actors:10: code 'XXX': date '2012' is not YYMMDD"), std::string::npos);
  EXPECT_NE(got[2].find("mem.actors:11: phrase 'Mixed_Case' has lower-case"), std::string::npos);
  EXPECT_NE(got[3].find("mem.actors:12: code line does not end with ']'"), std::string::npos);
  EXPECT_NE(got[4].find("mem.actors:12: '[' without ']'"), std::string::npos);
}

TEST(ReaderTest, InMemoryAgentsSubstitutionAndPlurals) {
  const std::string text =
      "!PERSON! = MAN, MEN, WOMAN\n"
      "CATTLE!PERSON! [~AGR]\n"
      "POLICE {} [~COP]\n"
      "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n"
      "PEACEKEEPING_TROOPS {} [IGO~]\n"
      "ARMY [~MIL]\n"
      "MINISTRY [~GOV]\n"
      "NOCODE\n"
      "WHO!NOSET! [~X]\n";
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  ASSERT_TRUE(
      ParsePetrarchDictionary(PetrarchFileKind::kAgents, "mem.agents", text, {}, &b, &w).ok());
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  std::vector<std::string> phrases;
  for (const auto& a : (*d)->agents()) phrases.push_back(a.phrase.ToString() + "=" + a.code);
  EXPECT_EQ(phrases,
            (std::vector<std::string>{"cattleman=AGR", "cattlemen=AGR", "cattlewoman=AGR",
                                      "police=COP", "chamber of commerce=BUS",
                                      "chambers of commerce=BUS", "peacekeeping troops=IGO",
                                      "army=MIL", "armies=MIL", "ministry=GOV", "ministries=GOV"}));
  EXPECT_EQ((*d)->agents()[6].placement, AgentPlacement::kBeforeActor);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].line, 8);
  EXPECT_EQ(w[1].line, 9);
}

TEST(ReaderTest, InMemoryVerbsBlocksFormsPatterns) {
  const std::string text =
      "####### SYNONYM SETS #######\n"
      "&CURRENCY\n"
      "+MONEY\n"
      "+CASH_\n"
      "+NUCLEAR_WEAPON\n"
      "####### VERB PATTERNS #######\n"
      "---  ASK   [---]  ---\n"
      "+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]\n"
      "ASK     [020]\n"
      "QUERY {QUERYING QUERIES QUERIED }\n"
      "- * (FOR &SOLUTION) (OF &INVESTIGATION)               [0214]        # ASK\n"
      "- * (TO) [042:043]\n"
      "- * NOSTAR                                          [abc!!]\n"
      "- NO VERB MARKER [010]\n"
      "~ a (a b ATTACK) SAY = a b 015\n"
      "~ broken transformation\n";
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  ASSERT_TRUE(
      ParsePetrarchDictionary(PetrarchFileKind::kVerbs, "mem.verbs", text, {}, &b, &w).ok());
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  ASSERT_EQ((*d)->synsets().size(), 1u);
  // MONEY + MONEYS, CASH (no plural: '_'), {NUCLEAR WEAPON} (multi-word: no plural).
  EXPECT_EQ((*d)->synsets()[0].phrases.size(), 4u);
  ASSERT_EQ((*d)->verbs().size(), 3u);
  const VerbEntry& ask_for = (*d)->verbs()[0];
  EXPECT_EQ(ask_for.base, "ask for");
  EXPECT_EQ(ask_for.forms.size(), 4u);
  EXPECT_EQ(ask_for.code.first, "020");
  const VerbEntry& ask = (*d)->verbs()[1];
  std::vector<std::string> forms;
  for (const auto& f : ask.forms) forms.push_back(f.words.ToString());
  EXPECT_EQ(forms, (std::vector<std::string>{"ask", "asks", "asked", "asking"}));
  const VerbEntry& query = (*d)->verbs()[2];
  EXPECT_EQ(query.code.kind, EventCodeSpec::Kind::kNull);  // the block's [---]
  EXPECT_EQ(query.forms.size(), 4u);
  ASSERT_EQ((*d)->patterns().size(), 2u);
  EXPECT_EQ((*d)->patterns()[1].code.second, "043");
  ASSERT_EQ((*d)->transformations().size(), 1u);
  EXPECT_EQ((*d)->transformations()[0].out_code, "015");
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].line, 13);
  EXPECT_EQ(w[1].line, 14);
  EXPECT_EQ(w[2].line, 16);
}

TEST(ReaderTest, InMemoryTabariVerbsAndActors) {
  const std::string verbs =
      "<SYNSETS>\n&TIETYPES\n+MILITARY\n+ECONOMIC\n</SYNSETS>\n"
      "<TIME>\nLAST_WEEK [-7]\nKAN_WA_MA_KAN [###]\n</TIME>\n"
      "ACT_ [100]\n"
      "{ ACTING_ ACTXD_ ACTUALITY  }\n"
      "- SAID WOULD * NOW  [101]\n"
      "ABUS  [---] ;SLS 09 Oct 2007\n"
      "- * + PRISONER  [182] ;SLS 09 Oct 2007\n"
      "~~FINISH\n"
      "NOT READ [010]\n";
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  ASSERT_TRUE(ParseTabariDictionary(TabariFileKind::kVerbs, "mem.verbs", verbs, {}, &b, &w).ok());
  const std::string actors =
      "<NOUN>\nFORCES_\n</NOUN>\n"
      "ALBRIGHT  [USAGOV 991201-010114] [---] ;ems 02 Feb 2001\n"
      "KAN_WA_MA_KAN [###]\n"
      "GOLLUM ; pas\n+SMEAGOL\n  [HOB <950601]\n  [HOBGOV 950601-990815]\n";
  ASSERT_TRUE(
      ParseTabariDictionary(TabariFileKind::kActors, "mem.actors", actors, {}, &b, &w).ok());
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(w.empty()) << w[0].ToString();
  ASSERT_EQ((*d)->verbs().size(), 2u);
  EXPECT_EQ((*d)->verbs()[0].forms.size(), 4u);
  EXPECT_TRUE((*d)->verbs()[0].explicit_forms);
  EXPECT_EQ((*d)->patterns().size(), 2u);
  ASSERT_EQ((*d)->time_shifts().size(), 2u);
  EXPECT_EQ((*d)->time_shifts()[0].days, -7);
  EXPECT_FALSE((*d)->time_shifts()[1].is_shift);
  ASSERT_EQ((*d)->actors().size(), 2u);
  EXPECT_EQ((*d)->actors()[1].synonyms.size(), 1u);
  EXPECT_EQ((*d)->actors()[1].codes.size(), 2u);
  ASSERT_EQ((*d)->discards().size(), 1u);
  EXPECT_EQ((*d)->options().size(), 1u);  // the <NOUN> word
  std::vector<VerbHit> hits;
  (*d)->FindVerbs("abused", "abuse", &hits);  // stem ABUS
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ((*d)->verbs()[hits[0].verb].base, "abus");
}

TEST(ReaderTest, GarbageNeverCrashes) {
  const std::string junk[] = {"",
                              "\n\n",
                              "[",
                              "]",
                              "+",
                              "-",
                              "- *",
                              "--- ",
                              "{",
                              "(",
                              "~",
                              "\xff\xfe\x00\x01",
                              "- * (((((((((( [010]",
                              "!A! = \n X!A! [~Y]",
                              "<ISSUE CATEGORY=\"",
                              "<!-- never closed"};
  for (const auto& j : junk) {
    for (auto k : {PetrarchFileKind::kVerbs, PetrarchFileKind::kActors, PetrarchFileKind::kAgents,
                   PetrarchFileKind::kDiscards, PetrarchFileKind::kIssues}) {
      DictionaryBuilder b;
      std::vector<DictWarning> w;
      EXPECT_TRUE(ParsePetrarchDictionary(k, "junk", j, {}, &b, &w).ok());
      EXPECT_TRUE(b.Compile().ok());
    }
    for (auto k : {TabariFileKind::kVerbs, TabariFileKind::kActors, TabariFileKind::kAgents,
                   TabariFileKind::kOptions, TabariFileKind::kProject}) {
      DictionaryBuilder b;
      std::vector<DictWarning> w;
      EXPECT_TRUE(ParseTabariDictionary(k, "junk", j, {}, &b, &w).ok());
      EXPECT_TRUE(b.Compile().ok());
    }
  }
}

}  // namespace
}  // namespace dyad
