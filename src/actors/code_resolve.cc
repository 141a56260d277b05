// Coding from analyzed sentences, and coding with actor resolution
// (include/dyad/actors.h, "Coding and resolving together").
//
// CodeAnalyzedArticle repeats Coder::CodeArticle's per-sentence loop on
// sentences the caller already has, so that ingest and `dyad code` run the
// text stage once per article and hand the same sentences to the resolver.
// The loop belongs in the coder (src/code/coder.cc); until the coder grows a
// CodeSentences entry point, code_resolve_test.cc checks that both give the
// same events on real articles.
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "dyad/actors.h"
#include "dyad/codebook.h"

namespace dyad {
namespace {

// Coder::CodeArticle's dateline rule (src/code/coder.cc): the leading
// all-caps place words of the first sentence, an optional "(Agency)", then
// "-" or "--". A dateline names where the story was filed, not an actor.
size_t DatelineLength(const std::vector<Token>& tokens) {
  auto all_caps = [](const Token& t) {
    if (t.kind != TokenKind::kWord || t.text.size() < 2) return false;
    bool letter = false;
    for (unsigned char c : t.text) {
      if (c >= 'a' && c <= 'z') return false;
      if (c >= 'A' && c <= 'Z') letter = true;
    }
    return letter;
  };
  constexpr size_t kMaxDateline = 12;
  size_t i = 0;
  while (i < tokens.size() && i < kMaxDateline &&
         (all_caps(tokens[i]) || (i > 0 && (tokens[i].text == "," || tokens[i].text == "."))))
    ++i;
  if (i == 0) return 0;
  if (i < tokens.size() && tokens[i].text == "(") {
    size_t j = i + 1;
    while (j < tokens.size() && j < i + 6 && tokens[j].text != ")") ++j;
    if (j >= tokens.size() || tokens[j].text != ")") return 0;
    i = j + 1;
  }
  if (i < tokens.size() && i + 1 < tokens.size() &&
      (tokens[i].text == "-" || tokens[i].text == "--"))
    return i + 1;
  return 0;
}

// True when the discard phrase named in `note` ("discard phrase '<phrase>'
// (<file:line>)", as CodeSentence writes it) is a story-level discard.
bool IsStoryDiscard(const Dictionary& dict, const std::string& note) {
  for (const Discard& dc : dict.discards()) {
    if (dc.scope != DiscardScope::kStory) continue;
    if (note == "discard phrase '" + dc.phrase.ToString() + "' (" + dict.Where(dc.where) + ")")
      return true;
  }
  return false;
}

}  // namespace

size_t CodeAnalyzedArticle(const Coder& coder, const Article& article,
                           const std::vector<Sentence>& sentences,
                           const EventDateResolver& date_resolver, CoderScratch* scratch,
                           std::vector<CodedEvent>* out) {
  scratch->NewStory();  // as CodeArticle: nothing carries over from the last article
  SentenceResult res;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    const size_t skip = si == 0 ? DatelineLength(s.tokens) : 0;
    coder.CodeSentence(std::span<const Token>(s.tokens).subspan(skip), article.published, scratch,
                       &res);
    if (res.status == SentenceStatus::kDiscard && res.note.rfind("discard phrase", 0) == 0 &&
        IsStoryDiscard(coder.dictionary(), res.note))
      return si + 1;  // story-level discard phrases drop the rest of the article
    Date date = article.published;
    std::string phrase;
    if (date_resolver && !res.events.empty()) date = date_resolver(article, s, &phrase);
    uint32_t n = 0;
    for (SentenceEvent& e : res.events) {
      CodedEvent ev;
      ev.event_id = article.id + "#" + std::to_string(si) + "." + std::to_string(n++);
      auto fill = [&](const CodedActor& a, ActorRef* r) {
        r->code = a.code;
        r->name = a.name;
        if (a.last_token > a.first_token && a.last_token + skip <= s.tokens.size()) {
          r->begin = s.tokens[skip + a.first_token].begin;
          r->end = s.tokens[skip + a.last_token - 1].end;
          if (r->end <= article.text.size() && r->begin <= r->end)
            r->text = article.text.substr(r->begin, r->end - r->begin);
        }
      };
      fill(e.source, &ev.source);
      fill(e.target, &ev.target);
      ev.code = e.code;
      const CameoEventCode* cc = FindCameoEventCode(e.code);
      ev.root_code = std::string(CameoRootCode(e.code));
      if (cc) {
        ev.goldstein = cc->goldstein;
        ev.quad_class = static_cast<int>(cc->quad_class);
      } else {
        ev.quad_class = QuadClassOfRoot(ev.root_code);
        const CameoEventCode* rc = FindCameoEventCode(ev.root_code);
        ev.goldstein = rc ? rc->goldstein : 0;
      }
      ev.date = date;
      ev.date_phrase = phrase;
      ev.article_id = article.id;
      ev.outlet = article.outlet;
      ev.url = article.url;
      ev.sentence_index = static_cast<uint32_t>(si);
      ev.sentence_begin = s.begin;
      ev.sentence_end = s.end;
      ev.sentence = s.text;
      ev.rule = std::move(e.rule);
      out->push_back(std::move(ev));
    }
  }
  return sentences.size();
}

