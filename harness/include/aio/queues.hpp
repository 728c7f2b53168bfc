// asyncio.queues: Queue<T>, PriorityQueue<T>, LifoQueue<T>, scheduled exactly like CPython 3.11's
// Lib/asyncio/queues.py. The waiting (getters, putters, unfinished tasks, join) does not depend on
// the item type and lives in detail::QueueBase (queues.cpp); the templates only store items,
// through the same overridable steps as queues.py's _put and _get. put() and get() return
// awaitables (QueuePut, QueueGet) rather than coroutines, so that a put or get costs no frame.
//   aio::Queue<int> q(10);            // maxsize 10; 0 (the default) or less: unbounded
//   co_await q.put(item);  int item = co_await q.get();  q.task_done();  co_await q.join();
#pragma once
#include <coroutine>
#include <cstddef>
#include <deque>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

#include "aio/errors.hpp"
#include "aio/heapq.hpp"
#include "aio/locks.hpp"
#include "aio/task.hpp"

namespace aio {

template <class T>
class Queue;

namespace detail {

class QueueBase {
public:
    QueueBase(const QueueBase&) = delete;
    QueueBase& operator=(const QueueBase&) = delete;

    // len(self._queue), counted here rather than asked of the subclass's container: full() and
    // empty() run on every put and get.
    std::size_t qsize() const noexcept { return size_; }
    int maxsize() const noexcept { return maxsize_; }
    bool empty() const noexcept { return size_ == 0; }
    // Never true for an unbounded queue (maxsize <= 0).
    bool full() const noexcept { return maxsize_ > 0 && size_ >= std::size_t(maxsize_); }

    // ValueError when called more often than items were put.
    void task_done();
    // Until every item put so far has been marked task_done().
    task<void> join();

protected:
    explicit QueueBase(int maxsize);
    virtual ~QueueBase();
    // What put_nowait() does after storing the item, and get_nowait() after taking one.
    void after_put();
    void after_get();

private:
    friend class QueueWait;
    std::size_t size_ = 0;
    int maxsize_;
    Waiters getters_;
    Waiters putters_;
    std::size_t unfinished_tasks_ = 0;
    Event finished_;
};

// The waiting half of `co_await q.put(item)` (for_slot) and `co_await q.get()`: queues.py's
// `while self.full(): await putter` (`while self.empty(): await getter`) without a coroutine
// frame. A busy queue puts and gets once per item, and a frame for each would cost more than the
// rest of the work. The first turn of the loop is await_suspend; every further turn runs at the
// task's wake-up (WaitLoop::wait_again, called by the task's step), where asyncio's task would
// resume the coroutine only for it to find the queue full again and wait on a new future.
class QueueWait : public WaitLoop {
public:
    QueueWait(const QueueWait&) = delete;
    QueueWait& operator=(const QueueWait&) = delete;

    bool await_ready() noexcept {
        awaited_ = true;
        return usable();
    }
    void await_suspend(std::coroutine_handle<> h);
    bool wait_again(PromiseBase& task) override;

protected:
    QueueWait(QueueBase& queue, bool for_slot) noexcept : queue_(&queue), for_slot_(for_slot) {}
    ~QueueWait();
    // The loop's condition: a free slot for put, an item for get.
    bool usable() const noexcept { return for_slot_ ? !queue_->full() : !queue_->empty(); }
    // await_resume, before the item moves: the `except:` branch of queues.py's loop when the
    // task was cancelled while it waited (then CancelledError).
    void end_wait() {
        if (fut_) end_wait_slow();
    }
    // Turned into a task instead of awaited (a call dropped without either warns in ~QueueWait,
    // as Python's "coroutine 'Queue.get' was never awaited").
    void mark_awaited() noexcept { awaited_ = true; }

