// asyncio.Future for programs: aio::Future<T>, a result slot that a callback or another task
// fills in and any number of tasks await. Runtime code (wait_for, wait, shield, TaskGroup) waits
// on the same FutureState, so a task stuck there is reported as waiting on it.
//
//   aio::Future<int> f = aio::create_future<int>();
//   loop.call_later(1.0, [f]() mutable { f.set_result(42); });
//   int v = co_await f;                       // awaits like a Task
//   f.add_done_callback([](aio::Future<int> done) { ... });
#pragma once
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "aio/errors.hpp"
#include "aio/events.hpp"
#include "aio/task.hpp"

namespace aio {
namespace detail {

// Future<T>'s shared state. `label` is what a stuck waiter is shown waiting on.
template <class T>
class FutureState final : public FutureBase {
public:
    using value_type = std::conditional_t<std::is_void_v<T>, none, T>;
    explicit FutureState(std::string label = {}) : label_(std::move(label)) {}

    void fire(std::uint32_t) override {}
    void describe(std::string& out) const override { out += label_.empty() ? "퓨처(aio::Future)" : label_; }

    void set_result(value_type value) {
        if (done()) throw InvalidStateError("invalid state");
        value_.emplace(std::move(value));
        complete(nullptr);
    }
    void set_exception(std::exception_ptr error) {
        if (done()) throw InvalidStateError("invalid state");
        complete(std::move(error));
    }
    // Future.result(): copies, since a future may be awaited many times.
    decltype(auto) result() const {
        if (!done()) throw InvalidStateError();
        if (cancelled()) throw_cancelled();
        if (error_) std::rethrow_exception(error_);
        if constexpr (std::is_void_v<T>) return;
        else if constexpr (std::is_copy_constructible_v<T>) return T(*value_);
        else return std::move(*value_);
    }

private:
    std::optional<value_type> value_;
    std::string label_;
};

template <class T>
struct FutureStateAwaiter : FutureAwaiterBase<FutureStateAwaiter<T>> {
    FutureState<T>* state;
    decltype(auto) await_resume() {
        this->check_cancel();
        return state->result();
    }
};

template <class T>
FutureStateAwaiter<T> await_state(FutureState<T>& s) {
    FutureStateAwaiter<T> a{};
    a.future = &s;
    a.state = &s;
    return a;
}

}  // namespace detail

template <class T = void>
class Future {
public:
    using value_type = typename detail::FutureState<T>::value_type;

    Future() = default;
    explicit Future(detail::Ref<detail::FutureState<T>> s) : s_(std::move(s)) {}

    bool valid() const noexcept { return bool(s_); }
    bool done() const noexcept { return s_->done(); }
    bool cancelled() const noexcept { return s_->cancelled(); }
    bool cancel(std::string_view msg = {}) { return s_->cancel(msg); }
    // Future.set_result / set_exception: InvalidStateError once done (cancelled included).
    void set_result(value_type value = {})
        requires std::is_void_v<T>
    {
        s_->set_result(value);
    }
    template <class U = T>
        requires(!std::is_void_v<T> && std::is_convertible_v<U &&, T>)
    void set_result(U&& value) {
        s_->set_result(T(std::forward<U>(value)));
    }
    void set_exception(std::exception_ptr error) { s_->set_exception(std::move(error)); }
    template <class E>
        requires std::is_base_of_v<std::exception, E>
    void set_exception(E error) {
        s_->set_exception(std::make_exception_ptr(std::move(error)));
    }
    // Future.result(): the value, or rethrows; InvalidStateError while pending.
    decltype(auto) result() const { return s_->result(); }
    // Future.exception(): null when it has a value; CancelledError / InvalidStateError as result().
    std::exception_ptr exception() const {
        if (!s_->done()) throw InvalidStateError("Exception is not set.");
        if (s_->cancelled()) s_->throw_cancelled();
        return s_->error();
    }
    // Future.add_done_callback(fn): fn(this future) runs via call_soon once done (at once queued
    // if done already). The handle removes it again (remove_done_callback) or cancels it.
    Handle add_done_callback(std::function<void(Future)> fn) {
        detail::Ref<detail::Callback> c(new detail::Callback([fn = std::move(fn), self = *this]() { fn(self); }));
        s_->add_done_callback(c.get(), 0);
        return Handle(std::move(c));
    }
    std::size_t remove_done_callback(const Handle& h) { return s_->remove_done_callback(h.callback(), 0); }

    auto operator co_await() const noexcept { return detail::await_state(*s_); }
    detail::FutureState<T>* state() const noexcept { return s_.get(); }

private:
    detail::Ref<detail::FutureState<T>> s_;
};

// loop.create_future()
template <class T = void>
Future<T> create_future() {
    detail::EventLoop::running();
    return Future<T>(detail::Ref<detail::FutureState<T>>(new detail::FutureState<T>()));
}

}  // namespace aio
