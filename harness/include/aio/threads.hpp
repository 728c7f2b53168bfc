// asyncio.to_thread(func, *args): run a blocking function without blocking the loop.
//
//   std::string page = co_await aio::to_thread(download, url);
//
// Real clock: func runs on its own std::thread (asyncio: the default executor's), and its result
// comes back through call_soon_threadsafe; the awaiting task resumes at the next iteration after
// that. A thread still running when aio::run ends is left to finish on its own (detached).
// Virtual clock: no thread. func runs at once, synchronously, outside any task: its blocking
// sleeps advance the virtual clock as a thread's time.sleep does under the reference runner, and
// are not reported as blocking the loop. The result is then delivered like a thread that just
// finished: the task resumes two iterations later (set_result via call_soon, then its wake-up).
#pragma once
#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>

#include "aio/clock.hpp"
#include "aio/futures.hpp"
#include "aio/task.hpp"

namespace aio {
namespace detail {

// Runs `work` as to_thread does on this clock (a thread, or at once outside any task), then
// queues `deliver` on the loop (call_soon_threadsafe / call_soon). Takes `deliver`'s first
// reference; a thread that outlives its loop leaks it rather than release it off the loop thread.
void start_thread_work(std::function<void()> work, Callable* deliver);

template <class R>
struct ThreadOutcome {
    std::optional<typename FutureState<R>::value_type> value;
    std::exception_ptr error;
    template <class F>
    void run(F& f) {
        try {
            if constexpr (std::is_void_v<R>) {
                f();
                value.emplace();
            } else {
                value.emplace(f());
            }
        } catch (...) {
            error = std::current_exception();
        }
    }
    void set(Future<R>& fut) {
        if (fut.done()) return;  // cancelled meanwhile
        if (error) fut.set_exception(error);
        else if constexpr (std::is_void_v<R>) fut.set_result();
        else fut.set_result(std::move(*value));
    }
};

}  // namespace detail

template <class F, class... Args>
auto to_thread(F func, Args... args) -> task<std::invoke_result_t<F&, Args&...>> {
    using R = std::invoke_result_t<F&, Args&...>;
    auto call = [func = std::move(func), tup = std::make_tuple(std::move(args)...)]() mutable -> R {
        return std::apply(func, tup);
    };
    Future<R> fut = create_future<R>();
    auto outcome = std::make_shared<detail::ThreadOutcome<R>>();
    // Built here, on the loop's thread: the worker touches no reference count, only the outcome
    // (a shared_ptr) and the post of `deliver`.
    auto* deliver = new detail::Callback([outcome, fut]() mutable { outcome->set(fut); });
    detail::start_thread_work([outcome, call = std::move(call)]() mutable { outcome->run(call); }, deliver);
    co_return co_await fut;
}

}  // namespace aio
