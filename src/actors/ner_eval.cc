// Actor span recognition measured on ConfliBERT's cameo_ner sentences.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "dyad/actors.h"
#include "dyad/coder.h"

namespace dyad {
namespace {

using WordSpan = std::pair<uint32_t, uint32_t>;  // words [first, last)

double Ratio(size_t a, size_t b) { return b ? static_cast<double>(a) / static_cast<double>(b) : 0; }

bool Overlaps(const WordSpan& a, const WordSpan& b) {
  return a.first < b.second && b.first < a.second;
}

void Score(const std::set<WordSpan>& gold, const std::set<WordSpan>& pred, SpanScore* s) {
  s->gold += gold.size();
  s->predicted += pred.size();
  for (const WordSpan& p : pred) {
    if (gold.count(p)) ++s->exact;
    for (const WordSpan& g : gold)
      if (Overlaps(p, g)) {
        ++s->overlap_pred;
        break;
      }
  }
  for (const WordSpan& g : gold)
    for (const WordSpan& p : pred)
      if (Overlaps(p, g)) {
        ++s->overlap_gold;
        break;
      }
}

struct GoldSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;
};

}  // namespace

double SpanScore::ExactPrecision() const { return Ratio(exact, predicted); }
double SpanScore::ExactRecall() const { return Ratio(exact, gold); }
double SpanScore::OverlapPrecision() const { return Ratio(overlap_pred, predicted); }
double SpanScore::OverlapRecall() const { return Ratio(overlap_gold, gold); }

std::string NerEvalReport::Summary() const {
  std::string out = fmt::format("sentences {}  rejected lines {}\n", sentences, rejected_lines);
  auto line = [&](const char* what, const SpanScore& s) {
    out += fmt::format(
        "{:<7} gold {:>5} predicted {:>5}  exact P {:.3f} R {:.3f}  overlap P {:.3f} R {:.3f}\n",
        what, s.gold, s.predicted, s.ExactPrecision(), s.ExactRecall(), s.OverlapPrecision(),
        s.OverlapRecall());
  };
  line("any", any);
  line("source", source);
  line("target", target);
  out += fmt::format("events  {:>5}  source and target both right {} ({:.3f}), reversed {} ({:.3f})\n",
                     events, events_oriented, Ratio(events_oriented, events), events_reversed,
                     Ratio(events_reversed, events));
  return out;
}

