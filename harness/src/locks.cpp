// asyncio.locks, method by method as in CPython 3.11.7's Lib/asyncio/locks.py. Python's
// `try: await fut  finally: waiters.remove(fut)` becomes a catch that removes and rethrows plus
// the same removal after the await: the only exception an await on a waiter future raises is
// CancelledError (a primitive never sets an exception on it).
#include "aio/locks.hpp"

#include <exception>

namespace aio {

using detail::WaitOn;
using detail::WaitRef;

// ---- Lock -------------------------------------------------------------------------------------

task<bool> Lock::acquire() {
    if (!locked_ && waiters_.all_cancelled()) {
        locked_ = true;
        co_return true;
    }
    WaitRef fut(waiters_.append("Lock.acquire() (다른 작업이 잠금을 쥐고 있음)"));
    try {
        co_await WaitOn(fut.get());
    } catch (const CancelledError&) {
        waiters_.remove(fut.get());
        // Woken by release() but cancelled before it could take the lock: wake the next one,
        // or nobody would ever take it.
        if (!locked_) wake_up_first();
        throw;
    }
    waiters_.remove(fut.get());
    locked_ = true;
    co_return true;
}

void Lock::release() {
    if (!locked_) throw LockNotAcquiredError("RuntimeError: 잠겨 있지 않은 Lock 을 release() 했습니다 (Lock is not acquired.)");
    locked_ = false;
    wake_up_first();
}

// Only the first waiter: if it is already done, it will wake up and either take the lock or,
// cancelled, come back here for the next one.
void Lock::wake_up_first() {
    if (waiters_.empty()) return;
    detail::WaitFuture* fut = waiters_.front();
    if (!fut->done()) fut->set_result();
}

task<Held<Lock>> Lock::hold() {
    co_await acquire();
    co_return Held<Lock>(*this);
}

// ---- Event ------------------------------------------------------------------------------------

void Event::set() {
    if (value_) return;
    value_ = true;
    for (detail::WaitFuture* fut : waiters_)
        if (!fut->done()) fut->set_result();
}

task<bool> Event::wait() {
    if (value_) co_return true;
    WaitRef fut(waiters_.append(what_));
    try {
        co_await WaitOn(fut.get());
    } catch (const CancelledError&) {
        waiters_.remove(fut.get());
        throw;
    }
    waiters_.remove(fut.get());
    co_return true;
}

// ---- Condition --------------------------------------------------------------------------------

task<Held<Condition>> Condition::hold() {
    co_await acquire();
    co_return Held<Condition>(*this);
}

task<bool> Condition::wait() {
    if (!locked()) throw LockNotAcquiredError("RuntimeError: Lock 을 잡지 않고 Condition.wait() 를 불렀습니다 (cannot wait on un-acquired lock)");
    release();
    // The outer `finally:` must re-acquire the lock even when the wait was cancelled, and C++
    // cannot co_await in a handler: keep the exception, re-acquire, then rethrow.
    std::exception_ptr error;
    {
        WaitRef fut(waiters_.append("Condition.wait() (notify() 를 기다림)"));
        try {
            co_await WaitOn(fut.get());
        } catch (const CancelledError&) {
            error = std::current_exception();
        }
        waiters_.remove(fut.get());
    }
    bool cancelled = false;
    while (true) {
        try {
            co_await acquire();
            break;
        } catch (const CancelledError&) {
            cancelled = true;
        }
    }
    if (cancelled) throw CancelledError();
    if (error) std::rethrow_exception(error);
    co_return true;
}

void Condition::notify(std::size_t n) {
    if (!locked()) throw LockNotAcquiredError("RuntimeError: Lock 을 잡지 않고 Condition.notify() 를 불렀습니다 (cannot notify on un-acquired lock)");
    std::size_t idx = 0;
    for (detail::WaitFuture* fut : waiters_) {
        if (idx >= n) break;
        if (!fut->done()) {
            ++idx;
            fut->set_result();
        }
    }
}

// ---- Semaphore, BoundedSemaphore ----------------------------------------------------------------

Semaphore::Semaphore(int value) : Semaphore(value, "Semaphore.acquire() (남은 자리가 없음)") {}

Semaphore::Semaphore(int value, const char* what) : value_(value), what_(what) {
    if (value < 0) throw ValueError("ValueError: Semaphore 의 초깃값은 0 이상이어야 합니다 (Semaphore initial value must be >= 0)");
}

task<bool> Semaphore::acquire() {
    if (!locked()) {
        --value_;
        co_return true;
    }
    WaitRef fut(waiters_.append(what_));
    try {
        co_await WaitOn(fut.get());
    } catch (const CancelledError&) {
        waiters_.remove(fut.get());
        // Woken (wake_up_next already counted the slot as ours) but cancelled: give it back.
        if (!fut->cancelled()) {
            ++value_;
            wake_up_next();
        }
        throw;
    }
    waiters_.remove(fut.get());
    if (value_ > 0) wake_up_next();
    co_return true;
}

void Semaphore::release() {
    ++value_;
    wake_up_next();
}

// The first waiter that is not done yet gets the slot now (value_ drops at wake-up, not when it
// runs), so a task calling acquire() in between finds locked() and queues behind it.
void Semaphore::wake_up_next() {
    for (detail::WaitFuture* fut : waiters_) {
        if (!fut->done()) {
            --value_;
            fut->set_result();
            return;
        }
    }
}

task<Held<Semaphore>> Semaphore::hold() {
    co_await acquire();
    co_return Held<Semaphore>(*this);
}

BoundedSemaphore::BoundedSemaphore(int value)
    : Semaphore(value, "BoundedSemaphore.acquire() (남은 자리가 없음)"), bound_value_(value) {}

void BoundedSemaphore::release() {
    if (value_ >= bound_value_)
        throw ValueError("ValueError: BoundedSemaphore 를 acquire 한 횟수보다 많이 release() 했습니다 (BoundedSemaphore released too many times)");
    Semaphore::release();
}

}  // namespace aio
