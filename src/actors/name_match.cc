// Name normalization, phonetic keys and the token alignment behind
// CompareNames. The rules and the numbers that chose the constants are in
// docs/name-matching.md.
#include "dyad/name_match.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

namespace dyad {
namespace {

// ---------------------------------------------------------------------------
// Folding to lowercase ASCII.

bool IsApostrophe(UChar32 c) {
  switch (c) {
    case 0x27:    // '
    case 0x60:    // `
    case 0xB4:    // ´
    case 0xB7:    // · (BGN/PCGN separates т·с from ц, э from е)
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0x02B9:  // ʹ (soft sign in some romanizations)
    case 0x02BA:  // ʺ
    case 0x02BB:  // ʻ
    case 0x02BC:  // ʼ
    case 0x02BE:  // ʾ (hamza)
    case 0x02BF:  // ʿ (ayn)
    case 0x02C8:  // ˈ
      return true;
    default:
      return false;
  }
}

// Latin letters that NFKD does not decompose.
const char* LatinExtra(UChar32 c) {
  switch (c) {
    case 0xF8:
      return "o";  // ø
    case 0x142:
      return "l";  // ł
    case 0x111:
      return "d";  // đ
    case 0xE6:
      return "ae";  // æ
    case 0x153:
      return "oe";  // œ
    case 0x131:
      return "i";  // dotless i
    case 0xFE:
      return "th";  // þ
    case 0xF0:
      return "d";  // ð
    case 0x127:
      return "h";  // ħ
    case 0x2BF:
      return "";  // handled as apostrophe; listed for clarity
    default:
      return nullptr;
  }
}

bool NeedsTransliteration(const icu::UnicodeString& u) {
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80 || !u_isalpha(c)) continue;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &err);
    if (U_SUCCESS(err) && script != USCRIPT_LATIN && script != USCRIPT_COMMON &&
        script != USCRIPT_INHERITED)
      return true;
  }
  return false;
}

// Cyrillic gets the BGN/PCGN romanization English news uses ("Prigozhin",
// not ISO 9 "Prigožin"); other scripts ICU's generic Any-Latin.
// Transliterator instances are not documented as thread-safe, so each thread
// keeps its own (creation costs ~1 ms; names in non-Latin scripts are rare).
void Transliterate(icu::UnicodeString* u) {
  thread_local std::unique_ptr<icu::Transliterator> translit;
  thread_local bool failed = false;
  if (!translit && !failed) {
    UErrorCode err = U_ZERO_ERROR;
    translit.reset(
        icu::Transliterator::createInstance("Russian-Latin/BGN; Any-Latin", UTRANS_FORWARD, err));
    if (U_FAILURE(err)) {
      translit.reset();
      err = U_ZERO_ERROR;
      translit.reset(icu::Transliterator::createInstance("Any-Latin", UTRANS_FORWARD, err));
      if (U_FAILURE(err)) translit.reset();
    }
    failed = translit == nullptr;
  }
  if (translit) translit->transliterate(*u);
}

void FoldNonAscii(std::string_view raw, std::string* out) {
  // fromUTF8 replaces invalid sequences with U+FFFD, which folds to a space.
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(raw.data(), static_cast<int32_t>(raw.size())));
  if (NeedsTransliteration(u)) Transliterate(&u);
  u.foldCase();
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(err);
  if (U_SUCCESS(err)) {
    icu::UnicodeString d = nfkd->normalize(u, err);
    if (U_SUCCESS(err)) u = std::move(d);
  }
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) {
      if (c == '\'' || c == '`') continue;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ',' || c == '-') {
        out->push_back(static_cast<char>(c));
      } else if (c >= 'A' && c <= 'Z') {
        out->push_back(static_cast<char>(c - 'A' + 'a'));
      } else {
        out->push_back(' ');
      }
      continue;
    }
    if (IsApostrophe(c)) continue;
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK)
      continue;
    if (const char* repl = LatinExtra(c)) {
      out->append(repl);
    } else if (c == 0xFF0C || c == 0x060C) {  // fullwidth and Arabic commas
      out->push_back(',');
    } else if ((c >= 0x2010 && c <= 0x2013) || c == 0x2212 || c == 0xFE63 || c == 0xFF0D) {
      out->push_back('-');  // hyphens and en dash
    } else {
      // Letters ICU could not romanize and all punctuation separate tokens;
      // keeping foreign letters would make keys that never match anyway.
      out->push_back(' ');
    }
  }
}

// ---------------------------------------------------------------------------
// Word lists. All entries are folded forms.

using WordSet = std::unordered_set<std::string_view>;

