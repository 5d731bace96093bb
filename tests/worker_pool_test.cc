// WorkerPool (runtime/worker_pool.h): work runs off the loop thread, Done()
// runs on it in completion order, in-flight work keeps ev_run() going, and
// threads appear only on the first Submit().
#include "runtime/worker_pool.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <thread>
#include <vector>

namespace kiln {
namespace {

class FnWork : public WorkerPool::Work {
 public:
  FnWork(std::function<void()> run, std::function<void()> done)
      : run_(std::move(run)), done_(std::move(done)) {}
  void Run() override {
    run_thread = std::this_thread::get_id();
    run_();
  }
  void Done() override {
    done_();
    delete this;
  }
  std::thread::id run_thread;

 private:
  std::function<void()> run_, done_;
};

struct Loop {
  Loop() : loop(ev_loop_new(EVFLAG_AUTO)) {}
  ~Loop() { ev_loop_destroy(loop); }
  struct ev_loop* loop;
};

TEST(WorkerPool, NoThreadsUntilFirstSubmit) {
  Loop l;
  WorkerPool pool(l.loop, 3);
  EXPECT_EQ(pool.threads(), 0u);
  bool done = false;
  pool.Submit(new FnWork([] {}, [&] { done = true; }));
  EXPECT_EQ(pool.threads(), 3u);
  EXPECT_FALSE(done);  // never from inside Submit()
  ev_run(l.loop, 0);
  EXPECT_TRUE(done);
}

TEST(WorkerPool, IdlePoolDoesNotKeepLoopAlive) {
  Loop l;
  WorkerPool pool(l.loop, 2);
  // Returns at once: the async watcher is unref'd while nothing is in flight.
  EXPECT_FALSE(ev_run(l.loop, 0));
  bool done = false;
  pool.Submit(new FnWork([] {}, [&] { done = true; }));
  ev_run(l.loop, 0);
  EXPECT_TRUE(done);
  EXPECT_EQ(pool.in_flight(), 0u);
  EXPECT_FALSE(ev_run(l.loop, 0));
}

TEST(WorkerPool, RunsOffLoopThreadDoneOnLoopThread) {
  Loop l;
  WorkerPool pool(l.loop, 2);
  std::thread::id main_id = std::this_thread::get_id();
  std::thread::id run_id, done_id;
  pool.Submit(new FnWork([&] { run_id = std::this_thread::get_id(); },
                         [&] { done_id = std::this_thread::get_id(); }));
  ev_run(l.loop, 0);
  EXPECT_NE(run_id, main_id);
  EXPECT_EQ(done_id, main_id);
}

TEST(WorkerPool, PendingWorkKeepsLoopAlive) {
  Loop l;
  WorkerPool pool(l.loop, 1);
  bool done = false;
  pool.Submit(new FnWork([] { usleep(100 * 1000); }, [&] { done = true; }));
  auto start = std::chrono::steady_clock::now();
  ev_run(l.loop, 0);  // must wait for the slow work
  EXPECT_TRUE(done);
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(90));
}

TEST(WorkerPool, DoneInCompletionOrder) {
  Loop l;
  WorkerPool pool(l.loop, 4);
  std::vector<int> order;
  // Submitted 0..3, finishing 3, 2, 1, 0.
  for (int i = 0; i < 4; i++) {
    pool.Submit(new FnWork([i] { usleep((4 - i) * 40 * 1000); },
                           [i, &order] { order.push_back(i); }));
  }
  ev_run(l.loop, 0);
  EXPECT_EQ(order, (std::vector<int>{3, 2, 1, 0}));
}

TEST(WorkerPool, ManyItemsAllDoneOnce) {
  Loop l;
  WorkerPool pool(l.loop, 4);
  std::atomic<int> ran{0};
  int done = 0;
  for (int i = 0; i < 10000; i++) pool.Submit(new FnWork([&] { ran++; }, [&] { done++; }));
  EXPECT_EQ(pool.in_flight(), 10000u);
  ev_run(l.loop, 0);
  EXPECT_EQ(ran.load(), 10000);
  EXPECT_EQ(done, 10000);
}

TEST(WorkerPool, DoneMaySubmitMore) {
  Loop l;
  WorkerPool pool(l.loop, 2);
  int chain = 0;
  std::function<void()> next = [&] {
    if (++chain < 50) pool.Submit(new FnWork([] {}, next));
  };
  pool.Submit(new FnWork([] {}, next));
  ev_run(l.loop, 0);
  EXPECT_EQ(chain, 50);
  EXPECT_EQ(pool.in_flight(), 0u);
}

TEST(WorkerPool, ThreadCountIsBounded) {
  Loop l;
  WorkerPool pool(l.loop, 2);
  std::atomic<int> running{0}, peak{0};
  for (int i = 0; i < 8; i++) {
    pool.Submit(new FnWork(
        [&] {
          int now = ++running;
          int p = peak.load();
          while (now > p && !peak.compare_exchange_weak(p, now)) {}
          usleep(20 * 1000);
          running--;
        },
        [] {}));
  }
  ev_run(l.loop, 0);
  EXPECT_EQ(peak.load(), 2);
}

TEST(WorkerPool, SizeFromEnvironment) {
  unsetenv("UV_THREADPOOL_SIZE");
  EXPECT_EQ(WorkerPool::SizeFromEnvironment(), 4);
  setenv("UV_THREADPOOL_SIZE", "7", 1);
  EXPECT_EQ(WorkerPool::SizeFromEnvironment(), 7);
  setenv("UV_THREADPOOL_SIZE", "0", 1);
  EXPECT_EQ(WorkerPool::SizeFromEnvironment(), 1);
  setenv("UV_THREADPOOL_SIZE", "5000", 1);
  EXPECT_EQ(WorkerPool::SizeFromEnvironment(), 1024);
  setenv("UV_THREADPOOL_SIZE", "", 1);
  EXPECT_EQ(WorkerPool::SizeFromEnvironment(), 4);

  // Read at the first Submit(), not at construction.
  Loop l;
  unsetenv("UV_THREADPOOL_SIZE");
  WorkerPool pool(l.loop);
  setenv("UV_THREADPOOL_SIZE", "3", 1);
  pool.Submit(new FnWork([] {}, [] {}));
  EXPECT_EQ(pool.threads(), 3u);
  ev_run(l.loop, 0);
  unsetenv("UV_THREADPOOL_SIZE");
}

TEST(WorkerPool, DestroyWithQueuedWork) {
  Loop l;
  std::atomic<int> ran{0};
  std::atomic<bool> started{false};
  {
    WorkerPool pool(l.loop, 1);
    pool.Submit(new FnWork([&] { started = true; usleep(50 * 1000); ran++; }, [] {}));
    for (int i = 0; i < 5; i++) pool.Submit(new FnWork([&] { ran++; }, [] {}));
    while (!started) usleep(1000);
  }  // joins the running item; the rest is dropped
  EXPECT_EQ(ran.load(), 1);
  EXPECT_FALSE(ev_run(l.loop, EVRUN_NOWAIT));
}

}  // namespace
}  // namespace kiln
