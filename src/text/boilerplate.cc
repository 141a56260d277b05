#include "text/boilerplate.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string>

#include "text/normalize.h"

namespace dyad::text {
namespace {

// Lines longer than this are never boilerplate (except a trailing credit):
// real paragraphs are long, boilerplate lines are short.
constexpr size_t kMaxLineBytes = 400;
constexpr size_t kMaxWords = 60;  // the longest any line rule accepts

struct Line {
  size_t begin = 0;  // the line without its line break (and without a final '\r')
  size_t end = 0;
  size_t tb = 0;  // trimmed of spaces and tabs
  size_t te = 0;
};

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    Line l;
    l.begin = pos;
    l.end = nl;
    if (l.end > l.begin && text[l.end - 1] == '\r') --l.end;
    l.tb = l.begin;
    l.te = l.end;
    while (l.tb < l.te && (text[l.tb] == ' ' || text[l.tb] == '\t')) ++l.tb;
    while (l.te > l.tb && (text[l.te - 1] == ' ' || text[l.te - 1] == '\t')) --l.te;
    lines.push_back(l);
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  return lines;
}

// ASCII-lowercased copy with runs of whitespace collapsed to one space.
std::string Simplify(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  }
  return out;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool sp = c == ' ' || c == '\t';
    if (!sp && !in_word) ++words;
    in_word = !sp;
  }
  return words;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

template <size_t N>
bool StartsWithAny(std::string_view s, const std::string_view (&ps)[N]) {
  for (std::string_view p : ps) {
    if (StartsWith(s, p)) return true;
  }
  return false;
}
template <size_t N>
bool EqualsAny(std::string_view s, const std::string_view (&ps)[N]) {
  for (std::string_view p : ps) {
    if (s == p) return true;
  }
  return false;
}

constexpr std::string_view kSharePrefixes[] = {
    "share this", "share on ",  "share via",  "click to share",     "follow us",
    "follow @",   "tweet this", "share:",     "share article",      "share story",
    "email this", "print this", "share with", "like us on facebook"};
constexpr std::string_view kShareWords[] = {
    "facebook",  "twitter", "linkedin", "whatsapp", "email", "e-mail",
    "pinterest", "reddit",  "print",    "share",    "tweet", "telegram",
    "messenger", "copy",    "link",     "mail",     "sms",   "flipboard"};
constexpr std::string_view kRelatedPrefixes[] = {"read more:",
                                                 "read more ",
                                                 "read also",
                                                 "also read",
                                                 "related:",
                                                 "see also",
                                                 "more from ",
                                                 "you may also like",
                                                 "you might also like",
                                                 "recommended for you",
                                                 "more on this story",
                                                 "related coverage",
                                                 "related stories",
                                                 "related articles",
                                                 "related content",
                                                 "related topics",
                                                 "related news",
                                                 "related links",
                                                 "most read",
                                                 "most popular",
                                                 "most viewed",
                                                 "top stories",
                                                 "more stories",
                                                 "further reading",
                                                 "recommended:",
                                                 "recommended stories",
                                                 "recommended articles",
                                                 "recommended reading",
                                                 "related posts"};
constexpr std::string_view kRelatedHeaders[] = {"read more",
                                                "related",
                                                "recommended",
                                                "most read",
                                                "most popular",
                                                "most viewed",
                                                "top stories",
                                                "more stories",
                                                "related stories",
                                                "related articles",
                                                "related coverage",
                                                "related content",
                                                "related topics",
                                                "related news",
                                                "related links",
                                                "see also",
                                                "further reading",
                                                "more on this story",
                                                "you may also like",
                                                "you might also like",
                                                "recommended for you",
                                                "recommended stories",
                                                "recommended articles",
                                                "related posts",
                                                "more from reuters",
                                                "read more:",
                                                "related:",
                                                "recommended:",
                                                "most read:"};
constexpr std::string_view kCommentLines[] = {"comments",
                                              "comment",
                                              "leave a comment",
                                              "add a comment",
                                              "post a comment",
                                              "show comments",
                                              "view comments",
                                              "hide comments",
                                              "join the discussion",
                                              "join the conversation",
                                              "comments are closed",
                                              "comments are closed.",
                                              "comment on this story",
                                              "write a comment",
                                              "leave a reply",
                                              "comments:",
                                              "add comment",
                                              "read comments",
                                              "view all comments",
                                              "see all comments",
                                              "no comments",
                                              "0 comments"};
