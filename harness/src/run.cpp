// aio::run's loop driver: run until main is done, then cancel what is still pending.
#include "aio/run.hpp"

#include <fmt/format.h>

#include <vector>

#include "aio/trace.hpp"

namespace aio::detail {

void run_main_task(PromiseBase& main, const RunOptions& options) {
    EventLoop& loop = EventLoop::running();
    struct Stopper final : Callable {
        EventLoop* loop;
        explicit Stopper(EventLoop* l) : loop(l) {}
        void fire(std::uint32_t) override { loop->stop(); }
        void destroy_self() noexcept override {}
    } stopper(&loop);
    stopper.retain();
    main.add_done_callback(&stopper, 0);
    try {
        loop.run_until_stopped();
        // asyncio.run cancels whatever is still pending and lets it unwind.
        if (loop.first_pending_task()) {
            std::vector<PromiseBase*> pending;
            for (PromiseBase* t = loop.first_pending_task(); t; t = t->next_pending) pending.push_back(t);
            for (PromiseBase* t : pending) {
                const std::string name = t->display_name();
                trace::note_warning(trace::WarningKind::pending_at_exit, name,
                                    fmt::format("경고: 메인 코루틴이 끝났을 때 작업 '{}'이(가) 아직 끝나지 않아서 "
                                                "취소했습니다",
                                                name),
                                    options.warnings_to_stderr);
                t->retain();
            }
            for (PromiseBase* t : pending) t->cancel();
            struct AllDone final : Callable {
                EventLoop* loop;
                std::size_t remaining;
                void fire(std::uint32_t) override {
                    if (--remaining == 0) loop->stop();
                }
                void destroy_self() noexcept override {}
            } all_done;
            all_done.loop = &loop;
            all_done.remaining = pending.size();
            all_done.retain();
            for (PromiseBase* t : pending) t->add_done_callback(&all_done, 0);
            loop.run_until_stopped();
            for (PromiseBase* t : pending) t->release();
        }
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
