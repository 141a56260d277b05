// GDELT 2.0 event-table export (include/dyad/query.h, docs/queries.md).
#include <array>
#include <cstdio>
#include <string>
#include <string_view>

#include "dyad/query.h"
#include "store/sqlite.h"

namespace dyad {
namespace {

// CAMEO role/type codes (CAMEO manual, actor codes) as GDELT's Type1..3 read them.
constexpr std::array<std::string_view, 40> kTypeCodes = {
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF",
    "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI",
    "LAB", "LEG", "MED", "REF", "MOD", "RAD", "AMN", "IRC", "GRP", "UNO",
    "PKO", "UIS", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET", "SPY"};
// Codes that open an international (non-state) actor: no country.
constexpr std::array<std::string_view, 7> kInternational = {"IGO", "NGO", "IMG", "MNC",
                                                            "UIS", "INT", "NGM"};
constexpr std::array<std::string_view, 10> kReligion = {"CHR", "CTH", "PRO", "MOS", "SHI",
                                                        "SUN", "JEW", "BUD", "HIN", "SIK"};

template <size_t N>
bool In(const std::array<std::string_view, N>& set, std::string_view s) {
  for (std::string_view x : set)
    if (x == s) return true;
  return false;
}

// GDELT's ten actor attribute columns from a raw CAMEO actor code:
// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1Code,
// Religion2Code, Type1Code, Type2Code, Type3Code.
std::array<std::string, 10> SplitActor(std::string_view code, std::string_view name) {
  std::array<std::string, 10> f;
  f[0] = std::string(code);
  for (char c : name) f[1] += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  if (code.empty()) f[1].clear();
  std::vector<std::string_view> chunks;
  for (size_t i = 0; i + 3 <= code.size(); i += 3) chunks.push_back(code.substr(i, 3));
  int types = 0, religions = 0;
  bool after_international = false;
  for (size_t i = 0; i < chunks.size(); ++i) {
    std::string_view c = chunks[i];
    if (i == 0 && !In(kTypeCodes, c) && !In(kInternational, c)) {
      f[2] = std::string(c);
      continue;
    }
    if (after_international && !In(kTypeCodes, c) && f[3].empty()) {
      f[3] = std::string(c);
      after_international = false;
      continue;
    }
    after_international = In(kInternational, c);
    if (In(kReligion, c) && religions < 2) {
      f[5 + religions++] = std::string(c);
    } else if (In(kTypeCodes, c) && types < 3) {
      f[7 + types++] = std::string(c);
    }
  }
  return f;
}

}  // namespace

const std::array<std::string_view, kGdeltColumnCount>& GdeltColumns() {
  static const std::array<std::string_view, kGdeltColumnCount> kColumns = {"GLOBALEVENTID",
                                                                           "SQLDATE",
                                                                           "MonthYear",
                                                                           "Year",
                                                                           "FractionDate",
                                                                           "Actor1Code",
                                                                           "Actor1Name",
                                                                           "Actor1CountryCode",
                                                                           "Actor1KnownGroupCode",
                                                                           "Actor1EthnicCode",
                                                                           "Actor1Religion1Code",
                                                                           "Actor1Religion2Code",
                                                                           "Actor1Type1Code",
                                                                           "Actor1Type2Code",
                                                                           "Actor1Type3Code",
                                                                           "Actor2Code",
                                                                           "Actor2Name",
                                                                           "Actor2CountryCode",
                                                                           "Actor2KnownGroupCode",
                                                                           "Actor2EthnicCode",
                                                                           "Actor2Religion1Code",
                                                                           "Actor2Religion2Code",
                                                                           "Actor2Type1Code",
                                                                           "Actor2Type2Code",
                                                                           "Actor2Type3Code",
                                                                           "IsRootEvent",
                                                                           "EventCode",
                                                                           "EventBaseCode",
                                                                           "EventRootCode",
                                                                           "QuadClass",
                                                                           "GoldsteinScale",
                                                                           "NumMentions",
                                                                           "NumSources",
                                                                           "NumArticles",
                                                                           "AvgTone",
                                                                           "Actor1Geo_Type",
                                                                           "Actor1Geo_FullName",
                                                                           "Actor1Geo_CountryCode",
                                                                           "Actor1Geo_ADM1Code",
                                                                           "Actor1Geo_ADM2Code",
                                                                           "Actor1Geo_Lat",
                                                                           "Actor1Geo_Long",
                                                                           "Actor1Geo_FeatureID",
                                                                           "Actor2Geo_Type",
                                                                           "Actor2Geo_FullName",
                                                                           "Actor2Geo_CountryCode",
                                                                           "Actor2Geo_ADM1Code",
                                                                           "Actor2Geo_ADM2Code",
                                                                           "Actor2Geo_Lat",
                                                                           "Actor2Geo_Long",
                                                                           "Actor2Geo_FeatureID",
                                                                           "ActionGeo_Type",
                                                                           "ActionGeo_FullName",
                                                                           "ActionGeo_CountryCode",
                                                                           "ActionGeo_ADM1Code",
                                                                           "ActionGeo_ADM2Code",
                                                                           "ActionGeo_Lat",
                                                                           "ActionGeo_Long",
                                                                           "ActionGeo_FeatureID",
                                                                           "DATEADDED",
                                                                           "SOURCEURL"};
  return kColumns;
}

Status WriteGdeltExport(const EventStore& store, std::ostream* out) {
  DYAD_ASSIGN_OR_RETURN(
      sql::Stmt st,
      store.db().Prepare(
          "SELECT e.id, e.date, e.date_precision, e.source_code, e.source_name, e.target_code, "
          "e.target_name, e.code, e.root_code, e.quad_class, e.goldstein, e.num_mentions, "
          "e.num_sources, e.num_articles, "
          "(SELECT m.sentence_index FROM mentions m WHERE m.event_id = e.id ORDER BY m.id "
          "LIMIT 1), a.url, a.article_key, a.published, a.published_precision "
          "FROM events e JOIN articles a ON a.id = e.first_article ORDER BY e.id"));
  std::string line;
  for (;;) {
    DYAD_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    std::array<std::string, kGdeltColumnCount> c;
    c[0] = std::to_string(st.Int(0));
    std::string date(st.Text(1));
    std::string_view prec = st.Text(2);
    if (prec == "day") {
      c[1] = date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2);
      int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)),
          d = std::stoi(date.substr(8, 2));
      char buf[16];
      std::snprintf(buf, sizeof buf, "%.4f", y + (m * 30 + d) / 365.0);
      c[4] = buf;
    }
    if (prec == "day" || prec == "month") c[2] = date.substr(0, 4) + date.substr(5, 2);
    if (prec != "unknown" && date.size() >= 4) c[3] = date.substr(0, 4);
    auto a1 = SplitActor(st.Text(3), st.Text(4));
    auto a2 = SplitActor(st.Text(5), st.Text(6));
    for (int i = 0; i < 10; ++i) {
      c[5 + i] = a1[i];
      c[15 + i] = a2[i];
    }
    c[25] = st.Int(14) == 0 ? "1" : "0";
    std::string code(st.Text(7));
    c[26] = code;
    c[27] = code.size() > 3 ? code.substr(0, 3) : code;
    c[28] = std::string(st.Text(8));
    c[29] = std::to_string(st.Int(9));
    {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", st.Double(10));
      c[30] = buf;
    }
    c[31] = std::to_string(st.Int(11));
    c[32] = std::to_string(st.Int(12));
    c[33] = std::to_string(st.Int(13));
    // 34 AvgTone and 35..58 geography: not produced by dyad, left empty.
    std::string pub(st.Text(17));
    if (st.Text(18) == "day" && pub.size() == 10)
      c[59] = pub.substr(0, 4) + pub.substr(5, 2) + pub.substr(8, 2) + "000000";
    c[60] = st.Text(15).empty() ? std::string(st.Text(16)) : std::string(st.Text(15));
    line.clear();
    for (size_t i = 0; i < c.size(); ++i) {
      if (i) line += '\t';
      AppendTsvCell(c[i], &line);
    }
    line += '\n';
    *out << line;
  }
  return Status::Ok();
}

}  // namespace dyad
