// Transliteration-aware comparison of person and organisation names.
//
// English news spells one person many ways ("Muqtada al-Sadr", "Moqtada
// Sadr"; "Yevgeny Prigozhin", "Evgeniy Prigozhin"). Matching works in two
// steps, so that one name can be compared against many cheaply:
//
//   NormalizedName a = NormalizeName("Muqtada al-Sadr");   // once per name
//   NormalizedName b = NormalizeName("Moqtada Sadr");
//   NameComparison c = CompareNames(a, b);                  // per pair, no allocation-heavy work
//
// NormalizeName folds the text to lowercase ASCII (ICU: any script to Latin,
// NFKD, marks removed, case folded), drops particles and titles ("al-", "bin",
// "von", "Dr"), fuses compounds ("Abd al-Rahman" -> "abdrahman"), and gives
// each remaining token a phonetic key that merges common romanization variants
// (q/gh/k, kh/h, dzh/j/zh, ou/oo/u, e/a, o/u, doubled letters, final -iy/-y).
// CompareNames aligns the tokens order-insensitively (tolerating dropped
// middle names) with a capped Damerau-Levenshtein distance on the keys for
// typos, and applies guards against false merges: a shared given name alone,
// relatives sharing a family name, single-token names, very short names.
// See docs/name-matching.md for the rules and measured precision/recall.
//
// Thread safety: NormalizedName is an immutable value; all functions here are
// safe to call concurrently. Never fails: any bytes give a (possibly empty)
// name; invalid UTF-8 is replaced, not trusted.
#ifndef DYAD_NAME_MATCH_H_
#define DYAD_NAME_MATCH_H_

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/status.h"

namespace dyad {

enum class NameKind : uint8_t {
  kPerson,        // given names + family name; guards for relatives and shared given names
  kOrganization,  // legal-form words (LLC, Ltd, OOO) and stop words are optional
};

struct NameOptions {
  NameKind kind = NameKind::kPerson;
  // "SURNAME, Given Names" (OFAC, library catalogues) is read as
  // "Given Names SURNAME". Suffix parts such as ", Jr." are dropped, never
  // inverted. Only for kPerson.
  bool comma_inverts = true;
};

// One content token of a name.
struct NameToken {
  std::string text;      // folded form: lowercase ASCII letters and digits
  std::string key;       // phonetic key of `text` (see PhoneticKey)
  std::string fine_key;  // the key with e kept apart from a; edit distances use it
  bool common = false;   // a very common name token (Mohammed, Ali, Sergei, Khan): weak evidence
  bool initial = false;  // a single letter ("V." in "V. Putin")
};

// A name prepared for matching. Cheap to copy; immutable once built.
class NormalizedName {
 public:
  NormalizedName() = default;

  NameKind kind() const { return kind_; }
  // Content tokens in reading order, given names first (after comma inversion).
  const std::vector<NameToken>& tokens() const { return tokens_; }
  bool empty() const { return tokens_.empty(); }
  // Tokens' `text` joined by single spaces, e.g. "muqtada sadr".
  std::string ToString() const;
  // Tokens' keys joined by single spaces, e.g. "mukzada sadr".
  std::string KeyString() const;

