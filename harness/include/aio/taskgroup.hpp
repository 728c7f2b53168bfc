// asyncio.TaskGroup (3.11): children created on the group; the group's exit waits for all of
// them. The first child to fail cancels its siblings and the body; every error is raised
// together as an ExceptionGroup (the body's own error too, unless it is the group's
// cancellation).
//
//   co_await aio::task_group([&](aio::TaskGroup& tg) -> aio::task<> {   // async with TaskGroup() as tg:
//       tg.create_task(fetch(1));
//       tg.create_task(fetch(2));
//       co_return;
//   });
//
// C++ has no `async with`: task_group(body) runs body(tg) inline in the current task between
// enter() (__aenter__, which never suspends) and co_await exit(error) (__aexit__). The body
// lambda is a temporary of the co_await expression, so its captures outlive the body.
#pragma once
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "aio/errors.hpp"
#include "aio/futures.hpp"
#include "aio/task.hpp"

namespace aio {

class TaskGroup {
public:
    TaskGroup();
    // __aenter__: binds the current task as the parent.
    void enter();
    // __aexit__ with the body's exception (null: none). Waits for every child; throws
    // ExceptionGroup, or re-raises the body's CancelledError when the group did not cause it.
    task<> exit(std::exception_ptr error = nullptr);
    // TaskGroup.create_task(coro, name=None)
    template <class T>
    Task<T> create_task(task<T>&& coroutine, std::string name = {}) {
        check_can_create();
        Task<T> t = aio::create_task(std::move(coroutine), std::move(name));
        adopt(t);
        return t;
    }
    template <class Call>
        requires detail::frameless_call<Call>
    auto create_task(Call&& call, std::string name = {}) {
        return create_task(std::move(call).to_task(), std::move(name));
    }

private:
    struct State;
    void check_can_create() const;
    void adopt(const TaskRef& t);
    std::shared_ptr<State> s_;
};

// `async with TaskGroup() as tg: return await body(tg)`
template <class F>
auto task_group(F body) -> task<typename std::invoke_result_t<F&, TaskGroup&>::value_type> {
    using R = typename std::invoke_result_t<F&, TaskGroup&>::value_type;
    TaskGroup tg;
    tg.enter();
    std::exception_ptr error;
    std::optional<typename detail::FutureState<R>::value_type> value;
    try {
        if constexpr (std::is_void_v<R>) co_await body(tg);
        else value.emplace(co_await body(tg));
    } catch (...) {
        error = std::current_exception();
    }
    co_await tg.exit(error);
    if constexpr (!std::is_void_v<R>) co_return std::move(*value);
}

}  // namespace aio
