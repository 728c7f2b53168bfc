// asyncio.locks: Lock, Event, Condition, Semaphore, BoundedSemaphore, scheduled exactly like
// CPython 3.11's Lib/asyncio/locks.py (read side by side: same names, same order of checks).
// Every blocking method is a coroutine awaited inline, as `await lock.acquire()` is in Python:
//   co_await lock.acquire();  ...  lock.release();
//   auto held = co_await sem.hold();   // `async with sem:` - released when `held` goes out of scope
// A task blocked here waits on a future that names the primitive, so a deadlock message reads
// "  작업 'worker': 기다리는 중 → Semaphore.acquire() (남은 자리가 없음)".
#pragma once
#include <cstddef>
#include <type_traits>
#include <utility>

#include "aio/detail/waiters.hpp"
#include "aio/errors.hpp"
#include "aio/task.hpp"

namespace aio {

namespace detail {
class QueueBase;
}

// What `co_await x.hold()` gives: the `async with x:` block. Its destructor releases x, so the
// primitive is released however the block is left (co_return, an exception, cancellation).
template <class Primitive>
class [[nodiscard]] Held {
public:
    explicit Held(Primitive& p) noexcept : p_(&p) {}
    Held(Held&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    Held& operator=(Held&&) = delete;
    ~Held() {
        if (p_) p_->release();
    }

private:
    Primitive* p_;
};

// asyncio.Lock: FIFO, and a waiter that was woken but cancelled passes the wake-up on.
class Lock {
public:
    Lock() = default;
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;

    task<bool> acquire();
    void release();  // LockNotAcquiredError when not locked
    bool locked() const noexcept { return locked_; }
    task<Held<Lock>> hold();

private:
    void wake_up_first();
    detail::Waiters waiters_;
    bool locked_ = false;
};

// asyncio.Event: set() wakes every waiter; wait() returns at once while the flag is set.
class Event {
public:
    Event() = default;
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;

    bool is_set() const noexcept { return value_; }
    void set();
    void clear() noexcept { value_ = false; }
    task<bool> wait();

private:
    friend class detail::QueueBase;
    // Queue.join() waits on an Event: shown as that, not as Event.wait().
    explicit Event(const char* what) noexcept : what_(what) {}
    detail::Waiters waiters_;
    const char* what_ = "Event.wait() (set() 을 기다림)";
    bool value_ = false;
};

// asyncio.Condition: its own Lock, or one it shares with others.
class Condition {
public:
    Condition() : lock_(&own_lock_) {}
    explicit Condition(Lock& lock) : lock_(&lock) {}
    Condition(const Condition&) = delete;
    Condition& operator=(const Condition&) = delete;

    task<bool> acquire() { return lock_->acquire(); }
    void release() { lock_->release(); }
    bool locked() const noexcept { return lock_->locked(); }
    task<Held<Condition>> hold();

    // Releases the lock, waits for notify(), and re-acquires the lock before returning, also when
    // cancelled (then CancelledError once the lock is held again). LockNotAcquiredError without it.
    task<bool> wait();
    // while not predicate(): wait(). Returns the predicate's last value.
    template <class Predicate>
    task<std::invoke_result_t<Predicate&>> wait_for(Predicate predicate) {
        auto result = predicate();
        while (!result) {
            co_await wait();
            result = predicate();
        }
        co_return result;
    }
    // Wakes up to n waiters (never more than are waiting); needs the lock.
    void notify(std::size_t n = 1);
    void notify_all() { notify(waiters_.size()); }

private:
    Lock own_lock_;
    Lock* lock_;
    detail::Waiters waiters_;
};

// asyncio.Semaphore (3.11.7): acquire() takes the fast path only when no uncancelled task is
// already waiting, so a newcomer never jumps the queue, and a woken waiter that was cancelled
// hands its slot to the next one.
class Semaphore {
public:
    explicit Semaphore(int value = 1);  // ValueError when value < 0
    Semaphore(const Semaphore&) = delete;
    Semaphore& operator=(const Semaphore&) = delete;
    virtual ~Semaphore() = default;

    task<bool> acquire();
    virtual void release();
    // True when acquire() would have to wait.
    bool locked() const noexcept { return value_ == 0 || !waiters_.all_cancelled(); }
    task<Held<Semaphore>> hold();

protected:
    Semaphore(int value, const char* what);
    int value_;

private:
    void wake_up_next();
    detail::Waiters waiters_;
    const char* what_;
};

// asyncio.BoundedSemaphore: release() beyond the initial value raises ValueError.
class BoundedSemaphore : public Semaphore {
public:
    explicit BoundedSemaphore(int value = 1);
    void release() override;

private:
    int bound_value_;
};

}  // namespace aio