 private:
  friend NormalizedName NormalizeName(std::string_view raw, const NameOptions& options);
  NameKind kind_ = NameKind::kPerson;
  std::vector<NameToken> tokens_;
};

NormalizedName NormalizeName(std::string_view raw, const NameOptions& options = {});

// Scores at or above this are "same". Tuned on the OFAC alias set for
// precision >= 0.98 against hard negatives (docs/name-matching.md).
inline constexpr double kSameNameThreshold = 0.85;

struct NameComparison {
  double score = 0.0;  // in [0, 1]; 1 = identical folded names
  bool same = false;   // score >= threshold
  // Why the score is what it is: "identical", "aligned", or the guard that
  // capped it ("unmatched token", "single vs multi token", "given name
  // mismatch", "only common tokens shared", "empty").
  std::string_view reason;
};

// Symmetric up to floating-point rounding: Compare(a, b) == Compare(b, a).
NameComparison CompareNames(const NormalizedName& a, const NormalizedName& b,
                            double threshold = kSameNameThreshold);
double NameSimilarity(const NormalizedName& a, const NormalizedName& b);
bool SameName(const NormalizedName& a, const NormalizedName& b,
              double threshold = kSameNameThreshold);
// Convenience for one-off comparisons; normalizes both (persons).
bool SameName(std::string_view a, std::string_view b);

// The building blocks, exposed for tests and for blocking (indexing names by key).
//
// Lowercase ASCII fold of `raw`: any script to Latin, diacritics and
// apostrophes (' ’ ‘ ʿ ʾ ` ·) removed, commas kept as ',', hyphens (and
// dashes) kept as '-' between two letters or digits, other punctuation made
// a space. Whitespace collapsed, trimmed: "AL-ASSAD, Bashar" ->
// "al-assad, bashar".
std::string FoldNameText(std::string_view raw);
// Phonetic key of one folded token (lowercase ASCII). Variants of one
// romanized name share a key: "muhammad", "mohammed", "mohamad" -> "muhamad".
std::string PhoneticKey(std::string_view token);
// Optimal-string-alignment Damerau-Levenshtein distance, or `cap` + 1 when the
// distance exceeds `cap` (computed in O(cap * length)).
int BoundedEditDistance(std::string_view a, std::string_view b, int cap);

// ---------------------------------------------------------------------------
// Pair files: the engine of `dyad names match`.
//
// Reads "NAME1<TAB>NAME2" lines from `in` and writes
// "NAME1<TAB>NAME2<TAB>score<TAB>same|different" to `out` (score with three
// decimals). A line without a TAB is skipped and described in `rejects` as
// "<source>:<line>: no TAB between the two names; line skipped". Empty lines
// and a trailing CR are ignored. Returns the number of lines skipped.
size_t MatchNamePairs(std::istream& in, std::ostream& out, std::string_view source,
                      const NameOptions& options, double threshold,
                      std::vector<std::string>* rejects);

// ---------------------------------------------------------------------------
// Evaluation on the OFAC SDN list (sdn.csv, alt.csv; no header rows).
//
// Positives: an entry's primary name vs each of its aliases, and alias vs
// alias. Negatives: names of different entries, (a) sampled at random with a
// fixed seed and (b) "hard": pairs that share a phonetic token key.
struct NameEvalOptions {
  NameKind kind = NameKind::kPerson;  // kPerson: SDN_Type "individual"; kOrganization: the rest
  uint64_t seed = 20220101;
  size_t random_negatives = 20000;
  size_t max_hard_negatives = 1000000;  // sampled with `seed` when more pairs share a key
  // Skip blocking keys shared by more than this many names (e.g. "muhamad"),
  // so that the hard set is not dominated by one common token.
  size_t max_block_size = 400;
  double threshold = kSameNameThreshold;
  size_t max_examples = 10;  // false positives / negatives kept for inspection
};

struct NameEvalReport {
  size_t entries = 0;         // entries of the evaluated kind
  size_t names = 0;           // primary names + aliases of those entries
  size_t positives = 0;       // positive pairs
  size_t true_positives = 0;  // positives judged same
  size_t hard_negatives = 0;  // hard negative pairs
  size_t hard_false_positives = 0;
  size_t random_negatives = 0;
  size_t random_false_positives = 0;
  size_t identical_negatives = 0;            // hard negatives whose folded names are identical
  size_t disjoint_positives = 0;             // positives sharing no token at all (noms de guerre)
  size_t rejected_lines = 0;                 // malformed CSV lines skipped (each in `warnings`)
  std::vector<std::string> warnings;         // "path:line: what was done"
  std::vector<std::string> false_positives;  // "name1 | name2 | score"
  std::vector<std::string> false_negatives;
  // Missed positives by the reason CompareNames gave ("unmatched token", ...).
  std::vector<std::pair<std::string, size_t>> miss_reasons;

  double Recall() const;
  // Recall over positives that share at least one token.
  double RecallSharing() const;
  double PrecisionHard() const;    // over positives + hard negatives
  double PrecisionRandom() const;  // over positives + random negatives
  std::string Summary() const;     // multi-line human-readable numbers
};

// `dir` holds sdn.csv and alt.csv. NotFound names a missing file; malformed
// lines are skipped and counted.
Result<NameEvalReport> EvaluateOfacAliases(const std::string& dir,
                                           const NameEvalOptions& options = {});

// ---------------------------------------------------------------------------
// Evaluation on Wikidata name transliterations (Merhav & Ash 2018): lines
// "latin<TAB>s p a c e d   s c r i p t<TAB>count" pairing an English spelling
// of a name token with its Russian or Arabic spelling. The script side is
// romanized by FoldNameText (BGN/PCGN for Cyrillic, ICU's generic Any-Latin
// for Arabic) and compared with the English spelling, (a) alone and (b) as a
// given name beside a shared family name ("<token> Testfamily"). Random
// negatives pair each English token with a random other line's script token;
// hard negatives with the script token whose romanized key sorts next to its
// own (similar spellings of other names).
struct TransliterationEvalReport {
  size_t pairs = 0;         // usable lines
  size_t same_alone = 0;    // positives judged same as single-token names
  size_t same_in_name = 0;  // positives judged same as given names
  size_t negatives = 0;
  size_t false_alone = 0;    // negatives judged same, single tokens
  size_t false_in_name = 0;  // negatives judged same, as given names
  size_t hard_negatives = 0;
  size_t hard_false_alone = 0;
  size_t hard_false_in_name = 0;
  size_t rejected_lines = 0;
  std::vector<std::string> warnings;    // "path:line: what was done"
  std::vector<std::string> misses;      // "latin | script | romanized"
  std::vector<std::string> hard_false;  // hard negatives judged same (single tokens)

  double RecallAlone() const;
  double RecallInName() const;
  double PrecisionAlone() const;  // over positives + the same number of negatives
  double PrecisionInName() const;
  double PrecisionHardAlone() const;  // over positives + hard negatives
  double PrecisionHardInName() const;
  std::string Summary() const;
};

Result<TransliterationEvalReport> EvaluateTransliterations(const std::string& path,
                                                           uint64_t seed = 20220101,
                                                           size_t max_examples = 10);

}  // namespace dyad

#endif  // DYAD_NAME_MATCH_H_
