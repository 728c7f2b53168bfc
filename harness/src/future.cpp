// FutureBase: done-callbacks, completion and cancellation shared by tasks and gathers.
#include "aio/future.hpp"

#include <utility>

#include "aio/loop.hpp"

namespace aio::detail {

FutureBase::~FutureBase() {
    if (first_target_) first_target_->release();
    if (more_) {
        for (auto& w : *more_) w.target->release();
        delete more_;
    }
}

void FutureBase::add_done_callback(Callable* target, std::uint32_t token) {
    if (done()) {
        EventLoop::running().call_soon(target, token);
        return;
    }
    target->retain();
    if (!first_target_) {
        first_target_ = target;
        first_token_ = token;
    } else {
        if (!more_) more_ = new std::vector<Waiter>();
        more_->push_back({target, token});
    }
}

void FutureBase::schedule_callbacks() {
    EventLoop* loop = EventLoop::current();
    auto schedule = [&](Waiter w) {
        if (loop) {
            loop->call_soon(w.target, w.token);
            w.target->prefetch(w.token);
        }
        w.target->release();
    };
    Waiter first{std::exchange(first_target_, nullptr), first_token_};
    std::vector<Waiter>* more = std::exchange(more_, nullptr);
    if (first.target) schedule(first);
    if (more) {
        for (auto& w : *more) schedule(w);
        delete more;
    }
}

void FutureBase::drop_callbacks() {
    if (first_target_) std::exchange(first_target_, nullptr)->release();
    if (std::vector<Waiter>* more = std::exchange(more_, nullptr)) {
        for (auto& w : *more) w.target->release();
        delete more;
    }
}

void FutureBase::complete(std::exception_ptr error) {
    if (done()) return;
    error_ = std::move(error);
    state_ = State::finished;
    schedule_callbacks();
}

void FutureBase::complete_cancelled() {
    if (done()) return;
    state_ = State::cancelled;
    schedule_callbacks();
}

bool FutureBase::cancel() {
    if (done()) return false;
    complete_cancelled();
    return true;
}

}  // namespace aio::detail
