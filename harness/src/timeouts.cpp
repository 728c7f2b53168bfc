// asyncio.timeouts.Timeout and the non-template parts of wait_for.
#include "aio/timeouts.hpp"

#include <stdexcept>

namespace aio {
namespace detail {

Ref<Callback> waiter_releaser(const Ref<FutureState<void>>& waiter) {
    return Ref<Callback>(new Callback([waiter] { release_waiter(*waiter); }));
}

std::string described(const FutureBase& fut) {
    std::string out;
    fut.describe(out);
    return out;
}

task<> cancel_and_wait(FutureBase& fut, std::string who) {
    Ref<FutureState<void>> waiter(new FutureState<void>(fmt::format("취소한 {}이(가) 끝나기를 기다림", who)));
    Ref<Callback> cb = waiter_releaser(waiter);
    fut.add_done_callback(cb.get(), 0);
    struct Finally {  // finally: fut.remove_done_callback(cb)
        FutureBase& fut;
        Callback* cb;
        ~Finally() { fut.remove_done_callback(cb, 0); }
    } finally{fut, cb.get()};
    fut.cancel();
    co_await await_state(*waiter);
}

}  // namespace detail

// timeouts._State
enum class TimeoutState { created, entered, expiring, expired, exited };

struct Timeout::State {
    TimeoutState state = TimeoutState::created;
    std::optional<double> when;
    Handle handler;  // the deadline's call_at (call_soon when already past)
    TaskRef task;

    void on_timeout() {
        task.cancel();
        state = TimeoutState::expiring;
        handler = {};
    }
};

Timeout::Timeout(std::optional<double> when) : s_(std::make_shared<State>()) { s_->when = when; }

std::optional<double> Timeout::when() const { return s_->when; }

bool Timeout::expired() const {
    return s_->state == TimeoutState::expiring || s_->state == TimeoutState::expired;
}

void Timeout::reschedule(std::optional<double> when) {
    static const char* names[] = {"created", "active", "expiring", "expired", "finished"};
    if (s_->state != TimeoutState::entered)
        throw std::runtime_error(fmt::format("Cannot change state of {} Timeout", names[int(s_->state)]));
    s_->when = when;
    s_->handler.cancel();
    s_->handler = {};
    if (!when) return;
    Loop loop = get_running_loop();
    // The lambda keeps the state alive until the deadline fires or is cancelled.
    auto fire = [s = s_] { s->on_timeout(); };
    if (*when <= loop.time()) s_->handler = loop.call_soon(fire);
    else s_->handler = loop.call_at(*when, fire);
}

void Timeout::enter() {
    s_->state = TimeoutState::entered;
    s_->task = current_task();
    if (!s_->task.valid()) throw std::runtime_error("Timeout should be used inside a task");
    reschedule(s_->when);
}

void Timeout::exit(std::exception_ptr error) {
    s_->handler.cancel();
    s_->handler = {};
    if (s_->state == TimeoutState::expiring) {
        s_->state = TimeoutState::expired;
        bool cancelled_error = false;
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const CancelledError&) {
                cancelled_error = true;
            } catch (...) {
            }
        }
        if (s_->task.uncancel() == 0 && cancelled_error) throw TimeoutError();
    } else if (s_->state == TimeoutState::entered) {
        s_->state = TimeoutState::exited;
    }
    if (error) std::rethrow_exception(error);
}

Timeout timeout(std::optional<double> delay) {
    return Timeout(delay ? std::optional<double>(get_running_loop().time() + *delay) : std::nullopt);
}

Timeout timeout_at(std::optional<double> when) { return Timeout(when); }

}  // namespace aio
