// Pair evaluation of the name matcher on the OFAC SDN list: positives are an
// entry's own spellings, negatives are other entries' names (random and
// blocked by a shared phonetic token). See docs/name-matching.md.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "dyad/name_match.h"

namespace dyad {
namespace {

// One CSV record per line (the OFAC files never break a record over lines).
// RFC 4180 quoting; returns false on an unterminated quote.
bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields) {
  fields->clear();
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  fields->push_back(std::move(cur));
  return !quoted;
}

// OFAC writes an empty field as "-0- ".
std::string Field(const std::string& f) {
  size_t b = 0, e = f.size();
  while (b < e && (f[b] == ' ' || f[b] == '\r')) ++b;
  while (e > b && (f[e - 1] == ' ' || f[e - 1] == '\r')) --e;
  std::string v = f.substr(b, e - b);
  return v == "-0-" ? std::string() : v;
}

struct Name {
  int entry;
  std::string raw;
  NormalizedName norm;
};

// Reads a CSV file line by line, calling `row(fields, line_no)` for each
// well-formed line; malformed ones are counted and described in `report`.
template <typename Fn>
Status ReadCsv(const std::string& path, size_t min_fields, NameEvalReport* report, Fn row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": cannot open; pass the folder holding the OFAC sdn.csv and "
                            "alt.csv files");
  }
  std::string line;
  std::vector<std::string> fields;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    if (!SplitCsvLine(line, &fields) || fields.size() < min_fields) {
      ++report->rejected_lines;
      report->warnings.push_back(path + ":" + std::to_string(line_no) + ": expected " +
                                 std::to_string(min_fields) +
                                 " CSV fields (or an unterminated quote); line skipped");
      continue;
    }
    row(fields, line_no);
  }
  if (in.bad()) return Status::IOError(path + ": read failed");
  return Status::Ok();
}

std::string Example(const Name& a, const Name& b, double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return a.raw + " | " + b.raw + " | " + buf;
}

}  // namespace

double NameEvalReport::Recall() const {
  return positives ? static_cast<double>(true_positives) / positives : 0.0;
}
double NameEvalReport::RecallSharing() const {
  const size_t sharing = positives - disjoint_positives;
  return sharing ? static_cast<double>(true_positives) / sharing : 0.0;
}
double NameEvalReport::PrecisionHard() const {
  const size_t said_same = true_positives + hard_false_positives;
  return said_same ? static_cast<double>(true_positives) / said_same : 0.0;
}
double NameEvalReport::PrecisionRandom() const {
  const size_t said_same = true_positives + random_false_positives;
  return said_same ? static_cast<double>(true_positives) / said_same : 0.0;
}

std::string NameEvalReport::Summary() const {
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "entries %zu, names %zu, rejected lines %zu\n"
                "positives %zu, judged same %zu: recall %.4f\n"
                "positives sharing a token %zu: recall %.4f\n"
                "hard negatives %zu (identical folded names %zu), judged same %zu: "
                "precision %.4f\n"
                "random negatives %zu, judged same %zu: precision %.4f\n",
                entries, names, rejected_lines, positives, true_positives, Recall(),
                positives - disjoint_positives, RecallSharing(), hard_negatives,
                identical_negatives, hard_false_positives, PrecisionHard(), random_negatives,
                random_false_positives, PrecisionRandom());
  std::string out = buf;
  for (const auto& [reason, count] : miss_reasons)
    out += "  missed (" + reason + "): " + std::to_string(count) + "\n";
  return out;
}

