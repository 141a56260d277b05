// Part-of-speech tagging and dependency parsing of English sentences.
//
// A Parser is loaded once from two model files (a tagger and a parser, see
// docs/parser.md) and is then immutable: Parse() is const and safe to call
// from many threads at once. Models shipped in models/ derive from Universal
// Dependencies English EWT (CC BY-SA 4.0).
//
//   DYAD_ASSIGN_OR_RETURN(auto parser, dyad::Parser::Load());
//   dyad::ParsedSentence out;
//   DYAD_RETURN_IF_ERROR(parser->Parse({"Rebels", "attacked", "the", "town", "."}, &out));
//   // out.words[1].deprel == "root", out.words[0].head == 2 ...
//
//   // In a pipeline: one ParsedSentence per thread, reused.
//   for (const dyad::Sentence& s : analyzed.sentences) {
//     DYAD_RETURN_IF_ERROR(parser->Parse(s, &out));
//   }
//
// Speed and memory of the shipped models: docs/parser.md ("Speed").
#ifndef DYAD_PARSE_H_
#define DYAD_PARSE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/parse_conllu.h"
#include "dyad/status.h"
#include "dyad/text.h"

namespace dyad {

// One analysed word. The string_views point into the Parser's label tables
// and stay valid as long as the Parser that produced them.
struct ParsedWord {
  std::string_view upos;    // Universal POS, e.g. "VERB"
  std::string_view xpos;    // Penn Treebank tag, e.g. "VBD"
  std::string_view feats;   // subset: Mood, Number, Tense, VerbForm, Voice; "_" if none
  int head = 0;             // 1-based index of the head word; 0 = the root
  std::string_view deprel;  // UD relation with subtype, e.g. "nsubj:pass"
};

struct ParsedSentence {
  std::vector<ParsedWord> words;  // one per input word, same order
};

// Model file names inside a model folder.
inline constexpr std::string_view kTaggerModelFile = "en_ewt.tagger";
inline constexpr std::string_view kParserModelFile = "en_ewt.parser";

// Finds the folder holding the models. Order: `override_dir` if non-empty,
// then $DYAD_MODEL_DIR, then models/ next to the running executable (and its
// parent folder), then the source tree's models/ (DYAD_SOURCE_DIR, set at
// build time). NotFound lists every place tried.
Result<std::string> FindModelDir(const std::string& override_dir = "");

class Parser {
 public:
  // Loads `model_dir`/en_ewt.tagger and en_ewt.parser, `model_dir` located by
  // FindModelDir(model_dir). Corruption/Unsupported with the file name and
  // what to do when a model is truncated, corrupted or of another version.
  static Result<std::unique_ptr<Parser>> Load(const std::string& model_dir = "");
  static Result<std::unique_ptr<Parser>> LoadFiles(const std::string& tagger_path,
                                                   const std::string& parser_path);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Tags and parses one tokenized sentence. An empty sentence gives an empty
  // result. InvalidArgument for more than kMaxWords words (split long input
  // first; dyad::AnalyzeText already caps sentence length). Thread-safe.
  static constexpr size_t kMaxWords = 4096;
  Status Parse(const std::vector<std::string_view>& words, ParsedSentence* out) const;
  Status Parse(const std::vector<Token>& tokens, ParsedSentence* out) const;
  // The entry point for pipeline code: tags and parses a sentence from
  // dyad::AnalyzeText as it is (each Token::text is one word; nothing is
  // re-tokenized). out->words[i] belongs to sentence.tokens[i]. Scratch space
  // is kept per thread, so once a thread has parsed a sentence at least as
  // long, a call that reuses the same `out` allocates nothing (tested in
  // parser_test.cc). Thread-safe; InvalidArgument beyond kMaxWords tokens.
  Status Parse(const Sentence& sentence, ParsedSentence* out) const;
  // Tagging only (head and deprel left as 0 and "").
  Status Tag(const std::vector<std::string_view>& words, ParsedSentence* out) const;

  // Bytes of weights and tables held in memory.
  size_t MemoryBytes() const;

  struct Impl;

 private:
  explicit Parser(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Accuracy of a Parser against gold trees (tokenization taken from the gold).
struct ParseScores {
  size_t sentences = 0;
  size_t words = 0;
  size_t upos = 0;  // words with the right UPOS
  size_t xpos = 0;  // right Penn tag
  size_t uas = 0;   // right head
  size_t las = 0;   // right head and full deprel (with subtype)
  size_t ulas = 0;  // right head and deprel ignoring subtypes (CoNLL 2018 LAS)
  double Pct(size_t n) const { return words ? 100.0 * static_cast<double>(n) / words : 0.0; }
};

// Parses every gold sentence's words and counts agreement. When `predicted`
// is non-null it receives the gold sentences with the predicted columns.
Status EvaluateParser(const Parser& parser, const std::vector<ConlluSentence>& gold,
                      ParseScores* scores, std::vector<ConlluSentence>* predicted = nullptr);

}  // namespace dyad

#endif  // DYAD_PARSE_H_
