// asyncio.gather. Every argument that is a coroutine becomes a Task (scheduled in argument order);
// the gather completes when all children are done, one iteration after the last child's
// done-callback, and yields results in argument order.
//   co_await gather(a(), b())                    -> std::tuple<A, B>   (void -> aio::none)
//   co_await gather(std::vector<task<T>>)        -> std::vector<T>
//   co_await gather_outcomes(a(), b())           -> std::tuple<Outcome<A>, Outcome<B>>
//   co_await gather_outcomes(std::vector<...>)   -> std::vector<Outcome<T>>
// The *_outcomes forms are gather(..., return_exceptions=True): a child's exception becomes its
// result instead of failing the whole gather.
#pragma once
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <vector>

#include "aio/outcome.hpp"
#include "aio/task.hpp"

namespace aio {
namespace detail {

class GatherState final : public FutureBase {
public:
    GatherState(std::vector<PromiseBase*> children, bool return_exceptions);
    ~GatherState() override;
    void fire(std::uint32_t child_index) override;  // the child's done-callback
    // fire reads children_[child_index]: with a million children in random order, a cache miss.
    void prefetch(std::uint32_t child_index) const noexcept override { __builtin_prefetch(&children_[child_index]); }
    bool cancel(std::string_view msg = {}) override;
    void describe(std::string& out) const override;
    PromiseBase& child(std::size_t i) const { return *children_[i]; }
    std::size_t size() const { return children_.size(); }

private:
    std::vector<PromiseBase*> children_;  // one reference each
    std::size_t finished_ = 0;
    bool return_exceptions_;
    bool cancel_requested_ = false;
};

template <class T>
using result_of_t = std::conditional_t<std::is_void_v<T>, none, T>;

template <class T>
result_of_t<T> take(PromiseBase& child) {
    auto& p = static_cast<Promise<T>&>(child);
    if (p.cancelled()) p.throw_cancelled();
    if constexpr (std::is_void_v<T>) {
        p.take_result();
        return none{};
    } else {
        return p.take_result();
    }
}

template <class T>
Outcome<result_of_t<T>> take_outcome(PromiseBase& child) {
    try {
        return Outcome<result_of_t<T>>(take<T>(child));
    } catch (...) {
        return Outcome<result_of_t<T>>(std::current_exception());
    }
}

// Each argument becomes a task: a lazy coroutine is scheduled now; a Task is shared.
template <class T>
PromiseBase* as_child(task<T>&& t) {
    EventLoop::running();  // throw before taking the frame (see create_task)
    auto h = t.release();
    h.promise().schedule_as_task(h);  // the task<T> reference now belongs to the gather
    return &h.promise();
}
template <class Call>
    requires frameless_call<Call>
PromiseBase* as_child(Call&& call) {
    return as_child(std::move(call).to_task());
}
template <class T>
PromiseBase* as_child(const Task<T>& t) {
    t.promise()->retain();
    return t.promise();
}

template <class X>
struct value_type_of;
template <class T>
struct value_type_of<task<T>> {
    using type = T;
};
template <class T>
struct value_type_of<Task<T>> {
    using type = T;
};
template <frameless_call X>
struct value_type_of<X> {
    using type = typename X::value_type;
};
template <class X>
using value_type_of_t = typename value_type_of<std::remove_cvref_t<X>>::type;

// What a gather argument may be: a coroutine call (a task<T> rvalue) or a Task<T>.
template <class X>
inline constexpr bool is_lazy_task_v = false;
template <class T>
inline constexpr bool is_lazy_task_v<task<T>> = true;
template <class X>
inline constexpr bool is_scheduled_task_v = false;
template <class T>
inline constexpr bool is_scheduled_task_v<Task<T>> = true;
template <frameless_call X>
inline constexpr bool is_lazy_task_v<X> = true;
template <class T>
inline constexpr bool is_lazy_task_v<std::vector<task<T>>> = true;  // only to name it below
template <class X>
inline constexpr bool named_lazy_task_v = is_lazy_task_v<std::remove_cvref_t<X>> && std::is_lvalue_reference_v<X>;
template <class X>
inline constexpr bool gather_arg_v =
    is_scheduled_task_v<std::remove_cvref_t<X>> || (is_lazy_task_v<std::remove_cvref_t<X>> && !named_lazy_task_v<X>);

// The argument checks of gather / gather_outcomes, as Korean static_asserts at the caller's line.
template <class... Xs>
constexpr bool check_gather_args() {
    static_assert(!(named_lazy_task_v<Xs> || ...),
                  "gather: 이름 붙인 작업(변수)은 std::move(t) 로 넘기세요 - aio::gather(std::move(t1), std::move(t2)) "
                  "또는 aio::gather(f(), g()) (코루틴 객체는 한 번만 시작할 수 있습니다)");
    static_assert((gather_arg_v<Xs> && ...) || (named_lazy_task_v<Xs> || ...),
                  "gather: 인자는 코루틴 호출 f(...) 이나 aio::create_task 가 돌려준 aio::Task 여야 합니다");
    return (gather_arg_v<Xs> && ...);
}

// The awaitable a gather returns; `Collect` turns the finished state into the result value.
template <class Collect>
class GatherAwaitable : public FutureAwaiterBase<GatherAwaitable<Collect>> {
public:
    GatherAwaitable(std::vector<PromiseBase*> children, bool return_exceptions, Collect collect)
        : state_(new GatherState(std::move(children), return_exceptions)), collect_(std::move(collect)) {
        state_->retain();
        this->future = state_;
    }
    GatherAwaitable(GatherAwaitable&& o) noexcept
        : FutureAwaiterBase<GatherAwaitable<Collect>>(o), state_(std::exchange(o.state_, nullptr)),
          collect_(std::move(o.collect_)) {}
    GatherAwaitable(const GatherAwaitable&) = delete;
    ~GatherAwaitable() {
        if (state_) state_->release();
    }
    auto await_resume() {
        this->check_cancel();
        if (state_->error()) std::rethrow_exception(state_->error());
        return collect_(*state_);
    }
    // The gathering future as wait_for sees it (asyncio: a _GatheringFuture).
    GatherState* state() const noexcept { return state_; }
    bool done() const noexcept { return state_->done(); }
    auto result() {
        if (!state_->done()) throw InvalidStateError();
        if (state_->cancelled()) state_->throw_cancelled();
        if (state_->error()) std::rethrow_exception(state_->error());
        return collect_(*state_);
    }
    // `auto [a, b] = aio::gather(...)` without co_await decomposes the awaitable itself: the
    // std::tuple_size below sends it here, to one Korean error at the student's line.
    template <std::size_t I>
    auto get() const {
        static_assert(always_false<Collect>,
                      "gather 의 결과는 co_await 해야 받을 수 있습니다: auto [a, b] = co_await aio::gather(...);");
    }

private:
    GatherState* state_;
    Collect collect_;
};

template <bool Outcomes, class... Xs>
auto gather_variadic(Xs&&... xs) {
    std::vector<PromiseBase*> children{as_child(std::forward<Xs>(xs))...};
    auto collect = [](GatherState& s) {
        return [&]<std::size_t... I>(std::index_sequence<I...>) {
            if constexpr (Outcomes)
                return std::tuple<Outcome<result_of_t<value_type_of_t<Xs>>>...>{
                    take_outcome<value_type_of_t<Xs>>(s.child(I))...};
            else
                return std::tuple<result_of_t<value_type_of_t<Xs>>...>{take<value_type_of_t<Xs>>(s.child(I))...};
        }(std::index_sequence_for<Xs...>{});
    };
    return GatherAwaitable<decltype(collect)>(std::move(children), Outcomes, collect);
}

template <bool Outcomes, class X>
auto gather_range(std::vector<X>&& xs) {
    using T = value_type_of_t<X>;
    std::vector<PromiseBase*> children;
    children.reserve(xs.size());
    for (auto& x : xs) children.push_back(as_child(std::move(x)));
    // Free the storage now: gather()'s by-value argument lives until the co_await expression ends.
    std::vector<X>().swap(xs);
    auto collect = [](GatherState& s) {
        using R = std::conditional_t<Outcomes, Outcome<result_of_t<T>>, result_of_t<T>>;
        std::vector<R> out;
        out.reserve(s.size());
        for (std::size_t i = 0; i < s.size(); ++i) {
            if constexpr (Outcomes) out.push_back(take_outcome<T>(s.child(i)));
            else out.push_back(take<T>(s.child(i)));
        }
        return out;
    };
    return GatherAwaitable<decltype(collect)>(std::move(children), Outcomes, collect);
}

}  // namespace detail

template <class... Xs>
auto gather(Xs&&... xs) {
    if constexpr (detail::check_gather_args<Xs...>()) return detail::gather_variadic<false>(std::forward<Xs>(xs)...);
}
template <class T>
auto gather(std::vector<task<T>> xs) {
    return detail::gather_range<false>(std::move(xs));
}
template <class T>
auto gather(std::vector<Task<T>> xs) {
    return detail::gather_range<false>(std::move(xs));
}
template <class... Xs>
auto gather_outcomes(Xs&&... xs) {
    if constexpr (detail::check_gather_args<Xs...>()) return detail::gather_variadic<true>(std::forward<Xs>(xs)...);
}
template <class T>
auto gather_outcomes(std::vector<task<T>> xs) {
    return detail::gather_range<true>(std::move(xs));
}
template <class T>
auto gather_outcomes(std::vector<Task<T>> xs) {
    return detail::gather_range<true>(std::move(xs));
}

}  // namespace aio

// The tuple-like protocol for a gather's awaitable only so that a structured binding without
// co_await reaches GatherAwaitable::get's static_assert (its size: the awaited tuple's).
template <class Collect>
    requires requires { std::tuple_size<std::invoke_result_t<Collect&, aio::detail::GatherState&>>::value; }
struct std::tuple_size<aio::detail::GatherAwaitable<Collect>>
    : std::tuple_size<std::invoke_result_t<Collect&, aio::detail::GatherState&>> {};
template <std::size_t I, class Collect>
struct std::tuple_element<I, aio::detail::GatherAwaitable<Collect>>
    : std::tuple_element<I, std::invoke_result_t<Collect&, aio::detail::GatherState&>> {};