Result<NameEvalReport> EvaluateOfacAliases(const std::string& dir, const NameEvalOptions& options) {
  NameEvalReport report;
  const std::string sdn_path = dir + "/sdn.csv";
  const std::string alt_path = dir + "/alt.csv";
  const bool person = options.kind == NameKind::kPerson;
  NameOptions nopts;
  nopts.kind = options.kind;

  // ent_num -> entry index, for entries of the requested kind.
  std::unordered_map<std::string, int> entry_of;
  std::vector<Name> names;
  DYAD_RETURN_IF_ERROR(
      ReadCsv(sdn_path, 3, &report, [&](const std::vector<std::string>& f, size_t) {
        const std::string type = Field(f[2]);
        // Entities have an empty type; vessels and aircraft are left out.
        if (person ? type != "individual" : !type.empty()) return;
        const std::string name = Field(f[1]);
        if (name.empty()) return;
        const int id = static_cast<int>(entry_of.size());
        if (!entry_of.emplace(Field(f[0]), id).second) return;
        names.push_back({id, name, {}});
      }));
  DYAD_RETURN_IF_ERROR(
      ReadCsv(alt_path, 4, &report, [&](const std::vector<std::string>& f, size_t) {
        auto it = entry_of.find(Field(f[0]));
        if (it == entry_of.end()) return;
        const std::string alias = Field(f[3]);
        if (!alias.empty()) names.push_back({it->second, alias, {}});
      }));
  report.entries = entry_of.size();
  // Group by entry (stable: primary name first) and drop exact duplicates.
  std::stable_sort(names.begin(), names.end(),
                   [](const Name& a, const Name& b) { return a.entry < b.entry; });
  names.erase(std::unique(names.begin(), names.end(),
                          [](const Name& a, const Name& b) {
                            return a.entry == b.entry && a.raw == b.raw;
                          }),
              names.end());
  for (auto& n : names) n.norm = NormalizeName(n.raw, nopts);
  report.names = names.size();

  auto judge = [&](const Name& a, const Name& b, size_t* same_count,
                   std::vector<std::string>* examples, bool keep_if_same) {
    const NameComparison c = CompareNames(a.norm, b.norm, options.threshold);
    if (c.same) ++*same_count;
    if (c.same == keep_if_same && examples->size() < options.max_examples)
      examples->push_back(Example(a, b, c.score));
  };

  std::map<std::string, size_t> misses;
  // Positives: every pair of spellings of one entry.
  for (size_t i = 0; i < names.size();) {
    size_t j = i;
    while (j < names.size() && names[j].entry == names[i].entry) ++j;
    for (size_t x = i; x < j; ++x)
      for (size_t y = x + 1; y < j; ++y) {
        ++report.positives;
        const NameComparison c = CompareNames(names[x].norm, names[y].norm, options.threshold);
        if (c.same) {
          ++report.true_positives;
          continue;
        }
        if (c.score == 0.0) {
          ++report.disjoint_positives;
        } else if (report.false_negatives.size() < options.max_examples) {
          // Disjoint pairs (different names for one person) teach nothing
          // about spelling; keep the informative misses.
          report.false_negatives.push_back(Example(names[x], names[y], c.score) + " | " +
                                           std::string(c.reason));
        }
        ++misses[c.score == 0.0 ? std::string("no shared token") : std::string(c.reason)];
      }
    i = j;
  }

  report.miss_reasons.assign(misses.begin(), misses.end());

  std::mt19937_64 rng(options.seed);
  // Random negatives. Modulo keeps the sequence identical across standard
  // libraries (uniform_int_distribution is implementation-defined).
  if (names.size() >= 2) {
    size_t tries = 0;
    while (report.random_negatives < options.random_negatives &&
           tries++ < options.random_negatives * 10) {
      const size_t x = rng() % names.size(), y = rng() % names.size();
      if (names[x].entry == names[y].entry) continue;
      ++report.random_negatives;
      judge(names[x], names[y], &report.random_false_positives, &report.false_positives, true);
    }
  }

  // Hard negatives: pairs of names of different entries sharing a token key.
  std::map<std::string, std::vector<uint32_t>> blocks;
  for (uint32_t i = 0; i < names.size(); ++i) {
    const auto& toks = names[i].norm.tokens();
    for (size_t t = 0; t < toks.size(); ++t) {
      if (toks[t].initial) continue;
      bool seen = false;  // a key repeated within one name is one block entry
      for (size_t u = 0; u < t; ++u) seen |= toks[u].key == toks[t].key;
      if (!seen) blocks[toks[t].key].push_back(i);
    }
  }
  std::vector<uint64_t> pairs;
  for (const auto& [key, members] : blocks) {
    if (members.size() > options.max_block_size) continue;
    for (size_t x = 0; x < members.size(); ++x)
      for (size_t y = x + 1; y < members.size(); ++y) {
        const uint32_t a = members[x], b = members[y];
        if (names[a].entry == names[b].entry) continue;
        pairs.push_back((static_cast<uint64_t>(std::min(a, b)) << 32) | std::max(a, b));
      }
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  if (pairs.size() > options.max_hard_negatives) {
    // Partial Fisher-Yates with the same portable modulo draw.
    for (size_t i = 0; i < options.max_hard_negatives; ++i)
      std::swap(pairs[i], pairs[i + rng() % (pairs.size() - i)]);
    pairs.resize(options.max_hard_negatives);
  }
  std::vector<std::string> hard_fp;
  for (uint64_t p : pairs) {
    const Name& a = names[p >> 32];
    const Name& b = names[p & 0xffffffffu];
    ++report.hard_negatives;
    if (a.norm.ToString() == b.norm.ToString()) ++report.identical_negatives;
    judge(a, b, &report.hard_false_positives, &hard_fp, true);
  }
  // Hard false positives are the informative ones: list them first.
  hard_fp.insert(hard_fp.end(), report.false_positives.begin(), report.false_positives.end());
  if (hard_fp.size() > options.max_examples) hard_fp.resize(options.max_examples);
  report.false_positives = std::move(hard_fp);
  return report;
}

double TransliterationEvalReport::RecallAlone() const {
  return pairs ? static_cast<double>(same_alone) / pairs : 0.0;
}
double TransliterationEvalReport::RecallInName() const {
  return pairs ? static_cast<double>(same_in_name) / pairs : 0.0;
}
double TransliterationEvalReport::PrecisionAlone() const {
  const size_t said = same_alone + false_alone;
  return said ? static_cast<double>(same_alone) / said : 0.0;
}
double TransliterationEvalReport::PrecisionInName() const {
  const size_t said = same_in_name + false_in_name;
  return said ? static_cast<double>(same_in_name) / said : 0.0;
}

double TransliterationEvalReport::PrecisionHardAlone() const {
  const size_t said = same_alone + hard_false_alone;
  return said ? static_cast<double>(same_alone) / said : 0.0;
}
double TransliterationEvalReport::PrecisionHardInName() const {
  const size_t said = same_in_name + hard_false_in_name;
  return said ? static_cast<double>(same_in_name) / said : 0.0;
}

std::string TransliterationEvalReport::Summary() const {
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "pairs %zu, rejected lines %zu\n"
                "single token: judged same %zu (recall %.4f), negatives %zu judged same %zu "
                "(precision %.4f)\n"
                "as given name: judged same %zu (recall %.4f), negatives judged same %zu "
                "(precision %.4f)\n"
                "hard negatives %zu: judged same %zu single (precision %.4f), %zu as given "
                "name (precision %.4f)\n",
                pairs, rejected_lines, same_alone, RecallAlone(), negatives, false_alone,
                PrecisionAlone(), same_in_name, RecallInName(), false_in_name, PrecisionInName(),
                hard_negatives, hard_false_alone, PrecisionHardAlone(), hard_false_in_name,
                PrecisionHardInName());
  return buf;
}

