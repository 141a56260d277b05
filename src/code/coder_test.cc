#include "dyad/coder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "dyad/default_dictionary.h"
#include "dyad/text.h"

namespace dyad {
namespace {

// Simple whitespace tokens for unit tests, independent of the text stage:
// "," "." ";" and "'s" become tokens of their own.
Sentence Toks(std::string_view s) {
  Sentence out;
  auto add = [&](std::string_view w, uint32_t b, TokenKind k) {
    std::string lower(w);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Token& t = out.AddToken(w, lower, lower, k);
    t.begin = b;
    t.end = b + static_cast<uint32_t>(w.size());
  };
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    std::string_view w = s.substr(i, j - i);
    std::vector<std::pair<std::string_view, uint32_t>> tail;
    while (!w.empty() &&
           (w.back() == ',' || w.back() == '.' || w.back() == ';' || w.back() == '"')) {
      tail.insert(tail.begin(), {w.substr(w.size() - 1), static_cast<uint32_t>(i + w.size() - 1)});
      w.remove_suffix(1);
    }
    bool poss = w.size() > 2 && w.substr(w.size() - 2) == "'s";
    if (poss) w.remove_suffix(2);
    if (!w.empty()) {
      bool punct = !std::isalnum(static_cast<unsigned char>(w[0]));
      add(w, static_cast<uint32_t>(i), punct ? TokenKind::kPunct : TokenKind::kWord);
    }
    if (poss) add("'s", static_cast<uint32_t>(i + w.size()), TokenKind::kWord);
    for (auto& [p, b] : tail) add(p, b, TokenKind::kPunct);
    i = j;
  }
  return out;
}

Phrase P(std::string_view words, bool stem = false) {
  Phrase p;
  size_t i = 0;
  while (i < words.size()) {
    size_t j = words.find(' ', i);
    if (j == std::string_view::npos) j = words.size();
    PhraseWord w;
    w.text = std::string(words.substr(i, j - i));
    w.stem = stem;
    p.words.push_back(w);
    i = j + 1;
  }
  return p;
}

EventCodeSpec Code(std::string_view s) {
  EventCodeSpec c;
  if (s.size() >= 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  EXPECT_TRUE(EventCodeSpec::Parse(s, &c)) << s;
  return c;
}

PatternElement W(std::string_view w, bool consecutive = false) {
  PatternElement e;
  e.kind = PatternElementKind::kWord;
  e.word.text = std::string(w);
  e.consecutive = consecutive;
  return e;
}
PatternElement Slot(PatternElementKind k) {
  PatternElement e;
  e.kind = k;
  return e;
}

// A tiny dictionary in the TABARI style, built in memory.
class TinyDict {
 public:
  TinyDict() { file_ = b_.AddFile("tiny.dict"); }
  void Actor(std::string_view phrase, std::string_view code) {
    ActorEntry e;
    e.primary = P(phrase);
    ActorCode c;
    c.code = std::string(code);
    e.codes.push_back(c);
    e.where = {file_, ++line_};
    b_.AddActor(e);
  }
  void DatedActor(std::string_view phrase, std::vector<ActorCode> codes) {
    ActorEntry e;
    e.primary = P(phrase);
    e.codes = std::move(codes);
    e.where = {file_, ++line_};
    b_.AddActor(e);
  }
  void Agent(std::string_view phrase, std::string_view code) {
    AgentEntry a;
    a.phrase = P(phrase);
    a.code = std::string(code);
    a.where = {file_, ++line_};
    b_.AddAgent(a);
  }
  // A verb with its own block; forms are exact words.
  uint32_t Verb(std::vector<std::string_view> forms, std::string_view code) {
    VerbBlock blk;
    blk.name = std::string(forms[0]);
    blk.code = Code(code);
    blk.where = {file_, ++line_};
    uint32_t bi = b_.AddVerbBlock(blk);
    VerbEntry v;
    v.block = bi;
    v.base = std::string(forms[0]);
    for (std::string_view f : forms) {
      VerbForm vf;
      vf.words = P(f);
      v.forms.push_back(vf);
    }
    v.code = Code(code);
    v.own_code = true;
    v.where = {file_, ++line_};
    b_.AddVerb(v);
    return bi;
  }
  void Pat(uint32_t block, std::vector<PatternElement> before, std::vector<PatternElement> after,
           std::string_view code) {
    Pattern p;
    p.block = block;
    p.before = std::move(before);
    p.after = std::move(after);
    p.code = Code(code);
    p.specificity = 0;
    for (auto* side : {&p.before, &p.after})
      for (const PatternElement& e : *side)
        p.specificity += static_cast<uint32_t>(e.word.text.size());
    p.where = {file_, ++line_};
    b_.AddPattern(p);
  }
  void DiscardPhrase(std::string_view phrase) {
    Discard d;
    d.phrase = P(phrase);
    d.where = {file_, ++line_};
    b_.AddDiscard(d);
  }
  std::shared_ptr<const Dictionary> Build() {
    auto r = b_.Compile();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }

 private:
  DictionaryBuilder b_;
  uint32_t file_ = 0;
  uint32_t line_ = 0;
};

std::shared_ptr<const Dictionary> Standard() {
  TinyDict d;
  d.Actor("arnor", "ARN");
  d.Actor("gondor", "GON");
  d.Actor("iran", "IRN");
  d.Actor("russia", "RUS");
  d.Actor("china", "CHN");
  d.Actor("egypt", "EGY");
  d.Actor("syria", "SYR");
  d.Agent("president", "GOV");
  d.Agent("ambassadors", "GOV");
  uint32_t restore = d.Verb({"restore", "restored", "restores"}, "[---]");
  d.Pat(restore, {}, {W("ties")}, "[064]");
  uint32_t sign = d.Verb({"signed", "sign", "signs"}, "[081]");
  (void)sign;
  uint32_t attack = d.Verb({"attacked", "attack", "attacks"}, "[190]");
  (void)attack;
  uint32_t meet = d.Verb({"met", "meet", "meets"}, "[031:031]");
  (void)meet;
  uint32_t visit = d.Verb({"visited", "visit", "visits"}, "[032:033]");
  (void)visit;
  uint32_t said = d.Verb({"said", "say", "says"}, "[010?]");
  (void)said;
  uint32_t accuse = d.Verb({"accused", "accuse", "accuses"}, "[112]");
  d.Pat(accuse, {Slot(PatternElementKind::kTarget), W("was")},
        {W("by"), Slot(PatternElementKind::kSource)}, "[112]");
  d.DiscardPhrase("football");
  return d.Build();
}

struct Triple {
  std::string s, t, c;
  bool operator<(const Triple& o) const { return std::tie(s, t, c) < std::tie(o.s, o.t, o.c); }
  bool operator==(const Triple& o) const { return s == o.s && t == o.t && c == o.c; }
  friend void PrintTo(const Triple& x, std::ostream* os) {
    *os << "{" << x.s << " / " << x.t << " / " << x.c << "}";
  }
};

std::set<Triple> CodeText(const Coder& coder, std::string_view text,
                          SentenceStatus* status = nullptr) {
  CoderScratch scratch;
  SentenceResult r;
  const Sentence toks = Toks(text);
  coder.CodeSentence(toks.tokens, Date::Day(2012, 1, 1), &scratch, &r);
  if (status) *status = r.status;
  std::set<Triple> out;
  for (const SentenceEvent& e : r.events) out.insert({e.source.code, e.target.code, e.code});
  return out;
}

TEST(CoderTest, SimplePatternAndDefaultActors) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Arnor will restore full diplomatic ties with Gondor."),
            (std::set<Triple>{{"ARN", "GON", "064"}}));
  // Null-coded verb without its pattern: nothing.
  EXPECT_TRUE(CodeText(coder, "Arnor will restore order in Gondor.").empty());
}

