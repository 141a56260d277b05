// Small text helpers shared by the dictionary readers (internal to src/dict).
#ifndef DYAD_SRC_DICT_DICT_TEXT_H_
#define DYAD_SRC_DICT_DICT_TEXT_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dictionary.h"

namespace dyad::dict_internal {

std::string_view Trim(std::string_view s);
bool StartsWith(std::string_view s, std::string_view p);
bool EndsWith(std::string_view s, std::string_view p);
bool IsAsciiDigits(std::string_view s);
std::string AsciiUpper(std::string_view s);

// Full Unicode lower case (ICU), with an ASCII fast path.
std::string LowerUtf8(std::string_view s);

// Copies `in` to `out`, replacing invalid UTF-8 sequences by U+FFFD. Returns
// the number of repaired sequences.
size_t RepairUtf8(std::string_view in, std::string* out);

// Splits `bytes` into lines (LF, CRLF or CR); a final line without newline
// counts. Lines do not include the terminator.
std::vector<std::string_view> SplitLines(std::string_view bytes);

struct PhraseSyntax {
  // TABARI: a word without a trailing "_" is a stem; "_" between words means
  // consecutive, a blank means gap. PETRARCH-2: "_" and blanks are both word
  // separators, every word is exact.
  bool tabari = false;
};

// Splits a dictionary phrase ("AL_GORE", "THE UNITED NATIONS_") into lower-case
// words. Empty words are dropped.
Phrase MakePhrase(std::string_view text, const PhraseSyntax& syntax);

// Regular English plural of an upper- or lower-case word as the PETRARCH-2
// readers make it: ...Y -> ...IES, ...S -> ...SES (P2 make_plural_noun adds
// ES), else +S.
std::string PetrarchPlural(std::string_view word);

// Reads a code group "[CODE RESTRICTION]" inside text (without brackets):
// fills `code` with the first token and `restriction` with the rest.
void SplitCodeGroup(std::string_view inside, std::string* code, std::string* restriction);

// Parses a restriction ("<D", ">D", "D1-D2", "" = none; blanks tolerated).
// Returns false (with `error`) when a date cannot be read. `note` gets any
// repair worth a warning (7 or 9+ digit dates, empty ranges).
bool ParseRestriction(std::string_view text, DateRestriction* out, std::string* error,
                      std::string* note);

}  // namespace dyad::dict_internal

namespace dyad::dict_internal {

// Parses the body of a pattern line (between the leading "-" and the code
// bracket) into `out->before` / `out->after`. `tabari`: words without a
// trailing "_" are stems and "_" joins consecutive elements. Returns false with
// `error` when the body has no "*" or unbalanced brackets.
bool ParsePatternBody(std::string_view body, bool tabari, Pattern* out, std::string* error);

// Finds the last "[...]" group in `line`; returns false if none. `inside`
// gets its content, `before` the text before "[" and `after` the text after "]".
bool LastBracket(std::string_view line, std::string_view* before, std::string_view* inside,
                 std::string_view* after);

// Regular verb forms as the PETRARCH-2 reader makes them (lower case):
// third person, past, gerund.
std::vector<std::string> RegularVerbForms(std::string_view base);

}  // namespace dyad::dict_internal
namespace dyad::dict_internal {

// Per-file reader state: the file's SourceRef index, warnings, repaired lines.
class Reader {
 public:
  Reader(std::string_view name, DictionaryBuilder* b, std::vector<DictWarning>* w)
      : name_(name), builder_(b), warnings_(w) {
    file_ = b->AddFile(name);
  }
  void Warn(int line, std::string what) {
    if (warnings_) warnings_->push_back({name_, line, std::move(what)});
  }
  SourceRef At(int line) const { return {file_, static_cast<uint32_t>(line)}; }
  DictionaryBuilder* builder() { return builder_; }

  // Repairs invalid UTF-8 (one warning per line) and returns the lines.
  std::vector<std::string_view> Lines(std::string_view bytes) {
    repaired_.clear();
    std::vector<std::string_view> raw = SplitLines(bytes);
    std::vector<std::string_view> out;
    out.reserve(raw.size());
    // Repair lines in place into owned storage only when needed.
    for (size_t i = 0; i < raw.size(); ++i) {
      std::string fixed;
      size_t n = RepairUtf8(raw[i], &fixed);
      if (n) {
        Warn(static_cast<int>(i + 1),
             std::to_string(n) + " invalid UTF-8 byte(s); replaced by U+FFFD");
        repaired_.push_back(std::make_unique<std::string>(std::move(fixed)));
        out.push_back(*repaired_.back());
      } else {
        out.push_back(raw[i]);
      }
    }
    return out;
  }

 private:
  std::string name_;
  DictionaryBuilder* builder_;
  std::vector<DictWarning>* warnings_;
  uint32_t file_ = 0;
  std::vector<std::unique_ptr<std::string>> repaired_;
};

// Stable-sorts warnings[first..] by line (readers find some problems, such
// as invalid UTF-8, before others).
void SortWarnings(std::vector<DictWarning>* warnings, size_t first);

// Parses a "- ... * ... [CODE]" line into a Pattern of `block` (warns and
// skips on errors). Defined in petrarch_reader.cc; used by both readers.
void ParsePatternLine(Reader* r, int ln, std::string_view s, uint32_t block, bool tabari);

}  // namespace dyad::dict_internal

#endif  // DYAD_SRC_DICT_DICT_TEXT_H_
