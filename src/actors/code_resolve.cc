// Coding from analyzed sentences, and coding with actor resolution
// (include/dyad/actors.h, "Coding and resolving together").
//
// CodeAnalyzedArticle hands sentences the caller already has to
// Coder::CodeSentences, so that ingest and `dyad code` run the text stage once
// per article and give the same sentences to the resolver;
// code_resolve_test.cc checks that this gives CodeArticle's events on real
// articles.
#include <algorithm>
#include <thread>

#include "dyad/actors.h"
#include "dyad/ordered_pool.h"

namespace dyad {

size_t CodeAnalyzedArticle(const Coder& coder, const Article& article,
                           const std::vector<Sentence>& sentences,
                           const EventDateResolver& date_resolver, CoderScratch* scratch,
                           std::vector<CodedEvent>* out) {
  return coder.CodeSentences(article, sentences, date_resolver, scratch, out);
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

  OrderedBatchPool<CodedArticle, CodedArticle, CoderScratch> pool(
      threads, kBatchArticles,
      [&](CodedArticle&& c, CoderScratch* scratch) {
        code_one(&c, scratch);
        return std::move(c);
      },
      [&](std::vector<CodedArticle>* batch) {
        for (CodedArticle& c : *batch) emit(&c);
      });
  ArticleVisitor v;
  v.on_reject = on_reject;
  v.on_article = [&](Article&& a) {
    CodedArticle c;
    c.article = std::move(a);
    pool.Push(std::move(c));
  };
  Status s = ReadInputs(inputs, read_options, v);
  pool.Finish();
  if (!resolve_status.ok()) return resolve_status;
  return s;
}

}  // namespace dyad
