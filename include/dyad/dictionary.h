// Coding dictionaries: the one internal representation that the TABARI,
// PETRARCH-2/Phoenix and dyad dictionary formats all compile into.
//
// Life cycle (re2 RE2::Set style): readers add entries to a DictionaryBuilder
// (not thread-safe, single owner), then Compile() freezes everything into an
// immutable Dictionary held by std::shared_ptr<const Dictionary>. A compiled
// Dictionary is never modified again; every const method may be called from
// any number of threads at once without locks.
//
// Words. Dictionary words are stored in lower case (ASCII and Unicode, so
// "СССР" is stored as "ссср"), without the format's "_" connectors. A word is
// matched against Token::lower (and, when MatchOptions::use_lemma, also
// Token::lemma):
//   * exact word (PETRARCH-2 always; TABARI when written with a trailing "_"):
//     equal strings;
//   * stem (TABARI words written without a trailing "_"): the token starts with
//     the word ("argentin" matches "argentina", "argentine").
// Phrases are matched as consecutive tokens. PhraseWord::gap_before records
// TABARI's blank connector ("other words may come between") for the event
// coder's pattern matcher; the phrase matcher of this header ignores it and
// requires consecutive tokens (documented simplification).
//
// Provenance. Every entry keeps a SourceRef (file index + 1-based line) so an
// event can name the dictionary line that produced it.
#ifndef DYAD_DICTIONARY_H_
#define DYAD_DICTIONARY_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/date.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

// A problem in a dictionary file that the reader survived.
struct DictWarning {
  std::string file;
  int line = 0;      // 1-based; 0 when the problem concerns the whole file
  std::string what;  // what is wrong, then what was done: "...; line skipped"
  // "file:line: what" (or "file: what" when line is 0).
  std::string ToString() const;
};

// Where an entry came from: Dictionary::file(file) names the path.
struct SourceRef {
  uint32_t file = 0;
  uint32_t line = 0;  // 1-based
};

// ---------------------------------------------------------------------------
// Phrases

struct PhraseWord {
  std::string text;         // lower case, no "_" connectors; never empty
  bool stem = false;        // true: matches any token starting with `text`
  bool gap_before = false;  // TABARI blank connector: other words may precede
                            // this one (ignored by the phrase matcher)
  // A one-word phrase written in capitals in dyad's own format ("WHO",
  // "NATO"): an acronym, matched only by a token that starts with a capital
  // letter, so the pronoun "who" is not the World Health Organization.
  bool cased = false;
};

struct Phrase {
  std::vector<PhraseWord> words;  // never empty in a compiled Dictionary
  // "word word_ ..." (stems without "_", exact words with a trailing "_" when
  // the phrase mixes both; plain words otherwise). For messages and tests.
  std::string ToString() const;
};

// ---------------------------------------------------------------------------
// Actors

// How date-restricted codes are chosen for an article date.
enum class DateRestrictionMode {
  // TABARI manual 6.5.2: "<D" is on or before D, ">D" on or after D, "D1-D2"
  // between the two dates inclusive; restricted codes are tried first, in
  // order; the unrestricted code is the default used only when no restriction
  // holds; with no default, the null code (empty result).
  kTabari,
  // PETRARCH-2 (PETRtree.NounPhrase.check_date): the list is scanned in stored
  // order and the first satisfied entry wins, an unrestricted entry as soon as
  // it is reached; "<D" is strictly before D, ">D" on or after D, "D1-D2" is
  // D1 <= date < D2.
  kPetrarch2,
};

struct DateRestriction {
  enum class Kind : uint8_t { kNone, kBefore, kAfter, kBetween };
  Kind kind = Kind::kNone;
  Date first;  // kAfter and kBetween: the lower bound (day precision)
  Date last;   // kBefore and kBetween: the upper bound (day precision)
  // Whether `date` (day, month or year precision; known) satisfies this
  // restriction under `mode`. Month/year dates compare by their first day.
  bool Holds(const Date& date, DateRestrictionMode mode) const;
  std::string ToString() const;  // "", "<2001-01-01", ">...", "...-..."
};

struct ActorCode {
  std::string code;  // as written: "IRNGOV", "USA", "---" (null), "GME/GMW" (compound)
  DateRestriction when;
  SourceRef where;
};

