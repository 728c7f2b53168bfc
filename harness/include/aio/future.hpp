// FutureBase: asyncio.Future without a result slot (subclasses hold typed results).
// Done-callbacks are scheduled with call_soon when the future completes, in registration order,
// which is what makes a waiter resume one loop iteration after the future completes.
#pragma once
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "aio/callable.hpp"

namespace aio::detail {

class FutureBase : public Callable {
public:
    enum class State : std::uint8_t { pending, finished, cancelled };

    bool done() const noexcept { return state_ != State::pending; }
    bool cancelled() const noexcept { return state_ == State::cancelled; }
    const std::exception_ptr& error() const noexcept { return error_; }
    // Teardown after a fatal loop error (PromiseBase::abandon): let go of the tasks waiting here
    // without waking them. A lock's or queue's future is held by its primitive, which may live in
    // one of those tasks' frames: keeping the tasks would keep that frame alive, or release them
    // only after the primitive is gone.
    void forget_waiters() { drop_callbacks(); }

    // Future.add_done_callback: runs `target->fire(token)` via call_soon once done.
    void add_done_callback(Callable* target, std::uint32_t token);
    // Future.remove_done_callback: forgets every registration of (target, token) not yet
    // scheduled; returns how many.
    std::size_t remove_done_callback(Callable* target, std::uint32_t token);
    // Future.cancel(msg). Returns false if already done.
    virtual bool cancel(std::string_view msg = {});
    // What awaiting or result() of this cancelled future raises: the CancelledError it was
    // cancelled with (its message), else a plain one.
    [[noreturn]] void throw_cancelled() const;
    // Short text for diagnostics ("Task 'fetch'", "gather of 3").
    virtual void describe(std::string& out) const = 0;

protected:
    ~FutureBase() override;
    // Future.set_result / set_exception: mark done and schedule the callbacks.
    void complete(std::exception_ptr error);
    // `cancelled_error`: the CancelledError to raise in awaiters (null: a plain one).
    void complete_cancelled(std::exception_ptr cancelled_error = nullptr);
    // Forget the waiters without waking them (teardown after a fatal loop error).
    void drop_callbacks();
    // A hint that this future may be done soon: let its first waiter start loading what its
    // callback will read (Callable::prefetch). With a million tasks in one gather, that is the
    // gather's entry for this child, a cache miss otherwise (bench/gather_bench).
    void prefetch_first_waiter() const noexcept {
        if (first_target_) first_target_->prefetch(first_token_);
    }

    // Field order is deliberate: every task is a future, so its size is paid a million times in
    // bench/gather_bench. state_ fills the padding after Callable's refcount, and first_token_
    // comes last so that PromiseBase's first field fills the 4 bytes after it.
    State state_ = State::pending;
    std::exception_ptr error_;  // finished: the exception; cancelled: the CancelledError, if any

private:
    void schedule_callbacks();
    struct Waiter {
        Callable* target;
        std::uint32_t token;
    };
    // One inline waiter (first_target_, first_token_): almost every future has exactly one, and
    // the million-task benchmark should not pay for a vector per task.
    Callable* first_target_ = nullptr;
    std::vector<Waiter>* more_ = nullptr;
    std::uint32_t first_token_ = 0;
};

}  // namespace aio::detail
