#include "dyad/validate.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "dyad/parse.h"

namespace dyad {
namespace {

TEST(ValidateParseTest, TabariRecords) {
  const char* text =
      "# comment line\n"
      "950101  DEMO-01\n"
      "Arnor restored ties with Gondor\n"
      "today. /*\\n[Simple]\n"
      "\\n{ ARN / GON / 064 } 950101\n"
      "\\n{ GON / ARN / 064 } */\n"
      "\n"
      "950101  OPT-01\n"
      "Only options here.\n"
      "/*\\n{ OPTION: SET: CODE ALL } */\n"
      "950102  NONE-01\n"
      "Nothing./*\\n{---} */\n"
      "950103  SKIP-01\n"
      "Skip me. /*\\n-{ARN / GON / 064 } */\n"
      "950104  CPLX-01\n"
      "Complex. /* {+++} */\n";
  std::vector<std::string> warnings;
  auto recs = ParseTabariValidationText("t.text", text, &warnings);
  ASSERT_EQ(recs.size(), 5u);
  EXPECT_EQ(recs[0].id, "DEMO-01");
  EXPECT_EQ(recs[0].text, "Arnor restored ties with Gondor today.");
  EXPECT_EQ(recs[0].date, Date::Day(1995, 1, 1));
  ASSERT_EQ(recs[0].events.size(), 2u);
  EXPECT_EQ(recs[0].events[1], (ExpectedEvent{"GON", "ARN", "064"}));
  EXPECT_EQ(recs[0].expect, ValidationRecord::Expect::kEvents);
  EXPECT_TRUE(recs[1].options_only);
  ASSERT_EQ(recs[1].options.size(), 1u);
  EXPECT_EQ(recs[1].options[0], "SET: CODE ALL");
  EXPECT_EQ(recs[2].expect, ValidationRecord::Expect::kNoEvent);
  EXPECT_EQ(recs[3].expect, ValidationRecord::Expect::kUnchecked);
  EXPECT_EQ(recs[4].expect, ValidationRecord::Expect::kComplex);
  EXPECT_TRUE(warnings.empty());
}

TEST(ValidateParseTest, PetrarchRecords) {
  const char* xml =
      "<Validation><Environment><Verbfile>V.txt</Verbfile><Actorfile>A.txt</Actorfile>"
      "</Environment>\n<Sentences>\n"
      "<!-- <Sentence id=\"HIDDEN\"> -->\n"
      "<Sentence date=\"19950101\" id=\"DEMO-01\" category=\"DEMO\" sentence=\"true\">\n"
      "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
      "<Text>\nArnor restored ties &amp; more\nwith Gondor.\n</Text>\n<Parse>(ROOT)</Parse>\n"
      "</Sentence>\n"
      "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
      "<Sentence date=\"19950102\" id=\"NONE-01\">\n"
      "<EventCoding noevents = \"True\"></EventCoding><Text>x</Text></Sentence>\n"
      "<Sentence date=\"19950102\" id=\"ERR-01\">\n"
      "<EventCoding error=\"dateline\"></EventCoding><Text>y</Text></Sentence>\n"
      "<Stop></Stop>\n"
      "<Sentence date=\"19950102\" id=\"AFTER\"><Text>z</Text></Sentence>\n"
      "</Sentences></Validation>\n";
  std::vector<std::string> warnings;
  auto recs = ParsePetrarchValidationXml("u.xml", xml, &warnings);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].id, "DEMO-01");
  EXPECT_EQ(recs[0].text, "Arnor restored ties & more with Gondor.");
  ASSERT_EQ(recs[0].events.size(), 1u);
  EXPECT_EQ(recs[0].events[0], (ExpectedEvent{"ARN", "GON", "064"}));
  EXPECT_EQ(recs[1].expect, ValidationRecord::Expect::kNoEvent);
  ASSERT_EQ(recs[1].options.size(), 1u);
  EXPECT_EQ(recs[1].options[0], "require_dyad=false");
  EXPECT_EQ(recs[2].expect, ValidationRecord::Expect::kError);
  EXPECT_EQ(PetrarchEnvironmentFiles(xml), (std::vector<std::string>{"V.txt", "A.txt"}));
}

// --- The suites. Floors are the measured pass rates (never lowered). -------

