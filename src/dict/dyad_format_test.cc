#include "dyad/dyad_format.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "dyad/default_dictionary.h"
#include "dyad/dictionary.h"

namespace dyad {
namespace {

// A small dictionary using every construct of the format.
constexpr std::string_view kSample = R"(# sample dictionary
[actors]
Turkey | Türkiye | Republic of Turkey => TUR
Recep Tayyip Erdogan | Erdogan => TURGOV @2014-08-28.., TURGOV @2003-03-14..2014-08-27, TUR
Boris Yeltsin => RUSGOV @..1999-12-31
argentin* => ARG   # a stem: argentina, argentine

[agents]
foreign minister | foreign secretary => ~GOV
aid group => NGO~

[countries]
RUS  name: Russia ; adj: Russian ; capital: Moscow ; gov: the Kremlin ; leg: Duma | State Duma

[verbs]
block VISIT => 042
verb visit
verb travel to
verb arrive in | arrives in | arrived in | arriving in
pattern * + to host $ => 043
pattern $ * &CURRENCY => 042:043
block MEET => 040
verb meet
verb hold talks => 046
pattern * with + => 040
pattern * ^ + => ---
verb veto => 129

[synsets]
&CURRENCY = dollar | euro | yen

[discards]
horoscope | crossword puzzle
story: football match

[issues]
category: Security
nuclear program | nuclear weapons => NUCLEAR
ignore: nuclear family
ignore story: football
)";

struct Parsed {
  std::shared_ptr<const Dictionary> dict;
  std::vector<DictWarning> warnings;
};

Parsed Parse(std::string_view name, std::string_view text, const DyadParseOptions& o = {}) {
  DictionaryBuilder b;
  Parsed p;
  EXPECT_TRUE(ParseDyadDictionaryText(name, text, &b, &p.warnings, o).ok());
  auto d = b.Compile();
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  if (d.ok()) p.dict = *d;
  return p;
}

std::string Joined(const std::vector<DictWarning>& w) {
  std::string s;
  for (const auto& x : w) s += x.ToString() + "\n";
  return s;
}

TEST(DyadFormat, ParsesEverySection) {
  Parsed p = Parse("sample.dyad", kSample);
  ASSERT_TRUE(p.dict);
  EXPECT_TRUE(p.warnings.empty()) << Joined(p.warnings);
  const Dictionary& d = *p.dict;
  // 4 [actors] lines + 3 entries from the country row (plain, gov, leg).
  ASSERT_EQ(d.actors().size(), 7u);
  EXPECT_EQ(d.actors()[0].primary.ToString(), "turkey");
  ASSERT_EQ(d.actors()[0].synonyms.size(), 2u);
  EXPECT_EQ(d.actors()[0].synonyms[0].ToString(), "türkiye");
  EXPECT_EQ(d.actors()[0].where.line, 3u);
  const ActorEntry& erdogan = d.actors()[1];
  ASSERT_EQ(erdogan.codes.size(), 3u);
  EXPECT_EQ(erdogan.codes[0].when.kind, DateRestriction::Kind::kAfter);
  EXPECT_EQ(erdogan.codes[0].when.first, Date::Day(2014, 8, 28));
  EXPECT_EQ(erdogan.codes[1].when.kind, DateRestriction::Kind::kBetween);
  EXPECT_EQ(erdogan.codes[1].when.last, Date::Day(2014, 8, 27));
  EXPECT_EQ(erdogan.codes[2].when.kind, DateRestriction::Kind::kNone);
  EXPECT_EQ(d.actors()[2].codes[0].when.kind, DateRestriction::Kind::kBefore);
  EXPECT_TRUE(d.actors()[3].primary.words[0].stem);
  EXPECT_EQ(d.actors()[5].codes[0].code, "RUSGOV");
  EXPECT_EQ(d.actors()[6].codes[0].code, "RUSLEG");
  EXPECT_EQ(d.actors()[6].where.line, 13u);

  // Each agent phrase is followed by its generated plural.
  ASSERT_EQ(d.agents().size(), 6u);
  EXPECT_EQ(d.agents()[1].phrase.ToString(), "foreign ministers");
  EXPECT_TRUE(d.agents()[1].generated);
  EXPECT_EQ(d.agents()[2].phrase.ToString(), "foreign secretary");
  EXPECT_EQ(d.agents()[2].code, "GOV");
  EXPECT_FALSE(d.agents()[2].generated);
  EXPECT_EQ(d.agents()[3].phrase.ToString(), "foreign secretaries");
  EXPECT_EQ(d.agents()[4].placement, AgentPlacement::kBeforeActor);

  // The lone "veto" continues block MEET (verbs stay in the open block).
  ASSERT_EQ(d.verb_blocks().size(), 2u);
  EXPECT_EQ(d.verb_blocks()[0].name, "VISIT");
  EXPECT_EQ(d.verb_blocks()[0].code.first, "042");
  ASSERT_EQ(d.verbs().size(), 6u);
  const VerbEntry& visit = d.verbs()[0];
  EXPECT_FALSE(visit.own_code);
  EXPECT_EQ(visit.code.first, "042");
  ASSERT_EQ(visit.forms.size(), 4u);
  EXPECT_EQ(visit.forms[2].words.ToString(), "visited");
  EXPECT_EQ(d.verbs()[1].forms[1].words.ToString(), "travels to");
  EXPECT_TRUE(d.verbs()[2].explicit_forms);
  EXPECT_EQ(d.verbs()[2].forms.size(), 4u);
  EXPECT_TRUE(d.verbs()[4].own_code);
  EXPECT_EQ(d.verbs()[4].code.first, "046");
  EXPECT_EQ(d.verbs()[4].forms[2].words.ToString(), "held talks");
  ASSERT_EQ(d.patterns().size(), 4u);
  const Pattern& host = d.patterns()[0];
  ASSERT_EQ(host.after.size(), 4u);
  EXPECT_EQ(host.after[0].kind, PatternElementKind::kTarget);
  EXPECT_EQ(host.after[2].word.text, "host");
  EXPECT_EQ(host.after[3].kind, PatternElementKind::kSource);
  EXPECT_EQ(host.code.first, "043");
  EXPECT_EQ(host.specificity, 6u);  // "to" + "host"
  EXPECT_EQ(d.patterns()[1].before[0].kind, PatternElementKind::kSource);
  EXPECT_EQ(d.patterns()[1].after[0].kind, PatternElementKind::kSynset);
  EXPECT_EQ(d.patterns()[1].code.second, "043");
  EXPECT_EQ(d.patterns()[3].code.kind, EventCodeSpec::Kind::kNull);

  ASSERT_EQ(d.synsets().size(), 1u);
  EXPECT_EQ(d.synsets()[0].name, "&CURRENCY");
  EXPECT_EQ(d.synsets()[0].phrases.size(), 3u);
  ASSERT_EQ(d.discards().size(), 3u);
  EXPECT_EQ(d.discards()[2].scope, DiscardScope::kStory);
  ASSERT_EQ(d.issues().size(), 3u);
  EXPECT_EQ(d.issues()[0].code, "NUCLEAR");
  EXPECT_EQ(d.issues()[0].category, "Security");
  EXPECT_EQ(d.issues()[1].kind, IssueEntry::Kind::kIgnoreSentence);
  EXPECT_EQ(d.issues()[2].kind, IssueEntry::Kind::kIgnoreStory);
}

// Everything but SourceRefs, as text, for comparing two dictionaries.
std::string Canonical(const Dictionary& d) {
  std::string s;
  for (const auto& a : d.actors()) {
    s += "A " + a.primary.ToString();
    for (const auto& p : a.synonyms) s += "|" + p.ToString();
    for (const auto& c : a.codes) s += " " + c.code + "@" + c.when.ToString();
    s += "\n";
  }
  for (const auto& a : d.agents())
    s += "G " + a.phrase.ToString() + " " + a.code + std::to_string(int(a.placement)) + "\n";
  for (const auto& b : d.verb_blocks()) {
    s += "B " + b.name + " " + b.code.ToString() + "\n";
    for (uint32_t v : b.verbs) {
      const VerbEntry& e = d.verbs()[v];
      s += " V " + e.base + " " + e.code.ToString() + (e.own_code ? "!" : "") +
           (e.explicit_forms ? "E" : "");
      for (const auto& f : e.forms) s += "|" + f.words.ToString();
      s += "\n";
    }
    for (uint32_t p : b.patterns) {
      const Pattern& e = d.patterns()[p];
      s += " P " + std::to_string(e.before.size()) + "/" + std::to_string(e.after.size()) + " " +
           e.code.ToString() + " " + std::to_string(e.specificity);
      for (const auto* side : {&e.before, &e.after})
        for (const auto& x : *side) s += " " + std::to_string(int(x.kind)) + x.word.text;
      s += "\n";
    }
  }
  for (const auto& y : d.synsets()) {
    s += "S " + y.name;
    for (const auto& p : y.phrases) s += "|" + p.ToString();
    s += "\n";
  }
  for (const auto& x : d.discards())
    s += "D " + x.phrase.ToString() + std::to_string(int(x.scope)) + "\n";
  for (const auto& i : d.issues()) {
    s += "I " + std::to_string(int(i.kind)) + i.code + "/" + i.category;
    for (const auto& p : i.phrases) s += "|" + p.ToString();
    s += "\n";
  }
  return s;
}

TEST(DyadFormat, RoundTrip) {
  Parsed first = Parse("sample.dyad", kSample);
  ASSERT_TRUE(first.dict);
  const std::string written = WriteDyadDictionary(*first.dict);
  Parsed second = Parse("written.dyad", written);
  ASSERT_TRUE(second.dict);
  EXPECT_TRUE(second.warnings.empty()) << Joined(second.warnings) << written;
  EXPECT_EQ(Canonical(*first.dict), Canonical(*second.dict)) << written;
  // Writing is stable: write(parse(write(x))) == write(x) apart from the header.
  EXPECT_EQ(WriteDyadDictionary(*second.dict), written);
}

TEST(DyadFormat, MalformedLinesWarnWithFileAndLine) {
  constexpr std::string_view kBad = R"(Turkey => TUR
[actors]
no arrow here
Ankara => tur
Paris => FRA @2020-13-01..
 => USA
[agents]
minister => GOV~~
[verbs]
pattern * + => 042
block VISIT => 0x2
verb visit => 042
pattern + $ => 042
pattern * * + => 042
verb go* => 042
[bogus]
whatever
[synsets]
CURRENCY = dollar
[issues]
nuclear
[discards]
story:
[actors]
Berlin => DEU
)";
  Parsed p = Parse("bad.dyad", kBad);
  ASSERT_TRUE(p.dict);
  std::map<int, std::string> by_line;
  for (const auto& w : p.warnings) {
    EXPECT_EQ(w.file, "bad.dyad");
    by_line[w.line] += w.what;
  }
  const std::string all = Joined(p.warnings);
  EXPECT_NE(by_line[1].find("before any [section]"), std::string::npos) << all;
  EXPECT_NE(by_line[3].find("no '=> CODE'"), std::string::npos) << all;
  EXPECT_NE(by_line[4].find("'tur' is not an actor code"), std::string::npos) << all;
  EXPECT_NE(by_line[5].find("date range"), std::string::npos) << all;
  EXPECT_NE(by_line[6].find("empty phrase"), std::string::npos) << all;
  EXPECT_NE(by_line[8].find("not an agent code"), std::string::npos) << all;
  EXPECT_NE(by_line[10].find("pattern before any"), std::string::npos) << all;
  EXPECT_NE(by_line[11].find("not an event code"), std::string::npos) << all;
  EXPECT_NE(by_line[13].find("exactly one '*' (found 0)"), std::string::npos) << all;
  EXPECT_NE(by_line[14].find("exactly one '*' (found 2)"), std::string::npos) << all;
  EXPECT_NE(by_line[15].find("stem"), std::string::npos) << all;
  EXPECT_NE(by_line[16].find("unknown section [bogus]"), std::string::npos) << all;
  EXPECT_EQ(by_line.count(17), 0u) << "lines of an unknown section are covered by one warning";
  EXPECT_NE(by_line[19].find("&NAME"), std::string::npos) << all;
  EXPECT_NE(by_line[21].find("issue line"), std::string::npos) << all;
  EXPECT_NE(by_line[23].find("empty phrase"), std::string::npos) << all;
  for (const auto& w : p.warnings) {
    EXPECT_NE(w.what.find("skipped"), std::string::npos) << "says what was done: " << w.ToString();
  }
  // Good lines around the bad ones are kept; "verb visit => 042" after the
  // skipped block starts a block of its own.
  ASSERT_EQ(p.dict->actors().size(), 1u);
  EXPECT_EQ(p.dict->actors()[0].primary.ToString(), "berlin");
  EXPECT_EQ(p.dict->actors()[0].where.line, 25u);
  ASSERT_EQ(p.dict->verbs().size(), 1u);
  EXPECT_EQ(p.dict->verb_blocks()[p.dict->verbs()[0].block].name, "VISIT");
  EXPECT_EQ(p.warnings.front().ToString().rfind("bad.dyad:1: ", 0), 0u);
}

