// One test per coding rule added for the TABARI and PETRARCH validation
// suites (docs/coder.md, "Rules from the validation suites"). Each builds a
// small TABARI- or PETRARCH-format dictionary in memory from our own lines
// and codes our own sentences, so a rule can be checked without the suites.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/dict_readers.h"
#include "dyad/text.h"

namespace dyad {
namespace {

struct Triple {
  std::string s, t, c;
  bool operator<(const Triple& o) const { return std::tie(s, t, c) < std::tie(o.s, o.t, o.c); }
  bool operator==(const Triple& o) const { return s == o.s && t == o.t && c == o.c; }
  friend void PrintTo(const Triple& x, std::ostream* os) {
    *os << "{" << x.s << " / " << x.t << " / " << x.c << "}";
  }
};
using Triples = std::set<Triple>;

// A TABARI dictionary from the text of its files.
std::shared_ptr<const Dictionary> Tabari(std::string_view actors, std::string_view agents,
                                         std::string_view verbs) {
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  DictionaryLoadOptions lo;
  EXPECT_TRUE(ParseTabariDictionary(TabariFileKind::kActors, "t.actors", actors, lo, &b, &w).ok());
  EXPECT_TRUE(ParseTabariDictionary(TabariFileKind::kAgents, "t.agents", agents, lo, &b, &w).ok());
  EXPECT_TRUE(ParseTabariDictionary(TabariFileKind::kVerbs, "t.verbs", verbs, lo, &b, &w).ok());
  auto r = b.Compile();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

std::shared_ptr<const Dictionary> Petrarch(std::string_view actors, std::string_view agents,
                                           std::string_view verbs) {
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  DictionaryLoadOptions lo;
  EXPECT_TRUE(
      ParsePetrarchDictionary(PetrarchFileKind::kActors, "p.actors", actors, lo, &b, &w).ok());
  EXPECT_TRUE(
      ParsePetrarchDictionary(PetrarchFileKind::kAgents, "p.agents", agents, lo, &b, &w).ok());
  EXPECT_TRUE(ParsePetrarchDictionary(PetrarchFileKind::kVerbs, "p.verbs", verbs, lo, &b, &w).ok());
  auto r = b.Compile();
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

// The options the TABARI validation runner uses.
CoderOptions TabariOptions() {
  CoderOptions o;
  o.split_hyphens = true;
  o.tabari_endings = true;
  return o;
}

Triples Code(const Coder& c, std::string_view text, CoderScratch* scratch = nullptr,
             SentenceStatus* status = nullptr) {
  Sentence sent = Tokenize(text);
  for (Token& t : sent.tokens)
    if (t.lemma.empty()) t.lemma = sent.Own(Lemmatize(t.lower));
  CoderScratch local;
  SentenceResult r;
  c.CodeSentence(sent.tokens, Date::Day(2001, 5, 5), scratch ? scratch : &local, &r);
  if (status) *status = r.status;
  Triples out;
  for (const SentenceEvent& e : r.events) out.insert({e.source.code, e.target.code, e.code});
  return out;
}

constexpr std::string_view kActors =
    "VALORIA  [VAL]\n"
    "KESTRIA  [KES]\n"
    "MERVAN  [MER]\n"
    "DUKE SOLMARE_  [SOL]\n"
    "TALLOW_CITY RADIO  [KESRAD]\n"
    "STORMBRINGER  [+++]\n";
constexpr std::string_view kAgents =
    "POLICE_  [~COP]\n"
    "BORDER_GUARD_  [~MIL]\n"
    "SENATORS_  [~LEG]\n"
    "MINISTER_  [~GOV]\n";

TEST(CoderRulesTest, PluralEsOnlyAfterSibilant) {
  // "guards" is "guard" + "s": the agent BORDER_GUARD_ must still match.
  CoderOptions o = TabariOptions();
  o.convert_agents = true;
  Coder c(Tabari(kActors, kAgents, "CONDEMN  [122]\n"), o);
  EXPECT_EQ(Code(c, "Border guards condemned Kestria after the long night of shooting."),
            (Triples{{"~MIL", "KES", "122"}}));
}

TEST(CoderRulesTest, ConvertedAgentCarriesTilde) {
  CoderOptions o = TabariOptions();
  o.convert_agents = true;
  Coder c(Tabari(kActors, kAgents, "CONDEMN  [122]\n"), o);
  EXPECT_EQ(Code(c, "Valoria condemned the police after the long night of shooting."),
            (Triples{{"VAL", "~COP", "122"}}));
  // Off: the lone agent is dropped and there is no dyad.
  Coder off(Tabari(kActors, kAgents, "CONDEMN  [122]\n"), TabariOptions());
  EXPECT_TRUE(Code(off, "Valoria condemned the police after the long night of shooting.").empty());
}

TEST(CoderRulesTest, NestedSynsetsWithOpenAndClosedConnectors) {
  constexpr std::string_view kVerbs =
      "<SYNSETS>\n"
      "&KIND\n+TRADE\n+WATER\n"
      "&CLOSEDNOTE\n+&KIND_LETTERS\n"
      "&OPENNOTE\n+&KIND PLEDGES\n"
      "</SYNSETS>\n"
      "APPLAUD  [041]\n"
      "- * &CLOSEDNOTE FROM [901]\n"
      "- * &OPENNOTE FROM [902]\n";
  Coder c(Tabari(kActors, kAgents, kVerbs), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria applauded trade letters from Kestria on the new canal treaty."),
            (Triples{{"VAL", "KES", "901"}}));
  // Closed connector: a word in between breaks "&KIND_LETTERS".
  EXPECT_EQ(Code(c, "Valoria applauded trade secret letters from Kestria on the canal treaty."),
            (Triples{{"VAL", "KES", "041"}}));
  // Open connector: words may come in between.
  EXPECT_EQ(Code(c, "Valoria applauded water supply pledges from Kestria on the canal treaty."),
            (Triples{{"VAL", "KES", "902"}}));
}

TEST(CoderRulesTest, IntermediateActorIsSubjectOnlyRightBeforeTheVerb) {
  Coder c(Tabari(kActors, kAgents, "URGE  [102]\nHELP  [070]\nSAID  [010]\nATTACK  [190]\n"),
          TabariOptions());
  // Infinitive: Kestria is urge's object, not help's subject.
  EXPECT_EQ(Code(c, "Valoria urged Kestria on Monday to help it with the harvest this year."),
            (Triples{{"VAL", "KES", "102"}}));
  CoderOptions all = TabariOptions();
  all.code_by = CoderOptions::CodeBy::kAll;
  Coder ca(Tabari(kActors, kAgents, "URGE  [102]\nHELP  [070]\nSAID  [010]\nATTACK  [190]\n"), all);
  EXPECT_EQ(Code(ca, "Valoria urged Kestria on Monday to help it with the harvest this year."),
            (Triples{{"VAL", "KES", "102"}, {"VAL", "KES", "070"}}));
  // Reported speech: the actor right before the verb is its subject.
  EXPECT_EQ(Code(ca, "Valoria said Kestria attacked Mervan near the river on Sunday night."),
            (Triples{{"VAL", "KES", "010"}, {"KES", "MER", "190"}}));
}

TEST(CoderRulesTest, ForwardResolvesPronounFromPreviousSentence) {
  CoderOptions o = TabariOptions();
  ASSERT_TRUE(ApplyTabariOption("FORWARD: ^^*****NNN*SSS", &o).ok());
  EXPECT_TRUE(o.forward);
  Coder c(Tabari(kActors, kAgents, "PRAISE  [041]\nCRITICIZE  [111]\n"), o);
  CoderScratch s;
  EXPECT_EQ(Code(c, "The Valoria minister praised Kestria for the new canal on Friday.", &s),
            (Triples{{"VALGOV", "KES", "041"}}));
  // Forwarded: the first named actor, without its agent.
  EXPECT_EQ(Code(c, "He also criticized Mervan over the border dispute on Friday.", &s),
            (Triples{{"VAL", "MER", "111"}}));
  s.NewStory();
  EXPECT_TRUE(Code(c, "He also criticized Mervan over the border dispute on Friday.", &s).empty());
  ASSERT_TRUE(ApplyTabariOption("FORWARD: ^^*****NNN*SSS OFF", &o).ok());
  EXPECT_FALSE(o.forward);
}

TEST(CoderRulesTest, FailedPatternLeavesNoBindings) {
  // "+ * IN_ $" binds + to Valoria, then fails on "into": the verb's own code
  // applies with the ordinary source and target.
  Coder c(Tabari(kActors, kAgents, "SMASH  [180]\n- + * IN_ $  [181]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria was said to smash into a Kestria convoy on the coast road."),
            (Triples{{"VAL", "KES", "180"}}));
}

TEST(CoderRulesTest, HyphenatedPatternWordMatchesSplitWord) {
  Coder c(Tabari(kActors, kAgents, "RALLY  [014]\n- ANTI- + *  [111]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria joined in an anti- Kestria rally held on Saturday in the capital."),
            (Triples{{"VAL", "KES", "111"}}));
}

TEST(CoderRulesTest, BlankConnectorInActorAllowsWordsBetween) {
  Coder c(Tabari(kActors, kAgents, "PRAISE  [041]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria praised the Duke of Solmare for the bridge on Tuesday."),
            (Triples{{"VAL", "SOL", "041"}}));
  EXPECT_EQ(Code(c, "Valoria praised Tallow City state-owned radio for the report on Tuesday."),
            (Triples{{"VAL", "KESRAD", "041"}}));
}

TEST(CoderRulesTest, VerbLineWrittenAsTheWordWins) {
  Coder c(Tabari(kActors, kAgents, "SHELL  [190]\nSHELLED  [190]\n- JETS_*  [195]\n"),
          TabariOptions());
  EXPECT_EQ(Code(c, "Valoria's jets shelled Kestria on Monday near the river."),
            (Triples{{"VAL", "KES", "195"}}));
}

TEST(CoderRulesTest, MinimumWordsCountsCommas) {
  CoderOptions o = TabariOptions();
  ASSERT_TRUE(ApplyTabariOption("SET: MINIMUM WORDS = 6", &o).ok());
  Coder c(Tabari(kActors, kAgents, "PRAISE  [041]\n"), o);
  SentenceStatus st;
  EXPECT_TRUE(Code(c, "Valoria praised Kestria.", nullptr, &st).empty());
  EXPECT_EQ(st, SentenceStatus::kTooShort);
  EXPECT_EQ(Code(c, "Valoria, again, praised Kestria."), (Triples{{"VAL", "KES", "041"}}));
}

TEST(CoderRulesTest, DefaultWithoutPriorAndWithAfter) {
  constexpr std::string_view kVerbs = "RESUME  [064]\n";
  CoderOptions o = TabariOptions();
  ASSERT_TRUE(ApplyTabariOption("DEFAULT: SOURCE [DSRC] TARGET [DTGT] AFTER", &o).ok());
  Coder c(Tabari(kActors, kAgents, kVerbs), o);
  // No actor before the verb and no PRIOR: the first actor after it is the
  // source; nothing after that, so AFTER gives the default target.
  EXPECT_EQ(Code(c, "Trade was resumed with Kestria after a long break of nine years."),
            (Triples{{"KES", "DTGT", "064"}}));
  // AFTER: a compound source gets the default target, not itself.
  EXPECT_EQ(Code(c, "Valoria and Mervan resumed trade after a long break of nine years."),
            (Triples{{"VAL", "DTGT", "064"}, {"MER", "DTGT", "064"}}));
  // No actor at all: the default source.
  EXPECT_EQ(Code(c, "Trade was resumed after a long break of nine years in the valley."),
            (Triples{{"DSRC", "DTGT", "064"}}));
}

TEST(CoderRulesTest, ContractionsAndUnderscoreSynsetNames) {
  constexpr std::string_view kVerbs =
      "&NEGAUX\n+DID N'T\n+WO N'T\n\n"
      "&PREP1_\n+AGAINST\n+ON\n\n"
      "####### VERB PATTERNS #######\n"
      "--- QUARREL  [128] ---\n"
      "QUARREL\n"
      "- &NEGAUX * OVER WATER  [901]\n"
      "- * &PREP1 TARIFFS  [902]\n";
  Coder c(Petrarch("VALORIA [VAL]\nKESTRIA [KES]\n", "", kVerbs), CoderOptions());
  EXPECT_EQ(Code(c, "Valoria didn't quarrel over water with Kestria on Monday."),
            (Triples{{"VAL", "KES", "901"}}));
  EXPECT_EQ(Code(c, "Valoria quarreled on tariffs with Kestria on Monday."),
            (Triples{{"VAL", "KES", "902"}}));
}

TEST(CoderRulesTest, NoDyadModeUsesAnonymousActors) {
  constexpr std::string_view kVerbs = "--- PRAISE  [041] ---\nPRAISE\n\n--- SAY  [023] ---\nSAID\n";
  CoderOptions o;
  o.require_dyad = false;
  o.comma_off = true;  // keep the short attribution clause
  Coder c(Petrarch("VALORIA [VAL]\nKESTRIA [KES]\n", "OFFICIAL [~GOV]\n", kVerbs), o);
  EXPECT_EQ(Code(c, "Valoria praised Kestria for the canal deal, a senior official said today."),
            (Triples{{"VAL", "KES", "041"}, {"---GOV", "---", "023"}}));
  CoderOptions dyad;
  dyad.comma_off = true;
  Coder d(Petrarch("VALORIA [VAL]\nKESTRIA [KES]\n", "OFFICIAL [~GOV]\n", kVerbs), dyad);
  EXPECT_EQ(Code(d, "Valoria praised Kestria for the canal deal, a senior official said today."),
            (Triples{{"VAL", "KES", "041"}}));
}

TEST(CoderRulesTest, FormerMakesAgentEli) {
  Coder c(Tabari(kActors, kAgents, "MEET  [031]\nMET  [031]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria former senators met former Kestria police on the bridge today."),
            (Triples{{"VALELI", "KESELI", "031"}}));
}

TEST(CoderRulesTest, CompoundsWithNorAndSharedActor) {
  Coder c(Tabari(kActors, kAgents, "CONDEMN  [122]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Neither Valoria nor Mervan condemned Kestria at the summit on Monday."),
            (Triples{{"VAL", "KES", "122"}, {"MER", "KES", "122"}}));
  // "Valoria police and senators": the second agent shares the actor.
  EXPECT_EQ(Code(c, "Valoria police and senators condemned Kestria at the summit on Monday."),
            (Triples{{"VALCOP", "KES", "122"}, {"VALLEG", "KES", "122"}}));
}

TEST(CoderRulesTest, LaterClauseTakesDanglingSubject) {
  Coder c(Tabari(kActors, kAgents, "INJURE  [190]\nPRAISE  [041]\nSAID  [010]\n"), TabariOptions());
  // No verb in the first clause: Valoria is the second clause's subject.
  EXPECT_EQ(Code(c, "Valoria shot and injured Kestria in four days of fighting."),
            (Triples{{"VAL", "KES", "190"}}));
  // After a coded verb, the first actor is not carried into "said X ...".
  EXPECT_TRUE(Code(c, "The Valoria minister praised the deal and said Valoria was ready for more.")
                  .empty());
}

TEST(CoderRulesTest, ComplexActorAndTargetOnlyPattern) {
  Coder c(Tabari(kActors, kAgents, "SHOT  [190]\n- + WAS * DEAD  [191]\nBEAT  [180]\n"),
          TabariOptions());
  SentenceStatus st;
  EXPECT_TRUE(Code(c, "Stormbringer beat Kestria in the final match of the long cup.", nullptr, &st)
                  .empty());
  EXPECT_EQ(st, SentenceStatus::kComplex);
  // "+ WAS * DEAD" names only the target: the source is found after the verb.
  EXPECT_EQ(Code(c, "A Kestria man was shot dead in Valoria on the coast road."),
            (Triples{{"VAL", "KES", "191"}}));
}

TEST(CoderRulesTest, ExactPatternWordIsNotItsPossessive) {
  Coder c(Tabari(kActors, kAgents, "EXPEL  [200]\n- PLAN_TO_*  [201]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria has a plan to expel Kestria's envoy after the long dispute."),
            (Triples{{"VAL", "KES", "201"}}));
  EXPECT_EQ(Code(c, "Valoria plan's to expel Kestria's envoy after the long dispute."),
            (Triples{{"VAL", "KES", "200"}}));
}

TEST(CoderRulesTest, PassiveWithAdverbAndAdverbPairs) {
  Coder c(Tabari(kActors, kAgents, "OPPOSE  [112]\nBLAME  [111]\n"), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria was opposed strongly by Kestria in the talks on the canal."),
            (Triples{{"KES", "VAL", "112"}}));
  // "loudly and often" does not cut the sentence into clauses.
  EXPECT_EQ(Code(c, "Valoria was loudly and often blamed over its dispute with Kestria."),
            (Triples{{"VAL", "KES", "111"}}));
}

TEST(CoderRulesTest, PetrarchNounPhraseOptions) {
  constexpr std::string_view kVerbs =
      "--- VISIT  [032] ---\nVISITED\n\n--- ARREST  [173] ---\nARRESTED\n"
      "- * ENVOYS  [+++]\n- * +  [172]\n";
  constexpr std::string_view kActorsP =
      "VALORIA [VAL]\nKESTRIA [KES]\nPRIME MINISTER ODO [VALGOV]\n";
  constexpr std::string_view kAgentsP = "STUDENT [~EDU]\n";
  CoderOptions o;
  Coder plain(Petrarch(kActorsP, kAgentsP, kVerbs), o);
  EXPECT_EQ(Code(plain, "Valoria's new Prime Minister Odo visited Kestria on Monday."),
            (Triples{{"VAL", "KES", "032"}}));
  EXPECT_TRUE(Code(plain, "Kestria arrested students in the capital on Monday.").empty());
  SentenceStatus st;
  EXPECT_TRUE(Code(plain, "Kestria arrested Valoria envoys on Monday.", nullptr, &st).empty());
  EXPECT_EQ(st, SentenceStatus::kComplex);
  o.possessive_qualifier = true;
  o.anonymous_agents = true;
  o.complex_codes = false;
  Coder p(Petrarch(kActorsP, kAgentsP, kVerbs), o);
  // The possessive only qualifies the minister.
  EXPECT_EQ(Code(p, "Valoria's new Prime Minister Odo visited Kestria on Monday."),
            (Triples{{"VALGOV", "KES", "032"}}));
  // A lone agent is the anonymous actor "---EDU".
  EXPECT_EQ(Code(p, "Kestria arrested students in the capital on Monday."),
            (Triples{{"KES", "---EDU", "172"}}));
  // No "too complex" code: the next pattern applies.
  EXPECT_EQ(Code(p, "Kestria arrested Valoria envoys on Monday."),
            (Triples{{"KES", "VAL", "172"}}));
}

TEST(CoderRulesTest, PossessivePronounRefersToFirstActorAfterCommaClauses) {
  Coder c(Tabari(kActors, kAgents,
                 "SHOULD  [101]\n- SUGGESTED * OBEY_{ HARBOR | RIVER } RULES  [151]\n"),
          TabariOptions());
  // "its" is Valoria, the first actor, which cannot be its own target: the
  // target is the next actor, Mervan (not Kestria, the nearest one).
  EXPECT_EQ(Code(c,
                 "Valoria suggested Kestria should obey harbor rules in its dealings with "
                 "Mervan, a Valoria envoy said."),
            (Triples{{"VAL", "MER", "151"}}));
  // The opening comma clause is dropped before pronouns are resolved, so
  // "its" is Kestria and the target is the Mervan minister of the final clause.
  CoderOptions o = TabariOptions();
  o.comma_bmin = 2;
  o.comma_bmax = 10;
  o.comma_emin = 128;
  o.comma_emax = 0;
  Coder cc(Tabari(kActors, kAgents, "SHELL  [190]\n"), o);
  constexpr std::string_view kText =
      "Valoria is ready to restore ties, nearly five long years after the day Kestria "
      "shelled its old port, a senior Mervan minister said on Friday.";
  EXPECT_EQ(Code(cc, kText), (Triples{{"KES", "MERGOV", "190"}}));
  // (Resolved before the drop, "its" would be Valoria and the target.)
  // With the opening clause kept, Valoria is both the source and "its".
  o.comma_bmin = 128;
  o.comma_bmax = 0;
  Coder keep(Tabari(kActors, kAgents, "SHELL  [190]\n"), o);
  EXPECT_EQ(Code(keep, kText), (Triples{{"VAL", "MERGOV", "190"}}));
}

TEST(CoderRulesTest, SynsetAsOneOptionOfAlternatives) {
  constexpr std::string_view kVerbs =
      "<SYNSETS>\n&KIND\n+TRADE\n+WATER\n</SYNSETS>\n"
      "ACCORD  [072]\n"
      "- INCHING { &KIND | CLOSER } *  [083]\n";
  Coder c(Tabari(kActors, kAgents, kVerbs), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria is inching water to accord with Kestria on the canal project."),
            (Triples{{"VAL", "KES", "083"}}));
  EXPECT_EQ(Code(c, "Valoria is inching closer to accord with Kestria on the canal project."),
            (Triples{{"VAL", "KES", "083"}}));
  EXPECT_EQ(Code(c, "Valoria is inching slowly to accord with Kestria on the canal project."),
            (Triples{{"VAL", "KES", "072"}}));
}

TEST(CoderRulesTest, AlternativesCountOnlyTheMatchedOption) {
  // Written, the first pattern is the longest; as matched ("to the end"), it
  // is shorter than the second, which wins.
  constexpr std::string_view kVerbs =
      "VOW  [170]\n"
      "- * RESIST { TO THE END | UNTIL THE VERY LAST DAY OF ALL }  [113]\n"
      "- * RESISTANCE TO THE INVADING  [114]\n";
  Coder c(Tabari(kActors, kAgents, kVerbs), TabariOptions());
  EXPECT_EQ(Code(c, "Valoria vowed resistance to the end to the invading troops of Kestria."),
            (Triples{{"VAL", "KES", "114"}}));
  EXPECT_EQ(Code(c, "Valoria vowed to resist to the end the invading troops of Kestria."),
            (Triples{{"VAL", "KES", "113"}}));
}

TEST(CoderRulesTest, EdEndingAfterFinalE) {
  // "-ed" on a verb ending in "e" is written "-d", for verbs and for
  // pattern words alike; other endings still fail.
  Coder c(Tabari(kActors, kAgents, "WARN  [160]\n- * PORTS_CLOSE  [162]\nDEPRECATE_  [122]\n"),
          TabariOptions());
  EXPECT_EQ(Code(c, "Valoria deprecated Kestria over the closing of the canal."),
            (Triples{{"VAL", "KES", "122"}}));
  EXPECT_EQ(Code(c, "Valoria warned Kestria that ports closed along the whole canal."),
            (Triples{{"VAL", "KES", "162"}}));
  EXPECT_TRUE(Code(c, "Valoria deprecatex Kestria over the closing of the canal.").empty());
}

TEST(CoderRulesTest, ConjunctionBetweenAdjectivesOrNounsJoins) {
  std::string actors(kActors);
  actors += "<NOUN>\nHERONS_\nCRANES_\n</NOUN>\n<ADJECTIVE>\nSTERN\nSOLEMN\n</ADJECTIVE>\n";
  Coder c(Tabari(actors, kAgents, "WARN  [160]\n"), TabariOptions());
  // "stern and solemn", "herons and cranes": one clause, Valoria is the source.
  EXPECT_EQ(Code(c, "Valoria's stern and solemn minister Duke Solmare warned Kestria today."),
            (Triples{{"VAL", "KES", "160"}}));
  EXPECT_EQ(Code(c, "Valoria's herons and cranes of Mervan warned Kestria today."),
            (Triples{{"VAL", "KES", "160"}}));
  // "cheerful" is not listed: "and" starts a clause, whose source is Duke Solmare.
  EXPECT_EQ(Code(c, "Valoria's stern and cheerful minister Duke Solmare warned Kestria today."),
            (Triples{{"SOLGOV", "KES", "160"}}));
}

TEST(CoderRulesTest, DefaultSplitsACompoundThatIsBothSides) {
  constexpr std::string_view kVerbs = "RESUME  [064]\n";
  CoderOptions o = TabariOptions();
  ASSERT_TRUE(ApplyTabariOption("DEFAULT: SOURCE [DSRC] TARGET [DTGT] AFTER", &o).ok());
  Coder c(Tabari(kActors, kAgents, kVerbs), o);
  // No actor before the verb: the compound after it gives the source (its
  // first member) and the target (the others), one way only.
  EXPECT_EQ(Code(c, "Trade was resumed with Kestria and Mervan after a long break of years."),
            (Triples{{"KES", "MER", "064"}}));
  // PRIOR, no AFTER: a compound source with no target acts on its other members.
  CoderOptions p = TabariOptions();
  ASSERT_TRUE(ApplyTabariOption("DEFAULT: SOURCE [DSRC] PRIOR TARGET [DTGT]", &p).ok());
  Coder cp(Tabari(kActors, kAgents, kVerbs), p);
  EXPECT_EQ(Code(cp, "Valoria and Mervan resumed trade after a long break of nine years."),
            (Triples{{"VAL", "MER", "064"}}));
  // Without DEFAULT, every pair both ways.
  Coder none(Tabari(kActors, kAgents, kVerbs), TabariOptions());
  EXPECT_EQ(Code(none, "Valoria and Mervan resumed trade after a long break of nine years."),
            (Triples{{"VAL", "MER", "064"}, {"MER", "VAL", "064"}}));
}

TEST(CoderRulesTest, PossessiveWordIsNeverAVerb) {
  Coder c(Tabari(kActors, kAgents, "DONATE  [073]\n"), TabariOptions());
  EXPECT_TRUE(
      Code(c, "Valoria donate's cash went to Kestria after the long flood season.").empty());
  EXPECT_EQ(Code(c, "Valoria donated cash to Kestria after the long flood season this year."),
            (Triples{{"VAL", "KES", "073"}}));
}

TEST(CoderRulesTest, SourceMarkerInsideSynset) {
  constexpr std::string_view kVerbs =
      "<SYNSETS>\n&COIN\n+DUCAT_$\n+GUILDER\n</SYNSETS>\n"
      "CONTRIBUTE  [070]\n"
      "- * &COIN  [903]\n";
  Coder c(Tabari(kActors, kAgents, kVerbs), TabariOptions());
  // "ducat Kestria": the actor at "$" is the source; the target is the next.
  EXPECT_EQ(Code(c, "Valoria will contribute a thousand ducat Kestria to Mervan this year."),
            (Triples{{"KES", "MER", "903"}}));
  // No "$" in the member that matched: the ordinary source.
  EXPECT_EQ(Code(c, "Valoria will contribute a thousand guilders to Mervan this year."),
            (Triples{{"VAL", "MER", "903"}}));
  // "$" needs an actor right there: the synset fails, the verb's own code.
  EXPECT_EQ(Code(c, "Valoria will contribute a thousand ducat coins to Mervan this year."),
            (Triples{{"VAL", "MER", "070"}}));
}

TEST(CoderRulesTest, EndingsOnlyOnTheLastWordOfAJoinedPatternPhrase) {
  Coder c(Tabari(kActors, kAgents, "EXPEL  [200]\n- VOW_TO_*  [201]\n- * HARSH_NOTE  [202]\n"),
          TabariOptions());
  EXPECT_EQ(Code(c, "Valoria will vow to expel the Kestria envoys after the long border row."),
            (Triples{{"VAL", "KES", "201"}}));
  // "vows" is VOW + s, but VOW is joined by "_" to the next word: no ending.
  EXPECT_EQ(Code(c, "Valoria vows to expel the Kestria envoys after the long border row."),
            (Triples{{"VAL", "KES", "200"}}));
  // The last word of the phrase keeps its endings: "notes".
  EXPECT_EQ(Code(c, "Valoria expelled Kestria in harsh notes after the long border row."),
            (Triples{{"VAL", "KES", "202"}}));
}

}  // namespace
}  // namespace dyad