constexpr std::string_view kPhotoPrefixes[] = {
    "photo:",       "photo by ",    "photos:",         "photograph:",   "picture:",
    "pictured:",    "image:",       "image copyright", "image caption", "media caption",
    "caption:",     "photo credit", "credit:",         "file photo",    "(photo:",
    "(photo by",    "(ap photo",    "reuters/",        "(reuters/",     "afp/",
    "(afp/",        "ap photo/",    "(epa/",           "epa/",          "photo/",
    "getty images", "(getty"};
constexpr std::string_view kPhotoSuffixes[] = {
    "/ afp",          "/afp",          "/ reuters", "/reuters",       "/ ap",        "/ap",
    "/ getty images", "/getty images", "afp photo", "getty images",   "/ epa",       "/epa",
    "/ ap photo",     "/ap photo",     "(afp)",     "(getty images)", "/ afp photo", "/afp photo"};
constexpr std::string_view kNewsletterPrefixes[] = {
    "sign up",        "subscribe to", "subscribe now",    "subscribe for", "get our",
    "get the latest", "newsletter",   "register for our", "receive our",   "want more"};
constexpr std::string_view kFooterPrefixes[] = {
    "\xC2\xA9", "(c) ", "copyright \xC2\xA9", "copyright (c)", "copyright 1", "copyright 2"};
constexpr std::string_view kFooterPhrases[] = {
    "terms of use",  "terms of service", "privacy policy",
    "cookie policy", "cookie settings",  "terms and conditions",
    "contact us",    "about us",         "advertise with us"};
constexpr std::string_view kCreditOpeners[] = {"(reporting by",
                                               "(reporting and writing by",
                                               "(additional reporting",
                                               "(with additional reporting",
                                               "(with reporting",
                                               "(writing by",
                                               "(written by",
                                               "(editing by",
                                               "(compiled by",
                                               "(additional writing",
                                               "(graphics by",
                                               "(graphic by",
                                               "(additonal reporting",
                                               "(additionaly reporting",
                                               "(editing and writing by",
                                               "(reporting by:"};

bool IsShare(std::string_view s, size_t words) {
  if (words <= 12 && StartsWithAny(s, kSharePrefixes)) return true;
  // A row of network names: "Facebook Twitter Email", "Share | Tweet | Email".
  size_t count = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    while (pos < s.size() && (s[pos] == ' ' || s[pos] == '|' || s[pos] == ',' || s[pos] == '/')) {
      ++pos;
    }
    if (pos >= s.size()) break;
    size_t e = pos;
    while (e < s.size() && s[e] != ' ' && s[e] != '|' && s[e] != ',' && s[e] != '/') ++e;
    if (!EqualsAny(s.substr(pos, e - pos), kShareWords)) return false;
    ++count;
    pos = e;
  }
  return count >= 2 || s == "share";
}

bool IsRelated(std::string_view s, size_t words) {
  return words <= 25 && (StartsWithAny(s, kRelatedPrefixes) || EqualsAny(s, kRelatedHeaders));
}

bool IsComments(std::string_view s) {
  if (EqualsAny(s, kCommentLines)) return true;
  // "12 comments", "comments (12)".
  size_t d = 0;
  while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
  if (d > 0 && (s.substr(d) == " comments" || s.substr(d) == " comment")) return true;
  if (StartsWith(s, "comments (") && EndsWith(s, ")")) {
    for (size_t k = 10; k + 1 < s.size(); ++k) {
      if (s[k] < '0' || s[k] > '9') return false;
    }
    return true;
  }
  return false;
}

bool IsPhoto(std::string_view s, size_t words) {
  if (words > 30) return false;
  if (StartsWithAny(s, kPhotoPrefixes)) return true;
  for (std::string_view p : kPhotoSuffixes) {
    if (EndsWith(s, p)) return true;
  }
  if (words <= 15 && Contains(s, "getty images")) return true;
  // "(Reuters/Jane Doe)", "(AP Photo/John Roe)".
  if (StartsWith(s, "(") && EndsWith(s, ")") && Contains(s, "/") && words <= 8 &&
      (StartsWith(s, "(reuters") || StartsWith(s, "(ap") || StartsWith(s, "(afp") ||
       StartsWith(s, "(epa") || StartsWith(s, "(xinhua"))) {
    return true;
  }
  return false;
}

