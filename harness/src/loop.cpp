#include "aio/loop.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>

#include "aio/clock.hpp"
#include "aio/heapq.hpp"
#include "aio/task.hpp"

namespace aio::detail {
namespace {
thread_local EventLoop* g_current = nullptr;
// time.get_clock_info('monotonic').resolution on Linux: timers due within 1 ns of now are ready.
constexpr double kClockResolution = 1e-09;
// asyncio.base_events.MAXIMUM_SELECT_TIMEOUT
constexpr double kMaximumSelectTimeout = 24 * 3600;
// select(None) in asyncio: no timer and nothing ready, wait until another thread posts.
constexpr double kWaitForever = std::numeric_limits<double>::infinity();
// asyncio.base_events._MIN_SCHEDULED_TIMER_HANDLES and _MIN_CANCELLED_TIMER_HANDLES_FRACTION
constexpr std::size_t kMinScheduledTimerHandles = 100;
constexpr double kMinCancelledTimerHandlesFraction = 0.5;
// Loops that other threads may still post to (a reader thread can outlive its loop).
std::mutex g_alive_mutex;
std::vector<EventLoop*> g_alive;

// A hint: load the cache lines around a Callable. For a task that is its coroutine frame (the
// resume pointer 16 bytes before the promise, the promise's fields after it).
inline void prefetch_frame_of(const Callable* target) {
    const char* p = reinterpret_cast<const char*>(target);
    __builtin_prefetch(p - 16);
    __builtin_prefetch(p + 48);
    __builtin_prefetch(p + 112);
}
}  // namespace

EventLoop::EventLoop(const RunOptions& options) : options_(options), previous_(g_current) {
    g_current = this;
    std::lock_guard lock(g_alive_mutex);
    g_alive.push_back(this);
}

EventLoop::~EventLoop() {
    {
        std::lock_guard lock(g_alive_mutex);
        g_alive.erase(std::find(g_alive.begin(), g_alive.end(), this));
    }
    clear_queues();
    for (Handle h : threadsafe_) h.target->release();
    g_current = previous_;
}

bool EventLoop::post_if_alive(EventLoop* loop, Handle handle) {
    std::lock_guard lock(g_alive_mutex);
    if (std::find(g_alive.begin(), g_alive.end(), loop) == g_alive.end()) return false;
    loop->call_soon_threadsafe(handle);
    return true;
}

EventLoop* EventLoop::current() noexcept { return g_current; }

EventLoop& EventLoop::running() {
    if (!g_current) throw NoRunningLoopError("실행 중인 이벤트 루프가 없습니다 (aio::run 안에서 부르세요)");
    return *g_current;
}

double EventLoop::time() const { return clock::now(); }

void EventLoop::call_soon(Callable* target, std::uint32_t token) {
    target->retain();
    ready_.push_back(Handle{target, token});
}

void EventLoop::call_at(double when, Callable* target, std::uint32_t token) {
    target->retain();
    heapq::push(scheduled_, Timer{when, Handle{target, token}}, TimerLess{});
}

void EventLoop::timer_handle_cancelled(double when) {
    // asyncio counts only a handle that is still scheduled. Step 4 pops every timer due before
    // end_time, and nothing cancels a timer during the iteration that queued it (a task cancels
    // its sleep's timer when it next runs), so "still scheduled" is exactly "not due before the
    // current end_time".
    if (when >= end_time_) ++timer_cancelled_count_;
}

void EventLoop::call_soon_threadsafe(Handle handle) {
    {
        std::lock_guard lock(threadsafe_mutex_);
        threadsafe_.push_back(handle);
        threadsafe_pending_.store(true, std::memory_order_release);
    }
    threadsafe_cv_.notify_one();
}

void EventLoop::run_until_stopped() {
    stopping_ = false;
    while (true) {
        run_once();
        if (stopping_) break;
    }
    stopping_ = false;
}

void EventLoop::run_once() {
    ++iteration_;
    // 1. Cancelled timers at the head never make the clock move. When more than half of over 100
    //    timers are cancelled, asyncio drops them all and rebuilds the heap instead; the two ways
    //    leave timers with equal deadlines in different orders, so we follow the same rule.
    if (scheduled_.size() > kMinScheduledTimerHandles &&
        double(timer_cancelled_count_) / double(scheduled_.size()) > kMinCancelledTimerHandlesFraction) {
        drop_cancelled_timers();
    } else {
        while (!scheduled_.empty() && !scheduled_.front().handle.target->live(scheduled_.front().handle.token)) {
            --timer_cancelled_count_;
            heapq::pop(scheduled_, TimerLess{}).handle.target->release();
        }
    }

    // 2. The select timeout (asyncio's None, wait until something arrives, is kWaitForever).
    double timeout = kWaitForever;
    if (!ready_.empty() || stopping_ || threadsafe_pending_.load(std::memory_order_acquire)) timeout = 0.0;
    if (timeout == kWaitForever && !scheduled_.empty()) {
        double when = scheduled_.front().when;
        if (clock::is_virtual() && when > options_.virtual_time_limit) {
            throw VirtualTimeLimitError(
                fmt::format("가상 시간 제한(virtual time limit) {:g}초에 걸렸습니다: 다음 타이머가 {:.3f}초에 "
                            "있습니다. 남은 작업:\n{}",
                            options_.virtual_time_limit, when, describe_pending_tasks()));
        }
        timeout = std::min(std::max(0.0, when - time()), kMaximumSelectTimeout);
    }
    if (timeout == kWaitForever && external_waits_ == 0) raise_deadlock();

    // 3. Select.
    select(timeout);

    // 4. Timers due before now + resolution become ready, in heap-pop order (cancelled ones too:
    //    asyncio skips them when it runs the ready queue, and does not uncount them).
    const double end_time = time() + kClockResolution;
    end_time_ = end_time;
    while (!scheduled_.empty()) {
        if (scheduled_.front().when >= end_time) break;
        ready_.push_back(heapq::pop(scheduled_, TimerLess{}).handle);
    }
    // Not part of asyncio: every iteration starts by reading the head timer's target (step 1's
    // live()). With a million tasks that is a coroutine frame far away in memory, so start
    // loading the targets of the next two timers to fire now: the head, and the smaller of its
    // children, which is the head after the next pop (bench/gather_bench).
    if (!scheduled_.empty()) prefetch_frame_of(scheduled_.front().handle.target);
    if (scheduled_.size() > 2) {
        const Timer& a = scheduled_[1];
        const Timer& b = scheduled_[2];
        prefetch_frame_of((TimerLess{}(b, a) ? b : a).handle.target);
    }

    // 5. Run exactly what is ready now; anything scheduled meanwhile waits for the next pass.
    const std::size_t ntodo = ready_.size();
    for (std::size_t i = 0; i < ntodo; ++i) {
        run_handle(ready_.pop_front());
    }
}

// asyncio: keep the live timers in their current array order, then heapq.heapify.
void EventLoop::drop_cancelled_timers() {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < scheduled_.size(); ++i) {
        const Timer t = scheduled_[i];
        if (t.handle.target->live(t.handle.token)) scheduled_[kept++] = t;
        else t.handle.target->release();
    }
    scheduled_.truncate(kept);
    heapq::heapify(scheduled_, TimerLess{});
    timer_cancelled_count_ = 0;
}

