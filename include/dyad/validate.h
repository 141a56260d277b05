// Validation of the event coder on the field's own test suites, from raw
// text only: TABARI's Validate.text (with the dictionaries and options its
// .project names) and PETRARCH's PETR.UnitTest.records.xml (parse trees in
// the XML are ignored).
//
// A record passes when the set of coded (source, target, code) triples equals
// the expected set exactly; a record expecting no event passes only when
// nothing is coded. Records whose expectations are marked as not checked
// (TABARI "-{...}") or as expected errors (PETRARCH error="...") are counted
// separately as documented and never as passes.
#ifndef DYAD_VALIDATE_H_
#define DYAD_VALIDATE_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/coder.h"
#include "dyad/date.h"
#include "dyad/status.h"

namespace dyad {

struct ExpectedEvent {
  std::string source, target, code;
  friend bool operator==(const ExpectedEvent& a, const ExpectedEvent& b) {
    return a.source == b.source && a.target == b.target && a.code == b.code;
  }
  friend bool operator<(const ExpectedEvent& a, const ExpectedEvent& b) {
    if (a.source != b.source) return a.source < b.source;
    if (a.target != b.target) return a.target < b.target;
    return a.code < b.code;
  }
};

struct ValidationRecord {
  enum class Expect : uint8_t {
    kEvents,     // exactly `events`
    kNoEvent,    // nothing coded ({---}, noevents="True", or no expectation given)
    kDiscard,    // TABARI {###}: the sentence is discarded (nothing coded)
    kComplex,    // TABARI {+++}: too complex (nothing coded)
    kUnchecked,  // TABARI -{...}: expectation deliberately not checked
    kError,      // PETRARCH error="...": an expected input error
  };
  std::string id;
  std::string category;
  Date date;
  std::string text;
  Expect expect = Expect::kNoEvent;
  std::vector<ExpectedEvent> events;
  std::string error;                 // PETRARCH error kind
  std::vector<std::string> options;  // option commands given before/with this record
  bool options_only = false;         // a record that only sets options (not scored)
  int line = 0;                      // 1-based line of the record header
};

// Parsers, for the runners and tests. Malformed records become warnings
// ("file:line: what; record skipped"), never failures.
std::vector<ValidationRecord> ParseTabariValidationText(std::string_view name,
                                                        std::string_view bytes,
                                                        std::vector<std::string>* warnings);
std::vector<ValidationRecord> ParsePetrarchValidationXml(std::string_view name,
                                                         std::string_view bytes,
                                                         std::vector<std::string>* warnings);
// The file names in a PETRARCH <Environment> block (Verbfile, Actorfile,
// Agentfile, Discardfile), in that order; empty names are skipped.
std::vector<std::string> PetrarchEnvironmentFiles(std::string_view bytes);

struct ValidationSummary {
  int passed = 0;
  int failed = 0;
  int documented = 0;  // unchecked / expected-error records
  int skipped = 0;     // option-only records and records after the suite's end
  double pass_rate() const {
    return passed + failed ? static_cast<double>(passed) / (passed + failed) : 0.0;
  }
};

struct ValidateOptions {
  // Dictionary specs (LoadDictionaries). Empty: TABARI uses the files the
  // .project names; PETRARCH uses the <Environment> files (PETR.Validate.*),
  // looked up in ../../dictionaries/petrarch2 from the records file. A
  // "petrarch:DIR" spec whose DIR holds the Environment files means those files.
  std::vector<std::string> dict_specs;
  bool verbose = false;  // print passes too
  // TABARI: stop at the record whose id starts with FINAL (end of the standard suite).
  bool stop_at_final = true;
  // Dependency parser for CoderOptions::syntax; null codes shallow only.
  std::shared_ptr<const Parser> parser;
};

// Runs TABARI's suite: `project_path` is a TABARI .project; its <textfile>
// is looked up next to it, then in ../../validation/tabari/. Prints every
// failure (record id, expected vs got) to `out`, and ends with the line
// "N passed, M failed". NotFound names a missing file.
Result<ValidationSummary> RunTabariValidation(std::string_view project_path,
                                              const ValidateOptions& options, std::ostream* out);

// Runs PETRARCH's unit-test records file; same reporting.
Result<ValidationSummary> RunPetrarchValidation(std::string_view records_path,
                                                const ValidateOptions& options, std::ostream* out);

}  // namespace dyad

#endif  // DYAD_VALIDATE_H_