DyadParseOptions MemoryFiles(std::map<std::string, std::string> files) {
  DyadParseOptions o;
  o.reader = [files = std::move(files)](const std::string& path) -> Result<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return Status::NotFound(path + ": no such file");
    return it->second;
  };
  return o;
}

TEST(DyadFormat, IncludesAreRelativeAndCycleSafe) {
  auto opts = MemoryFiles({
      {"dict/a.dyad", "[actors]\nAlpha => AAA\ninclude sub/b.dyad\nAlpha2 => AAB\n"},
      {"dict/sub/b.dyad", "[actors]\nBeta => BBB\ninclude ../a.dyad\ninclude c.dyad\n"},
      {"dict/sub/c.dyad", "[actors]\nGamma => CCC\ninclude missing.dyad\n"},
  });
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  ASSERT_TRUE(ParseDyadDictionaryFile("dict/a.dyad", &b, &w, opts).ok());
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  std::vector<std::string> names;
  for (const auto& a : (*d)->actors())
    names.push_back(a.primary.ToString() + "@" + (*d)->Where(a.where));
  EXPECT_EQ(names, (std::vector<std::string>{"alpha@dict/a.dyad:2", "beta@dict/sub/b.dyad:2",
                                             "gamma@dict/sub/c.dyad:2", "alpha2@dict/a.dyad:4"}));
  ASSERT_EQ(w.size(), 2u) << Joined(w);
  EXPECT_EQ(w[0].file, "dict/sub/b.dyad");
  EXPECT_EQ(w[0].line, 3);
  EXPECT_NE(w[0].what.find("include cycle: dict/a.dyad -> dict/sub/b.dyad -> dict/a.dyad"),
            std::string::npos)
      << w[0].what;
  EXPECT_EQ(w[1].file, "dict/sub/c.dyad");
  EXPECT_NE(w[1].what.find("cannot read include 'dict/sub/missing.dyad'"), std::string::npos);
}

