// FutureBase: done-callbacks, completion and cancellation shared by tasks and gathers.
#include "aio/future.hpp"

#include <utility>

#include "aio/errors.hpp"
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

std::size_t FutureBase::remove_done_callback(Callable* target, std::uint32_t token) {
    std::size_t removed = 0;
    if (more_) {
        auto& v = *more_;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (v[i].target == target && v[i].token == token) {
                v[i].target->release();
                ++removed;
            } else {
                v[kept++] = v[i];
            }
        }
        v.resize(kept);
    }
    if (first_target_ == target && first_token_ == token) {
        first_target_ = nullptr;
        target->release();
        ++removed;
        // Keep registration order: the oldest remaining waiter becomes the inline one.
        if (more_ && !more_->empty()) {
            first_target_ = more_->front().target;
            first_token_ = more_->front().token;
            more_->erase(more_->begin());
        }
    }
    return removed;
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

void FutureBase::complete_cancelled(std::exception_ptr cancelled_error) {
    if (done()) return;
    state_ = State::cancelled;
    error_ = std::move(cancelled_error);
    schedule_callbacks();
}

bool FutureBase::cancel(std::string_view msg) {
    if (done()) return false;
    complete_cancelled(msg.empty() ? nullptr : std::make_exception_ptr(CancelledError(std::string(msg))));
    return true;
}

void FutureBase::throw_cancelled() const {
    if (error_) std::rethrow_exception(error_);
    throw CancelledError();
}

}  // namespace aio::detail
