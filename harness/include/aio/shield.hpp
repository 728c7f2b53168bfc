// asyncio.shield: `co_await aio::shield(t)` waits for t, but cancelling the waiter does not
// cancel t (the waiter still gets CancelledError). Cancelling t itself still cancels the shield.
#pragma once
#include "aio/futures.hpp"
#include "aio/task.hpp"

namespace aio {
namespace detail {

// Copies a done task's outcome into `outer` (shield's _inner_done_callback, past its first test).
template <class T>
void copy_outcome(Task<T>& inner, Future<T>& outer) {
    if (inner.cancelled()) {
        outer.cancel();
    } else if (std::exception_ptr e = inner.exception()) {
        outer.set_exception(e);
    } else if constexpr (std::is_void_v<T>) {
        outer.set_result();
    } else {
        outer.set_result(inner.result());
    }
}

}  // namespace detail

// The outer future asyncio.shield returns. When `inner` is already done asyncio returns inner
// itself; a done outer future awaits the same way (no yield).
template <class T>
Future<T> shield(Task<T> inner) {
    Future<T> outer = create_future<T>();
    if (inner.done()) {
        detail::copy_outcome(inner, outer);
        return outer;
    }
    detail::Ref<detail::Callback> inner_cb(new detail::Callback([inner, outer]() mutable {
        if (outer.cancelled()) {
            if (!inner.cancelled()) inner.exception();  // marks inner's result as retrieved
            return;
        }
        detail::copy_outcome(inner, outer);
    }));
    inner.base()->add_done_callback(inner_cb.get(), 0);
    outer.state()->add_done_callback(new detail::Callback([inner, inner_cb] {
        if (!inner.done()) inner.base()->remove_done_callback(inner_cb.get(), 0);
    }), 0);
    return outer;
}
template <class T>
Future<T> shield(task<T>&& coroutine) {
    return shield(create_task(std::move(coroutine)));
}
template <class Call>
    requires detail::frameless_call<Call>
auto shield(Call&& call) {
    return shield(create_task(std::move(call).to_task()));
}

}  // namespace aio
