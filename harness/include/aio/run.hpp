// aio::run: asyncio.run. Creates a loop, runs `main` as a task until it finishes, cancels what is
// still pending (with a warning), and returns main's value or rethrows its exception.
#pragma once
#include <utility>

#include "aio/loop.hpp"
#include "aio/task.hpp"

namespace aio {

namespace detail {
// Runs the loop until `main` is done and tears down; rethrows loop errors (deadlock, limits).
void run_main_task(PromiseBase& main, const RunOptions& options);
}  // namespace detail

template <class T>
T run(task<T> main, RunOptions options = {}) {
    detail::EventLoop loop(options);
    Task<T> t = create_task(std::move(main));
    detail::run_main_task(*t.promise(), options);
    if (t.cancelled()) throw CancelledError();
    return t.result();
}

}  // namespace aio