std::string Shared(const std::string& rel) {
  std::string p = std::string(DYAD_SHARED_DIR) + "/" + rel;
  return p;
}

void RequirePath(const std::string& p) {
  ASSERT_TRUE(std::filesystem::exists(p))
      << "missing reference data: " << p << " (DYAD_SHARED_DIR=" << DYAD_SHARED_DIR << ")";
}

// Measured with `dyad validate tabari ...` (docs/coder.md); raise as the coder improves.
constexpr int kTabariFloorPassed = 402;
constexpr int kPetrarchFloorPassed = 236;

TEST(ValidationSuiteTest, Tabari) {
  const std::string project = Shared("data/dictionaries/tabari/Validate.project");
  RequirePath(project);
  RequirePath(Shared("data/validation/tabari/Validate.text"));
  std::ostringstream out;
  auto r = RunTabariValidation(project, ValidateOptions(), &out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->passed, kTabariFloorPassed) << out.str();
  EXPECT_GT(r->passed + r->failed, 400);
  std::string s = out.str();
  EXPECT_NE(s.find(std::to_string(r->passed) + " passed, " + std::to_string(r->failed) + " failed"),
            std::string::npos);
}

TEST(ValidationSuiteTest, Petrarch) {
  const std::string records = Shared("data/validation/petrarch/PETR.UnitTest.records.xml");
  RequirePath(records);
  RequirePath(Shared("data/dictionaries/petrarch2/PETR.Validate.verbs.txt"));
  std::ostringstream out;
  ValidateOptions vo;
  vo.dict_specs = {"petrarch:" + Shared("data/dictionaries/petrarch2")};
  auto r = RunPetrarchValidation(records, vo, &out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GE(r->passed, kPetrarchFloorPassed) << out.str();
  EXPECT_GT(r->passed + r->failed, 250);
}

// Both suites with the parser re-reading sources and targets
// (CoderOptions::syntax). Floors at the measured values (docs/coder.md,
// "Syntax"): the suites encode shallow conventions, so these sit below the
// shallow coder's.
TEST(ValidationSuiteTest, WithTheParser) {
  const std::string project = Shared("data/dictionaries/tabari/Validate.project");
  const std::string records = Shared("data/validation/petrarch/PETR.UnitTest.records.xml");
  RequirePath(project);
  RequirePath(records);
  auto parser = Parser::Load();
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  ValidateOptions vo;
  vo.parser = std::move(*parser);
  vo.verbose = true;  // print the rules, which name the parse
  std::ostringstream out;
  auto t = RunTabariValidation(project, vo, &out);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_GE(t->passed, 393) << out.str();
  vo.dict_specs = {"petrarch:" + Shared("data/dictionaries/petrarch2")};
  auto p = RunPetrarchValidation(records, vo, &out);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_GE(p->passed, 235) << out.str();
  // The parse changed something: a run identical to the shallow one would
  // mean the parser was never consulted.
  EXPECT_NE(out.str().find(" parse"), std::string::npos);
}

// Options in the comment of a coded record take effect after that record.
TEST(ValidateRunTest, RecordOptionsApplyAfterTheRecord) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("dyad_validate_opts_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto write = [&](const char* name, const std::string& body) {
    std::ofstream f(dir / name);
    f << body;
  };
  write("t.project", "<actorsfile> t.actors\n<verbsfile> t.verbs\n<textfile> t.text\n");
  write("t.actors", "VALORIA  [VAL]\nKESTRIA  [KES]\n");
  write("t.verbs", "CRITICIZE  [111]\n");
  write("t.text",
        "950101  OPT-A\n"
        "Valoria criticized the plan at length over the long canal dispute.\n"
        "/*\\n{ --- }\n\\n{ OPTION: DEFAULT: TARGET [DEFTAR] } */\n"
        "\n"
        "950101  OPT-B\n"
        "Valoria criticized the plan at length over the long canal dispute.\n"
        "/*\\n{ VAL / DEFTAR / 111 } */\n");
  std::ostringstream out;
  auto r = RunTabariValidation((dir / "t.project").string(), ValidateOptions(), &out);
  fs::remove_all(dir);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->passed, 2) << out.str();
  EXPECT_EQ(r->failed, 0) << out.str();
}

}  // namespace
}  // namespace dyad
