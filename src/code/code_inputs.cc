// Order-preserving parallel coding of many articles (CodeInputs in
// include/dyad/coder.h).
//
// The reader thread collects articles into batches; a pool of workers codes
// whole batches, and the calling thread hands the events of batch i to the
// callback only after batches 0..i-1, so output is identical for any thread
// count. At most 2 x threads batches are in flight, which bounds memory.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "dyad/coder.h"

namespace dyad {
namespace {

constexpr size_t kBatchArticles = 32;

struct Batch {
  std::vector<Article> articles;
  std::vector<CodedEvent> events;
  uint64_t sentences = 0;
  bool done = false;
};

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

  std::mutex mu;
  std::condition_variable cv_work, cv_done, cv_space;
  std::deque<std::shared_ptr<Batch>> queue;    // batches waiting for a worker
  std::deque<std::shared_ptr<Batch>> inorder;  // every batch in flight, input order
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
      for (const Article& a : b->articles)
        b->sentences += coder.CodeArticle(a, text_options, &scratch, &b->events);
      {
        std::lock_guard<std::mutex> lock(mu);
        b->done = true;
      }
      cv_done.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 0; i < threads; ++i) pool.emplace_back(worker);

  // Writes out finished batches at the head of `inorder` (caller holds no lock).
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
      cv_space.notify_all();
      st.articles += b->articles.size();
      st.sentences += b->sentences;
      for (const CodedEvent& e : b->events) {
        ++st.events;
        on_event(e);
      }
    }
  };

  auto current = std::make_shared<Batch>();
  auto submit = [&]() {
    if (current->articles.empty()) return;
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
    current->articles.push_back(std::move(a));
    if (current->articles.size() >= kBatchArticles) submit();
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
  return s;
}

}  // namespace dyad