TEST(CoderTest, CompoundSubjectGivesOneEventPerActor) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Iran and Russia signed an accord with China."),
            (std::set<Triple>{{"IRN", "CHN", "081"}, {"RUS", "CHN", "081"}}));
}

TEST(CoderTest, PairedCodeSwapsSourceAndTarget) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Egypt visited Syria on Monday."),
            (std::set<Triple>{{"EGY", "SYR", "032"}, {"SYR", "EGY", "033"}}));
}

TEST(CoderTest, AgentComposesWithActor) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Egypt's president attacked Syria."),
            (std::set<Triple>{{"EGYGOV", "SYR", "190"}}));
  EXPECT_EQ(CodeText(coder, "The ambassadors of Egypt attacked Syria."),
            (std::set<Triple>{{"EGYGOV", "SYR", "190"}}));
}

TEST(CoderTest, PassiveVoiceSwaps) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Egypt was attacked by Syria."),
            (std::set<Triple>{{"SYR", "EGY", "190"}}));
}

TEST(CoderTest, DesignatedSlotsOverrideDefaults) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Egypt was accused by Syria."),
            (std::set<Triple>{{"SYR", "EGY", "112"}}));
}

TEST(CoderTest, NegatedVerbIsNotCoded) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_TRUE(CodeText(coder, "Egypt did not attack Syria.").empty());
  EXPECT_TRUE(CodeText(coder, "Egypt never attacked Syria.").empty());
}

TEST(CoderTest, DeterminerMakesVerbANoun) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_TRUE(CodeText(coder, "Egypt condemned the attack on Syria.").empty());
}