const WordSet& Articles() {  // Arabic article, joined to the next word
  static const WordSet k = {"al",  "el", "ul", "ad",  "ed",  "ud", "an", "ar", "as",
                            "ash", "at", "az", "ath", "adh", "ur", "us", "ut"};
  return k;
}
const WordSet& Connectors() {  // patronymic and nobiliary particles
  static const WordSet k = {"bin",   "ibn", "ben", "bint", "binti", "bent", "ould", "bn",
                            "walad", "da",  "de",  "del",  "della", "dei",  "di",   "du",
                            "dos",   "das", "do",  "van",  "von",   "der",  "den",  "la",
                            "le",    "ter", "ten", "y",    "e",     "zu",   "af",   "av"};
  return k;
}
const WordSet& Titles() {
  static const WordSet k = {
      "dr",        "mr",      "mrs",       "ms",           "miss",    "sir",     "prof",
      "sheikh",    "shaikh",  "sheik",     "shaykh",       "haji",    "hajji",   "hajj",
      "hadji",     "alhaji",  "alhaj",     "mullah",       "mulla",   "mawlawi", "maulvi",
      "maulana",   "mawlana", "ayatollah", "hojatoleslam", "imam",    "general", "gen",
      "col",       "colonel", "maj",       "major",        "capt",    "captain", "lt",
      "president", "prince",  "princess",  "king",         "queen",   "daw",     "doctor",
      "engineer",  "eng",     "brigadier", "admiral",      "marshal", "sayyed",  "seyyed",
      "sayyid",    "seyyid",  "seyed",     "syed"};
  return k;
}
const WordSet& Suffixes() {
  static const WordSet k = {"jr", "sr", "ii", "iii", "iv", "junior", "senior"};
  return k;
}
const WordSet& AbdPrefixes() {
  static const WordSet k = {"abd",   "abdul", "abdel",  "abdal", "abdol", "abdu", "abed",
                            "abdur", "abdus", "abdoul", "abdil", "abdou", "abdi"};
  return k;
}
const WordSet& AbuPrefixes() {
  static const WordSet k = {"abu", "abou", "abo", "umm", "um", "oum"};
  return k;
}
const WordSet& DinSuffixes() {
  static const WordSet k = {"din",   "deen",  "dine",   "uddin", "eddin", "eddine",
                            "addin", "aldin", "uddeen", "edin",  "udin",  "iddin"};
  return k;
}
const WordSet& AllahSuffixes() {
  static const WordSet k = {"allah", "ullah", "ollah", "illah", "alla", "ulla", "olla"};
  return k;
}
const WordSet& OrgForms() {
  static const WordSet k = {"ltd",     "llc",  "inc",  "co",   "corp", "corporation", "company",
                            "limited", "ooo",  "zao",  "oao",  "pao",  "ao",          "jsc",
                            "pjsc",    "ojsc", "cjsc", "gmbh", "ag",   "sa",          "sarl",
                            "srl",     "spa",  "bv",   "nv",   "plc",  "fze",         "fzco",
                            "fzc",     "llp",  "lp",   "pte",  "pvt",  "private",     "sdn",
                            "bhd",     "sas",  "sl",   "kft",  "doo",  "ab",          "as",
                            "the",     "of",   "and",  "for",  "de",   "la",          "del",
                            "des",     "du",   "et",   "al",   "el",   "d",           "l"};
  return k;
}

// Words that many organisation names share ("Bank", "International",
// countries): they never identify an organisation on their own.
const WordSet& OrgGenericWords() {
  static const WordSet k = {"bank",
                            "banco",
                            "banque",
                            "company",
                            "compania",
                            "corporation",
                            "corporacion",
                            "comercial",
                            "commercial",
                            "international",
                            "internacional",
                            "trading",
                            "trade",
                            "group",
                            "grupo",
                            "holding",
                            "holdings",
                            "industries",
                            "industrial",
                            "industry",
                            "industria",
                            "enterprise",
                            "enterprises",
                            "empresa",
                            "services",
                            "service",
                            "servicios",
                            "general",
                            "national",
                            "nacional",
                            "central",
                            "republic",
                            "islamic",
                            "investment",
                            "investments",
                            "finance",
                            "financial",
                            "financiera",
                            "shipping",
                            "petroleum",
                            "oil",
                            "gas",
                            "energy",
                            "airlines",
                            "air",
                            "aviation",
                            "import",
                            "export",
                            "importadora",
                            "exportadora",
                            "development",
                            "construction",
                            "engineering",
                            "technology",
                            "technologies",
                            "tech",
                            "global",
                            "foundation",
                            "organization",
                            "organisation",
                            "association",
                            "institute",
                            "center",
                            "centre",
                            "ministry",
                            "office",
                            "agency",
                            "committee",
                            "council",
                            "party",
                            "army",
                            "front",
                            "movement",
                            "brigade",
                            "brigades",
                            "force",
                            "forces",
                            "network",
                            "union",
                            "society",
                            "world",
                            "marine",
                            "maritime",
                            "line",
                            "lines",
                            "logistics",
                            "transport",
                            "commodities",
                            "products",
                            "chemical",
                            "chemicals",
                            "electronics",
                            "equipment",
                            "media",
                            "agricultural",
                            "agriculture",
                            "development",
                            "overseas",
                            "foreign",
                            "new",
                            "first",
                            "iran",
                            "iranian",
                            "cuba",
                            "cubana",
                            "cuban",
                            "syria",
                            "syrian",
                            "russia",
                            "russian",
                            "korea",
                            "korean",
                            "china",
                            "chinese",
                            "iraq",
                            "iraqi",
                            "lebanon",
                            "lebanese",
                            "venezuela",
                            "mexico",
                            "panama",
                            "dubai",
                            "uae",
                            "emirates",
                            "hong",
                            "kong",
                            "africa",
                            "east",
                            "middle",
                            "north",
                            "south",
                            "west",
                            "gulf",
                            "arab",
                            "al",
                            "sa",
                            "fze"};
  return k;
}