    QueueBase* queue_;

private:
    void wait(PromiseBase& task);
    void end_wait_slow();
    WaitFuture* fut_ = nullptr;  // the current turn's future (one reference), once it waited
    std::coroutine_handle<> h_{};
    bool for_slot_;
    bool awaited_ = false;
};

// The coroutines that to_task() makes. Named as Python names the coroutine (its __qualname__),
// "Queue.get" and "Queue.put", which is what a task made from one is called in a timeline.
template <class T>
task<T> get(Queue<T>& queue);
template <class T>
task<void> put(Queue<T>& queue, T item);

}  // namespace detail

// What Queue<T>::get() returns: awaited directly it runs in the awaiting task without a frame
// (as a coroutine object would run inline); create_task, gather, wait_for and shield accept it as
// the coroutine call `q.get()` and get a task<T> from to_task().
template <class T>
class [[nodiscard]] QueueGet : public detail::QueueWait {
public:
    using value_type = T;
    explicit QueueGet(Queue<T>& queue) noexcept : QueueWait(queue, false) {}
    T await_resume() {
        end_wait();
        return static_cast<Queue<T>*>(queue_)->get_nowait();
    }
    task<T> to_task() && {
        mark_awaited();
        return detail::get(*static_cast<Queue<T>*>(queue_));
    }
};

// What Queue<T>::put(item) returns; see QueueGet.
template <class T>
class [[nodiscard]] QueuePut : public detail::QueueWait {
public:
    using value_type = void;
    QueuePut(Queue<T>& queue, T&& item) noexcept(std::is_nothrow_move_constructible_v<T>)
        : QueueWait(queue, true), item_(std::move(item)) {}
    void await_resume() {
        end_wait();
        static_cast<Queue<T>*>(queue_)->put_nowait(std::move(item_));
    }
    task<void> to_task() && {
        mark_awaited();
        return detail::put(*static_cast<Queue<T>*>(queue_), std::move(item_));
    }

private:
    T item_;
};

// asyncio.Queue: first in, first out.
template <class T>
class Queue : public detail::QueueBase {
public:
    explicit Queue(int maxsize = 0) : QueueBase(maxsize) {}

    // Waits while the queue is full.
    QueuePut<T> put(T item) { return QueuePut<T>(*this, std::move(item)); }
    // Waits while the queue is empty.
    QueueGet<T> get() { return QueueGet<T>(*this); }
    void put_nowait(T item) {
        if (full()) throw QueueFull();
        put_item(std::move(item));
        after_put();
    }
    T get_nowait() {
        if (empty()) throw QueueEmpty();
        T item = get_item();
        after_get();
        return item;
    }

protected:
    // queues.py's _put and _get.
    virtual void put_item(T&& item) { items_.push_back(std::move(item)); }
    virtual T get_item() {
        T item = std::move(items_.front());
        items_.pop_front();
        return item;
    }
    std::deque<T> items_;
};

namespace detail {
template <class T>
task<T> get_coroutine(Queue<T>& queue) {
    co_return co_await QueueGet<T>(queue);
}
template <class T>
task<T> get(Queue<T>& queue) {
    task<T> t = get_coroutine(queue);
    t.set_name("Queue.get");
    return t;
}
template <class T>
task<void> put_coroutine(Queue<T>& queue, T item) {
    co_await QueuePut<T>(queue, std::move(item));
}
template <class T>
task<void> put(Queue<T>& queue, T item) {
    task<void> t = put_coroutine(queue, std::move(item));
    t.set_name("Queue.put");
    return t;
}
}  // namespace detail

// asyncio.LifoQueue: last in, first out.
template <class T>
class LifoQueue : public Queue<T> {
public:
    explicit LifoQueue(int maxsize = 0) : Queue<T>(maxsize) {}

protected:
    T get_item() override {
        T item = std::move(this->items_.back());
        this->items_.pop_back();
        return item;
    }
};

// asyncio.PriorityQueue: the smallest item (operator<) first, ties broken exactly as Python's
// heapq breaks them, e.g. std::pair<int, std::string>{priority, data} like (priority, data).
template <class T>
class PriorityQueue : public Queue<T> {
public:
    explicit PriorityQueue(int maxsize = 0) : Queue<T>(maxsize) {}

protected:
    void put_item(T&& item) override { heapq::push(heap_, std::move(item), std::less<>{}); }
    T get_item() override { return heapq::pop(heap_, std::less<>{}); }

private:
    std::vector<T> heap_;
};

}  // namespace aio