// One actor record: a primary phrase, its synonyms, and the codes they share.
// A phrase that appears in several records collects the codes of all of them,
// in file order (PETRARCH-2 behaviour); ResolveActorCode scans that list.
struct ActorEntry {
  Phrase primary;
  std::vector<Phrase> synonyms;  // "+" lines (PETRARCH) linked to `primary`
  std::vector<ActorCode> codes;  // may be empty (the file gave none: warned)
  SourceRef where;               // the primary line
};

// ---------------------------------------------------------------------------
// Agents

// How an agent code composes with an actor code (TABARI manual 5.4).
enum class AgentPlacement : uint8_t {
  kAfterActor,   // "[~GOV]": USA + GOV -> USAGOV
  kBeforeActor,  // "[NGO~]": NGO + USA -> NGOUSA (organisations)
};

struct AgentEntry {
  Phrase phrase;
  std::string code;  // without "~": "GOV", "GOVMED"
  AgentPlacement placement = AgentPlacement::kAfterActor;
  bool generated = false;  // true for plural forms and substitution-set expansions
  SourceRef where;
};

// "!PERSON! = MAN, MEN, WOMAN" in PETRARCH-2 agent files; expanded at load,
// kept for lint and for writers.
struct SubstitutionSet {
  std::string name;                  // without the "!": "PERSON"
  std::vector<std::string> members;  // upper case as written
  SourceRef where;
};

// Composes an actor code with an agent code. TABARI: an agent code already
// present on a 3-character boundary of the actor code is not added again;
// PETRARCH-2 (mix_codes): not added when already a substring. Both are served
// by the 3-character rule here.
std::string ComposeAgentCode(std::string_view actor_code, const AgentEntry& agent);

// ---------------------------------------------------------------------------
// Event codes as written in verb and pattern lines.

struct EventCodeSpec {
  enum class Kind : uint8_t {
    kEvent,    // "[042]", "[0214]", "[042:043]", "[:173]"
    kNull,     // "[---]": matched, but no event
    kDiscard,  // "[###]": discard the sentence (TABARI)
    kComplex,  // "[+++]": too complex to code (TABARI)
  };
  Kind kind = Kind::kNull;
  std::string first;   // the event code, "" when the pattern gives only a second code
  std::string second;  // paired "[a:b]": b is a second event with source and target swapped
  char flag = 0;       // TABARI suffix: '!' dominant, '?' subordinate, 0 none
  std::string ToString() const;  // "[042:043]", "[---]", ...
  // True for kNull/kDiscard/kComplex, and for kEvent when every code given
  // is 2-4 digits (CAMEO). TABARI allows any letters and digits ("[075A]" in
  // its demo dictionaries): such codes parse but are not CAMEO.
  bool IsCameo() const;
  // Parses the inside of the brackets (blanks ignored): "---", "###", "+++",
  // "a", "a:b", ":b", each code 1-8 letters or digits, optional '!'/'?'
  // suffix. False when it is none of these.
  static bool Parse(std::string_view inside, EventCodeSpec* out);
};

// ---------------------------------------------------------------------------
// Verbs

// One surface form of a verb: "accused", or a multi-word form ("beef up",
// "cordon off", "wire tap") where `verb_word` is the index of the verb word.
struct VerbForm {
  Phrase words;
  uint32_t verb_word = 0;
};

struct VerbEntry {
  uint32_t block = 0;           // index into Dictionary::verb_blocks()
  std::string base;             // the verb line's first word(s), lower case: "ask", "beef up"
  std::vector<VerbForm> forms;  // the base form first, then given or generated forms
  EventCodeSpec code;           // own code, or the block's when the line has none
  bool own_code = false;
  bool explicit_forms = false;  // "{...}" given (PETRARCH-2) or a "{...}" line (TABARI)
  SourceRef where;
};

enum class PatternElementKind : uint8_t {
  kWord,          // a literal word (exact or stem)
  kSynset,        // "&NAME": any phrase of the synset; `text` = "&NAME" upper case
  kSource,        // "$": the source actor goes here
  kTarget,        // "+": the target actor goes here
  kCompound,      // "%": a compound actor that is both source and target
  kSkip,          // "^": skip one actor without assigning it
  kNounPhrase,    // P2 "{W1 W2 HEAD}": `children` are the words, head last
  kPrepPhrase,    // P2 "(PREP NOUN...)": children[0] is the preposition
  kAlternatives,  // TABARI "{ a | b }": each child is a kSequence
  kSequence,      // a list of elements (only inside kAlternatives)
};

