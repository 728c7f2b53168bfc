// asyncio.sleep on the current task.
#include "aio/sleep.hpp"

namespace aio {

void SleepAwaiter::await_suspend(std::coroutine_handle<> h) {
    detail::PromiseBase& task = detail::PromiseBase::current();
    if (seconds_ <= 0) task.suspend_soon(h);
    else task.suspend_until(detail::EventLoop::running().time() + seconds_, h);
}

void SleepAwaiter::await_resume() {
    // Only the task that suspended here can resume this frame, and it is the one stepping now.
    detail::PromiseBase::current().throw_if_cancel_requested();
}

}  // namespace aio
