// Tests of the compiled representation: codes, dates, agents, patterns, and
// the phrase/verb matchers against a slow reference matcher.
#include "dyad/dictionary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "dict/dict_text.h"
#include "dyad/dict_readers.h"

namespace dyad {
namespace {

using dict_internal::MakePhrase;
using dict_internal::PhraseSyntax;

// ---------------------------------------------------------------------------
// Event codes

TEST(EventCodeSpecTest, ParsesEveryShippedForm) {
  EventCodeSpec c;
  ASSERT_TRUE(EventCodeSpec::Parse("042", &c));
  EXPECT_EQ(c.kind, EventCodeSpec::Kind::kEvent);
  EXPECT_EQ(c.first, "042");
  EXPECT_TRUE(c.IsCameo());
  ASSERT_TRUE(EventCodeSpec::Parse("042:043", &c));
  EXPECT_EQ(c.first, "042");
  EXPECT_EQ(c.second, "043");
  EXPECT_EQ(c.ToString(), "[042:043]");
  ASSERT_TRUE(EventCodeSpec::Parse(":173", &c));
  EXPECT_EQ(c.first, "");
  EXPECT_EQ(c.second, "173");
  ASSERT_TRUE(EventCodeSpec::Parse("---", &c));
  EXPECT_EQ(c.kind, EventCodeSpec::Kind::kNull);
  ASSERT_TRUE(EventCodeSpec::Parse("###", &c));
  EXPECT_EQ(c.kind, EventCodeSpec::Kind::kDiscard);
  ASSERT_TRUE(EventCodeSpec::Parse("+++", &c));
  EXPECT_EQ(c.kind, EventCodeSpec::Kind::kComplex);
  ASSERT_TRUE(EventCodeSpec::Parse("031!", &c));
  EXPECT_EQ(c.flag, '!');
  EXPECT_EQ(c.ToString(), "[031!]");
  ASSERT_TRUE(EventCodeSpec::Parse("075A", &c));  // TABARI demo code: parses, not CAMEO
  EXPECT_FALSE(c.IsCameo());
  EXPECT_FALSE(EventCodeSpec::Parse("", &c));
  EXPECT_FALSE(EventCodeSpec::Parse("04-2", &c));
  EXPECT_FALSE(EventCodeSpec::Parse("042:", &c));
}

// ---------------------------------------------------------------------------
// Dates

TEST(RestrictionDateTest, TwoDigitYearPivotAndOddLengths) {
  Date d;
  std::string note;
  ASSERT_TRUE(ParseRestrictionDate("300101", &d, &note));
  EXPECT_EQ(d.ToString(), "2030-01-01");
  ASSERT_TRUE(ParseRestrictionDate("310101", &d, &note));
  EXPECT_EQ(d.ToString(), "1931-01-01");
  note.clear();
  ASSERT_TRUE(ParseRestrictionDate("2004017", &d, &note));  // spec 4.4: 7 digits -> YYMMDD
  EXPECT_EQ(d.ToString(), "2020-04-01");
  EXPECT_NE(note.find("7-digit"), std::string::npos);
  note.clear();
  ASSERT_TRUE(ParseRestrictionDate("201005011", &d, &note));  // 9 digits: first 8
  EXPECT_EQ(d.ToString(), "2010-05-01");
  EXPECT_NE(note.find("9-digit"), std::string::npos);
  EXPECT_FALSE(ParseRestrictionDate("20100931", &d, &note));  // no 31 September
  EXPECT_FALSE(ParseRestrictionDate("12345", &d, &note));
  EXPECT_FALSE(ParseRestrictionDate("12a456", &d, &note));
}

std::vector<ActorCode> Codes(std::vector<std::pair<std::string, std::string>> spec) {
  std::vector<ActorCode> out;
  for (auto& [code, restr] : spec) {
    ActorCode c;
    c.code = code;
    std::string err, note;
    EXPECT_TRUE(dict_internal::ParseRestriction(restr, &c.when, &err, &note)) << err;
    out.push_back(c);
  }
  return out;
}

std::string Resolve(const std::vector<ActorCode>& codes, const Date& d, DateRestrictionMode m) {
  int i = ResolveDateRestricted(codes, d, m);
  return i < 0 ? "" : codes[i].code;
}

constexpr auto kTabari = DateRestrictionMode::kTabari;
constexpr auto kP2 = DateRestrictionMode::kPetrarch2;

TEST(DateRestrictionTest, BoundariesDifferBetweenTabariAndPetrarch2) {
  // TABARI manual 6.5.2: BOUTROS-GHALI [EGY < 911231] [UNO > 920101].
  auto bg = Codes({{"EGY", "< 911231"}, {"UNO", "> 920101"}});
  EXPECT_EQ(Resolve(bg, Date::Day(1991, 12, 30), kTabari), "EGY");
  EXPECT_EQ(Resolve(bg, Date::Day(1991, 12, 31), kTabari), "EGY");  // "prior to and including"
  EXPECT_EQ(Resolve(bg, Date::Day(1991, 12, 31), kP2), "");         // P2: date < D, strict
  EXPECT_EQ(Resolve(bg, Date::Day(1992, 1, 1), kTabari), "UNO");    // "after and including"
  EXPECT_EQ(Resolve(bg, Date::Day(1992, 1, 1), kP2), "UNO");        // P2: date >= D

  // Range end: TABARI inclusive, P2 D1 <= date < D2.
  auto range = Codes({{"UNO", "920101-991231"}, {"EGY", ""}});
  EXPECT_EQ(Resolve(range, Date::Day(1999, 12, 31), kTabari), "UNO");
  EXPECT_EQ(Resolve(range, Date::Day(1999, 12, 31), kP2), "EGY");
  EXPECT_EQ(Resolve(range, Date::Day(1992, 1, 1), kP2), "UNO");
  EXPECT_EQ(Resolve(range, Date::Day(2000, 1, 1), kTabari), "EGY");
}

TEST(DateRestrictionTest, DefaultCodePlacement) {
  // TABARI: the unrestricted code is used only when no restriction holds,
  // wherever it is written. P2: the first satisfied entry in order wins, and
  // an unrestricted entry is satisfied as soon as it is reached.
  auto codes = Codes({{"EGY", ""}, {"UNO", "920101-991231"}});
  EXPECT_EQ(Resolve(codes, Date::Day(1995, 6, 1), kTabari), "UNO");
  EXPECT_EQ(Resolve(codes, Date::Day(1995, 6, 1), kP2), "EGY");
  EXPECT_EQ(Resolve(codes, Date::Day(1985, 6, 1), kTabari), "EGY");
}

TEST(DateRestrictionTest, OverlapsAndNoDefault) {
  // Manual 6.5.2 note 4: [XXX <920101] [YYY <930101]: the first that holds.
  auto codes = Codes({{"XXX", "<920101"}, {"YYY", "<930101"}});
  EXPECT_EQ(Resolve(codes, Date::Day(1991, 1, 1), kTabari), "XXX");
  EXPECT_EQ(Resolve(codes, Date::Day(1992, 6, 1), kTabari), "YYY");
  EXPECT_EQ(Resolve(codes, Date::Day(1994, 1, 1), kTabari), "");  // none holds, no default
  EXPECT_EQ(Resolve(codes, Date::Day(1994, 1, 1), kP2), "");
  // Khamenei (Phoenix.Countries): [IRNGOV 811013-890803] [IRNGOV >19890604] [IRNELI].
  auto kh = Codes({{"IRNGOV", "811013-890803"}, {"IRNGOV", ">19890604"}, {"IRNELI", ""}});
  EXPECT_EQ(Resolve(kh, Date::Day(1980, 1, 1), kTabari), "IRNELI");
  EXPECT_EQ(Resolve(kh, Date::Day(1980, 1, 1), kP2), "IRNELI");
  EXPECT_EQ(Resolve(kh, Date::Day(2015, 1, 1), kP2), "IRNGOV");
}

TEST(DateRestrictionTest, UnknownAndCoarseDates) {
  auto codes = Codes({{"UNO", "920101-991231"}, {"EGY", ""}});
  EXPECT_EQ(Resolve(codes, Date(), kTabari), "EGY");  // unknown date: the default
  EXPECT_EQ(Resolve(codes, Date(), kP2), "EGY");
  auto only = Codes({{"UNO", "920101-991231"}});
  EXPECT_EQ(Resolve(only, Date(), kTabari), "");
  EXPECT_EQ(Resolve(codes, Date::Month(1995, 3), kTabari), "UNO");  // month: its first day
  EXPECT_EQ(Resolve(codes, Date::Year(1991), kTabari), "EGY");
}

TEST(DateRestrictionTest, DictionaryResolvesAcrossRecords) {
  // A phrase in two records collects both code lists in file order (P2).
  DictionaryBuilder b;
  ActorEntry a1, a2;
  a1.primary = MakePhrase("CROATIA", PhraseSyntax{});
  a1.codes = Codes({{"YUG", "<910625"}});
  a2.primary = MakePhrase("CROATIA", PhraseSyntax{});
  a2.codes = Codes({{"HRV", ""}});
  b.AddActor(a1);
  b.AddActor(a2);
  auto d = b.Compile({DateRestrictionMode::kTabari});
  ASSERT_TRUE(d.ok());
  std::vector<std::string_view> words = {"croatia"};
  std::vector<PhraseMatch> m;
  (*d)->FindPhrases(PhraseKind::kActor, words, {}, &m);
  ASSERT_EQ(m.size(), 1u);
  ASSERT_EQ(m[0].entries.size(), 2u);
  EXPECT_EQ((*d)->ResolveActorCode(m[0].entries, Date::Day(1990, 1, 1)), "YUG");
  EXPECT_EQ((*d)->ResolveActorCode(m[0].entries, Date::Day(2000, 1, 1)), "HRV");
}

// ---------------------------------------------------------------------------
// Agents, phrases, patterns

TEST(AgentTest, ComposeOnThreeCharacterBoundaries) {
  AgentEntry gov;
  gov.code = "GOV";
  EXPECT_EQ(ComposeAgentCode("ISR", gov), "ISRGOV");
  AgentEntry reb;
  reb.code = "REB";
  EXPECT_EQ(ComposeAgentCode("LKAREB", reb), "LKAREB");     // TABARI 5.4: not added twice
  EXPECT_EQ(ComposeAgentCode("AREBKK", reb), "AREBKKREB");  // not on a boundary: added
  AgentEntry ngo;
  ngo.code = "NGO";
  ngo.placement = AgentPlacement::kBeforeActor;
  EXPECT_EQ(ComposeAgentCode("USA", ngo), "NGOUSA");
}

TEST(PhraseTest, TabariStemsAndConnectors) {
  Phrase p = MakePhrase("AL_GORE HEAD", PhraseSyntax{true});
  ASSERT_EQ(p.words.size(), 3u);
  EXPECT_EQ(p.words[0].text, "al");
  EXPECT_FALSE(p.words[0].stem);  // followed by '_'
  EXPECT_TRUE(p.words[1].stem);
  EXPECT_FALSE(p.words[1].gap_before);
  EXPECT_TRUE(p.words[2].gap_before);
  Phrase q = MakePhrase("AFGHANISTAN_", PhraseSyntax{false});
  ASSERT_EQ(q.words.size(), 1u);
  EXPECT_FALSE(q.words[0].stem);
  Phrase r = MakePhrase("СССР", PhraseSyntax{false});
  ASSERT_EQ(r.words.size(), 1u);
  EXPECT_EQ(r.words[0].text, "ссср");
}

TEST(PatternTest, PetrarchStructuredPattern) {
  Pattern p;
  std::string err;
  ASSERT_TRUE(
      dict_internal::ParsePatternBody(" * &SECURITY (OVER {&WEAPON ATTACK}) ", false, &p, &err))
      << err;
  EXPECT_TRUE(p.before.empty());
  ASSERT_EQ(p.after.size(), 2u);
  EXPECT_EQ(p.after[0].kind, PatternElementKind::kSynset);
  EXPECT_EQ(p.after[0].word.text, "&SECURITY");
  ASSERT_EQ(p.after[1].kind, PatternElementKind::kPrepPhrase);
  ASSERT_EQ(p.after[1].children.size(), 2u);
  EXPECT_EQ(p.after[1].children[0].word.text, "over");
  EXPECT_EQ(p.after[1].children[1].kind, PatternElementKind::kNounPhrase);
  ASSERT_TRUE(
      dict_internal::ParsePatternBody("$ * (AS &NEGOTIATOR) (IN TALK) (WITH +)", false, &p, &err));
  ASSERT_EQ(p.before.size(), 1u);
  EXPECT_EQ(p.before[0].kind, PatternElementKind::kSource);
  EXPECT_EQ(p.after[2].children[1].kind, PatternElementKind::kTarget);
  EXPECT_FALSE(dict_internal::ParsePatternBody("(TO) ATTACK", false, &p, &err));
  EXPECT_EQ(err, "no '*' (verb marker)");
  EXPECT_FALSE(dict_internal::ParsePatternBody("* (TO ATTACK", false, &p, &err));
}

TEST(PatternTest, TabariLinearPattern) {
  Pattern p;
  std::string err;
  ASSERT_TRUE(
      dict_internal::ParsePatternBody("+ IN_ $ { WAS | WERE } *_AND_KILLED", true, &p, &err))
      << err;
  ASSERT_EQ(p.before.size(), 4u);
  EXPECT_EQ(p.before[0].kind, PatternElementKind::kTarget);
  EXPECT_EQ(p.before[1].word.text, "in");
  EXPECT_FALSE(p.before[1].word.stem);
  EXPECT_FALSE(p.before[2].consecutive);  // "IN_ $": exact IN, then a blank (gap)
  EXPECT_EQ(p.before[3].kind, PatternElementKind::kAlternatives);
  ASSERT_EQ(p.before[3].children.size(), 2u);
  EXPECT_TRUE(p.verb_consecutive_after);
  ASSERT_EQ(p.after.size(), 2u);
  EXPECT_EQ(p.after[1].word.text, "killed");
  EXPECT_TRUE(p.after[1].word.stem);
  EXPECT_EQ(p.specificity, std::string("INWEREWASANDKILLED").size());
}

// ---------------------------------------------------------------------------
// Matchers against a reference

struct RefToken {
  std::string lower, lemma;
};

bool WordMatches(const PhraseWord& w, const RefToken& t, bool use_lemma) {
  if (w.stem)
    return t.lower.compare(0, w.text.size(), w.text) == 0 && t.lower.size() >= w.text.size();
  return t.lower == w.text || (use_lemma && t.lemma == w.text);
}

// (begin, end) -> entries, by brute force.
std::map<std::pair<uint32_t, uint32_t>, std::set<uint32_t>> Reference(
    const std::vector<Phrase>& phrases, const std::vector<uint32_t>& owner,
    const std::vector<RefToken>& toks, const MatchOptions& o) {
  std::map<std::pair<uint32_t, uint32_t>, std::set<uint32_t>> all;
  for (size_t i = 0; i < toks.size(); ++i)
    for (size_t p = 0; p < phrases.size(); ++p) {
      const auto& w = phrases[p].words;
      if (i + w.size() > toks.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < w.size() && ok; ++k) ok = WordMatches(w[k], toks[i + k], o.use_lemma);
      if (ok) all[{static_cast<uint32_t>(i), static_cast<uint32_t>(i + w.size())}].insert(owner[p]);
    }
  if (!o.longest_only) return all;
  std::map<std::pair<uint32_t, uint32_t>, std::set<uint32_t>> longest;
  std::map<uint32_t, uint32_t> best;
  for (auto& [k, v] : all) best[k.first] = std::max(best[k.first], k.second);
  for (auto& [k, v] : all)
    if (best[k.first] == k.second) longest[k] = v;
  return longest;
}

TEST(MatcherTest, AgreesWithReferenceOnRandomInputs) {
  const std::vector<std::string> vocab = {"a", "ab", "abc", "b", "ba", "bab", "c", "ca", "x"};
  std::mt19937 rng(12345);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  for (int round = 0; round < 60; ++round) {
    DictionaryBuilder b;
    std::vector<Phrase> phrases;
    std::vector<uint32_t> owner;
    const int n_entries = 1 + static_cast<int>(pick(25));
    for (int e = 0; e < n_entries; ++e) {
      ActorEntry a;
      const int n_phr = 1 + static_cast<int>(pick(3));
      for (int q = 0; q < n_phr; ++q) {
        Phrase p;
        const int len = 1 + static_cast<int>(pick(4));
        for (int k = 0; k < len; ++k) {
          PhraseWord w;
          w.text = vocab[pick(vocab.size())];
          w.stem = pick(3) == 0;
          p.words.push_back(w);
        }
        phrases.push_back(p);
        owner.push_back(static_cast<uint32_t>(e));
        if (q == 0)
          a.primary = p;
        else
          a.synonyms.push_back(p);
      }
      b.AddActor(a);
    }
    auto d = b.Compile();
    ASSERT_TRUE(d.ok());
    for (int s = 0; s < 20; ++s) {
      std::vector<RefToken> toks(pick(12));
      std::vector<Token> tokens(toks.size());
      for (size_t i = 0; i < toks.size(); ++i) {
        toks[i].lower = vocab[pick(vocab.size())];
        toks[i].lemma = pick(2) ? toks[i].lower : vocab[pick(vocab.size())];
        tokens[i].lower = toks[i].lower;
        tokens[i].lemma = toks[i].lemma;
      }
      for (bool longest : {true, false})
        for (bool lemma : {true, false}) {
          MatchOptions o;
          o.longest_only = longest;
          o.use_lemma = lemma;
          std::vector<PhraseMatch> got;
          (*d)->FindPhrases(PhraseKind::kActor, tokens, o, &got);
          std::map<std::pair<uint32_t, uint32_t>, std::set<uint32_t>> fast;
          for (size_t m = 0; m < got.size(); ++m) {
            if (m) {  // ordered by begin, then decreasing length
              ASSERT_TRUE(got[m - 1].begin < got[m].begin ||
                          (got[m - 1].begin == got[m].begin && got[m - 1].end >= got[m].end));
            }
            ASSERT_FALSE(got[m].entries.empty());
            for (uint32_t e : got[m].entries) fast[{got[m].begin, got[m].end}].insert(e);
          }
          auto ref = Reference(phrases, owner, toks, o);
          ASSERT_EQ(fast, ref) << "round " << round << " sentence " << s << " longest=" << longest
                               << " lemma=" << lemma;
        }
    }
  }
}

TEST(MatcherTest, VerbLookupByFormLemmaAndStem) {
  DictionaryBuilder b;
  VerbBlock blk;
  blk.name = "ACCUSE";
  uint32_t bi = b.AddVerbBlock(blk);
  VerbEntry v;
  v.block = bi;
  v.base = "accuse";
  for (const char* f : {"accuse", "accused", "accuses"}) {
    VerbForm vf;
    vf.words = MakePhrase(f, PhraseSyntax{});
    v.forms.push_back(vf);
  }
  b.AddVerb(v);
  VerbEntry s;  // TABARI stem "ACCELERAT"
  s.block = bi;
  s.base = "accelerat";
  VerbForm sf;
  sf.words = MakePhrase("ACCELERAT", PhraseSyntax{true});
  s.forms.push_back(sf);
  b.AddVerb(s);
  VerbEntry multi;  // "+BEEF_UP": verb word "beef"
  multi.block = bi;
  VerbForm mf;
  mf.words = MakePhrase("BEEF UP", PhraseSyntax{});
  mf.verb_word = 0;
  multi.forms.push_back(mf);
  b.AddVerb(multi);
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  std::vector<VerbHit> hits;
  (*d)->FindVerbs("accused", "accuse", &hits);
  ASSERT_EQ(hits.size(), 2u);  // the form "accused" and, via the lemma, "accuse"
  EXPECT_EQ(hits[0].verb, 0u);
  hits.clear();
  (*d)->FindVerbs("accelerating", "accelerate", &hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].verb, 1u);
  hits.clear();
  (*d)->FindVerbs("beefed", "beef", &hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].verb, 2u);
  hits.clear();
  (*d)->FindVerbs("acc", "acc", &hits);
  EXPECT_TRUE(hits.empty());
  EXPECT_EQ((*d)->verb_blocks()[0].verbs.size(), 3u);
}

TEST(BuilderTest, RejectsVerbOfMissingBlock) {
  DictionaryBuilder b;
  VerbEntry v;
  v.block = 3;
  v.base = "x";
  b.AddVerb(v);
  auto d = b.Compile();
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("does not exist"), std::string::npos);
}

}  // namespace
}  // namespace dyad
