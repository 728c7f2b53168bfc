// The loop's callback API: handles around std::function callbacks.
#include "aio/events.hpp"

namespace aio {
namespace detail {

void Callback::fire(std::uint32_t) {
    if (cancelled_) return;
    // Moved out first: the callback may cancel its own handle (which drops fn_) while it runs.
    std::function<void()> fn = std::move(fn_);
    fn_ = nullptr;
    fn();
}

void Callback::cancel() {
    if (cancelled_) return;
    cancelled_ = true;
    fn_ = nullptr;  // asyncio drops the callback and its arguments at once
    if (timer_)
        if (EventLoop* loop = EventLoop::current()) loop->timer_handle_cancelled(when_, queued_in_);
}

}  // namespace detail

Handle Loop::call_soon(std::function<void()> fn) {
    detail::Ref<detail::Callback> c(new detail::Callback(std::move(fn)));
    loop_->call_soon(c.get(), 0);
    return Handle(std::move(c));
}

TimerHandle Loop::call_later(double delay, std::function<void()> fn) {
    return call_at(loop_->time() + delay, std::move(fn));
}

TimerHandle Loop::call_at(double when, std::function<void()> fn) {
    detail::Ref<detail::Callback> c(new detail::Callback(std::move(fn)));
    c->mark_timer(when, loop_->iteration());
    loop_->call_at(when, c.get(), 0);
    return TimerHandle(std::move(c));
}

void Loop::call_soon_threadsafe(std::function<void()> fn) {
    auto* c = new detail::Callback(std::move(fn));
    c->retain();  // the loop's reference, released after it ran
    loop_->call_soon_threadsafe(detail::Handle{c, 0});
}

Loop get_running_loop() { return Loop(detail::EventLoop::running()); }

}  // namespace aio
