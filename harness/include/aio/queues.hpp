// asyncio.queues: Queue<T>, PriorityQueue<T>, LifoQueue<T>, scheduled exactly like CPython 3.11's
// Lib/asyncio/queues.py. The waiting (getters, putters, unfinished tasks, join) does not depend on
// the item type and lives in detail::QueueBase (queues.cpp); the templates only store items,
// through the same overridable steps as queues.py's _put and _get.
//   aio::Queue<int> q(10);            // maxsize 10; 0 (the default) or less: unbounded
//   co_await q.put(item);  int item = co_await q.get();  q.task_done();  co_await q.join();
#pragma once
#include <coroutine>
#include <cstddef>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "aio/errors.hpp"
#include "aio/heapq.hpp"
#include "aio/locks.hpp"
#include "aio/task.hpp"

namespace aio {
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
    // One turn of put()'s `while self.full():` loop (wait for a getter to free a slot) or of
    // get()'s `while self.empty():` loop (wait for a putter to bring an item). An awaitable, not a
    // coroutine: a busy queue waits about once per item, and a frame each time would show.
    class Wait {
    public:
        Wait(QueueBase& queue, bool for_slot) noexcept : queue_(&queue), for_slot_(for_slot) {}
        Wait(const Wait&) = delete;
        Wait& operator=(const Wait&) = delete;
        ~Wait();
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> h);
        void await_resume();  // the `except:` branch of queues.py's loop, then CancelledError

    private:
        QueueBase* queue_;
        WaitOn on_{nullptr};  // holds a reference to its future once suspended
        bool for_slot_;
    };
    Wait wait_for_slot() noexcept { return Wait(*this, true); }
    Wait wait_for_item() noexcept { return Wait(*this, false); }
    // What put_nowait() does after storing the item, and get_nowait() after taking one.
    void after_put();
    void after_get();

private:
    std::size_t size_ = 0;
    int maxsize_;
    Waiters getters_;
    Waiters putters_;
    std::size_t unfinished_tasks_ = 0;
    Event finished_;
};

}  // namespace detail

// asyncio.Queue: first in, first out.
template <class T>
class Queue : public detail::QueueBase {
public:
    explicit Queue(int maxsize = 0) : QueueBase(maxsize) {}

    // Waits while the queue is full.
    task<void> put(T item) {
        while (full()) co_await wait_for_slot();
        put_nowait(std::move(item));
    }
    // Waits while the queue is empty.
    task<T> get() {
        while (empty()) co_await wait_for_item();
        co_return get_nowait();
    }
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
