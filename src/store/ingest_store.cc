// IngestInputs: read, code on worker threads, store in input order
// (include/dyad/store.h).
//
// The calling thread reads articles, drops those already stored (by id or
// text hash) before they are coded, and collects the rest into batches;
// workers code whole batches; the calling thread stores finished batches
// strictly in input order, one transaction per batch. Input order alone
// decides the database contents, so any thread count, and any number of
// interrupted runs followed by a complete one, give the same database.
#include <chrono>
#include <thread>
#include <unordered_set>

#include "dyad/event_date.h"
#include "dyad/ordered_pool.h"
#include "dyad/store.h"
#include "dyad/story.h"

namespace dyad {
namespace {

StoryOptions CopyOptions() {
  StoryOptions o;
  o.num_hashes = 64;  // 16 bands of 4: P(candidate | Jaccard 0.8) > 0.999
  o.bands = 16;
  return o;
}

Date EventDateFromSentence(const Article& article, const Sentence& sentence, std::string* phrase) {
  EventDate ed = ResolveEventDate(sentence.text, article.published);
  if (phrase) *phrase = ed.phrase;
  return ed.date;
}

}  // namespace

void InstallEventDateResolver(Coder* coder) { coder->set_date_resolver(EventDateFromSentence); }

ProcessedArticle ProcessArticle(Article article, const Coder& coder,
                                const TextOptions& text_options, CoderScratch* scratch) {
  ProcessedArticle p;
  p.text_hash = NormalizedTextHash(article.text);
  // The text stage runs once: its sentences are coded here and resolved when
  // the article is stored (issue 6: ingest used to analyze every article
  // twice, once here and once inside Coder::CodeArticle).
  AnalyzedText t = AnalyzeText(article, text_options);
  p.sentences.reserve(t.sentences.size());
  for (const Sentence& s : t.sentences) p.sentences.emplace_back(s.begin, s.end);
  CodeAnalyzedArticle(coder, article, t.sentences, EventDateFromSentence, scratch, &p.events);
  p.text_sentences = std::move(t.sentences);
  static const StoryOptions kCopy = CopyOptions();
  MinHashSignature sig = ComputeMinHash(article.text, kCopy);
  bool any = false;
  for (uint64_t v : sig.values) any |= v != UINT64_MAX;
  if (any) p.minhash = std::move(sig.values);
  p.article = std::move(article);
  return p;
}

Status IngestInputs(EventStore* store, Coder* coder, const std::vector<std::string>& inputs,
                    const ReadOptions& read_options, const IngestOptions& options,
                    const std::function<void(const Reject&)>& on_reject, IngestStats* stats) {
  InstallEventDateResolver(coder);
  const Coder& c = *coder;
  if (options.resolve_actors) {
    // The coder owns its dictionary and outlives the ingest: a non-owning pointer.
    std::shared_ptr<const Dictionary> dict(std::shared_ptr<const Dictionary>(),
                                           &coder->dictionary());
    DYAD_RETURN_IF_ERROR(store->EnableActorResolution(dict));
    store->set_on_warning([&](const Reject& r) {
      if (on_reject) on_reject(r);
    });
  }
  IngestStats local;
  IngestStats& st = stats ? *stats : local;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  int threads = options.threads;
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const size_t batch_size = std::max<size_t>(1, options.batch_articles);

  Status store_status;
  OrderedBatchPool<Article, ProcessedArticle, CoderScratch> pool(
      threads, batch_size,
      [&](Article&& a, CoderScratch* scratch) {
        return ProcessArticle(std::move(a), c, options.text, scratch);
      },
      [&](std::vector<ProcessedArticle>* batch) {
        if (!store_status.ok()) return;
        store_status = store->AddArticles(batch, options.merge, &st);
        if (options.on_progress)
          options.on_progress({st.articles_read, st.articles_stored, elapsed()});
      });
  // Ids and hashes seen in this run but not yet stored: later copies in the
  // same run are duplicates too (AddArticles checks again when storing).
  std::unordered_set<std::string> pending_ids, pending_hashes;
  ArticleVisitor v;
  v.on_reject = [&](const Reject& r) {
    if (r.fatal) ++st.rejected;
    if (on_reject) on_reject(r);
  };
  v.on_article = [&](Article&& a) {
    ++st.articles_read;
    if (!store_status.ok()) return;
    if (!a.published.known() && options.default_date) a.published = *options.default_date;
    std::string hash = NormalizedTextHash(a.text);
    Result<bool> dup = store->HasArticle(a.id, hash);
    if (!dup.ok()) {
      store_status = dup.status();
      return;
    }
    if (*dup || pending_ids.count(a.id) || (!hash.empty() && pending_hashes.count(hash))) {
      ++st.duplicates;
      return;
    }
    if (pending_ids.size() > 100000) {  // bound memory; AddArticles still checks
      pending_ids.clear();
      pending_hashes.clear();
    }
    pending_ids.insert(a.id);
    if (!hash.empty()) pending_hashes.insert(hash);
    pool.Push(std::move(a));
  };
  Status read_status = ReadInputs(inputs, read_options, v);
  pool.Finish();
  st.seconds = elapsed();
  store->set_on_warning(nullptr);  // it refers to this call's on_reject
  if (!store_status.ok()) return store_status;
  return read_status;
}

}  // namespace dyad
