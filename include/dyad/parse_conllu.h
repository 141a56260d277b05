// CoNLL-U (Universal Dependencies) reading and writing, for training the
// tagger/parser, evaluating it, and printing its output.
//
// Format: https://universaldependencies.org/format.html. One word per line,
// ten tab-separated columns, sentences separated by a blank line, comments
// start with '#'. Multiword token lines ("1-2") are kept for writing but carry
// no annotation; empty nodes ("1.1", enhanced graphs only) are skipped.
#ifndef DYAD_PARSE_CONLLU_H_
#define DYAD_PARSE_CONLLU_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/status.h"

namespace dyad {

struct ConlluWord {
  int id = 0;  // 1-based position in the sentence
  std::string form, lemma, upos, xpos, feats;
  int head = -1;  // 0 = root; -1 = not given ("_")
  std::string deprel, deps, misc;
};

// A multiword token such as "don't" = do + n't: covers word ids [first, last].
struct ConlluMultiword {
  int first = 0;
  int last = 0;
  std::string form;
  std::string misc;
};

struct ConlluSentence {
  std::vector<std::string> comments;  // comment lines without the leading '#', e.g. " text = ..."
  std::vector<ConlluWord> words;
  std::vector<ConlluMultiword> multiwords;  // in order of `first`
  SourceLocation where;                     // file and line of the sentence's first line
};

// Parses CoNLL-U text. Never fails: a sentence with a malformed line (wrong
// column count, bad id or head, ids out of order, head out of range) is
// dropped whole and reported as a fatal Reject naming path:line and the
// problem; a missing final blank line and CRLF line ends are accepted.
void ParseConllu(std::string_view bytes, std::string_view path, std::vector<ConlluSentence>* out,
                 std::vector<Reject>* rejects);

// Reads and parses one file. IOError when the file cannot be read.
Status ReadConlluFile(const std::string& path, std::vector<ConlluSentence>* out,
                      std::vector<Reject>* rejects);

// Reads a UD treebank split laid out like UD_English-EWT's source release:
// DIR/file-lists/files.<split> lists one path per line, relative to
// DIR/sources/. Every listed file must exist (NotFound names the first that
// does not). `split` is "train", "dev" or "test".
Status ReadTreebankSplit(const std::string& dir, std::string_view split,
                         std::vector<ConlluSentence>* out, std::vector<Reject>* rejects);

// Reads gold data for evaluation: a .conllu file, a folder (every *.conllu
// under it, in sorted order), or a treebank dir plus split ("DIR:test").
Status ReadConlluInput(const std::string& spec, std::vector<ConlluSentence>* out,
                       std::vector<Reject>* rejects);

// Appends `s` in CoNLL-U: comments, multiword lines before their first word,
// one line per word ("_" for empty fields), then a blank line.
void AppendConllu(const ConlluSentence& s, std::string* out);

}  // namespace dyad

#endif  // DYAD_PARSE_CONLLU_H_
