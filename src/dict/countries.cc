// Countries: iso-codes JSON at load time plus dyad's own table of names.
#include "dyad/countries.h"

#include <simdjson.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "dict/dyad_format_internal.h"

namespace dyad {

namespace dyad_format_internal {

std::string Lower(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) ascii &= c < 0x80;
  std::string out;
  if (ascii) {
    out.assign(s);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toLower(icu::Locale::getRoot());
  u.toUTF8String(out);
  return out;
}

std::string_view Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    if (p == std::string_view::npos) {
      out.push_back(Trim(s.substr(start)));
      return out;
    }
    out.push_back(Trim(s.substr(start, p - start)));
    start = p + sep.size();
  }
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string_view StripComment(std::string_view line) {
  // A comment is a "#" that starts the line (after indentation), or a "#"
  // after whitespace that is followed by whitespace or the end of the line.
  // So the event code "###" can still be written after "=>".
  size_t first = line.find_first_not_of(" \t");
  if (first != std::string_view::npos && line[first] == '#') return line.substr(0, first);
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t') &&
        (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t' ||
         line[i + 1] == '\r')) {
      return line.substr(0, i);
    }
  }
  return line;
}

}  // namespace dyad_format_internal

namespace {

using dyad_format_internal::Lower;
using dyad_format_internal::Split;
using dyad_format_internal::StripComment;
using dyad_format_internal::Trim;
using dyad_format_internal::Words;

bool IsCodeChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Lower case, single spaces, no leading "the ".
std::string NormalizePhrase(std::string_view phrase) {
  std::string out;
  for (std::string_view w : Words(phrase)) {
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  out = Lower(out);
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  return out;
}

std::string GetString(simdjson::dom::object obj, std::string_view key) {
  std::string_view v;
  if (obj[key].get_string().get(v) != simdjson::SUCCESS) return {};
  return std::string(v);
}

}  // namespace

Result<std::vector<IsoCountry>> LoadIsoCountries(std::string_view json_path) {
  const std::string path(json_path);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": cannot open the iso-codes country list; install it with "
                            "'apt-get install iso-codes' (scripts/install-deps.sh does)");
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto err = parser.parse(bytes).get(doc); err) {
    return Status::Corruption(path + ": not valid JSON (" + simdjson::error_message(err) +
                              "); reinstall iso-codes");
  }
  simdjson::dom::array rows;
  if (doc["3166-1"].get_array().get(rows) != simdjson::SUCCESS) {
    return Status::Corruption(path +
                              ": no \"3166-1\" array at the top level; is this "
                              "iso_3166-1.json from iso-codes?");
  }
  std::vector<IsoCountry> out;
  size_t index = 0;
  for (simdjson::dom::element row : rows) {
    ++index;
    simdjson::dom::object obj;
    if (row.get_object().get(obj) != simdjson::SUCCESS) {
      return Status::Corruption(path + ": entry " + std::to_string(index) + " is not an object");
    }
    IsoCountry c;
    c.alpha3 = GetString(obj, "alpha_3");
    c.alpha2 = GetString(obj, "alpha_2");
    c.name = GetString(obj, "name");
    c.official_name = GetString(obj, "official_name");
    c.common_name = GetString(obj, "common_name");
    if (c.alpha3.size() != 3 || c.name.empty()) {
      return Status::Corruption(path + ": entry " + std::to_string(index) +
                                " lacks alpha_3 or name");
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> IsoNameVariants(const IsoCountry& country) {
  std::vector<std::string> out;
  auto add = [&out](std::string_view s) {
    std::string t(Trim(s));
    if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  };
  auto variants = [&add](std::string_view name) {
    // "Holy See (Vatican City State)": both the outer name and the bracketed one.
    if (size_t open = name.find(" ("); open != std::string_view::npos) {
      size_t close = name.find(')', open);
      std::string_view inner = name.substr(
          open + 2, close == std::string_view::npos ? std::string_view::npos : close - open - 2);
      add(name.substr(0, open));
      // "(Vatican City State)", "(Malvinas)" are names; "(French part)" and
      // "(Keeling)" are not names on their own.
      if (inner.find("part") == std::string_view::npos && inner != "Keeling") add(inner);
      return;
    }
    size_t comma = name.find(", ");
    if (comma == std::string_view::npos) {
      add(name);
      return;
    }
    std::string_view head = name.substr(0, comma), tail = name.substr(comma + 2);
    auto ends_with = [](std::string_view s, std::string_view suffix) {
      return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
    };
    if (ends_with(tail, " of") || ends_with(tail, " of the")) {
      add(std::string(tail) + " " + std::string(head));  // "Republic of Korea"
    } else if (tail.find(' ') == std::string_view::npos) {
      add(std::string(tail) + " " + std::string(head));  // "British Virgin Islands"
    }
    add(head);  // "Korea", "Saint Helena", "Taiwan"
  };
  variants(country.name);
  if (!country.common_name.empty()) variants(country.common_name);
  if (!country.official_name.empty()) variants(country.official_name);
  return out;
}

Result<CountryRow> ParseCountryRow(std::string_view text) {
  text = Trim(text);
  size_t sp = text.find_first_of(" \t");
  CountryRow row;
  row.code = std::string(text.substr(0, sp));
  if (row.code.size() < 3 || !std::all_of(row.code.begin(), row.code.end(), IsCodeChar)) {
    return Status::InvalidArgument("'" + row.code +
                                   "' is not a country code (3+ upper-case letters or digits)");
  }
  if (sp == std::string_view::npos) {
    return Status::InvalidArgument("country " + row.code + " has no fields (adj:, capital:, ...)");
  }
  for (std::string_view field : Split(text.substr(sp), ";")) {
    if (field.empty()) continue;
    size_t colon = field.find(':');
    if (colon == std::string_view::npos) {
      return Status::InvalidArgument(
          "field '" + std::string(field) +
          "' has no 'name:' (use adj:, capital:, name:, gov:, leg:, mil:)");
    }
    std::string_view key = Trim(field.substr(0, colon));
    std::vector<std::string>* dest = nullptr;
    if (key == "name")
      dest = &row.names;
    else if (key == "adj")
      dest = &row.adjectives;
    else if (key == "capital")
      dest = &row.capitals;
    else if (key == "gov")
      dest = &row.gov;
    else if (key == "leg")
      dest = &row.leg;
    else if (key == "mil")
      dest = &row.mil;
    if (dest == nullptr) {
      return Status::InvalidArgument("unknown field '" + std::string(key) +
                                     ":' (use adj:, capital:, name:, gov:, leg:, mil:)");
    }
    for (std::string_view phrase : Split(field.substr(colon + 1), "|")) {
      if (phrase.empty()) {
        return Status::InvalidArgument("empty phrase in field '" + std::string(key) + ":'");
      }
      std::string words;
      for (std::string_view w : Words(phrase)) {
        if (!words.empty()) words.push_back(' ');
        words += w;
      }
      dest->push_back(std::move(words));
    }
  }
  return row;
}

std::string FormatCountryRow(const CountryRow& row) {
  std::string out = row.code;
  bool first = true;
  auto field = [&](std::string_view key, const std::vector<std::string>& v) {
    if (v.empty()) return;
    out += first ? "  " : " ; ";
    first = false;
    out += key;
    out += ": ";
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) out += " | ";
      out += v[i];
    }
  };
  field("name", row.names);
  field("adj", row.adjectives);
  field("capital", row.capitals);
  field("gov", row.gov);
  field("leg", row.leg);
  field("mil", row.mil);
  return out;
}

