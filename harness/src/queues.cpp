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

// One turn of the loop: `putter = create_future(); putters.append(putter); await putter` (and
// get()'s with a getter).
void QueueWait::wait(PromiseBase& task) {
    Waiters& waiters = for_slot_ ? queue_->putters_ : queue_->getters_;
    WaitFuture* fut = waiters.append(for_slot_ ? "Queue.put() (큐가 가득 참)" : "Queue.get() (큐가 비어 있음)");
    fut->retain();  // ours, released by the next turn or by ~QueueWait
    if (fut_) fut_->release();
    fut_ = fut;
    fut->set_loop(this);
    task.suspend_on_loop(*fut, h_);
}

void QueueWait::await_suspend(std::coroutine_handle<> h) {
    h_ = h;
    wait(PromiseBase::current());
}

// The task was woken (a get freed a slot, a put brought an item), and in asyncio it would now
// resume in the loop and test the condition again: another task may have taken the slot or item
// since. Cancelled (or its queue gone), it resumes to raise.
bool QueueWait::wait_again(PromiseBase& task) {
    if (fut_->cancelled() || fut_->orphaned() || usable()) return false;
    wait(task);
    return true;
}

void QueueWait::end_wait_slow() {
    try {
        PromiseBase::current().throw_if_cancel_requested();
        if (fut_->cancelled()) fut_->throw_cancelled();
    } catch (const CancelledError&) {
        // queues.py first cancels the waiter "just in case it is not done yet"; an await on it
        // only raises once it is done, so that cancel() never does anything and is left out.
        if (fut_->orphaned()) throw;  // the queue is gone (see WaitFuture::orphaned)
        Waiters& waiters = for_slot_ ? queue_->putters_ : queue_->getters_;
        waiters.remove(fut_);  // may be gone already: popped by the put or get that woke us
        // Woken by a get (put), but cancelled before we could use the slot (item): pass it on.
        if (usable() && !fut_->cancelled()) wakeup_next(waiters);
        throw;
    }
}

QueueWait::~QueueWait() {
    if (fut_) fut_->release();
    if (!awaited_) warn_never_awaited(for_slot_ ? "Queue.put" : "Queue.get");
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