struct PatternElement {
  PatternElementKind kind = PatternElementKind::kWord;
  PhraseWord word;  // kWord: the word; kSynset: word.text = "&name"
  std::vector<PatternElement> children;
  // TABARI: the element must come right after the previous one ("_" connector,
  // or "~" "stem immediately followed by"). Always false for PETRARCH-2.
  bool consecutive = false;
};

// A verb pattern: "- BEFORE * AFTER [CODE]".
struct Pattern {
  uint32_t block = 0;
  std::vector<PatternElement> before;    // in sentence order, before the verb
  std::vector<PatternElement> after;     // in sentence order, after the verb
  bool verb_consecutive_before = false;  // TABARI "X_*": verb right after `before`
  bool verb_consecutive_after = false;   // TABARI "*_X": `after` right after the verb
  EventCodeSpec code;
  // TABARI 5.7.1: patterns are tried longest first; this is the number of
  // alphanumeric characters in the pattern's words.
  uint32_t specificity = 0;
  SourceRef where;
};

// A block of verbs sharing patterns. PETRARCH-2 "--- NAME [CODE] ---"; TABARI
// gives every verb line its own block.
struct VerbBlock {
  std::string name;                // as written: "ASK"
  EventCodeSpec code;              // the block code: "[---]" means an isolated verb is no event
  std::vector<uint32_t> verbs;     // indices into Dictionary::verbs()
  std::vector<uint32_t> patterns;  // indices into Dictionary::patterns()
  SourceRef where;
};

struct Synset {
  std::string name;             // "&CURRENCY", upper case as written
  std::vector<Phrase> phrases;  // members and their generated plurals
  SourceRef where;
};

// "~ a (a b ATTACK) SAY = a b 015" (PETRARCH-2 transformations).
struct Transformation {
  std::string outer_source;  // "a"
  std::string inner_source;  // "a", "b", "." (unspecified), "_" (absent)
  std::string inner_target;
  std::string inner_verb;  // upper case as written; "Q" = any verb; "_" joins several
  std::string outer_verb;
  std::string out_source, out_target, out_code;  // right-hand side
  SourceRef where;
};

// TABARI <TIME> entries: "LAST_WEEK [-7]" shifts the event date.
struct TimeShift {
  Phrase phrase;
  int days = 0;
  EventCodeSpec special;  // kNull/kDiscard/kComplex for "[---]"/"[###]"/"[+++]"; else kEvent unused
  bool is_shift = true;
  SourceRef where;
};

// ---------------------------------------------------------------------------
// Discards and issues

enum class DiscardScope : uint8_t { kSentence, kStory };

struct Discard {
  Phrase phrase;
  DiscardScope scope = DiscardScope::kSentence;
  SourceRef where;
};

struct IssueEntry {
  enum class Kind : uint8_t {
    kCode,            // "phrase [CODE]": the sentence has issue CODE
    kIgnoreSentence,  // "~phrase": no issues for this sentence
    kIgnoreStory,     // "~~phrase": no issues for this story
  };
  Kind kind = Kind::kCode;
  std::string code;             // "EARLY_CHILDHOOD_EDUCATION"; "" for ignores
  std::string category;         // from <ISSUE CATEGORY="...">, "" outside one
  std::vector<Phrase> phrases;  // all expansions (n:, v:, + variants)
  SourceRef where;
};

// A setting from a TABARI .options or .project file, or a PETR_config.ini key.
struct DictOption {
  std::string key;    // "COMPLEX", "SET", "LABEL", "actorsfile", ...
  std::string value;  // the rest of the line, trimmed
  SourceRef where;
};

// ---------------------------------------------------------------------------
// The phrase matcher

enum class PhraseKind : uint8_t { kActor, kAgent, kSynset, kDiscard, kIssue, kTime };
inline constexpr int kNumPhraseKinds = 6;

// One match of a dictionary phrase: tokens [begin, end). `entries` are indices
// into the kind's entry vector (actors(), agents(), synsets(), discards(),
// issues(), time_shifts()), in file order, of every entry having a phrase that
// matches exactly these tokens. The span points into the Dictionary and lives
// as long as it does.
struct PhraseMatch {
  uint32_t begin = 0;
  uint32_t end = 0;
  std::span<const uint32_t> entries;
};

struct MatchOptions {
  bool use_lemma = true;  // exact words also match Token::lemma
  // true: only the longest match at each start position (ties: the one with
  // exact words preferred over stems); false: every match at each position.
  bool longest_only = true;
};

// One verb form matching a token.
struct VerbHit {
  uint32_t verb = 0;  // index into Dictionary::verbs()
  uint32_t form = 0;  // index into VerbEntry::forms
};