TEST(CoderTest, SubordinateCodeOnlyWithoutOtherEvents) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_EQ(CodeText(coder, "Egypt said Syria attacked Gondor."),
            (std::set<Triple>{{"SYR", "GON", "190"}}));
  EXPECT_EQ(CodeText(coder, "Egypt said it supports Syria."),
            (std::set<Triple>{{"EGY", "SYR", "010"}}));
}

TEST(CoderTest, DiscardPhraseDropsSentence) {
  Coder coder(Standard(), CoderOptions());
  SentenceStatus st;
  EXPECT_TRUE(CodeText(coder, "Egypt attacked Syria in a football match.", &st).empty());
  EXPECT_EQ(st, SentenceStatus::kDiscard);
}

TEST(CoderTest, NoDyadNoEvent) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_TRUE(CodeText(coder, "Egypt attacked the rebels.").empty());
  CoderOptions o;
  o.require_dyad = false;
  o.default_target = "---";
}

TEST(CoderTest, DateRestrictedActorCodes) {
  TinyDict d;
  ActorCode before, after;
  before.code = "EGY";
  before.when.kind = DateRestriction::Kind::kBefore;
  before.when.last = Date::Day(1991, 12, 31);
  after.code = "IGOUNO";
  after.when.kind = DateRestriction::Kind::kAfter;
  after.when.first = Date::Day(1992, 1, 1);
  d.DatedActor("ghali", {before, after});
  d.Actor("syria", "SYR");
  d.Verb({"visited"}, "[032]");
  Coder coder(d.Build(), CoderOptions());
  CoderScratch scratch;
  SentenceResult r;
  const Sentence toks = Toks("Ghali visited Syria.");
  coder.CodeSentence(toks.tokens, Date::Day(1990, 5, 1), &scratch, &r);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].source.code, "EGY");
  coder.CodeSentence(toks.tokens, Date::Day(1995, 5, 1), &scratch, &r);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_EQ(r.events[0].source.code, "IGOUNO");
}

TEST(CoderTest, RuleNamesFileAndLine) {
  Coder coder(Standard(), CoderOptions());
  CoderScratch scratch;
  SentenceResult r;
  const Sentence toks = Toks("Arnor will restore full diplomatic ties with Gondor.");
  coder.CodeSentence(toks.tokens, Date(), &scratch, &r);
  ASSERT_EQ(r.events.size(), 1u);
  EXPECT_NE(r.events[0].rule.find("tiny.dict:"), std::string::npos) << r.events[0].rule;
  EXPECT_NE(r.events[0].rule.find("[064]"), std::string::npos) << r.events[0].rule;
}

TEST(CoderTest, TabariOptionsParse) {
  CoderOptions o;
  ASSERT_TRUE(ApplyTabariOption("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN", &o).ok());
  EXPECT_EQ(o.complex_verbs, 5);
  EXPECT_EQ(o.complex_conj, 4);
  EXPECT_TRUE(o.complex_noactprior);
  ASSERT_TRUE(
      ApplyTabariOption("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8", &o).ok());
  EXPECT_EQ(o.comma_min, 4);
  EXPECT_EQ(o.comma_max, 6);
  EXPECT_EQ(o.comma_emin, 3);
  EXPECT_EQ(o.comma_bmax, 8);
  ASSERT_TRUE(ApplyTabariOption("SET: CODE BY SENTENCE", &o).ok());
  EXPECT_EQ(o.code_by, CoderOptions::CodeBy::kSentence);
  ASSERT_TRUE(ApplyTabariOption("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER", &o).ok());
  EXPECT_EQ(o.default_source, "DEFSRC");
  EXPECT_TRUE(o.default_source_prior);
  EXPECT_EQ(o.default_target, "DEFTAR");
  EXPECT_TRUE(o.default_target_after);
  ASSERT_TRUE(ApplyTabariOption("DEFAULT: OFF", &o).ok());
  EXPECT_TRUE(o.default_source.empty());
  EXPECT_FALSE(ApplyTabariOption("nonsense", &o).ok());
}

// --- Bad input: bounded work, no crash. -------------------------------------

TEST(CoderBadInputTest, TenThousandTokens) {
  Coder coder(Standard(), CoderOptions());
  std::string s;
  for (int i = 0; i < 10000; ++i) s += (i % 7 == 0) ? "Egypt attacked Syria and " : "word ";
  CoderScratch scratch;
  SentenceResult r;
  const Sentence toks = Toks(s);
  ASSERT_GE(toks.tokens.size(), 10000u);
  coder.CodeSentence(toks.tokens, Date(), &scratch, &r);
  // Only the first max_sentence_words words are read; events stay bounded.
  EXPECT_LE(r.events.size(), CoderOptions().max_events);
  EXPECT_FALSE(r.events.empty());
}

