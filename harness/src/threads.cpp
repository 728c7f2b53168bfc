// to_thread's non-template parts.
#include "aio/threads.hpp"

namespace aio::detail {

void run_outside_task(const std::function<void()>& work) {
    EventLoop& loop = EventLoop::running();
    PromiseBase* task = loop.current_task;
    loop.current_task = nullptr;  // a thread is no task: trace::note_blocking_sleep ignores it
    struct Restore {
        EventLoop& loop;
        PromiseBase* task;
        ~Restore() { loop.current_task = task; }
    } restore{loop, task};
    work();
}

void deliver_from_thread(EventLoop* loop, Callable* deliver) { EventLoop::post_if_alive(loop, Handle{deliver, 0}); }

void thread_started(EventLoop& loop) { loop.external_wait_begin(); }

}  // namespace aio::detail
