// Countries: the ISO 3166-1 list read at load time from Debian's iso-codes
// JSON, plus dyad's own table of the words news uses for each country
// (demonyms and adjectives, capitals, seats of government and legislatures used
// as metonyms, alternative names), written in dyad's dictionary format as a
// "[countries]" section (docs/dictionary-dyad-format.md).
//
// CAMEO country codes are ISO 3166-1 alpha-3 ("The United Nations list of
// standard three-letter country codes", CAMEO manual 3.1.1). Older CAMEO
// tables (e.g. GDELT's CAMEO.country.txt) still use a few retired codes:
// ROM (Romania, now ROU), MTN (Montenegro, MNE), TMP (East Timor, TLS), IMY
// (Isle of Man, IMN). dyad writes ISO codes, as the Phoenix dictionaries do;
// LegacyCameoCountryCode() maps to the old ones for callers who need them.
//
// A CountryTable is built once and then only read: const methods are safe to
// call from any number of threads.
#ifndef DYAD_COUNTRIES_H_
#define DYAD_COUNTRIES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

inline constexpr std::string_view kIsoCodes3166Path = "/usr/share/iso-codes/json/iso_3166-1.json";

// One ISO 3166-1 row as iso-codes gives it.
struct IsoCountry {
  std::string alpha3;         // "TUR"
  std::string alpha2;         // "TR"
  std::string name;           // "Türkiye"
  std::string official_name;  // "Republic of Türkiye"; may be empty
  std::string common_name;    // "Taiwan" for "Taiwan, Province of China"; may be empty
};

// Reads every row of an iso_3166-1.json file. NotFound / Corruption name the
// path and say what to install ("apt-get install iso-codes").
Result<std::vector<IsoCountry>> LoadIsoCountries(std::string_view json_path = kIsoCodes3166Path);

// Phrases a news text may use for an ISO row, derived from its names:
// "Korea, Republic of" -> "Republic of Korea"; "Saint Martin (French part)" ->
// "Saint Martin"; "Virgin Islands, U.S." -> "U.S. Virgin Islands"; plus the
// official and common names. Unique, in that order, original case.
std::vector<std::string> IsoNameVariants(const IsoCountry& country);

// One row of dyad's own country table ("[countries]" section), e.g.
//   TUR  adj: Turkish | Turk | Turks ; capital: Ankara ; leg: Grand National Assembly
// Each field lists phrases separated by "|"; fields are separated by ";".
struct CountryRow {
  std::string code;                     // "TUR" (actor code for name/adj/capital)
  std::vector<std::string> names;       // "name:" alternative names -> code
  std::vector<std::string> adjectives;  // "adj:" demonyms and adjectives -> code
  std::vector<std::string> capitals;    // "capital:" capital as metonym -> code
  std::vector<std::string> gov;         // "gov:" seats of government -> code + "GOV"
  std::vector<std::string> leg;         // "leg:" legislatures -> code + "LEG"
  std::vector<std::string> mil;         // "mil:" military metonyms -> code + "MIL"
  int line = 0;
};

// Parses the text of one row (without comments). InvalidArgument with a
// message saying what is wrong when the row has no valid code or an unknown
// field name.
Result<CountryRow> ParseCountryRow(std::string_view text);
// The row back as text, in the field order above (ParseCountryRow inverse).
std::string FormatCountryRow(const CountryRow& row);

// "ROU" -> "ROM", "MNE" -> "MTN", "TLS" -> "TMP", "IMN" -> "IMY"; any other
// code is returned unchanged.
std::string_view LegacyCameoCountryCode(std::string_view iso_alpha3);

// ISO rows plus our table, with a case-insensitive name -> actor code lookup
// (simple exact match on the whole, whitespace-normalized phrase; the coder
// uses the compiled Dictionary instead).
class CountryTable {
 public:
  // Loads the iso-codes file; then add our rows with AddRow / AddRowsFromText.
  static Result<CountryTable> Load(std::string_view iso_json_path = kIsoCodes3166Path);

  const std::vector<IsoCountry>& iso() const { return iso_; }
  const std::vector<CountryRow>& rows() const { return rows_; }
  // nullptr when `alpha3` is not an ISO code.
  const IsoCountry* FindIso(std::string_view alpha3) const;
  // The row of our table for `code`, or nullptr.
  const CountryRow* FindRow(std::string_view code) const;

  // Adds one of our rows; later rows win on conflicting phrases.
  void AddRow(CountryRow row);
  // Adds every row of the "[countries]" sections of a dyad-format text
  // (other sections are ignored; includes are not followed). Bad rows are
  // appended to `warnings` as "name:line: what; row skipped".
  void AddRowsFromText(std::string_view name, std::string_view text,
                       std::vector<std::string>* warnings);

  // Actor code for a phrase ("Turkish" -> "TUR", "the Kremlin" -> "RUSGOV",
  // "Republic of Korea" -> "KOR"); empty when unknown. A leading "the " is
  // optional both in the table and in the query.
  std::string Resolve(std::string_view phrase) const;

 private:
  void Index(std::string_view phrase, const std::string& code);

  std::vector<IsoCountry> iso_;
  std::vector<CountryRow> rows_;
  std::map<std::string, std::string, std::less<>> by_phrase_;  // normalized phrase -> code
};

}  // namespace dyad

#endif  // DYAD_COUNTRIES_H_
