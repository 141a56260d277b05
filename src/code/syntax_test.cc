// Grammatical roles from dependency trees (src/code/syntax.h), on trees
// written by hand in CoNLL-U style, and the coder with the shipped parser
// (CoderOptions::syntax).
#include "code/syntax.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "dyad/coder.h"
#include "dyad/default_dictionary.h"
#include "dyad/parse.h"
#include "dyad/text.h"

namespace dyad::code_internal {
namespace {

// A hand-written parse: one "word UPOS XPOS head deprel" line per word.
struct Tree {
  std::vector<std::string> storage;  // owns every string the views point to
  std::vector<std::string_view> lower;
  ParsedSentence parse;
  DependencyTree tree;

  explicit Tree(const std::string& rows) {
    std::istringstream in(rows);
    std::string w, upos, xpos, rel;
    int head;
    std::vector<std::tuple<std::string, std::string, std::string, int, std::string>> r;
    while (in >> w >> upos >> xpos >> head >> rel) r.emplace_back(w, upos, xpos, head, rel);
    storage.reserve(r.size() * 4);
    for (auto& [word, u, x, h, d] : r) {
      std::string lw = word;
      for (char& c : lw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      storage.push_back(lw);
      lower.push_back(storage.back());
      ParsedWord pw;
      storage.push_back(u);
      pw.upos = storage.back();
      storage.push_back(x);
      pw.xpos = storage.back();
      storage.push_back(d);
      pw.deprel = storage.back();
      pw.head = h;
      parse.words.push_back(pw);
    }
    tree.Reset(&parse, &lower);
  }
  // Index of the first word `w` (lower case).
  int At(std::string_view w) const {
    for (size_t i = 0; i < lower.size(); ++i)
      if (lower[i] == w) return static_cast<int>(i);
    ADD_FAILURE() << "no word " << w;
    return -1;
  }
};

TEST(DependencyTreeTest, ActiveSubjectAndObject) {
  Tree t(R"(Iran PROPN NNP 2 nsubj
            attacked VERB VBD 0 root
            Israeli ADJ JJ 4 amod
            bases NOUN NNS 2 obj
            . PUNCT . 2 punct)");
  PredicateRoles r = t.tree.RolesOf(t.At("attacked"));
  EXPECT_TRUE(r.verbal);
  EXPECT_FALSE(r.passive);
  EXPECT_EQ(r.doer, t.At("iran"));
  ASSERT_EQ(r.undergoers, 1);
  EXPECT_EQ(r.undergoer[0], t.At("bases"));
  EXPECT_TRUE(t.tree.InPhrase(t.At("israeli"), t.At("bases")));
  EXPECT_FALSE(t.tree.InPhrase(t.At("iran"), t.At("bases")));
  EXPECT_EQ(t.tree.AttachmentTo(t.At("israeli"), t.At("attacked")), "obj");
}

TEST(DependencyTreeTest, PassiveWithAgent) {
  Tree t(R"(Protesters NOUN NNS 3 nsubj:pass
            were AUX VBD 3 aux:pass
            detained VERB VBN 0 root
            by ADP IN 6 case
            the DET DT 6 det
            police NOUN NN 3 obl:agent)");
  PredicateRoles r = t.tree.RolesOf(t.At("detained"));
  EXPECT_TRUE(r.passive);
  EXPECT_EQ(r.doer, t.At("police"));
  ASSERT_GE(r.undergoers, 1);
  EXPECT_EQ(r.undergoer[0], t.At("protesters"));
}

TEST(DependencyTreeTest, RelativePronounStandsForItsNoun) {
  // "Militants who attacked the base fled."
  Tree t(R"(Militants NOUN NNS 6 nsubj
            who PRON WP 3 nsubj
            attacked VERB VBD 1 acl:relcl
            the DET DT 5 det
            base NOUN NN 3 obj
            fled VERB VBD 0 root)");
  PredicateRoles r = t.tree.RolesOf(t.At("attacked"));
  EXPECT_EQ(r.doer, t.At("militants"));
  EXPECT_EQ(r.undergoer[0], t.At("base"));
}

TEST(DependencyTreeTest, ObjectControlAndCoordination) {
  // "Russia urged Iran to negotiate and signed a deal with China."
  Tree t(R"(Russia PROPN NNP 2 nsubj
            urged VERB VBD 0 root
            Iran PROPN NNP 2 obj
            to PART TO 5 mark
            negotiate VERB VB 2 xcomp
            and CCONJ CC 7 cc
            signed VERB VBD 2 conj
            a DET DT 9 det
            deal NOUN NN 7 obj
            with ADP IN 11 case
            China PROPN NNP 7 obl)");
  EXPECT_EQ(t.tree.RolesOf(t.At("negotiate")).doer, t.At("iran"));
  PredicateRoles s = t.tree.RolesOf(t.At("signed"));
  EXPECT_EQ(s.doer, t.At("russia"));
  ASSERT_EQ(s.undergoers, 2);
  EXPECT_EQ(s.undergoer[0], t.At("deal"));
  EXPECT_EQ(s.undergoer[1], t.At("china"));
  EXPECT_TRUE(s.prepositional[1]);
}

TEST(DependencyTreeTest, PlaceAdjunctIsNoTargetAndClausesEndPhrases) {
  // "Iran's minister, who visited Syria, met officials in Moscow."
  Tree t(R"(Iran PROPN NNP 3 nmod:poss
            's PART POS 1 case
            minister NOUN NN 8 nsubj
            , PUNCT , 6 punct
            who PRON WP 6 nsubj
            visited VERB VBD 3 acl:relcl
            Syria PROPN NNP 6 obj
            met VERB VBD 0 root
            officials NOUN NNS 8 obj
            in ADP IN 11 case
            Moscow PROPN NNP 8 obl)");
  PredicateRoles r = t.tree.RolesOf(t.At("met"));
  EXPECT_EQ(r.doer, t.At("minister"));
  EXPECT_TRUE(t.tree.InPhrase(t.At("iran"), r.doer));
  EXPECT_FALSE(t.tree.InPhrase(t.At("syria"), r.doer));  // inside the relative clause
  ASSERT_EQ(r.undergoers, 1);  // "in Moscow" is a place
  EXPECT_EQ(r.undergoer[0], t.At("officials"));
  EXPECT_EQ(t.tree.AttachmentTo(t.At("moscow"), t.At("met")), "obl");
  EXPECT_EQ(t.tree.AttachmentTo(t.At("syria"), t.At("met")), "");
  EXPECT_EQ(t.tree.RolesOf(t.At("visited")).doer, t.At("minister"));
}

TEST(DependencyTreeTest, NonVerbsAndBrokenHeadsGiveNoRoles) {
  Tree t(R"(talks NOUN NNS 0 root
            Iran PROPN NNP 1 nmod
            loop NOUN NN 3 dep)");  // a word headed by itself
  EXPECT_FALSE(t.tree.RolesOf(t.At("talks")).verbal);
  EXPECT_FALSE(t.tree.RolesOf(-1).verbal);
  EXPECT_FALSE(t.tree.RolesOf(99).verbal);
  EXPECT_EQ(t.tree.head(t.At("loop")), -1);
}

// The coder with the shipped models.
class SyntaxCoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<DictWarning> w;
    auto dict = LoadDefaultDictionary(DefaultDictionaryOptions(), &w);
    ASSERT_TRUE(dict.ok()) << dict.status().ToString();
    dict_ = new std::shared_ptr<const Dictionary>(*dict);
    auto parser = Parser::Load();
    ASSERT_TRUE(parser.ok()) << parser.status().ToString();
    parser_ = new std::shared_ptr<const Parser>(std::move(*parser));
  }
  static void TearDownTestSuite() {
    delete dict_;
    delete parser_;
  }
  // Source/target/code triples and whether any rule names the parse.
  static std::set<std::tuple<std::string, std::string, std::string>> Code(
      std::string_view text, bool syntax, bool* parse_used = nullptr) {
    CoderOptions o = CoderOptionsForDictionary(**dict_, nullptr);
    o.syntax = syntax;
    Coder coder(*dict_, o);
    coder.set_parser(*parser_);
    CoderScratch scratch;
    Article a;
    a.id = "t";
    a.text = std::string(text);
    std::vector<CodedEvent> events;
    coder.CodeArticle(a, TextOptions(), &scratch, &events);
    std::set<std::tuple<std::string, std::string, std::string>> out;
    if (parse_used) *parse_used = false;
    for (const CodedEvent& e : events) {
      out.insert({e.source.code, e.target.code, e.code});
      if (parse_used && e.rule.find(" parse") != std::string::npos) *parse_used = true;
    }
    return out;
  }
  static std::shared_ptr<const Dictionary>* dict_;
  static std::shared_ptr<const Parser>* parser_;
};
std::shared_ptr<const Dictionary>* SyntaxCoderTest::dict_ = nullptr;
std::shared_ptr<const Parser>* SyntaxCoderTest::parser_ = nullptr;

TEST_F(SyntaxCoderTest, SubjectInsteadOfAPlaceInsideIt) {
  // Shallow: the first actor before the verb is Damascus. The subject is
  // the guerrilla group.
  const std::string s =
      "A Damascus - based Palestinian guerrilla group claimed responsibility on Saturday for "
      "attacks on Israeli troops from Jordan in the past two days.";
  auto shallow = Code(s, false);
  bool used = false;
  auto deep = Code(s, true, &used);
  ASSERT_FALSE(shallow.empty());
  EXPECT_EQ(std::get<0>(*shallow.begin()), "SYR");
  ASSERT_FALSE(deep.empty());
  EXPECT_EQ(std::get<0>(*deep.begin()), "PSEREB");
  EXPECT_TRUE(used);
}

TEST_F(SyntaxCoderTest, ObjectInsteadOfAPlaceBeforeIt) {
  // Shallow: the first actor after "said" is Iraq, inside the subject's
  // own participle clause; the parse reads the clause said.
  const std::string s =
      "The Red Cross operating in Iraq said US and British forces must ensure security to allow "
      "emergency water, food, and medical supplies to reach the needy.";
  auto target_is = [](const auto& events, const std::string& code) {
    for (const auto& [src, tgt, c] : events)
      if (tgt == code) return true;
    return false;
  };
  EXPECT_TRUE(target_is(Code(s, false), "IRQ"));
  auto deep = Code(s, true);
  EXPECT_FALSE(target_is(deep, "IRQ"));
  EXPECT_TRUE(target_is(deep, "GBRMIL"));
}

TEST_F(SyntaxCoderTest, SameOutputWhenTheParseAgrees) {
  const std::string s = "Iran and Russia signed an accord with China on Monday.";
  bool used = true;
  EXPECT_EQ(Code(s, true, &used), Code(s, false));
  EXPECT_FALSE(used);
}

TEST_F(SyntaxCoderTest, NeverAddsAnEventTheShallowRulesDidNotFind) {
  for (std::string_view s :
       {"Speaking in Paris, Merkel expressed the exasperation spreading among euro zone leaders.",
        "China can move away from its reliance on external demand, said the IMF director.",
        "Protesters were detained by the police in Cairo on Friday."}) {
    EXPECT_LE(Code(s, true).size(), Code(s, false).size()) << s;
  }
}

}  // namespace
}  // namespace dyad::code_internal
