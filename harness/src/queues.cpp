// asyncio.Queue's waiting, as in CPython 3.11's Lib/asyncio/queues.py.
#include "aio/queues.hpp"

namespace aio::detail {

namespace {

// queues.py _wakeup_next: wake the first waiter that is not done yet, dropping the ones before it
// (cancelled waiters, still in the deque until their task runs).
void wakeup_next(Waiters& waiters) {
    while (!waiters.empty()) {
        WaitFuture* waiter = waiters.pop_front();  // with the deque's reference
        const bool wake = !waiter->done();
        if (wake) waiter->set_result();
        waiter->release();
        if (wake) break;
    }
}

}  // namespace

QueueBase::QueueBase(int maxsize) : maxsize_(maxsize), finished_("Queue.join() (task_done() 을 기다림)") {
    finished_.set();
}

QueueBase::~QueueBase() = default;

// put(): `putter = create_future(); putters.append(putter); try: await putter  except: ...`
task<void> QueueBase::wait_for_slot() {
    WaitRef putter(putters_.append("Queue.put() (큐가 가득 참)"));
    try {
        co_await WaitOn(putter.get());
    } catch (const CancelledError&) {
        // queues.py first cancels the putter "just in case it is not done yet"; an await on it
        // only raises once it is done, so that cancel() never does anything and is left out.
        putters_.remove(putter.get());  // may be gone already: popped by the get that woke us
        // Woken by a get, but cancelled before we could use the slot: pass the wake-up on.
        if (!full() && !putter->cancelled()) wakeup_next(putters_);
        throw;
    }
}

task<void> QueueBase::wait_for_item() {
    WaitRef getter(getters_.append("Queue.get() (큐가 비어 있음)"));
    try {
        co_await WaitOn(getter.get());
    } catch (const CancelledError&) {
        getters_.remove(getter.get());
        if (!empty() && !getter->cancelled()) wakeup_next(getters_);
        throw;
    }
}

void QueueBase::after_put() {
    ++unfinished_tasks_;
    finished_.clear();
    wakeup_next(getters_);
}

void QueueBase::after_get() { wakeup_next(putters_); }

void QueueBase::task_done() {
    if (unfinished_tasks_ == 0)
        throw ValueError("ValueError: task_done() 를 넣은 항목 수보다 많이 불렀습니다 (task_done() called too many times)");
    if (--unfinished_tasks_ == 0) finished_.set();
}

task<void> QueueBase::join() {
    if (unfinished_tasks_ > 0) co_await finished_.wait();
}

}  // namespace aio::detail