class DictionaryBuilder;

// An immutable compiled dictionary. Thread-safe for all const use.
class Dictionary {
 public:
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;
  ~Dictionary();

  const std::vector<std::string>& files() const { return files_; }
  const std::string& file(uint32_t i) const { return files_[i]; }
  // "path:line" for messages.
  std::string Where(const SourceRef& ref) const;

  const std::vector<ActorEntry>& actors() const { return actors_; }
  const std::vector<AgentEntry>& agents() const { return agents_; }
  const std::vector<SubstitutionSet>& substitution_sets() const { return substitution_sets_; }
  const std::vector<VerbBlock>& verb_blocks() const { return verb_blocks_; }
  const std::vector<VerbEntry>& verbs() const { return verbs_; }
  const std::vector<Pattern>& patterns() const { return patterns_; }
  const std::vector<Synset>& synsets() const { return synsets_; }
  const std::vector<Transformation>& transformations() const { return transformations_; }
  const std::vector<TimeShift>& time_shifts() const { return time_shifts_; }
  const std::vector<Discard>& discards() const { return discards_; }
  const std::vector<IssueEntry>& issues() const { return issues_; }
  const std::vector<DictOption>& options() const { return options_; }
  DateRestrictionMode date_mode() const { return date_mode_; }

  // Appends to `out` (not cleared) the matches of `kind` phrases in `tokens`,
  // ordered by begin, then by decreasing length. Allocates nothing except
  // when `out` grows; reuse `out` across calls.
  void FindPhrases(PhraseKind kind, std::span<const Token> tokens, const MatchOptions& options,
                   std::vector<PhraseMatch>* out) const;
  // Same on bare lower-case words (lemma = word); for tests and tools.
  void FindPhrases(PhraseKind kind, std::span<const std::string_view> words,
                   const MatchOptions& options, std::vector<PhraseMatch>* out) const;

  // Appends to `out` every verb form whose verb word matches the token
  // (`lower` or, for exact words, `lemma`). Multi-word forms are returned on
  // their verb word; the caller checks the other words. No allocation beyond
  // growing `out`.
  void FindVerbs(std::string_view lower, std::string_view lemma, std::vector<VerbHit>* out) const;

  // Index of the synset named `name` ("&CURRENCY", any case), or -1.
  int FindSynset(std::string_view name) const;

  // The actor code for an article dated `date` from the codes of `entries`
  // (concatenated in order), under this dictionary's date mode. Unknown
  // date: the first unrestricted code, else "". Returns "" for no code; may
  // return "---" (null) as written. The view points into the Dictionary.
  std::string_view ResolveActorCode(std::span<const uint32_t> entries, const Date& date) const;

 private:
  friend class DictionaryBuilder;
  struct Index;
  Dictionary();

  std::vector<std::string> files_;
  std::vector<ActorEntry> actors_;
  std::vector<AgentEntry> agents_;
  std::vector<SubstitutionSet> substitution_sets_;
  std::vector<VerbBlock> verb_blocks_;
  std::vector<VerbEntry> verbs_;
  std::vector<Pattern> patterns_;
  std::vector<Synset> synsets_;
  std::vector<Transformation> transformations_;
  std::vector<TimeShift> time_shifts_;
  std::vector<Discard> discards_;
  std::vector<IssueEntry> issues_;
  std::vector<DictOption> options_;
  DateRestrictionMode date_mode_ = DateRestrictionMode::kTabari;
  std::unique_ptr<Index> index_;
};

// Resolves one code list (in order) for `date` under `mode`; see
// DateRestrictionMode. Returns an index into `codes`, or -1 for none.
int ResolveDateRestricted(std::span<const ActorCode> codes, const Date& date,
                          DateRestrictionMode mode);

struct CompileOptions {
  DateRestrictionMode date_mode = DateRestrictionMode::kTabari;
};

// Collects entries; not thread-safe. Entries are appended as given (the
// reader has already lower-cased words and split phrases). Indices returned
// by Add* are final positions in the compiled Dictionary's vectors.
class DictionaryBuilder {
 public:
  DictionaryBuilder();
  ~DictionaryBuilder();

  // Registers a source file name; returns its SourceRef::file index. The
  // same name twice returns the same index.
  uint32_t AddFile(std::string_view path);

