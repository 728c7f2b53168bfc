// asyncio.wait and asyncio.as_completed (tasks.py), on tasks already scheduled.
//
//   auto [done, pending] = co_await aio::wait(tasks, 2.0, aio::FIRST_COMPLETED);
//   for (auto next : aio::as_completed(tasks, 5.0)) {   // in completion order
//       int r = co_await next;                           // raises TimeoutError at the deadline
//   }
//
// asyncio returns sets; here done/pending are vectors in the order of `tasks` (duplicates
// dropped), and as_completed hands out as many awaitables as there are distinct tasks. Tasks
// already done when wait/as_completed starts report in that order too (asyncio: set order).
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "aio/errors.hpp"
#include "aio/futures.hpp"
#include "aio/task.hpp"

namespace aio {

enum class ReturnWhen { first_completed, first_exception, all_completed };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::first_completed;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::first_exception;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::all_completed;

template <class T>
struct WaitResult {
    std::vector<Task<T>> done;
    std::vector<Task<T>> pending;
};

namespace detail {

// tasks._wait: until return_when holds or the timeout passes (never raises TimeoutError).
task<> wait_futures(std::vector<FutureBase*> fs, std::optional<double> timeout, ReturnWhen return_when);

template <class T>
std::vector<Task<T>> distinct(std::vector<Task<T>> fs) {
    std::vector<Task<T>> out;
    for (auto& f : fs) {
        bool seen = false;
        for (const auto& o : out) seen = seen || o == f;
        if (!seen) out.push_back(std::move(f));
    }
    return out;
}

// as_completed's shared state: the completion queue its awaitables take from (asyncio uses a
// Queue: put_nowait wakes the oldest getter, get suspends only while the queue is empty).
class AsCompletedState final : public Callable {
public:
    static constexpr std::size_t kTimedOut = std::size_t(-1);
    AsCompletedState(std::vector<FutureBase*> fs, std::optional<double> timeout);
    ~AsCompletedState() override;
    void fire(std::uint32_t index) override;  // _on_completion(fs[index])
    task<std::size_t> get();                  // done.get(): an index, or kTimedOut
    std::size_t size() const { return fs_.size(); }

private:
    void on_timeout();
    void put(std::size_t index);
    std::vector<FutureBase*> fs_;  // one reference each
    std::vector<bool> todo_;
    std::size_t todo_count_ = 0;
    std::vector<std::size_t> done_;  // a FIFO: done_[head_..]
    std::size_t head_ = 0;
    std::vector<Ref<FutureState<void>>> getters_;
    aio::Handle timeout_handle_;
};

}  // namespace detail

// asyncio.wait(fs, timeout=None, return_when=ALL_COMPLETED) -> (done, pending).
template <class T>
task<WaitResult<T>> wait(std::vector<Task<T>> fs, std::optional<double> timeout = std::nullopt,
                         ReturnWhen return_when = ALL_COMPLETED) {
    if (fs.empty()) throw std::invalid_argument("Set of Tasks/Futures is empty.");
    fs = detail::distinct(std::move(fs));
    std::vector<detail::FutureBase*> bases;
    for (const auto& f : fs) bases.push_back(f.base());
    co_await detail::wait_futures(std::move(bases), timeout, return_when);
    WaitResult<T> out;
    for (auto& f : fs) (f.done() ? out.done : out.pending).push_back(std::move(f));
    co_return out;
}

// asyncio.as_completed(fs, timeout=None): awaitables that give the tasks' results (or raise
// their exceptions) in completion order.
template <class T>
class AsCompleted {
public:
    AsCompleted(std::vector<Task<T>> fs, std::optional<double> timeout)
        : tasks_(std::make_shared<std::vector<Task<T>>>(detail::distinct(std::move(fs)))) {
        std::vector<detail::FutureBase*> bases;
        for (const auto& f : *tasks_) bases.push_back(f.base());
        state_ = detail::Ref<detail::AsCompletedState>(new detail::AsCompletedState(std::move(bases), timeout));
    }
    std::size_t size() const { return tasks_->size(); }
    // _wait_for_one(): the next result in completion order.
    task<T> next() { return wait_for_one(state_, tasks_); }

    // `for (auto next : as_completed(...)) co_await next;` hands out size() awaitables.
    struct Next {
        task<T> t;
        auto operator co_await() { return std::move(t).operator co_await(); }
    };
    struct iterator {
        AsCompleted* owner;
        std::size_t i;
        Next operator*() const { return Next{owner->next()}; }
        iterator& operator++() {
            ++i;
            return *this;
        }
        bool operator!=(const iterator& o) const { return i != o.i; }
    };
    iterator begin() { return {this, 0}; }
    iterator end() { return {this, size()}; }

private:
    static task<T> wait_for_one(detail::Ref<detail::AsCompletedState> state,
                                std::shared_ptr<std::vector<Task<T>>> tasks) {
        std::size_t i = co_await state->get();
        if (i == detail::AsCompletedState::kTimedOut) throw TimeoutError();
        co_return (*tasks)[i].result();
    }
    std::shared_ptr<std::vector<Task<T>>> tasks_;
    detail::Ref<detail::AsCompletedState> state_;
};

template <class T>
AsCompleted<T> as_completed(std::vector<Task<T>> fs, std::optional<double> timeout = std::nullopt) {
    return AsCompleted<T>(std::move(fs), timeout);
}

}  // namespace aio