TEST(DyadFormat, SelfIncludeAndDoubleInclude) {
  auto opts = MemoryFiles({
      {"a.dyad", "include a.dyad\ninclude b.dyad\ninclude ./b.dyad\n"},
      {"b.dyad", "[discards]\nhoroscope\n"},
  });
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  ASSERT_TRUE(ParseDyadDictionaryFile("a.dyad", &b, &w, opts).ok());
  ASSERT_EQ(w.size(), 2u) << Joined(w);
  EXPECT_NE(w[0].what.find("include cycle"), std::string::npos);
  EXPECT_NE(w[1].what.find("already included"), std::string::npos);
  auto d = b.Compile();
  ASSERT_TRUE(d.ok());
  EXPECT_EQ((*d)->discards().size(), 1u);
}

TEST(DyadFormat, MissingRootFileIsAnError) {
  DictionaryBuilder b;
  std::vector<DictWarning> w;
  Status s = ParseDyadDictionary("/nonexistent/x.dyad", &b, &w);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_NE(s.message().find("/nonexistent/x.dyad"), std::string::npos);
}

TEST(DyadFormat, CommentsAndOddBytes) {
  Parsed p = Parse("c.dyad",
                   "\xEF\xBB\xBF[actors]   # header comment\r\n"
                   "  # indented comment\r\n"
                   "New#York => USA # trailing\r\n"
                   "[verbs]\r\nverb discard-me => ###\r\n"
                   "[actors]\r\nbad\xFF\xFEword => XXX\r\n");
  ASSERT_TRUE(p.dict);
  EXPECT_TRUE(p.warnings.empty()) << Joined(p.warnings);
  ASSERT_EQ(p.dict->actors().size(), 2u);
  EXPECT_EQ(p.dict->actors()[0].primary.ToString(), "new#york");
  EXPECT_EQ(p.dict->verbs()[0].code.kind, EventCodeSpec::Kind::kDiscard);
}