  uint32_t AddActor(ActorEntry e);
  uint32_t AddAgent(AgentEntry e);
  uint32_t AddSubstitutionSet(SubstitutionSet s);
  // Returns the block index; add its verbs and patterns with AddVerb/AddPattern
  // (which link them into the block named by their `block` field).
  uint32_t AddVerbBlock(VerbBlock b);
  uint32_t AddVerb(VerbEntry v);
  uint32_t AddPattern(Pattern p);
  uint32_t AddSynset(Synset s);
  uint32_t AddTransformation(Transformation t);
  uint32_t AddTimeShift(TimeShift t);
  uint32_t AddDiscard(Discard d);
  uint32_t AddIssue(IssueEntry i);
  uint32_t AddOption(DictOption o);

  size_t num_verb_blocks() const;

  // Builds the indexes and returns the immutable Dictionary. The builder is
  // left empty. Fails (kInvalidArgument) only on internal inconsistencies
  // such as a verb naming a block that does not exist.
  Result<std::shared_ptr<const Dictionary>> Compile(const CompileOptions& options = {});

 private:
  std::unique_ptr<Dictionary> dict_;
};

// Entry counts, for `dyad dict lint`, golden tests and docs.
struct DictionaryCounts {
  size_t actors = 0;           // actor records (primary phrases)
  size_t synonyms = 0;         // synonym phrases linked to them
  size_t actor_codes = 0;      // all codes of all records
  size_t date_restricted = 0;  // codes with a date restriction
  size_t agents = 0;           // agent phrases, plurals and expansions included
  size_t agent_lines = 0;      // distinct source lines of those
  size_t substitution_sets = 0;
  size_t synsets = 0;
  size_t verb_blocks = 0;
  size_t verbs = 0;  // verb lines
  size_t verb_forms = 0;
  size_t patterns = 0;
  size_t transformations = 0;
  size_t time_shifts = 0;
  size_t discards = 0;
  size_t story_discards = 0;  // of `discards`
  size_t issues = 0;          // issue lines (coded and ignores)
  size_t issue_codes = 0;     // of `issues`, lines with a code
  size_t issue_phrases = 0;   // expanded phrases of those lines
  size_t options = 0;
  // "actors=N synonyms=N ..." on one line, fixed order.
  std::string ToString() const;
};
DictionaryCounts CountEntries(const Dictionary& dict);

// ---------------------------------------------------------------------------
// Loading

struct DictionaryLoadOptions {
  DateRestrictionMode date_mode = DateRestrictionMode::kTabari;
  // PETRARCH-2 quirk (spec 1.2): a "<!" line in a P2 verb file stops all
  // later pattern lines from being read. false (default): "<!-- ... -->"
  // comments are skipped as comments and patterns are kept (with a warning
  // when the quirk would have dropped them).
  bool petrarch2_comment_quirk = false;
};

// Loads and merges every spec into one Dictionary. A spec is
//   petrarch:DIR      the files DIR/PETR_config.ini names in [Dictionaries]
//                     (verbfile_name, actorfile_list, agentfile_name,
//                     discardfile_name, issuefile_name), else the standard
//                     Phoenix set: CAMEO.2.0.txt, Phoenix.{Countries,
//                     International,MilNonState}.actors.txt, Phoenix.agents.txt,
//                     Phoenix.discards.txt, Phoenix.IssueCoding.txt;
//   petrarch:FILE     one PETRARCH file, its kind guessed from its name
//                     (verbs/actors/agents/discards/issues);
//   tabari:FILE.project  the files a TABARI project names (actors, verbs,
//                     agents, options);
//   tabari:FILE       one TABARI file (.verbs, .actors, .agents, .options);
//   PATH              a file in dyad's own format (ParseDyadDictionary).
// Bad lines become `warnings` (never silent, never fatal). Fails only when a
// spec is malformed or a named file cannot be read at all (the message names it).
Result<std::shared_ptr<const Dictionary>> LoadDictionaries(const std::vector<std::string>& specs,
                                                           const DictionaryLoadOptions& options,
                                                           std::vector<DictWarning>* warnings);

// Adds the files of one spec to `builder` (what LoadDictionaries does per spec).
Status AddDictionarySpec(std::string_view spec, const DictionaryLoadOptions& options,
                         DictionaryBuilder* builder, std::vector<DictWarning>* warnings);

// dyad's own dictionary format (defined in src/dict/dyad_format.cc, see
// docs/dictionary-dyad-format.md).
Status ParseDyadDictionary(std::string_view path, DictionaryBuilder* builder,
                           std::vector<DictWarning>* warnings);

}  // namespace dyad

#endif  // DYAD_DICTIONARY_H_