void EventLoop::run_handle(Handle h) {
    struct Release {
        Callable* c;
        ~Release() { c->release(); }
    } release{h.target};
    if (!h.target->live(h.token)) return;
    if (options_.step_limit && ++steps_ > options_.step_limit) {
        throw StepLimitError(fmt::format("단계 제한(step limit)에 걸렸습니다: {1:.3f}초까지 이벤트 루프가 콜백을 {0}번 "
                                         "실행하고도 끝나지 않았습니다 (끝나지 않는 반복문?). 남은 작업:\n{2}",
                                         options_.step_limit, time(), describe_pending_tasks()));
    }
    h.target->fire(h.token);
}

void EventLoop::select(double timeout) {
    if (clock::is_virtual()) {
        if (timeout != kWaitForever && timeout > 0) clock::detail::advance_loop_time(timeout);
        if (external_waits_ == 0) return;
    }
    wait_for_threadsafe(timeout);
}

void EventLoop::wait_for_threadsafe(double timeout) {
    std::unique_lock lock(threadsafe_mutex_);
    if (!clock::is_virtual()) {
        auto ready = [this] { return !threadsafe_.empty(); };
        if (timeout == kWaitForever) {
            threadsafe_cv_.wait(lock, ready);
        } else if (timeout > 0) {
            threadsafe_cv_.wait_for(lock, std::chrono::duration<double>(timeout), ready);
        }
    } else if (timeout == kWaitForever) {
        // Virtual clock, nothing scheduled, but a reader thread will deliver: wait for it.
        threadsafe_cv_.wait(lock, [this] { return !threadsafe_.empty(); });
    }
    for (Handle h : threadsafe_) ready_.push_back(h);
    threadsafe_.clear();
    threadsafe_pending_.store(false, std::memory_order_relaxed);
}

void EventLoop::clear_queues() {
    while (!ready_.empty()) ready_.pop_front().target->release();
    for (Timer& t : scheduled_) t.handle.target->release();
    scheduled_.clear();
    timer_cancelled_count_ = 0;
}

void EventLoop::link_task(PromiseBase* task) {
    task->prev_pending = pending_tail_;
    task->next_pending = nullptr;
    if (pending_tail_) pending_tail_->next_pending = task;
    else pending_head_ = task;
    pending_tail_ = task;
}

void EventLoop::unlink_task(PromiseBase* task) {
    if (task->prev_pending) task->prev_pending->next_pending = task->next_pending;
    else if (pending_head_ == task) pending_head_ = task->next_pending;
    else return;  // not linked
    if (task->next_pending) task->next_pending->prev_pending = task->prev_pending;
    else pending_tail_ = task->prev_pending;
    task->prev_pending = task->next_pending = nullptr;
}

std::string EventLoop::describe_pending_tasks() const {
    std::string out;
    int count = 0;
    for (PromiseBase* t = pending_head_; t; t = t->next_pending) {
        if (++count > 20) {
            out += "  ...\n";
            break;
        }
        out += "  ";
        t->describe(out);
        switch (t->waiting()) {
            case PromiseBase::Wait::timer:
                out += fmt::format(": {:.3f}초까지 sleep 중", t->sleeping_until());
                break;
            case PromiseBase::Wait::future:
                out += ": 기다리는 중 → ";
                if (t->waiting_on()) t->waiting_on()->describe(out);
                break;
            case PromiseBase::Wait::none:
                out += t->started() ? ": 실행 대기 중" : ": 아직 시작 전";
                break;
        }
        out += '\n';
    }
    return out;
}

void EventLoop::raise_deadlock() const {
    throw DeadlockError(fmt::format(
        "교착 상태(deadlock): {:.3f}초에 모든 작업이 무언가를 기다리는데, 깨워 줄 타이머도 입력도 없습니다. "
        "멈춘 작업:\n{}",
        time(),
        describe_pending_tasks()));
}

}  // namespace aio::detail

double aio::loop_time() { return detail::EventLoop::running().time(); }
