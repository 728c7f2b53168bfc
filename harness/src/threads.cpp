// to_thread's non-template part: where the work runs on each clock.
#include "aio/threads.hpp"

namespace aio::detail {

void start_thread_work(std::function<void()> work, Callable* deliver) {
    EventLoop& loop = EventLoop::running();
    if (clock::is_virtual()) {
        PromiseBase* task = loop.current_task;
        loop.current_task = nullptr;  // a thread is no task: trace::note_blocking_sleep ignores it
        struct Restore {
            EventLoop& loop;
            PromiseBase* task;
            ~Restore() { loop.current_task = task; }
        } restore{loop, task};
        work();
        loop.call_soon(deliver, 0);
        return;
    }
    // Until the result is back, the loop waits for this thread instead of reporting a deadlock.
    loop.external_wait_begin();
    struct Done final : Callable {
        EventLoop* loop;
        Callable* deliver;
        void fire(std::uint32_t) override {
            loop->external_wait_end();
            deliver->fire(0);
        }
        ~Done() override { deliver->release(); }
    };
    auto* done = new Done;
    done->loop = &loop;
    done->deliver = deliver;
    deliver->retain();
    done->retain();  // the post's reference
    std::thread([&loop, done, work = std::move(work)]() mutable {
        work();
        EventLoop::post_if_alive(&loop, Handle{done, 0});
    }).detach();
}

}  // namespace aio::detail
