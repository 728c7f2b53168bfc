// aio::run's loop driver: run until main is done, then cancel what is still pending.
#include "aio/run.hpp"

#include <fmt/format.h>

#include <vector>

#include "aio/trace.hpp"

namespace aio::detail {

namespace {

// Stops the loop from a loop callback (run_until_complete's _run_until_complete_cb). The
// shutdown's callbacks are on the heap: a guard error unwinds past them while the loop's queues
// still hold them.
struct Stopper final : Callable {
    EventLoop* loop;
    explicit Stopper(EventLoop* l) : loop(l) {}
    void fire(std::uint32_t) override { loop->stop(); }
};

// _cancel_all_tasks: cancel the tasks pending now and run until
// gather(*to_cancel, return_exceptions=True) is done -- its done-callback stops the loop one
// iteration after the last child's callback. Tasks created meanwhile keep running.
void cancel_all_tasks(EventLoop& loop, const RunOptions& options) {
    std::vector<PromiseBase*> pending;
    for (PromiseBase* t = loop.first_pending_task(); t; t = t->next_pending) pending.push_back(t);
    if (pending.empty()) return;
    for (PromiseBase* t : pending) {
        const std::string name = t->display_name();
        trace::note_warning(trace::WarningKind::pending_at_exit, name,
                            fmt::format("경고: 메인 코루틴이 끝났을 때 작업 '{}'이(가) 아직 끝나지 않아서 취소했습니다", name),
                            options.warnings_to_stderr);
        t->retain();
    }
    for (PromiseBase* t : pending) t->cancel();
    struct AllDone final : Callable {
        Ref<Stopper> stopper;
        std::size_t remaining;
        void fire(std::uint32_t) override {
            if (--remaining == 0) stopper->loop->call_soon(stopper.get(), 0);  // the gather's outer.set_result
        }
    };
    Ref<AllDone> all_done(new AllDone);
    all_done->stopper = Ref<Stopper>(new Stopper(&loop));
    all_done->remaining = pending.size();
    for (PromiseBase* t : pending) t->add_done_callback(all_done.get(), 0);
    loop.run_until_stopped();
    for (PromiseBase* t : pending) t->release();
}

// run_until_complete(coro) for a coroutine that returns at its first step (shutdown_asyncgens
// and shutdown_default_executor without async generators or executor): its step, then the stop.
void run_trivial_coroutine(EventLoop& loop) {
    struct Step final : Callable {
        Ref<Stopper> stopper;
        void fire(std::uint32_t) override { stopper->loop->call_soon(stopper.get(), 0); }
    };
    Ref<Step> step(new Step);
    step->stopper = Ref<Stopper>(new Stopper(&loop));
    loop.call_soon(step.get(), 0);
    loop.run_until_stopped();
}

// asyncio.Runner.close(): what asyncio.run does after main returned. Tasks that are still
// pending after it are destroyed unfinished ("Task was destroyed but it is pending!").
void shut_down(EventLoop& loop, const RunOptions& options) {
    cancel_all_tasks(loop, options);
    run_trivial_coroutine(loop);  // loop.shutdown_asyncgens()
    run_trivial_coroutine(loop);  // loop.shutdown_default_executor()
    while (PromiseBase* t = loop.first_pending_task()) {
        const std::string name = t->display_name();
        trace::note_warning(trace::WarningKind::pending_at_exit, name,
                            fmt::format("경고: 작업 '{}'이(가) 끝나기 전에 사라졌습니다 (파이썬의 Task was destroyed "
                                        "but it is pending!)",
                                        name),
                            options.warnings_to_stderr);
        if (auto* span = trace::span_for(t->id())) {
            span->finished = loop.time();
            span->status = trace::Status::cancelled;
        }
        t->abandon();
    }
}

}  // namespace

void run_main_task(PromiseBase& main, const RunOptions& options) {
    EventLoop& loop = EventLoop::running();
    Ref<Stopper> stopper(new Stopper(&loop));
    main.add_done_callback(stopper.get(), 0);
    try {
        loop.run_until_stopped();
        shut_down(loop, options);
    } catch (...) {
        // A guard fired (deadlock, limits) or a callback threw: drop everything still queued and
        // every pending task, then report.
        loop.clear_queues();
        while (PromiseBase* t = loop.first_pending_task()) {
            if (auto* span = trace::span_for(t->id())) {
                span->finished = loop.time();
                span->status = trace::Status::cancelled;
            }
            t->abandon();
        }
        throw;
    }
}

}  // namespace aio::detail