// A one-word phrase in capitals is an acronym: "WHO" is the World Health
// Organization, "who" is a pronoun. A phrase that is also written in lower
// case elsewhere keeps matching lower-case text.
TEST(DyadFormat, AcronymsNeedACapital) {
  Parsed p = Parse("a.dyad",
                   "[actors]\n"
                   "WHO | World Health Organization => IGOUNOWHO\n"
                   "NATO => IGOWSTNAT\n"
                   "AU => IGOAFRAU\n"
                   "au => FRA\n"
                   "UN* => IGOUNO\n");
  ASSERT_TRUE(p.dict);
  EXPECT_TRUE(p.warnings.empty()) << Joined(p.warnings);
  EXPECT_TRUE(p.dict->actors()[0].primary.words[0].cased);
  EXPECT_FALSE(p.dict->actors()[0].synonyms[0].words[0].cased);
  EXPECT_FALSE(p.dict->actors()[4].primary.words[0].cased);  // a stem is never an acronym
  auto matches = [&](std::vector<std::string> words) {
    Sentence s;
    for (const std::string& w : words) {
      std::string lower = w;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      s.AddToken(w, lower, lower);
    }
    std::vector<PhraseMatch> out;
    p.dict->FindPhrases(PhraseKind::kActor, s.tokens, MatchOptions(), &out);
    return out.size();
  };
  EXPECT_EQ(matches({"the", "WHO", "said"}), 1u);
  EXPECT_EQ(matches({"rebels", "who", "fought"}), 0u);
  EXPECT_EQ(matches({"Nato", "jets"}), 1u);   // British style still matches
  EXPECT_EQ(matches({"nato", "jets"}), 0u);
  EXPECT_EQ(matches({"au", "revoir"}), 1u);  // written in lower case too: FRA
  // The writer keeps the capitals, so a round trip keeps the flag.
  EXPECT_NE(WriteDyadDictionary(*p.dict).find("WHO | world health organization"),
            std::string::npos);
}