Result<NerEvalReport> EvaluateCameoNer(const std::vector<std::string>& files,
                                       std::shared_ptr<const Dictionary> dict,
                                       std::shared_ptr<const Parser> parser) {
  NerEvalReport rep;
  std::vector<std::string> coder_warnings;
  Coder coder(dict, CoderOptionsForDictionary(*dict, &coder_warnings));
  coder.set_parser(std::move(parser));
  CoderScratch scratch;
  ArticleResolver resolver(dict, nullptr);
  SentenceResult res;

  auto evaluate = [&](const GoldSentence& g) -> Status {
    ++rep.sentences;
    // The sentence text: words joined by blanks; each word's byte range.
    Article art;
    art.id = "s" + std::to_string(rep.sentences);
    std::vector<WordSpan> bytes;
    for (const std::string& w : g.words) {
      if (!art.text.empty()) art.text.push_back(' ');
      uint32_t b = static_cast<uint32_t>(art.text.size());
      art.text += w;
      bytes.emplace_back(b, static_cast<uint32_t>(art.text.size()));
    }
    // Gold spans by label (S, T, R); I- without B- starts a span.
    std::set<WordSpan> gold_any, gold_s, gold_t;
    for (uint32_t i = 0; i < g.tags.size();) {
      const std::string& t = g.tags[i];
      if (t == "O") {
        ++i;
        continue;
      }
      char label = t[2];
      uint32_t j = i + 1;
      while (j < g.tags.size() && g.tags[j].size() == 3 && g.tags[j][0] == 'I' &&
             g.tags[j][2] == label)
        ++j;
      gold_any.insert({i, j});
      if (label == 'S') gold_s.insert({i, j});
      if (label == 'T') gold_t.insert({i, j});
      i = j;
    }
    // One Sentence with every token (the text stage may split it).
    Sentence s = Tokenize(art.text);  // owns its tokens' bytes
    s.begin = 0;
    s.end = static_cast<uint32_t>(art.text.size());
    s.text = art.text;
    auto word_of = [&](uint32_t byte) -> uint32_t {
      auto it = std::upper_bound(bytes.begin(), bytes.end(), WordSpan(byte, UINT32_MAX));
      return it == bytes.begin() ? 0 : static_cast<uint32_t>(it - bytes.begin() - 1);
    };
    auto words_of_tokens = [&](uint32_t b, uint32_t e) -> WordSpan {
      return {word_of(s.tokens[b].begin), word_of(s.tokens[e - 1].begin) + 1};
    };
    std::vector<Sentence> one = {s};
    DYAD_ASSIGN_OR_RETURN(ArticleActors actors, resolver.Resolve(art, one, nullptr));
    std::set<WordSpan> pred_any;
    std::vector<WordSpan> mention_words;
    for (const ActorMention& m : actors.mentions) {
      if (m.last_token <= m.first_token) continue;
      mention_words.push_back(words_of_tokens(m.first_token, m.last_token));
      pred_any.insert(mention_words.back());
    }
    // Coder events; each actor slot widened to the mention containing it.
    coder.CodeSentence(s.tokens, Date(), &scratch, &res);
    std::set<WordSpan> pred_s, pred_t;
    auto slot = [&](const CodedActor& a, std::set<WordSpan>* out) {
      if (a.last_token <= a.first_token || a.last_token > s.tokens.size()) return;
      WordSpan w = words_of_tokens(a.first_token, a.last_token);
      for (const WordSpan& m : mention_words)
        if (Overlaps(m, w)) w = {std::min(w.first, m.first), std::max(w.second, m.second)};
      out->insert(w);
    };
    auto hits = [](const std::set<WordSpan>& spans, const std::set<WordSpan>& gold) {
      for (const WordSpan& p : spans)
        for (const WordSpan& g : gold)
          if (Overlaps(p, g)) return true;
      return false;
    };
    for (const SentenceEvent& e : res.events) {
      std::set<WordSpan> es, et;
      slot(e.source, &es);
      slot(e.target, &et);
      ++rep.events;
      if (hits(es, gold_s) && hits(et, gold_t)) ++rep.events_oriented;
      if (hits(es, gold_t) && hits(et, gold_s)) ++rep.events_reversed;
      pred_s.insert(es.begin(), es.end());
      pred_t.insert(et.begin(), et.end());
    }
    for (const WordSpan& w : pred_s) pred_any.insert(w);
    for (const WordSpan& w : pred_t) pred_any.insert(w);
    Score(gold_any, pred_any, &rep.any);
    Score(gold_s, pred_s, &rep.source);
    Score(gold_t, pred_t, &rep.target);
    return Status::Ok();
  };

  for (const std::string& path : files) {
    std::ifstream in(path);
    if (!in) return Status::NotFound("cannot open cameo_ner file " + path);
    GoldSentence cur;
    std::string line;
    size_t lineno = 0;
    while (std::getline(in, line)) {
      ++lineno;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        if (!cur.words.empty()) DYAD_RETURN_IF_ERROR(evaluate(cur));
        cur = GoldSentence();
        continue;
      }
      size_t sp = line.rfind(' ');
      std::string tag = sp == std::string::npos ? "" : line.substr(sp + 1);
      bool ok =
          sp != std::string::npos && sp > 0 &&
          (tag == "O" || (tag.size() == 3 && (tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-' &&
                          (tag[2] == 'S' || tag[2] == 'T' || tag[2] == 'R')));
      if (!ok) {
        ++rep.rejected_lines;
        rep.warnings.push_back(path + ":" + std::to_string(lineno) +
                               ": expected 'WORD TAG' with TAG O or B-/I- S, T, R; line skipped");
        continue;
      }
      cur.words.push_back(line.substr(0, sp));
      cur.tags.push_back(tag);
    }
    if (!cur.words.empty()) DYAD_RETURN_IF_ERROR(evaluate(cur));
  }
  return rep;
}

}  // namespace dyad