bool IsNewsletter(std::string_view s, size_t words) {
  if (words <= 30 && StartsWithAny(s, kNewsletterPrefixes) &&
      (Contains(s, "newsletter") || Contains(s, "email") || Contains(s, "e-mail") ||
       Contains(s, "inbox") || Contains(s, "updates") || StartsWith(s, "sign up") ||
       StartsWith(s, "subscribe"))) {
    return true;
  }
  return words <= 40 && Contains(s, "newsletter") &&
         (Contains(s, "sign up") || Contains(s, "subscribe") || Contains(s, "inbox") ||
          Contains(s, "email address"));
}

bool IsFooter(std::string_view s, size_t words) {
  if (words <= 40 && StartsWithAny(s, kFooterPrefixes)) return true;
  if (words <= 40 && Contains(s, "all rights reserved")) return true;
  if (words <= 12) {
    for (std::string_view p : kFooterPhrases) {
      if (StartsWith(s, p) || (Contains(s, p) && (Contains(s, "|") || Contains(s, "\xC2\xB7")))) {
        return true;
      }
    }
  }
  return false;
}

bool IsCreditLine(std::string_view s, size_t words) {
  if (words > 60) return false;
  if (StartsWithAny(s, kCreditOpeners) && EndsWith(s, ")")) return true;
  // Without parentheses: "Reporting by X; Editing by Y".
  return StartsWith(s, "reporting by ") && (Contains(s, "editing by") || Contains(s, ";"));
}

bool IsTracking(std::string_view line) {
  if (line.empty() || line.find(' ') != std::string_view::npos) return false;
  if (Contains(line, "utm_")) return true;
  if (Contains(line, "://") || StartsWith(line, "www.")) return false;
  size_t hex = 0, digits = 0, letters = 0, other = 0;
  for (char c : line) {
    const bool d = c >= '0' && c <= '9';
    const bool hx = d || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    const bool l = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    hex += hx;
    digits += d;
    letters += l;
    other += !(d || l || c == '-' || c == '_' || c == '=' || c == '+' || c == '/');
  }
  if (line.size() >= 16 && hex == line.size() && digits > 0) return true;
  return line.size() >= 24 && other == 0 && digits >= 4 && letters >= 4;
}

// Latin and non-Latin letters of a line (punctuation, digits, symbols ignored).
void CountScripts(std::string_view s, size_t* latin, size_t* other) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      *latin += (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
      ++i;
      continue;
    }
    int len;
    const char32_t c = DecodeUtf8(s, i, &len);
    i += len;
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    const bool is_latin = c <= 0x24F || (c >= 0x1E00 && c <= 0x1EFF) ||
                          (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) ||
                          (c >= 0xFF21 && c <= 0xFF5A);
    (is_latin ? *latin : *other) += 1;
  }
}

// A trailing credit on a news line: "... said. (Reporting by Kevin Yao;
// Editing by Nick Edwards)". Returns where the credit parentheticals at the
// end of `raw` start, or npos.
size_t TrailingCredit(std::string_view raw) {
  size_t end = raw.size();
  size_t start = std::string_view::npos;
  while (end > 0 && raw[end - 1] == ')') {
    int depth = 0;
    size_t open = end;
    while (open > 0) {
      --open;
      if (raw[open] == ')') ++depth;
      if (raw[open] == '(' && --depth == 0) break;
    }
    if (depth != 0) break;
    const std::string head = Simplify(raw.substr(open, std::min<size_t>(48, end - open)));
    if (!StartsWithAny(head, kCreditOpeners)) break;
    start = open;
    end = open;
    while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) --end;
  }
  return start;
}

}  // namespace

