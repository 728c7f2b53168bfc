// asyncio.wait_for and asyncio.timeout / timeout_at (3.11), step for step as tasks.py and
// timeouts.py do them, so that every callback and wake-up lands in the same loop iteration.
//
//   int v = co_await aio::wait_for(fetch(), 2.0);      // TimeoutError after 2 s; fetch is cancelled
//   int v = co_await aio::wait_for(task, std::nullopt); // no timeout: just `co_await task`
//   auto [a, b] = co_await aio::wait_for(aio::gather(f(), g()), 2.0);
//   co_await aio::timeout(2.0, body());                 // async with asyncio.timeout(2): await body()
//   aio::Timeout cm = aio::timeout(2.0);                // the context manager itself, to reschedule:
//   co_await aio::with_timeout(cm, body());             //   body may call cm.reschedule(...)
//
// C++ has no `async with`; Timeout's __aenter__/__aexit__ never suspend in asyncio, so they are
// the plain calls enter() / exit(error) and with_timeout() wraps a body coroutine in them.
#pragma once
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "aio/errors.hpp"
#include "aio/events.hpp"
#include "aio/futures.hpp"
#include "aio/gather.hpp"
#include "aio/task.hpp"

namespace aio {
namespace detail {

// tasks._release_waiter, and the same as a done-callback object.
inline void release_waiter(FutureState<void>& waiter) {
    if (!waiter.done()) waiter.set_result(none{});
}
Ref<Callback> waiter_releaser(const Ref<FutureState<void>>& waiter);
// tasks._cancel_and_wait: cancel `fut` and wait until it is done, waiting on a future of our own
// (so that this wait can itself be cancelled). `who` names fut for a stuck-task report.
task<> cancel_and_wait(FutureBase& fut, std::string who);
std::string described(const FutureBase& fut);

template <class F>
FutureBase& base_of(const F& f) {
    if constexpr (requires { f.base(); }) return *f.base();
    else return *f.state();
}

template <class F>
using awaited_t = decltype(std::declval<F&>().result());

// wait_for on a Task or Future: tasks.wait_for from `if timeout <= 0` on.
template <class F>
task<awaited_t<F>> wait_for_future(F fut, double timeout) {
    FutureBase& base = base_of(fut);
    const std::string who = described(base);
    if (timeout <= 0) {
        if (fut.done()) co_return fut.result();
        co_await cancel_and_wait(base, who);
        try {
            co_return fut.result();
        } catch (const CancelledError&) {
        }
        throw TimeoutError();
    }
    Ref<FutureState<void>> waiter(new FutureState<void>(fmt::format("wait_for({}, 제한 {:g}초)", who, timeout)));
    TimerHandle timeout_handle = get_running_loop().call_later(timeout, [waiter] { release_waiter(*waiter); });
    struct Finally {  // finally: timeout_handle.cancel()
        TimerHandle& h;
        ~Finally() { h.cancel(); }
    } finally{timeout_handle};
    Ref<Callback> cb = waiter_releaser(waiter);
    base.add_done_callback(cb.get(), 0);

    std::exception_ptr cancelled;
    try {
        co_await await_state(*waiter);  // until fut completes or the timeout
    } catch (const CancelledError&) {
        cancelled = std::current_exception();
    }
    if (fut.done()) co_return fut.result();  // (even when cancelled meanwhile: 3.11 returns)
    base.remove_done_callback(cb.get(), 0);
    // The task must not still run after wait_for returns (bpo-32751).
    co_await cancel_and_wait(base, who);
    if (cancelled) std::rethrow_exception(cancelled);
    try {
        co_return fut.result();  // cancellation failed with another exception (bpo-40607)
    } catch (const CancelledError&) {
    }
    throw TimeoutError();
}

}  // namespace detail

// asyncio.wait_for(aw, timeout). A coroutine becomes a task first (unless timeout is nullopt:
// then it is awaited directly). On timeout the task is cancelled, wait_for waits until it is
// done and raises TimeoutError. If the caller is cancelled, so is the task.
template <class T>
task<T> wait_for(Task<T> t, std::optional<double> timeout) {
    if (!timeout) co_return co_await t;
    co_return co_await detail::wait_for_future(std::move(t), *timeout);
}
template <class T>
task<T> wait_for(Future<T> f, std::optional<double> timeout) {
    if (!timeout) co_return co_await f;
    co_return co_await detail::wait_for_future(std::move(f), *timeout);
}
template <class T>
task<T> wait_for(task<T> coroutine, std::optional<double> timeout) {
    if (!timeout) co_return co_await std::move(coroutine);
    co_return co_await detail::wait_for_future(create_task(std::move(coroutine)), *timeout);
}
template <class Call>
    requires detail::frameless_call<Call>
auto wait_for(Call&& call, std::optional<double> timeout) {
    return wait_for(std::move(call).to_task(), timeout);
}
// wait_for(gather(...), timeout): on timeout the gather is cancelled (so are its children) and
// waited for, as asyncio does with the _GatheringFuture.
template <class Collect>
auto wait_for(detail::GatherAwaitable<Collect> g, std::optional<double> timeout)
    -> task<detail::awaited_t<detail::GatherAwaitable<Collect>>> {
    if (!timeout) co_return co_await std::move(g);
    co_return co_await detail::wait_for_future(std::move(g), *timeout);
}
// A named coroutine object (an lvalue): one Korean error at the caller's line.
template <class T>
task<T> wait_for(task<T>& coroutine, std::optional<double> timeout) {
    static_assert(detail::always_false<T>,
                  "wait_for: 이름 붙인 코루틴 객체는 std::move(c) 로 넘기세요 - aio::wait_for(std::move(c), 초) 또는 "
                  "aio::wait_for(f(), 초)");
    (void)coroutine, (void)timeout;
    return {};
}

// asyncio.Timeout: cancels the task that entered it at its deadline; exit() turns that
// cancellation into TimeoutError. Copies share one state.
class Timeout {
public:
    explicit Timeout(std::optional<double> when);
    std::optional<double> when() const;
    // Timeout.reschedule(when): a new deadline (nullopt: none) while entered.
    void reschedule(std::optional<double> when);
    // Timeout.expired(): the deadline passed while entered.
    bool expired() const;
    // __aenter__: binds the current task and arms the deadline.
    void enter();
    // __aexit__ with the exception the body ended with (null: none): rethrows it, or raises
    // TimeoutError in place of the CancelledError this timeout caused.
    void exit(std::exception_ptr error = nullptr);

private:
    struct State;
    std::shared_ptr<State> s_;
};

// asyncio.timeout(delay) / timeout_at(when): the deadline is fixed when called.
Timeout timeout(std::optional<double> delay);
Timeout timeout_at(std::optional<double> when);

// `async with cm: return await body` in the current task.
template <class T>
task<T> with_timeout(Timeout cm, task<T> body) {
    cm.enter();
    std::exception_ptr error;
    std::optional<typename detail::FutureState<T>::value_type> value;
    try {
        if constexpr (std::is_void_v<T>) co_await std::move(body);
        else value.emplace(co_await std::move(body));
    } catch (...) {
        error = std::current_exception();
    }
    cm.exit(error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}
template <class T>
task<T> timeout(std::optional<double> delay, task<T> body) {
    return with_timeout(timeout(delay), std::move(body));
}
template <class T>
task<T> timeout_at(std::optional<double> when, task<T> body) {
    return with_timeout(timeout_at(when), std::move(body));
}

}  // namespace aio