std::string_view LegacyCameoCountryCode(std::string_view iso_alpha3) {
  if (iso_alpha3 == "ROU") return "ROM";
  if (iso_alpha3 == "MNE") return "MTN";
  if (iso_alpha3 == "TLS") return "TMP";
  if (iso_alpha3 == "IMN") return "IMY";
  return iso_alpha3;
}

Result<CountryTable> CountryTable::Load(std::string_view iso_json_path) {
  DYAD_ASSIGN_OR_RETURN(auto iso, LoadIsoCountries(iso_json_path));
  CountryTable t;
  t.iso_ = std::move(iso);
  for (const IsoCountry& c : t.iso_) {
    for (const std::string& v : IsoNameVariants(c)) t.Index(v, c.alpha3);
  }
  return t;
}

const IsoCountry* CountryTable::FindIso(std::string_view alpha3) const {
  for (const IsoCountry& c : iso_)
    if (c.alpha3 == alpha3) return &c;
  return nullptr;
}

const CountryRow* CountryTable::FindRow(std::string_view code) const {
  for (const CountryRow& r : rows_)
    if (r.code == code) return &r;
  return nullptr;
}

void CountryTable::Index(std::string_view phrase, const std::string& code) {
  std::string key = NormalizePhrase(phrase);
  if (!key.empty()) by_phrase_[key] = code;
}

void CountryTable::AddRow(CountryRow row) {
  for (const auto* v : {&row.names, &row.adjectives, &row.capitals})
    for (const std::string& p : *v) Index(p, row.code);
  for (const std::string& p : row.gov) Index(p, row.code + "GOV");
  for (const std::string& p : row.leg) Index(p, row.code + "LEG");
  for (const std::string& p : row.mil) Index(p, row.code + "MIL");
  rows_.push_back(std::move(row));
}

void CountryTable::AddRowsFromText(std::string_view name, std::string_view text,
                                   std::vector<std::string>* warnings) {
  bool in_countries = false;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    line = Trim(StripComment(line));
    if (line.empty()) continue;
    if (line.front() == '[' && line.back() == ']') {
      in_countries = line == "[countries]";
      continue;
    }
    if (!in_countries) continue;
    auto row = ParseCountryRow(line);
    if (!row.ok()) {
      if (warnings) {
        warnings->push_back(std::string(name) + ":" + std::to_string(line_no) + ": " +
                            row.status().message() + "; row skipped");
      }
      continue;
    }
    row->line = line_no;
    AddRow(std::move(*row));
  }
}

std::string CountryTable::Resolve(std::string_view phrase) const {
  auto it = by_phrase_.find(NormalizePhrase(phrase));
  return it == by_phrase_.end() ? std::string() : it->second;
}

}  // namespace dyad