std::vector<RemovedSpan> FindBoilerplate(std::string_view text) {
  std::vector<RemovedSpan> spans;
  const std::vector<Line> lines = SplitLines(text);
  std::vector<std::string_view> reasons(lines.size());
  std::vector<size_t> credit_at(lines.size(), std::string_view::npos);
  bool in_related_list = false;
  size_t list_items = 0;

  for (size_t k = 0; k < lines.size(); ++k) {
    const Line& l = lines[k];
    if (l.te == l.tb) continue;  // blank lines keep a related list going
    const std::string_view raw = text.substr(l.tb, l.te - l.tb);
    // Every rule needs a short line; news paragraphs skip straight to the credit check.
    const size_t words = raw.size() <= kMaxLineBytes ? CountWords(raw) : kMaxWords + 1;
    const std::string s = words <= kMaxWords ? Simplify(raw) : std::string();
    std::string_view reason;
    if (!s.empty()) {
      if (IsCreditLine(s, words)) {
        reason = kReasonCredit;
      } else if (IsShare(s, words)) {
        reason = kReasonShare;
      } else if (IsRelated(s, words)) {
        reason = kReasonRelated;
      } else if (IsComments(s)) {
        reason = kReasonComments;
      } else if (IsNewsletter(s, words)) {
        reason = kReasonNewsletter;
      } else if (IsFooter(s, words)) {
        reason = kReasonFooter;
      } else if (IsPhoto(s, words)) {
        reason = kReasonPhoto;
      } else if (IsTracking(raw)) {
        reason = kReasonTracking;
      }
    }
    if (reason.empty() && in_related_list && !s.empty() && words <= 15 && list_items < 10) {
      // Items under a "Related stories" header: headlines without a final period.
      const char last = s.back();
      if (last != '.' && last != '!' && last != '"' && last != ':') {
        reason = kReasonRelated;
        ++list_items;
      }
    }
    if (reason == kReasonRelated && (EqualsAny(s, kRelatedHeaders) || EndsWith(s, ":"))) {
      if (!in_related_list) list_items = 0;
      in_related_list = true;
    } else if (reason != kReasonRelated) {
      in_related_list = false;
    }
    reasons[k] = reason;
    if (reason.empty() && raw.back() == ')') {
      const size_t p = TrailingCredit(raw);
      if (p != std::string_view::npos && p > 0) credit_at[k] = l.tb + p;
    }
  }

  // Foreign-script footer: trailing lines mostly in another script after a
  // Latin-script article.
  size_t latin_total = 0, other_total = 0;
  std::vector<std::pair<size_t, size_t>> counts(IsAscii(text) ? 0 : lines.size());
  for (size_t k = 0; k < counts.size(); ++k) {
    CountScripts(text.substr(lines[k].tb, lines[k].te - lines[k].tb), &counts[k].first,
                 &counts[k].second);
    latin_total += counts[k].first;
    other_total += counts[k].second;
  }
  if (other_total > 0 && latin_total > 0) {
    size_t k = lines.size();
    size_t footer_other = 0, footer_latin = 0;
    size_t first_footer = lines.size();
    while (k > 0) {
      --k;
      if (lines[k].te == lines[k].tb || !reasons[k].empty()) continue;
      if (counts[k].second > counts[k].first) {
        footer_other += counts[k].second;
        footer_latin += counts[k].first;
        first_footer = k;
        continue;
      }
      if (counts[k].first > 0) break;  // a Latin line: the article body
    }
    const size_t body_latin = latin_total - footer_latin;
    const size_t body_other = other_total - footer_other;
    // The body is Latin script (>= 80% of its letters) and the footer is small
    // (<= 30% of all letters): otherwise the article is simply multilingual.
    if (first_footer < lines.size() && body_latin * 10 >= (body_latin + body_other) * 8 &&
        (footer_other + footer_latin) * 10 <= (latin_total + other_total) * 3) {
      for (size_t j = first_footer; j < lines.size(); ++j) {
        if (lines[j].te > lines[j].tb && reasons[j].empty() && counts[j].second > counts[j].first) {
          reasons[j] = kReasonForeignFooter;
        }
      }
    }
  }

  for (size_t k = 0; k < lines.size(); ++k) {
    if (!reasons[k].empty()) {
      spans.push_back({static_cast<uint32_t>(lines[k].begin), static_cast<uint32_t>(lines[k].end),
                       std::string(reasons[k])});
    } else if (credit_at[k] != std::string_view::npos) {
      spans.push_back({static_cast<uint32_t>(credit_at[k]), static_cast<uint32_t>(lines[k].te),
                       std::string(kReasonCredit)});
    }
  }
  return spans;
}

}  // namespace dyad::text