// Very common name tokens, as phonetic keys: on their own they are weak
// evidence that two names are one person.
const std::unordered_set<std::string>& CommonKeys() {
  static const std::unordered_set<std::string>* k = [] {
    static const char* const kWords[] = {
        // Arabic / Persian / Urdu given names and name parts
        "muhammad", "ahmad", "ali", "hasan", "hussein", "mahmoud", "mustafa", "ibrahim", "ismail",
        "yusuf", "umar", "usman", "khalid", "said", "salim", "abbas", "hamid", "karim", "reza",
        "mehdi", "hadi", "jafar", "abdullah", "abdulrahman", "abdulaziz", "abdelkarim", "abu",
        "musa", "isa", "yahya", "khan", "shah", "mir", "syed", "sayed", "gul", "nur", "noor",
        "hajji", "amin", "aziz", "rahman", "rahim", "saleh", "mansour", "nasser", "walid", "jamal",
        "kamal", "adel", "faisal", "hamza", "bilal", "tariq", "zaid", "majid", "hafiz",
        // Russian / Ukrainian / Belarusian
        "sergei", "aleksandr", "alexander", "vladimir", "andrei", "dmitri", "nikolai", "igor",
        "ivan", "yuri", "mikhail", "oleg", "pavel", "viktor", "alexei", "yevgeny", "vitali",
        "anatoli", "gennadi", "boris", "denis", "maxim", "roman", "ruslan", "konstantin",
        // Spanish / Western
        "jose", "juan", "luis", "carlos", "maria", "jorge", "manuel", "antonio", "francisco",
        "miguel", "pedro", "john", "david", "michael", "james", "robert", "peter", "paul",
        // Korean / Chinese family names (surname first in OFAC)
        "kim", "li", "ri", "pak", "park", "choe", "choi", "wang", "zhang", "chen", "liu", "yang",
        "huang", "zhao", "wu", "zhou", "lee", "nguyen", "tran", "le"};
    auto* set = new std::unordered_set<std::string>;
    for (const char* w : kWords) set->insert(PhoneticKey(w));
    return set;
  }();
  return *k;
}

// ---------------------------------------------------------------------------
// Phonetic keys.

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
bool IsKeyVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'u'; }

// Strips the connector vowels (and l) between a compound head and its tail,
// keeping at least `keep` characters: "abd|ulaziz" -> "abd|ziz".
std::string StripConnector(std::string_view tail, size_t keep) {
  size_t i = 0;
  while (i < tail.size() && tail.size() - i > keep && (IsKeyVowel(tail[i]) || tail[i] == 'l')) ++i;
  return std::string(tail.substr(i));
}

}  // namespace

std::string FoldNameText(std::string_view raw) {
  std::string folded;
  folded.reserve(raw.size());
  bool ascii = true;
  for (unsigned char c : raw)
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  if (ascii) {
    for (char c : raw) {
      if (c >= 'A' && c <= 'Z')
        folded.push_back(static_cast<char>(c - 'A' + 'a'));
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ',' || c == '-')
        folded.push_back(c);
      else if (c == '\'' || c == '`')
        continue;
      else
        folded.push_back(' ');
    }
  } else {
    FoldNonAscii(raw, &folded);
  }
  // Collapse spaces; no space before a comma; a hyphen only between two
  // letters or digits; trim.
  std::string out;
  out.reserve(folded.size());
  for (size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    if (c == '-') {
      const bool inner = !out.empty() && out.back() != ' ' && out.back() != ',' &&
                         out.back() != '-' && i + 1 < folded.size() && folded[i + 1] != ' ' &&
                         folded[i + 1] != ',' && folded[i + 1] != '-';
      c = inner ? '-' : ' ';
    }
    if (c == '-') {
      out.push_back('-');
    } else if (c == ' ') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (c == ',') {
      if (!out.empty() && out.back() == ' ') out.pop_back();
      out.push_back(',');
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && (out.back() == ' ')) out.pop_back();
  size_t start = 0;
  while (start < out.size() && (out[start] == ' ')) ++start;
  return out.substr(start);
}

