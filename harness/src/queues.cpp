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

// put(): `putter = create_future(); putters.append(putter); try: await putter  except: ...`, and
// get() the same with a getter.
void QueueBase::Wait::await_suspend(std::coroutine_handle<> h) {
    Waiters& waiters = for_slot_ ? queue_->putters_ : queue_->getters_;
    WaitFuture* fut = waiters.append(for_slot_ ? "Queue.put() (큐가 가득 참)" : "Queue.get() (큐가 비어 있음)");
    fut->retain();  // ours, released by ~Wait
    on_.future = fut;
    on_.await_suspend(h);
}

void QueueBase::Wait::await_resume() {
    try {
        on_.await_resume();
    } catch (const CancelledError&) {
        // queues.py first cancels the waiter "just in case it is not done yet"; an await on it
        // only raises once it is done, so that cancel() never does anything and is left out.
        auto* fut = static_cast<WaitFuture*>(on_.future);
        Waiters& waiters = for_slot_ ? queue_->putters_ : queue_->getters_;
        waiters.remove(fut);  // may be gone already: popped by the put or get that woke us
        // Woken by a get (put), but cancelled before we could use the slot (item): pass it on.
        const bool usable = for_slot_ ? !queue_->full() : !queue_->empty();
        if (usable && !fut->cancelled()) wakeup_next(waiters);
        throw;
    }
}

QueueBase::Wait::~Wait() {
    if (on_.future) on_.future->release();
}

void QueueBase::after_put() {
    ++size_;
    ++unfinished_tasks_;
    finished_.clear();
    wakeup_next(getters_);
}

void QueueBase::after_get() {
    --size_;
    wakeup_next(putters_);
}

void QueueBase::task_done() {
    if (unfinished_tasks_ == 0)
        throw ValueError("ValueError: task_done() 를 넣은 항목 수보다 많이 불렀습니다 (task_done() called too many times)");
    if (--unfinished_tasks_ == 0) finished_.set();
}

task<void> QueueBase::join() {
    if (unfinished_tasks_ > 0) co_await finished_.wait();
}

}  // namespace aio::detail