Result<TransliterationEvalReport> EvaluateTransliterations(const std::string& path, uint64_t seed,
                                                           size_t max_examples) {
  TransliterationEvalReport report;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(path +
                            ": cannot open; pass a Wikidata transliteration file such "
                            "as wd_russian_20");
  }
  struct Pair {
    std::string latin, script;
    NormalizedName latin_alone, script_alone, latin_named, script_named;
  };
  std::vector<Pair> pairs;
  std::string line;
  size_t line_no = 0;
  // A family name no test token resembles, shared by both sides.
  static constexpr std::string_view kFamily = " Testfamily";
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const size_t t1 = line.find('\t');
    const size_t t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t1 == std::string::npos || t1 == 0) {
      ++report.rejected_lines;
      report.warnings.push_back(path + ":" + std::to_string(line_no) +
                                ": expected latin<TAB>script<TAB>count; line skipped");
      continue;
    }
    Pair p;
    p.latin = line.substr(0, t1);
    for (char c : line.substr(t1 + 1, t2 == std::string::npos ? std::string::npos : t2 - t1 - 1))
      if (c != ' ') p.script.push_back(c);
    p.latin_alone = NormalizeName(p.latin);
    p.script_alone = NormalizeName(p.script);
    if (p.latin_alone.tokens().size() != 1 || p.script_alone.tokens().size() != 1) {
      ++report.rejected_lines;
      report.warnings.push_back(path + ":" + std::to_string(line_no) +
                                ": not one name token on each side; line skipped");
      continue;
    }
    p.latin_named = NormalizeName(p.latin + std::string(kFamily));
    p.script_named = NormalizeName(p.script + std::string(kFamily));
    pairs.push_back(std::move(p));
  }
  if (in.bad()) return Status::IOError(path + ": read failed");
  report.pairs = pairs.size();
  std::mt19937_64 rng(seed);
  for (const Pair& p : pairs) {
    const bool alone = CompareNames(p.latin_alone, p.script_alone).same;
    report.same_alone += alone;
    report.same_in_name += CompareNames(p.latin_named, p.script_named).same;
    if (!alone && report.misses.size() < max_examples)
      report.misses.push_back(p.latin + " | " + p.script + " | " + p.script_alone.ToString());
    const Pair& q = pairs[rng() % pairs.size()];
    if (q.latin_alone.ToString() == p.latin_alone.ToString()) continue;  // same token
    ++report.negatives;
    report.false_alone += CompareNames(p.latin_alone, q.script_alone).same;
    report.false_in_name += CompareNames(p.latin_named, q.script_named).same;
  }
  // Hard negatives: neighbours in the order of the romanized script keys.
  std::vector<size_t> order(pairs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::string> keys(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) keys[i] = pairs[i].script_alone.KeyString();
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return keys[a] != keys[b] ? keys[a] < keys[b] : a < b; });
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    const Pair& p = pairs[order[k]];
    const Pair& q = pairs[order[k + 1]];
    // One script spelling of two English spellings is a positive, not a negative.
    if (p.script == q.script || p.latin_alone.KeyString() == q.latin_alone.KeyString()) continue;
    ++report.hard_negatives;
    const bool same = CompareNames(p.latin_alone, q.script_alone).same;
    report.hard_false_alone += same;
    if (same && report.hard_false.size() < max_examples)
      report.hard_false.push_back(p.latin + " | " + p.script + " | " + q.latin + " | " + q.script);
    report.hard_false_in_name += CompareNames(p.latin_named, q.script_named).same;
  }
  return report;
}

}  // namespace dyad