// `keep_e`: the fine key, where e stays e (Atef / Atif are closer than
// Bashar / Bashir), used for edit distances; the plain key merges e into a.
static std::string MakeKey(std::string_view token, bool keep_e) {
  std::string s(token);
  // Ta marbuta and Persian final -eh: Haniyah / Haniyeh / Haniya. Short
  // words keep the h (Saleh, Salah, whose h is a consonant).
  if (s.size() >= 6 && s.back() == 'h' && (s[s.size() - 2] == 'a' || s[s.size() - 2] == 'e'))
    s.pop_back();
  const size_t n = s.size();
  std::string out;
  out.reserve(n + 2);
  auto at = [&](size_t i, std::string_view p) {
    return s.size() >= i + p.size() && std::string_view(s).substr(i, p.size()) == p;
  };
  auto vowel_at = [&](size_t i) { return i < n && (IsVowel(s[i]) || s[i] == 'y'); };
  size_t i = 0;
  while (i < n) {
    const char c = s[i];
    // Consonant clusters, longest first.
    if (at(i, "shch")) {
      out += 'S';
      i += 4;
      continue;
    }
    if (at(i, "tsch")) {
      out += 'C';
      i += 4;
      continue;
    }
    if (at(i, "sch") || at(i, "sh")) {
      out += 'S';
      i += at(i, "sch") ? 3 : 2;
      continue;
    }
    if (at(i, "dzh") || at(i, "tch")) {
      out += at(i, "dzh") ? 'j' : 'C';
      i += 3;
      continue;
    }
    if (at(i, "ch")) {
      out += 'C';
      i += 2;
      continue;
    }
    if (at(i, "zh") || at(i, "dj")) {
      out += 'j';
      i += 2;
      continue;
    }
    if (at(i, "kh")) {
      out += 'h';
      i += 2;
      continue;
    }
    if (at(i, "gh")) {
      out += 'k';
      i += 2;
      continue;
    }
    if (at(i, "ph")) {
      out += 'f';
      i += 2;
      continue;
    }
    if (at(i, "th")) {
      out += 't';
      i += 2;
      continue;
    }
    if (at(i, "dh")) {
      out += 'd';
      i += 2;
      continue;
    }
    if (at(i, "ck")) {
      out += 'k';
      i += 2;
      continue;
    }
    if (at(i, "ts") || at(i, "tz")) {
      out += 'z';
      i += 2;
      continue;
    }
    switch (c) {
      case 'q':
        out += 'k';
        ++i;
        continue;
      case 'j':
        // Polish and German -ij (Bodnarskij, Selenskyj) is the -iy of English.
        if (i + 1 == n && i > 0 && (s[i - 1] == 'i' || s[i - 1] == 'y')) {
          ++i;
          continue;
        }
        break;
      case 'c': {
        const char nx = i + 1 < n ? s[i + 1] : 0;
        out += (nx == 'e' || nx == 'i' || nx == 'y') ? 's' : 'k';
        ++i;
        continue;
      }
      case 'x':
        out += "ks";
        ++i;
        continue;
      case 'w':
        // Wladimir / Vladimir, Musawi / Mousavi, Zimowski / Zimovsky; a w
        // closing a syllable is the vowel u (Mahmwd is rare, Dawlat / Daulat).
        out += i == 0 || vowel_at(i + 1) || at(i + 1, "sk") ? 'v' : 'u';
        ++i;
        continue;
      case 'y': {
        const bool next_vowel = i + 1 < n && IsVowel(s[i + 1]);
        const bool prev_vowel = i > 0 && IsVowel(s[i - 1]);
        if (i == 0 && next_vowel) {
          // Yevgeny / Evgeniy: an initial y before e is not written by all.
          if (s[i + 1] != 'e') out += 'y';
        } else if (next_vowel && i > 0 && s[i - 1] == 'i') {
          // Haniyah / Hania: -iya- and -ia- sound alike.
        } else if (next_vowel && prev_vowel) {
          // Volkonskaya / Volkonskaia, Maya / Maia.
          out += 'i';
        } else if (next_vowel) {
          // Soft vowel after a consonant (Alyaksandr / Aliaksandr / Aleksandr).
        } else {
          out += 'i';
        }
        ++i;
        continue;
      }
      default:
        break;
    }
    if (IsVowel(c)) {
      if (at(i, "ou") || at(i, "oo")) {
        // Oualid / Walid: ou before a vowel is the consonant w.
        out += vowel_at(i + 2) && i == 0 ? 'v' : 'u';
        i += 2;
        continue;
      }
      if (at(i, "ee")) {
        out += 'i';
        i += 2;
        continue;
      }
      if (c == 'i' && i > 0 && i + 2 < n && !IsVowel(s[i - 1]) && s[i - 1] != 'y' &&
          IsVowel(s[i + 1]) && s[i + 1] != 'i') {
        // Soft vowels written ia/ya, iu/yu, ie/ye after a consonant
        // (Tiurin / Tyurin, Kliuiev / Klyuyev): the y-rule above drops y.
        ++i;
        continue;
      }
      out += c == 'e' ? (keep_e ? 'e' : 'a') : c == 'a' ? 'a' : (c == 'o' || c == 'u') ? 'u' : 'i';
      ++i;
      continue;
    }
    out += c;
    ++i;
  }
  // Doubled letters carry no information across romanizations.
  std::string key;
  key.reserve(out.size());
  for (char c : out)
    if (key.empty() || key.back() != c) key.push_back(c);
  // Sergey / Sergei: a final -ai from -ey/-ei stays; -ii from -iy is -i (done
  // by the collapse above).
  // Compounds written joined or apart: Abd al-Aziz / Abdulaziz / Abdelaziz.
  if (key.size() > 4 && key.compare(0, 3, "abd") == 0) {
    key = "abd" + StripConnector(std::string_view(key).substr(3), 2);
  }
  // Bashir ud-Din / Bashiruddin / Bashir Uddin.
  if (key.size() > 5 && key.compare(key.size() - 3, 3, "din") == 0) {
    std::string head = key.substr(0, key.size() - 3);
    while (head.size() > 2 && (IsKeyVowel(head.back()) || head.back() == 'l')) head.pop_back();
    key = head + "din";
  }
  // Nasrallah / Nasrullah / Nasr Allah.
  if (key.size() >= 6 && key.compare(key.size() - 3, 3, "ula") == 0) {
    key.replace(key.size() - 3, 3, "ala");
  }
  return key;
}

