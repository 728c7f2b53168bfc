// What asyncio's locks and queues wait on: a future per waiting task (loop.create_future() in
// locks.py and queues.py) kept in a collections.deque. The primitive completes the future with
// set_result, whose done-callback resumes the task one loop iteration later, exactly as in
// CPython; Task::cancel() cancels the future the task waits on, also as in CPython.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "aio/detail/memory.hpp"
#include "aio/future.hpp"
#include "aio/task.hpp"

namespace aio::detail {

// A wait in a loop (`while not condition: await fut`) whose later turns the runtime runs at the
// task's wake-up, without resuming the coroutine (queues.hpp's QueueWait; PromiseBase::step).
class WaitLoop {
public:
    // Called by the woken task's step instead of resuming the coroutine: true when the loop's
    // condition still fails and it waits on a new future (task.suspend_on_loop), false to resume.
    virtual bool wait_again(PromiseBase& task) = 0;

protected:
    ~WaitLoop() = default;
};

// A pending future whose result nobody reads (the primitive's own state says what happened).
// It describes itself as what its task is doing ("Queue.get() (큐가 비어 있음)"): the deadlock and
// time-limit messages list a stuck task as "  작업 'x': 기다리는 중 → <that text>".
class WaitFuture final : public FutureBase {
public:
    explicit WaitFuture(const char* what) noexcept : what_(what) {}
    // From the frame pool, like the tasks that wait on them: a busy queue makes one per wait.
    static void* operator new(std::size_t size) { return allocate_frame(size); }
    static void operator delete(void* p, std::size_t size) noexcept { deallocate_frame(p, size); }

    void set_result() { complete(nullptr); }
    void fire(std::uint32_t) override {}  // only ever a future, never a callback target
    void describe(std::string& out) const override { out += what_; }
    // Its primitive was destroyed while this task still waited (asyncio.run cancelling the
    // leftover tasks after the function that owned a Queue returned): the cancelled waiter must
    // then leave without touching the primitive, which Python would have kept alive.
    bool orphaned() const noexcept { return orphaned_; }
    // The loop this future is one turn of, if any (see WaitLoop).
    WaitLoop* loop() const noexcept { return loop_; }
    void set_loop(WaitLoop* loop) noexcept { loop_ = loop; }

private:
    friend class Waiters;
    const char* what_;  // a string literal
    WaitLoop* loop_ = nullptr;
    // Links of the one Waiters deque this future is in (both null and not `linked_` once out).
    WaitFuture* prev_ = nullptr;
    WaitFuture* next_ = nullptr;
    bool linked_ = false;
    bool orphaned_ = false;
};

// An owning reference to a WaitFuture (the waiting coroutine keeps its future alive after the
// primitive has dropped it from its deque).
class WaitRef {
public:
    explicit WaitRef(WaitFuture* f) noexcept : f_(f) { f_->retain(); }
    WaitRef(const WaitRef&) = delete;
    WaitRef& operator=(const WaitRef&) = delete;
    ~WaitRef() { f_->release(); }
    WaitFuture* get() const noexcept { return f_; }
    WaitFuture* operator->() const noexcept { return f_; }

private:
    WaitFuture* f_;
};

// The primitive's collections.deque of waiter futures, holding one reference to each. An
// intrusive list: a busy queue appends and removes a future per wait, and removal by identity
// (deque.remove) is then O(1).
class Waiters {
public:
    class iterator {
    public:
        explicit iterator(WaitFuture* f) noexcept : f_(f) {}
        WaitFuture* operator*() const noexcept { return f_; }
        iterator& operator++() noexcept {
            f_ = f_->next_;
            return *this;
        }
        bool operator!=(const iterator& o) const noexcept { return f_ != o.f_; }

    private:
        WaitFuture* f_;
    };

    Waiters() = default;
    Waiters(const Waiters&) = delete;
    Waiters& operator=(const Waiters&) = delete;
    ~Waiters();

    bool empty() const noexcept { return size_ == 0; }
    std::size_t size() const noexcept { return size_; }
    iterator begin() const noexcept { return iterator(head_); }
    iterator end() const noexcept { return iterator(nullptr); }
    WaitFuture* front() const noexcept { return head_; }

    // fut = loop.create_future(); waiters.append(fut)
    WaitFuture* append(const char* what);
    // waiters.remove(fut), except that a future no longer there is no error (queues.py catches
    // that ValueError; locks.py never lets it happen).
    void remove(WaitFuture* f) noexcept;
    // waiters.popleft(): the deque's reference passes to the caller.
    WaitFuture* pop_front() noexcept;
    // all(w.cancelled() for w in waiters)
    bool all_cancelled() const noexcept;

private:
    void unlink(WaitFuture* f) noexcept;
    WaitFuture* head_ = nullptr;
    WaitFuture* tail_ = nullptr;
    std::size_t size_ = 0;
};

// `await fut` on a waiter future from the current task: raises CancelledError when the task was
// cancelled while waiting (the future is cancelled) or after it was woken (a pending cancel).
struct WaitOn : FutureAwaiterBase<WaitOn> {
    explicit WaitOn(WaitFuture* f) noexcept { future = f; }
    void await_resume() { check_cancel(); }
};

}  // namespace aio::detail