TEST(DyadFormat, InflectVerb) {
  EXPECT_EQ(InflectVerb("ban"), (std::vector<std::string>{"ban", "bans", "banned", "banning"}));
  EXPECT_EQ(InflectVerb("visit"),
            (std::vector<std::string>{"visit", "visits", "visited", "visiting"}));
  EXPECT_EQ(InflectVerb("deny"), (std::vector<std::string>{"deny", "denies", "denied", "denying"}));
  EXPECT_EQ(InflectVerb("praise"),
            (std::vector<std::string>{"praise", "praises", "praised", "praising"}));
  EXPECT_EQ(InflectVerb("meet"), (std::vector<std::string>{"meet", "meets", "met", "meeting"}));
  EXPECT_EQ(InflectVerb("veto"), (std::vector<std::string>{"veto", "vetoes", "vetoed", "vetoing"}));
  EXPECT_EQ(InflectVerb("agree"),
            (std::vector<std::string>{"agree", "agrees", "agreed", "agreeing"}));
  EXPECT_EQ(InflectVerb("hold talks")[2], "held talks");
  EXPECT_EQ(InflectVerb("open")[2], "opened");
  EXPECT_EQ(InflectVerb("slay")[2], "slew");
}

// The whole default dictionary survives parse -> write -> parse.
TEST(DyadFormat, DefaultDictionaryRoundTrip) {
  DefaultDictionaryOptions o;
  o.iso_codes_path = "";  // only the embedded files
  std::vector<DictWarning> w;
  auto first = LoadDefaultDictionary(o, &w);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::string written = WriteDyadDictionary(**first);
  Parsed second = Parse("written.dyad", written);
  ASSERT_TRUE(second.dict);
  EXPECT_TRUE(second.warnings.empty()) << Joined(second.warnings);
  EXPECT_EQ(Canonical(**first), Canonical(*second.dict));
}

// Golden test: the writer's output for testdata/dyad_format_sample.dyad is
// compared byte for byte with testdata/dyad_format_sample.written.dyad. Run
// with DYAD_UPDATE_GOLDEN=1 to rewrite the expected file after a deliberate
// change (then review the diff).
TEST(DyadFormat, WriterGolden) {
  const std::string dir = std::string(DYAD_SOURCE_DIR) + "/src/dict/testdata/";
  auto input = ReadDyadFileFromDisk(dir + "dyad_format_sample.dyad");
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  Parsed p = Parse("dyad_format_sample.dyad", *input);
  ASSERT_TRUE(p.dict);
  EXPECT_TRUE(p.warnings.empty()) << Joined(p.warnings);
  const std::string written = WriteDyadDictionary(*p.dict);
  const std::string golden_path = dir + "dyad_format_sample.written.dyad";
  if (std::getenv("DYAD_UPDATE_GOLDEN")) {
    std::ofstream(golden_path, std::ios::binary) << written;
  }
  auto golden = ReadDyadFileFromDisk(golden_path);
  ASSERT_TRUE(golden.ok()) << golden.status().ToString();
  EXPECT_EQ(written, *golden);
}

}  // namespace
}  // namespace dyad