std::string PhoneticKey(std::string_view token) { return MakeKey(token, false); }

int BoundedEditDistance(std::string_view a, std::string_view b, int cap) {
  const int n = static_cast<int>(a.size());
  const int m = static_cast<int>(b.size());
  if (std::abs(n - m) > cap) return cap + 1;
  if (n == 0) return m;
  if (m == 0) return n;
  // Three rolling rows; cells further than `cap` from the diagonal stay at
  // cap + 1, so the work is O(cap * length).
  const int kBig = cap + 1;
  std::vector<int> prev2(m + 1, kBig), prev(m + 1, kBig), cur(m + 1, kBig);
  for (int j = 0; j <= std::min(m, cap); ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    std::fill(cur.begin(), cur.end(), kBig);
    if (i <= cap) cur[0] = i;
    const int lo = std::max(1, i - cap), hi = std::min(m, i + cap);
    int row_min = cur[0];
    for (int j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1);
      cur[j] = std::min(v, kBig);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], kBig);
}

namespace {

NameToken MakeToken(std::string text) {
  NameToken t;
  t.key = PhoneticKey(text);
  t.fine_key = MakeKey(text, true);
  t.initial = text.size() == 1 && text[0] >= 'a' && text[0] <= 'z';
  t.common = CommonKeys().count(t.key) > 0;
  t.text = std::move(text);
  return t;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsParticle(const std::string& w) {
  return Articles().count(w) || Connectors().count(w) || AbdPrefixes().count(w) ||
         AbuPrefixes().count(w) || DinSuffixes().count(w) || AllahSuffixes().count(w) ||
         Titles().count(w) || Suffixes().count(w);
}

// "al-Sadr", "Bashir-ud-Din": parts around particles are separate words.
// "Song-hun", "Chae-Il" (Korean given names): one word, so that "Kim Song"
// does not look like "Kim Song-hun" with a dropped middle name.
std::vector<std::string> ExpandHyphens(std::vector<std::string> words) {
  std::vector<std::string> out;
  for (auto& w : words) {
    if (w.find('-') == std::string::npos) {
      out.push_back(std::move(w));
      continue;
    }
    std::vector<std::string> parts;
    size_t b = 0;
    while (b <= w.size()) {
      size_t e = w.find('-', b);
      if (e == std::string::npos) e = w.size();
      if (e > b) parts.push_back(w.substr(b, e - b));
      b = e + 1;
    }
    bool particle = false;
    for (const auto& p : parts) particle |= IsParticle(p);
    if (particle) {
      for (auto& p : parts) out.push_back(std::move(p));
    } else {
      std::string joined;
      for (const auto& p : parts) joined += p;
      if (!joined.empty()) out.push_back(std::move(joined));
    }
  }
  return out;
}

// Words of a person's name in given-names-first order.
std::vector<std::string> PersonWords(std::string_view folded, bool comma_inverts) {
  std::vector<std::vector<std::string>> parts;
  size_t start = 0;
  while (start <= folded.size()) {
    size_t comma = folded.find(',', start);
    if (comma == std::string_view::npos) comma = folded.size();
    std::vector<std::string> words =
        ExpandHyphens(SplitSpaces(folded.substr(start, comma - start)));
    // A part made only of suffixes (", Jr.") is dropped, not inverted.
    bool only_suffixes = !words.empty();
    for (const auto& w : words) only_suffixes &= Suffixes().count(w) > 0;
    if (!words.empty() && !only_suffixes) parts.push_back(std::move(words));
    start = comma + 1;
  }
  std::vector<std::string> words;
  if (comma_inverts && parts.size() == 2) {
    words = parts[1];
    words.insert(words.end(), parts[0].begin(), parts[0].end());
  } else {
    for (auto& p : parts) words.insert(words.end(), p.begin(), p.end());
  }
  return words;
}

std::vector<std::string> PersonContent(std::vector<std::string> w) {
  // Titles and suffixes go when something else remains.
  std::vector<std::string> kept;
  for (size_t i = 0; i < w.size(); ++i) {
    // A title right after a particle is a name ("Abd al-Amir").
    const bool after_particle =
        i > 0 && (Articles().count(w[i - 1]) || AbdPrefixes().count(w[i - 1]) ||
                  AbuPrefixes().count(w[i - 1]));
    if ((!Titles().count(w[i]) || after_particle) && !Suffixes().count(w[i])) kept.push_back(w[i]);
  }
  if (kept.empty()) kept = w;
  w = std::move(kept);

  std::vector<std::string> out;
  const size_t n = w.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& x = w[i];
    const bool has_next = i + 1 < n;
    // Abd al-Rahman / Abu Bakr: the head joins the next word (skipping an article).
    if ((AbdPrefixes().count(x) || AbuPrefixes().count(x)) && has_next) {
      size_t j = i + 1;
      if (Articles().count(w[j]) && j + 1 < n) ++j;
      std::string head = AbdPrefixes().count(x)                    ? "abd"
                         : (x == "umm" || x == "um" || x == "oum") ? "umm"
                                                                   : "abu";
      out.push_back(head + w[j]);
      i = j;
      continue;
    }
    // Izz al-Din / Bashir ud-Din / Nasr Allah: the tail joins the previous word.
    if ((DinSuffixes().count(x) || AllahSuffixes().count(x)) && !out.empty()) {
      out.back() += DinSuffixes().count(x) ? "din" : "allah";
      continue;
    }
    if (has_next && Articles().count(x) && w[i + 1].size() >= 3) {
      // An article before a tail (al-Din) is handled with the tail.
      continue;
    }
    if (has_next && i > 0 && Connectors().count(x)) continue;
    if (!has_next && i > 0 && Connectors().count(x) && x.size() <= 2) continue;
    out.push_back(x);
  }
  return out;
}

std::vector<std::string> OrgContent(std::string_view folded) {
  std::string no_commas(folded);
  for (char& c : no_commas)
    if (c == ',' || c == '-') c = ' ';
  std::vector<std::string> w = SplitSpaces(no_commas);
  std::vector<std::string> out;
  for (auto& x : w)
    if (!OrgForms().count(x)) out.push_back(x);
  if (out.empty()) out = std::move(w);
  return out;
}

// ---------------------------------------------------------------------------
// Comparison.

// Tokens whose similarity is at least this count as matched.
constexpr double kTokenMatch = 0.8;
// A given name (first token) must match at least this well: one vowel or
// one confusable consonant in a six-letter name (Osiel / Oziel, Yusuf /
// Yusif). 0.85 instead cost 1.6 points of OFAC recall for 3 fewer false
// positives in 271,808 hard pairs.
constexpr double kGivenNameMatch = 0.83;
// Score of a pair a guard rejects: below any sensible threshold.
constexpr double kGuardCap = 0.6;
// Cost of one edit relative to the key length (sim = 1 - d * cost / len).
constexpr double kEditCost = 1.3;

// Costs of edits between phonetic keys: vowels, h and y, and consonants
// that romanizations confuse (g/k/q, d/t, s/z, b/p, f/v, j/g) cost half.
bool Weak(char c) { return IsKeyVowel(c) || c == 'h' || c == 'y'; }
double SubstitutionCost(char a, char b) {
  if (a == b) return 0.0;
  if ((a == 'e' && (b == 'a' || b == 'i')) || (b == 'e' && (a == 'a' || a == 'i'))) return 0.25;
  if (IsKeyVowel(a) && IsKeyVowel(b)) return 0.5;
  auto pair = [&](char x, char y) { return (a == x && b == y) || (a == y && b == x); };
  if (pair('g', 'k') || pair('d', 't') || pair('s', 'z') || pair('b', 'p') || pair('f', 'v') ||
      pair('j', 'g') || pair('d', 'z') || pair('s', 'S') || pair('C', 'S') || pair('i', 'y') ||
      pair('u', 'v') || pair('k', 'h') || pair('j', 'y') || pair('j', 'S'))
    return 0.5;
  return 1.0;
}

// Weighted optimal-string-alignment distance (the reference is
// BoundedEditDistance with unit costs; keys are short, so full DP is fine).
double WeightedEditDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::array<double, 64> rows[3];
  if (n >= 63 || m >= 63) return static_cast<double>(std::max(n, m));
  auto indel = [](char c) { return Weak(c) ? 0.5 : 1.0; };
  double* prev2 = rows[0].data();
  double* prev = rows[1].data();
  double* cur = rows[2].data();
  prev[0] = 0;
  for (size_t j = 1; j <= m; ++j) prev[j] = prev[j - 1] + indel(b[j - 1]);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = prev[0] + indel(a[i - 1]);
    for (size_t j = 1; j <= m; ++j) {
      double v = std::min({prev[j] + indel(a[i - 1]), cur[j - 1] + indel(b[j - 1]),
                           prev[j - 1] + SubstitutionCost(a[i - 1], b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, prev2[j - 2] + 1.0);
      cur[j] = v;
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

double TokenSimilarity(const NameToken& x, const NameToken& y) {
  if (x.text == y.text) return 1.0;
  if (x.initial || y.initial) {
    // "V." vs "Vladimir": weak, never enough on its own (see the guards).
    return x.text[0] == y.text[0] && x.initial != y.initial ? kTokenMatch : 0.0;
  }
  // Keys of one or two letters ("pk" from PKK and PCC) say too little.
  if (std::min(x.key.size(), y.key.size()) < 3) return 0.0;
  if (x.key == y.key) return 0.95;
  // Short keys must agree: one vowel is the whole difference between Korean
  // given-name syllables (Mun / Min) and between Han / Hani.
  if (std::min(x.key.size(), y.key.size()) < 4) return 0.0;
  if (BoundedEditDistance(x.key, y.key, 4) > 4) return 0.0;
  double d = WeightedEditDistance(x.fine_key, y.fine_key);
  // Romanizations rarely disagree on the first sound (Wang / Hwang) unless
  // the letters are confusable (Qaddafi / Gaddafi, Osama / Usama).
  if (SubstitutionCost(x.fine_key[0], y.fine_key[0]) >= 1.0) d += 0.5;
  const double len = static_cast<double>(std::max<size_t>(std::max(x.key.size(), y.key.size()), 6));
  return std::max(0.0, 0.95 - d * kEditCost / len);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

// East Slavic patronymics and Turkic "son of / daughter of" words.
bool IsPatronymic(std::string_view t) {
  return EndsWith(t, "vich") || EndsWith(t, "vych") || EndsWith(t, "vitch") || EndsWith(t, "vna") ||
         EndsWith(t, "ichna") || t == "ogly" || t == "oglu" || t == "kyzy" || t == "qizi" ||
         t == "uulu";
}

struct Candidate {
  double sim;
  int s_first, s_count;  // tokens of the shorter name consumed
  int l_first, l_count;  // tokens of the longer name consumed
};

// Similarity of a token formed by joining two adjacent tokens with one token
// ("Mohammad Kazem" vs "MohammadKazem", "Abdul Rahman" written apart by one side).
double JoinedSimilarity(const NameToken& a1, const NameToken& a2, const NameToken& b) {
  // Parts of two letters ("Oo", "Ri") join too easily into something else.
  if (a1.text.size() < 3 || a2.text.size() < 3 || b.key.size() < 6) return 0.0;
  if (b.text.size() + 2 < a1.text.size() + a2.text.size() ||
      b.text.size() > a1.text.size() + a2.text.size() + 2)
    return 0.0;
  NameToken joined;
  joined.text = a1.text + a2.text;
  joined.key = PhoneticKey(joined.text);
  joined.fine_key = MakeKey(joined.text, true);
  return TokenSimilarity(joined, b) >= 0.95 ? 0.95 : 0.0;
}

}  // namespace

std::string NormalizedName::ToString() const {
  std::string s;
  for (const auto& t : tokens_) {
    if (!s.empty()) s.push_back(' ');
    s += t.text;
  }
  return s;
}

std::string NormalizedName::KeyString() const {
  std::string s;
  for (const auto& t : tokens_) {
    if (!s.empty()) s.push_back(' ');
    s += t.key;
  }
  return s;
}

NormalizedName NormalizeName(std::string_view raw, const NameOptions& options) {
  NormalizedName name;
  name.kind_ = options.kind;
  const std::string folded = FoldNameText(raw);
  std::vector<std::string> words = options.kind == NameKind::kPerson
                                       ? PersonContent(PersonWords(folded, options.comma_inverts))
                                       : OrgContent(folded);
  name.tokens_.reserve(words.size());
  for (auto& w : words) {
    NameToken t = MakeToken(std::move(w));
    // Organisation names: generic words weigh like common given names.
    if (options.kind == NameKind::kOrganization) t.common |= OrgGenericWords().count(t.text) > 0;
    name.tokens_.push_back(std::move(t));
  }
  return name;
}

NameComparison CompareNames(const NormalizedName& a, const NormalizedName& b, double threshold) {
  NameComparison r;
  if (a.empty() || b.empty()) {
    r.reason = "empty";
    return r;
  }
  // The shorter name drives the alignment; between equal lengths the
  // lexicographically smaller one, so that the result is symmetric.
  bool a_shorter = a.tokens().size() < b.tokens().size();
  if (a.tokens().size() == b.tokens().size()) {
    a_shorter = std::lexicographical_compare(
        a.tokens().begin(), a.tokens().end(), b.tokens().begin(), b.tokens().end(),
        [](const NameToken& x, const NameToken& y) { return x.text < y.text; });
  }
  const auto& S = a_shorter ? a.tokens() : b.tokens();
  const auto& L = a_shorter ? b.tokens() : a.tokens();
  const int ns = static_cast<int>(S.size()), nl = static_cast<int>(L.size());

  bool identical = ns == nl;
  for (int i = 0; identical && i < ns; ++i) identical = S[i].text == L[i].text;
  if (identical) {
    r.score = 1.0;
    r.same = r.score >= threshold;
    r.reason = "identical";
    return r;
  }

  // All candidate token matches, best first; greedy one-to-one assignment.
  // Per-thread scratch: comparing is the hot loop of one-against-many
  // matching, and these buffers would otherwise be allocated per pair.
  thread_local std::vector<Candidate> cands;
  thread_local std::vector<double> s_sim;
  thread_local std::vector<int> s_to_l;
  thread_local std::vector<char> l_used;
  cands.clear();
  for (int i = 0; i < ns; ++i)
    for (int j = 0; j < nl; ++j) {
      const double sim = TokenSimilarity(S[i], L[j]);
      if (sim >= kTokenMatch) cands.push_back({sim, i, 1, j, 1});
    }
  for (int i = 0; i < ns; ++i)
    for (int j = 0; j + 1 < nl; ++j) {
      const double sim = JoinedSimilarity(L[j], L[j + 1], S[i]);
      if (sim > 0) cands.push_back({sim, i, 1, j, 2});
    }
  for (int i = 0; i + 1 < ns; ++i)
    for (int j = 0; j < nl; ++j) {
      const double sim = JoinedSimilarity(S[i], S[i + 1], L[j]);
      if (sim > 0) cands.push_back({sim, i, 2, j, 1});
    }
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& x, const Candidate& y) {
    if (x.sim != y.sim) return x.sim > y.sim;
    // Ties: prefer matches at the same position (keeps given with given).
    return std::abs(x.s_first - x.l_first) < std::abs(y.s_first - y.l_first);
  });
  s_sim.assign(ns, 0.0);
  s_to_l.assign(ns, -1);
  l_used.assign(nl, 0);
  for (const Candidate& c : cands) {
    bool free = true;
    for (int k = 0; k < c.s_count; ++k) free &= s_to_l[c.s_first + k] < 0;
    for (int k = 0; k < c.l_count; ++k) free &= !l_used[c.l_first + k];
    if (!free) continue;
    for (int k = 0; k < c.s_count; ++k) {
      s_to_l[c.s_first + k] = c.l_first;
      s_sim[c.s_first + k] = c.sim;
    }
    for (int k = 0; k < c.l_count; ++k) l_used[c.l_first + k] = true;
  }

  // Coverage of the shorter name, weighting weak tokens less.
  double num = 0, den = 0;
  int unmatched_s = 0, strong_s = 0, initials_s = 0;
  for (int i = 0; i < ns; ++i) {
    const double w = S[i].initial ? 0.3 : S[i].common ? 0.5 : 1.0;
    num += w * s_sim[i];
    den += w;
    if (s_to_l[i] < 0)
      ++unmatched_s;
    else if (!S[i].common && !S[i].initial)
      ++strong_s;
    if (S[i].initial) ++initials_s;
  }
  int extra_l = 0;
  for (int j = 0; j < nl; ++j) extra_l += l_used[j] ? 0 : 1;
  // A reordered name ("Kim Jong Un" / "Jong Un Kim") is accepted only when
  // every token agrees on its key, and, for two tokens, none is common
  // ("Wali Mohammed" and "Mohammed Wali" are two people).
  bool reorder_ok = true, any_common = false;
  for (int i = 0; i < ns; ++i) {
    reorder_ok &= s_sim[i] >= 0.95;
    any_common |= S[i].common;
  }
  if (ns < 3 && any_common) reorder_ok = false;
  // Extra tokens that are only patronymics (Viktorovich) are not evidence of
  // a different person: Western news drops them.
  bool extra_patronymics = true;
  for (int j = 0; j < nl; ++j)
    if (!l_used[j]) extra_patronymics &= IsPatronymic(L[j].text);
  double score = num / den;
  // Dropped middle names cost a little each.
  score *= 1.0 - 0.03 * std::min(extra_l, 3);

  std::string_view reason = "aligned";
  const bool person = a.kind() == NameKind::kPerson && b.kind() == NameKind::kPerson;
  int strong_unmatched_l = 0;
  for (int j = 0; j < nl; ++j) strong_unmatched_l += !l_used[j] && !L[j].common ? 1 : 0;
  if (!person) {
    // Organisations: every distinctive word on both sides must be matched;
    // generic words ("Bank", "Trading", "Iran") may be missing.
    bool strong_unmatched_s = false;
    for (int i = 0; i < ns; ++i) strong_unmatched_s |= s_to_l[i] < 0 && !S[i].common;
    if (strong_unmatched_s || strong_unmatched_l > 0)
      reason = "unmatched token";
    else if (strong_s == 0)
      reason = "only common tokens shared";
  } else if (unmatched_s > 0) {
    reason = "unmatched token";
  } else if (ns == 1 && nl >= 2) {
    reason = "single vs multi token";
  } else if (ns == 1 && nl == 1 && s_sim[0] < 0.95) {
    reason = "single token not equal";
  } else if (ns >= 2 && person) {
    // The given name must stay the given name: "Hafez al-Assad" is not
    // "Bashar Hafez al-Assad" (his son), "Wali Mohammed" not "Mohammed Wali".
    // (Letting "Ammar Saati" match "Mohammed Ammar Saati" by skipping a
    // leading Muhammad gained 0.3 points of recall on OFAC and cost 0.3 of
    // precision: it also merges Muammar Qadhafi with his son Mohammed.)
    if (s_to_l[0] == 0) {
      if (s_sim[0] < kGivenNameMatch && !S[0].initial) reason = "given name mismatch";
    } else if (nl > ns || !reorder_ok) {
      reason = "given name mismatch";
    }
    // A longer name may add middle names, not a family name: "Fuad Mohammed"
    // is not "Fuad Mohammed Khalif".
    if (reason == "aligned" && nl > ns && !l_used[nl - 1]) reason = "family name mismatch";
    // "Mohammed Kani" vs "Mohammad Nadeem Ghani": a common given name plus a
    // shared family name is how relatives look.
    if (reason == "aligned" && nl > ns && S[0].common && !extra_patronymics)
      reason = "common given name";
  }
  if (reason == "aligned" && ns >= 2 && strong_s == 0) {
    // Names made only of common tokens ("Mohammed Ali", "Kim Song") are
    // weak evidence: same length, every token with the same key.
    bool exact = nl == ns;
    for (int i = 0; i < ns; ++i) exact &= s_sim[i] >= 0.95;
    if (!exact) reason = "only common tokens shared";
  }
  if (reason != "aligned") score = std::min(score, kGuardCap);
  r.score = std::clamp(score, 0.0, 1.0);
  r.same = r.score >= threshold;
  r.reason = reason;
  return r;
}

double NameSimilarity(const NormalizedName& a, const NormalizedName& b) {
  return CompareNames(a, b).score;
}

bool SameName(const NormalizedName& a, const NormalizedName& b, double threshold) {
  return CompareNames(a, b, threshold).same;
}

bool SameName(std::string_view a, std::string_view b) {
  return CompareNames(NormalizeName(a), NormalizeName(b)).same;
}

}  // namespace dyad
