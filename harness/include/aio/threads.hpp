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

// Runs `work` outside the current task (virtual clock) and restores it.
void run_outside_task(const std::function<void()>& work);
// Posts `deliver` (retained once for the post) to `loop` from a worker thread; when the loop is
// gone it is leaked rather than released off the loop's thread.
void deliver_from_thread(EventLoop* loop, Callable* deliver);
void thread_started(EventLoop& loop);  // the loop waits for a thread: no deadlock meanwhile

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
    Loop loop = get_running_loop();
    if (clock::is_virtual()) {
        auto outcome = std::make_shared<detail::ThreadOutcome<R>>();
        detail::run_outside_task([&] { outcome->run(call); });
        loop.call_soon([outcome, fut]() mutable { outcome->set(fut); });
    } else {
        detail::EventLoop* impl = &loop.impl();
        detail::thread_started(*impl);
        // Built here: the worker touches no reference count, only the outcome (a shared_ptr)
        // and the post of this callback, which already holds the post's reference.
        auto outcome = std::make_shared<detail::ThreadOutcome<R>>();
        auto* deliver = new detail::Callback([impl, outcome, fut]() mutable {
            impl->external_wait_end();
            outcome->set(fut);
        });
        deliver->retain();
        std::thread([impl, outcome, deliver, call = std::move(call)]() mutable {
            outcome->run(call);
            detail::deliver_from_thread(impl, deliver);
        }).detach();
    }
    co_return co_await fut;
}

}  // namespace aio
