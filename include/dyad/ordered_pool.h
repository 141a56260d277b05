// OrderedBatchPool: work on items in parallel, hand the results back in input
// order. The producer (the thread that reads articles) Pushes items; they are
// grouped into batches of `batch_size`, each batch is processed by one of
// `threads` workers (each with its own Scratch, e.g. a CoderScratch), and
// finished batches are given to `consume` on the producer's thread, in the
// order they were pushed, so output does not depend on the thread count. At
// most 2 x threads batches are in flight, which bounds memory.
//
//   OrderedBatchPool<Article, Coded, CoderScratch> pool(threads, 32, work, consume);
//   ... pool.Push(std::move(article)) ...
//   pool.Finish();  // waits for every batch, consumes it, joins the workers
#ifndef DYAD_ORDERED_POOL_H_
#define DYAD_ORDERED_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace dyad {

template <class In, class Out, class Scratch>
class OrderedBatchPool {
 public:
  using Work = std::function<Out(In&&, Scratch*)>;
  using Consume = std::function<void(std::vector<Out>*)>;

  OrderedBatchPool(int threads, size_t batch_size, Work work, Consume consume)
      : batch_size_(batch_size ? batch_size : 1),
        max_in_flight_(static_cast<size_t>(threads > 0 ? threads : 1) * 2),
        work_(std::move(work)),
        consume_(std::move(consume)),
        current_(std::make_shared<Batch>()) {
    for (int i = 0; i < (threads > 0 ? threads : 1); ++i) pool_.emplace_back([this] { Worker(); });
  }
  ~OrderedBatchPool() { Finish(); }
  OrderedBatchPool(const OrderedBatchPool&) = delete;
  OrderedBatchPool& operator=(const OrderedBatchPool&) = delete;

  // Adds an item; may consume finished batches (on this thread).
  void Push(In item) {
    current_->in.push_back(std::move(item));
    if (current_->in.size() >= batch_size_) Submit();
  }

  // Submits the last partial batch, consumes everything, joins the workers.
  // Idempotent.
  void Finish() {
    if (pool_.empty()) return;
    Submit();
    Drain(true);
    {
      std::lock_guard<std::mutex> lock(mu_);
      closing_ = true;
    }
    cv_work_.notify_all();
    for (std::thread& t : pool_) t.join();
    pool_.clear();
  }

 private:
  struct Batch {
    std::vector<In> in;
    std::vector<Out> out;
    bool done = false;
  };

  void Worker() {
    Scratch scratch;
    for (;;) {
      std::shared_ptr<Batch> b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_work_.wait(lock, [&] { return closing_ || !queue_.empty(); });
        if (queue_.empty()) return;
        b = queue_.front();
        queue_.pop_front();
      }
      b->out.reserve(b->in.size());
      for (In& x : b->in) b->out.push_back(work_(std::move(x), &scratch));
      {
        std::lock_guard<std::mutex> lock(mu_);
        b->done = true;
      }
      cv_done_.notify_all();
    }
  }

  void Submit() {
    if (current_->in.empty()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(current_);
      inorder_.push_back(current_);
    }
    cv_work_.notify_one();
    current_ = std::make_shared<Batch>();
    Drain(false);
  }

  // Consumes finished batches at the head of the input order; waits for the
  // head when `wait_all` or when too many batches are in flight.
  void Drain(bool wait_all) {
    for (;;) {
      std::shared_ptr<Batch> b;
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (inorder_.empty()) return;
        if (wait_all || inorder_.size() >= max_in_flight_)
          cv_done_.wait(lock, [&] { return inorder_.front()->done; });
        if (!inorder_.front()->done) return;
        b = inorder_.front();
        inorder_.pop_front();
      }
      consume_(&b->out);
    }
  }

  const size_t batch_size_, max_in_flight_;
  Work work_;
  Consume consume_;
  std::mutex mu_;
  std::condition_variable cv_work_, cv_done_;
  std::deque<std::shared_ptr<Batch>> queue_;    // batches waiting for a worker
  std::deque<std::shared_ptr<Batch>> inorder_;  // every batch in flight, input order
  bool closing_ = false;
  std::shared_ptr<Batch> current_;
  std::vector<std::thread> pool_;
};

}  // namespace dyad

#endif  // DYAD_ORDERED_POOL_H_
