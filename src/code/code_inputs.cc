// Order-preserving parallel coding of many articles (CodeInputs in
// include/dyad/coder.h).
//
// The reader thread pushes articles into an OrderedBatchPool
// (include/dyad/ordered_pool.h): workers code whole batches, and events reach
// the callback in input order, so output is identical for any thread count.
#include <thread>

#include "dyad/coder.h"
#include "dyad/ordered_pool.h"

namespace dyad {
namespace {

constexpr size_t kBatchArticles = 32;

}  // namespace

Status CodeInputs(const Coder& coder, const std::vector<std::string>& inputs,
                  const ReadOptions& read_options, const TextOptions& text_options, int threads,
                  const std::function<void(const CodedEvent&)>& on_event,
                  const std::function<void(const Reject&)>& on_reject, CodeRunStats* stats) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  CodeRunStats local;
  CodeRunStats& st = stats ? *stats : local;

  if (threads == 1) {
    CoderScratch scratch;
    std::vector<CodedEvent> events;
    ArticleVisitor v;
    v.on_reject = on_reject;
    v.on_article = [&](Article&& a) {
      events.clear();
      st.sentences += coder.CodeArticle(a, text_options, &scratch, &events);
      ++st.articles;
      for (const CodedEvent& e : events) {
        ++st.events;
        on_event(e);
      }
    };
    return ReadInputs(inputs, read_options, v);
  }

  // One result per article: its events and sentence count.
  struct Coded {
    std::vector<CodedEvent> events;
    size_t sentences = 0;
  };
  OrderedBatchPool<Article, Coded, CoderScratch> pool(
      threads, kBatchArticles,
      [&](Article&& a, CoderScratch* scratch) {
        Coded c;
        c.sentences = coder.CodeArticle(a, text_options, scratch, &c.events);
        return c;
      },
      [&](std::vector<Coded>* batch) {
        for (const Coded& c : *batch) {
          ++st.articles;
          st.sentences += c.sentences;
          for (const CodedEvent& e : c.events) {
            ++st.events;
            on_event(e);
          }
        }
      });
  ArticleVisitor v;
  v.on_reject = on_reject;
  v.on_article = [&](Article&& a) { pool.Push(std::move(a)); };
  Status s = ReadInputs(inputs, read_options, v);
  pool.Finish();
  return s;
}

}  // namespace dyad