Result<ArticleActors> ResolveKeepingCoderNames(const ArticleResolver& resolver,
                                               const Article& article,
                                               const std::vector<Sentence>& sentences,
                                               std::vector<CodedEvent>* events) {
  std::vector<std::pair<std::string, std::string>> names;
  names.reserve(events->size());
  for (const CodedEvent& e : *events) names.emplace_back(e.source.name, e.target.name);
  Result<ArticleActors> aa = resolver.Resolve(article, sentences, events);
  for (size_t i = 0; i < events->size(); ++i) {
    (*events)[i].source.name = std::move(names[i].first);
    (*events)[i].target.name = std::move(names[i].second);
  }
  return aa;
}

Reject ActorConflictWarning(const Article& article, const ActorConflict& c) {
  Reject r;
  r.where = article.source;
  r.fatal = false;
  r.what = "actor conflict: " + c.what;
  return r;
}

namespace {

struct CodedArticle {
  Article article;
  std::vector<Sentence> sentences;
  std::vector<CodedEvent> events;
  size_t coded_sentences = 0;
};

struct Batch {
  std::vector<CodedArticle> items;
  bool done = false;
};

constexpr size_t kBatchArticles = 32;

}  // namespace

Status CodeAndResolveInputs(const Coder& coder, const ArticleResolver& resolver,
                            const std::vector<std::string>& inputs, const ReadOptions& read_options,
                            const TextOptions& text_options, int threads,
                            const EventDateResolver& date_resolver,
                            const std::function<void(const CodedEvent&)>& on_event,
                            const std::function<void(const Reject&)>& on_reject,
                            CodeResolveStats* stats) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CodeResolveStats local;
  CodeResolveStats& st = stats ? *stats : local;
  auto code_one = [&](CodedArticle* c, CoderScratch* scratch) {
    c->sentences = AnalyzeText(c->article, text_options).sentences;
    c->coded_sentences =
        CodeAnalyzedArticle(coder, c->article, c->sentences, date_resolver, scratch, &c->events);
  };
  // Resolution runs on the calling thread in input order: the registry is
  // shared across articles, so the order decides who is known when.
  Status resolve_status;
  auto emit = [&](CodedArticle* c) {
    if (!resolve_status.ok()) return;
    Result<ArticleActors> aa =
        ResolveKeepingCoderNames(resolver, c->article, c->sentences, &c->events);
    if (!aa.ok()) {
      resolve_status = aa.status();
      return;
    }
    ++st.articles;
    st.sentences += c->coded_sentences;
    for (const ActorConflict& k : aa->conflicts) {
      ++st.conflicts;
      if (on_reject) on_reject(ActorConflictWarning(c->article, k));
    }
    for (const CodedEvent& e : c->events) {
      ++st.events;
      st.resolved_slots += !e.source.actor_id.empty();
      st.resolved_slots += !e.target.actor_id.empty();
      on_event(e);
    }
  };

  if (threads == 1) {
    CoderScratch scratch;
    ArticleVisitor v;
    v.on_reject = on_reject;
    v.on_article = [&](Article&& a) {
      CodedArticle c;
      c.article = std::move(a);
      code_one(&c, &scratch);
      emit(&c);
    };
    Status s = ReadInputs(inputs, read_options, v);
    if (!resolve_status.ok()) return resolve_status;
    return s;
  }

  std::mutex mu;
  std::condition_variable cv_work, cv_done;
  std::deque<std::shared_ptr<Batch>> queue, inorder;
  bool closing = false;
  const size_t max_in_flight = static_cast<size_t>(threads) * 2;
  auto worker = [&]() {
    CoderScratch scratch;
    for (;;) {
      std::shared_ptr<Batch> b;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv_work.wait(lock, [&] { return closing || !queue.empty(); });
        if (queue.empty()) return;
        b = queue.front();
        queue.pop_front();
      }
      for (CodedArticle& c : b->items) code_one(&c, &scratch);
      {
        std::lock_guard<std::mutex> lock(mu);
        b->done = true;
      }
      cv_done.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
  auto drain = [&](bool wait_all) {
    for (;;) {
      std::shared_ptr<Batch> b;
      {
        std::unique_lock<std::mutex> lock(mu);
        if (inorder.empty()) return;
        if (wait_all || inorder.size() >= max_in_flight)
          cv_done.wait(lock, [&] { return inorder.front()->done; });
        if (!inorder.front()->done) return;
        b = inorder.front();
        inorder.pop_front();
      }
      for (CodedArticle& c : b->items) emit(&c);
    }
  };
  auto current = std::make_shared<Batch>();
  auto submit = [&]() {
    if (current->items.empty()) return;
    {
      std::lock_guard<std::mutex> lock(mu);
      queue.push_back(current);
      inorder.push_back(current);
    }
    cv_work.notify_one();
    current = std::make_shared<Batch>();
    drain(false);
  };
  ArticleVisitor v;
  v.on_reject = on_reject;
  v.on_article = [&](Article&& a) {
    current->items.emplace_back();
    current->items.back().article = std::move(a);
    if (current->items.size() >= kBatchArticles) submit();
  };
  Status s = ReadInputs(inputs, read_options, v);
  submit();
  drain(true);
  {
    std::lock_guard<std::mutex> lock(mu);
    closing = true;
  }
  cv_work.notify_all();
  for (std::thread& t : pool) t.join();
  if (!resolve_status.ok()) return resolve_status;
  return s;
}

}  // namespace dyad
