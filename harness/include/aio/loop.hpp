// The event loop, shaped like asyncio's BaseEventLoop: a FIFO ready queue plus a timer heap
// (CPython's heapq algorithm), and _run_once that
//   1. drops cancelled timers: all of them and re-heapifies when they are many, else from the head,
//   2. computes the select timeout (0 if anything is ready, else time to the first timer),
//   3. "selects" (virtual: the clock jumps by the timeout; real: waits for it or for another
//      thread's call_soon_threadsafe),
//   4. moves every timer due before now + clock resolution to the ready queue,
//   5. runs exactly the handles that were ready at that point.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "aio/callable.hpp"
#include "aio/detail/buffer_vector.hpp"
#include "aio/detail/ring_queue.hpp"
#include "aio/errors.hpp"

namespace aio {

struct RunOptions {
    // Simulated seconds after which the run stops with VirtualTimeLimitError (virtual clock only).
    double virtual_time_limit = 3600.0;
    // Loop handles after which the run stops with StepLimitError. 0 = unlimited.
    std::uint64_t step_limit = 50'000'000;
    // Record every task's span in the trace (the benchmark turns this off).
    bool record_tasks = true;
    // Print runtime warnings (never-awaited coroutines, pending tasks) to stderr.
    bool warnings_to_stderr = true;
};

namespace detail {
class PromiseBase;

class EventLoop {
public:
    explicit EventLoop(const RunOptions& options);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    static EventLoop* current() noexcept;
    static EventLoop& running();  // throws NoRunningLoopError

    double time() const;
    void call_soon(Callable* target, std::uint32_t token);
    void call_at(double when, Callable* target, std::uint32_t token);
    // asyncio's _timer_handle_cancelled: the timer queued for `when` has just been cancelled (its
    // target's live() turns false for it). Counts it if the timer is still in the heap.
    void timer_handle_cancelled(double when);
    // The same for a timer queued during iteration `queued_in` that may since have left the heap
    // (aio::TimerHandle::cancel): asyncio counts it only while it is still scheduled.
    void timer_handle_cancelled(double when, std::uint64_t queued_in) {
        if (queued_in == iteration_ || when >= end_time_) ++timer_cancelled_count_;
    }
    // Iterations started so far (_run_once calls); step 4 of each pops the timers due.
    std::uint64_t iteration() const noexcept { return iteration_; }
    // From another thread (real-mode input). The target must already be retained for the call.
    void call_soon_threadsafe(Handle handle);
    // Like call_soon_threadsafe, but safe when `loop` may already be gone: returns false then.
    static bool post_if_alive(EventLoop* loop, Handle handle);

    // run_forever until stop() is called (from a done-callback of the main task).
    void run_until_stopped();
    void stop() noexcept { stopping_ = true; }

    // Something outside the loop (a reader thread) will eventually call_soon_threadsafe.
    void external_wait_begin() { ++external_waits_; }
    void external_wait_end() { --external_waits_; }

    PromiseBase* current_task = nullptr;
    std::uint32_t next_task_id = 1;
    const RunOptions& options() const { return options_; }

    // All tasks that are not done yet, in creation order (intrusive list).
    void link_task(PromiseBase* task);
    void unlink_task(PromiseBase* task);
    PromiseBase* first_pending_task() const { return pending_head_; }
    std::string describe_pending_tasks() const;

    // Drop every queued handle (teardown after an error).
    void clear_queues();

private:
    struct Timer {
        double when;
        Handle handle;
    };
    struct TimerLess {
        bool operator()(const Timer& a, const Timer& b) const { return a.when < b.when; }
    };

    void run_once();
    void drop_cancelled_timers();
    void select(double timeout);
    // The part of select that waits for and collects other threads' handles. Out of line: the
    // common virtual-clock pass should not pay for setting up the lock (bench/).
    [[gnu::noinline]] void wait_for_threadsafe(double timeout);
    void run_handle(Handle h);
    [[noreturn]] void raise_deadlock() const;

    RunOptions options_;
    EventLoop* previous_ = nullptr;
    RingQueue<Handle> ready_;
    BufferVector<Timer> scheduled_;
    // asyncio's _timer_cancelled_count: cancelled timers counted while still in the heap.
    std::int64_t timer_cancelled_count_ = 0;
    // The end_time of this iteration's step 4: every timer due before it has left the heap.
    double end_time_ = 0.0;
    std::uint64_t iteration_ = 0;
    bool stopping_ = false;
    std::uint64_t steps_ = 0;
    int external_waits_ = 0;
    PromiseBase* pending_head_ = nullptr;
    PromiseBase* pending_tail_ = nullptr;

    std::mutex threadsafe_mutex_;
    std::condition_variable threadsafe_cv_;
    std::vector<Handle> threadsafe_;
    // threadsafe_ is non-empty. Lets run_once skip the mutex on every pass (a million-task gather
    // makes three million passes; see bench/).
    std::atomic<bool> threadsafe_pending_{false};
};

}  // namespace detail

// asyncio.get_event_loop().time(): the loop's clock in seconds.
double loop_time();

}  // namespace aio
