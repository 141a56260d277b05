// The CAMEO event codebook as a static table: every event code (20 roots,
// their 2-/3-digit codes and the 4-digit refinements) with a short name, the
// Goldstein weight and the QuadClass.
//
// Codes are strings with their leading zeros kept ("01", "010", "0211"). The
// table is compiled into the binary, immutable, and safe to read from any
// thread. Lookups are O(log n) over ~300 entries.
#ifndef DYAD_CODEBOOK_H_
#define DYAD_CODEBOOK_H_

#include <span>
#include <string_view>

namespace dyad {

// The four-way split of CAMEO roots. Conventions disagree on where 09 and 14
// go; the table uses GDELT's, which is what GDELT event data carries.
enum class QuadClass : int {
  kVerbalCooperation = 1,
  kMaterialCooperation = 2,
  kVerbalConflict = 3,
  kMaterialConflict = 4,
};

enum class QuadClassConvention {
  kGdelt,  // 1 = 01-05, 2 = 06-09, 3 = 10-14, 4 = 15-20 (GDELT 1.0/2.0 data)
  kIcews,  // 1 = 01-05, 2 = 06-08, 3 = 09-13, 4 = 14-20 (ICEWS-style tables)
};

struct CameoEventCode {
  std::string_view code;  // "01", "010", "0211", "1384", ...
  std::string_view name;  // standard code name ("Make a visit")
  double goldstein;       // -10 .. +10
  QuadClass quad_class;   // GDELT convention

  // The two-digit root ("0211" -> "02", "195" -> "19").
  std::string_view root() const { return code.substr(0, 2); }
  // 2 for roots ("14"), 3 for "140", 4 for "1411".
  int level() const { return static_cast<int>(code.size()); }
};

// All codes in code order (string order, which is also numeric order here).
std::span<const CameoEventCode> CameoEventCodes();

// nullptr when `code` is not a CAMEO event code. Leading zeros matter: "10"
// is DEMAND, "010" is "Make statement".
const CameoEventCode* FindCameoEventCode(std::string_view code);

// The root of any syntactically plausible code ("0211" -> "02"); empty when
// `code` is shorter than two characters or not all digits.
std::string_view CameoRootCode(std::string_view code);

// QuadClass (1..4) of a root "01".."20"; 0 when the root is outside that range.
int QuadClassOfRoot(std::string_view root,
                    QuadClassConvention convention = QuadClassConvention::kGdelt);

// The parent in the hierarchy ("0211" -> "021", "021" -> "02", "02" -> "").
std::string_view CameoParentCode(std::string_view code);

}  // namespace dyad

#endif  // DYAD_CODEBOOK_H_