TEST(CoderBadInputTest, OnlyPunctuation) {
  Coder coder(Standard(), CoderOptions());
  EXPECT_TRUE(CodeText(coder, ", , . ; \" \" , . . ,").empty());
  EXPECT_TRUE(CodeText(coder, "").empty());
}

TEST(CoderBadInputTest, HundredActors) {
  Coder coder(Standard(), CoderOptions());
  std::string s = "Egypt";
  for (int i = 0; i < 99; ++i) s += (i % 2) ? ", Syria" : ", Gondor";
  s += " and Iran met Russia.";
  CoderScratch scratch;
  SentenceResult r;
  const Sentence toks = Toks(s);
  coder.CodeSentence(toks.tokens, Date(), &scratch, &r);
  EXPECT_LE(r.events.size(), CoderOptions().max_events);
}

TEST(CoderBadInputTest, DeeplyNestedQuotes) {
  Coder coder(Standard(), CoderOptions());
  std::string s;
  for (int i = 0; i < 500; ++i) s += "\" ";
  s += "Egypt attacked Syria";
  for (int i = 0; i < 500; ++i) s += " \"";
  EXPECT_EQ(CodeText(coder, s), (std::set<Triple>{{"EGY", "SYR", "190"}}));
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// Golden cases: src/code/testdata/golden_default.txt (format in its header).
TEST(CoderGoldenTest, DefaultDictionary) {
  const std::string path = std::string(DYAD_SOURCE_DIR) + "/src/code/testdata/golden_default.txt";
  std::ifstream in(path);
  ASSERT_TRUE(in) << "missing golden file " << path;
  std::vector<DictWarning> warnings;
  auto dict = LoadDefaultDictionary(DefaultDictionaryOptions(), &warnings);
  ASSERT_TRUE(dict.ok()) << dict.status().ToString();
  Coder coder(*dict, CoderOptionsForDictionary(**dict, nullptr));
  CoderScratch scratch;
  std::vector<std::pair<std::string, std::vector<std::string>>> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("S\t", 0) == 0)
      cases.push_back({line.substr(2), {}});
    else if (line.rfind("E\t", 0) == 0 && !cases.empty())
      cases.back().second.push_back(line.substr(2));
  }
  ASSERT_GE(cases.size(), 8u);
  for (const auto& [sentence, want] : cases) {
    Article a;
    a.id = "golden";
    a.text = sentence;
    std::vector<CodedEvent> events;
    coder.CodeArticle(a, TextOptions(), &scratch, &events);
    std::vector<std::string> got;
    for (const CodedEvent& e : events)
      got.push_back(e.source.code + "\t" + e.target.code + "\t" + e.code);
    EXPECT_EQ(got, want) << "sentence: " << sentence;
    for (const CodedEvent& e : events) {
      EXPECT_NE(e.rule.find("data/dict/"), std::string::npos) << e.rule;
      EXPECT_EQ(e.root_code, e.code.substr(0, 2));
      EXPECT_FALSE(e.source.text.empty());
    }
  }
}

// --threads N gives the same output as --threads 1.
TEST(CodeInputsTest, ThreadCountDoesNotChangeOutput) {
  const std::string dir = ::testing::TempDir() + "/code_inputs_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream f(dir + "/articles.jsonl");
    for (int i = 0; i < 150; ++i)
      f << "{\"id\":\"a" << i << "\",\"date\":\"2012-03-0" << (i % 9 + 1)
        << "\",\"text\":\"Iran and Russia signed an agreement with China. Israeli troops attacked "
           "Palestinian militants in Gaza. Japan's prime minister visited Beijing.\"}\n";
  }
  std::vector<DictWarning> warnings;
  auto dict = LoadDefaultDictionary(DefaultDictionaryOptions(), &warnings);
  ASSERT_TRUE(dict.ok());
  Coder coder(*dict, CoderOptions());
  auto run = [&](int threads) {
    std::string out;
    CodeRunStats st;
    Status s = CodeInputs(
        coder, {dir + "/articles.jsonl"}, ReadOptions(), TextOptions(), threads,
        [&](const CodedEvent& e) { out += e.event_id + " " + e.source.code + " " + e.code + "\n"; },
        [](const Reject&) {}, &st);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(st.articles, 150u);
    EXPECT_EQ(st.sentences, 450u);
    return out;
  };
  std::string one = run(1);
  EXPECT_FALSE(one.empty());
  EXPECT_EQ(run(4), one);
  EXPECT_EQ(run(3), one);
}

}  // namespace
}  // namespace dyad
