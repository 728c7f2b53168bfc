// The loop's callback API (asyncio.events): call_soon / call_later / call_at return cancellable
// handles, and aio::get_running_loop() is the object they hang off. Callbacks run on the loop's
// thread, one per loop handle, exactly where asyncio runs them (ready queue / timer heap).
//
//   auto loop = aio::get_running_loop();
//   aio::Handle h = loop.call_soon([] { aio::print("soon"); });
//   aio::TimerHandle t = loop.call_later(2.0, [] { aio::print("later"); });
//   t.cancel();
//
// An exception escaping a callback ends aio::run with it (asyncio only logs it and goes on).
#pragma once
#include <functional>
#include <string>

#include "aio/callable.hpp"
#include "aio/future.hpp"
#include "aio/loop.hpp"

namespace aio {
namespace detail {

// asyncio.Handle / TimerHandle: one std::function the loop runs once, unless cancelled first.
// Also the done-callback object of futures (Future.add_done_callback).
class Callback final : public Callable {
public:
    explicit Callback(std::function<void()> fn) : fn_(std::move(fn)) {}
    void fire(std::uint32_t) override;
    bool live(std::uint32_t) const override { return !cancelled_; }
    void cancel();
    bool cancelled() const noexcept { return cancelled_; }
    // A timer remembers where it is queued, for the loop's count of cancelled timers.
    void mark_timer(double when, std::uint64_t iteration) noexcept {
        timer_ = true;
        when_ = when;
        queued_in_ = iteration;
    }
    double when() const noexcept { return when_; }

private:
    std::function<void()> fn_;
    double when_ = 0.0;
    std::uint64_t queued_in_ = 0;
    bool timer_ = false;
    bool cancelled_ = false;
};

}  // namespace detail

// asyncio.Handle: what call_soon returns (and Future::add_done_callback, to remove it again).
class Handle {
public:
    Handle() = default;
    explicit Handle(detail::Ref<detail::Callback> c) : c_(std::move(c)) {}
    // Handle.cancel(): the callback will not run (no effect once it ran).
    void cancel() {
        if (c_) c_->cancel();
    }
    bool cancelled() const { return c_ && c_->cancelled(); }
    detail::Callback* callback() const noexcept { return c_.get(); }

protected:
    detail::Ref<detail::Callback> c_;
};

// asyncio.TimerHandle: what call_later / call_at return.
class TimerHandle : public Handle {
public:
    using Handle::Handle;
    double when() const { return c_ ? c_->when() : 0.0; }
};

// The running loop as asyncio.get_running_loop() returns it (a reference: copy freely).
class Loop {
public:
    explicit Loop(detail::EventLoop& loop) : loop_(&loop) {}
    double time() const { return loop_->time(); }
    Handle call_soon(std::function<void()> fn);
    TimerHandle call_later(double delay, std::function<void()> fn);
    TimerHandle call_at(double when, std::function<void()> fn);
    // From any thread; the callback runs on the loop's thread (asyncio returns a Handle; this
    // returns nothing, as the handle's count of references is the loop thread's).
    void call_soon_threadsafe(std::function<void()> fn);
    detail::EventLoop& impl() const noexcept { return *loop_; }

private:
    detail::EventLoop* loop_;
};

// asyncio.get_running_loop(): throws NoRunningLoopError outside aio::run.
Loop get_running_loop();

}  // namespace aio
