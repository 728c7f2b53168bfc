// asyncio.sleep. A positive delay arms a timer whose firing completes the sleep, and the task
// resumes one iteration later (asyncio: timer → future.set_result → call_soon(task.__wakeup)).
// sleep(0) (or negative) yields exactly once, like asyncio's bare `yield`.
#pragma once
#include <chrono>
#include <coroutine>
#include <type_traits>
#include <utility>

#include "aio/task.hpp"

namespace aio {

class SleepAwaiter {
public:
    explicit SleepAwaiter(double seconds) : seconds_(seconds) {}
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume();

private:
    // Only the delay: the awaiter lives in the frame of every sleeping coroutine, and the task
    // that resumes it is the loop's current task again (see await_resume).
    double seconds_;
};

// asyncio.sleep(delay, result): the same wait, then `result` is the await's value.
template <class T>
class SleepResultAwaiter : public SleepAwaiter {
public:
    SleepResultAwaiter(double seconds, T result) : SleepAwaiter(seconds), result_(std::move(result)) {}
    T await_resume() {
        SleepAwaiter::await_resume();
        return std::move(result_);
    }

private:
    T result_;
};

inline SleepAwaiter sleep(double seconds) { return SleepAwaiter(seconds); }
template <class T>
SleepResultAwaiter<std::decay_t<T>> sleep(double seconds, T&& result) {
    return SleepResultAwaiter<std::decay_t<T>>(seconds, std::forward<T>(result));
}
template <class Rep, class Period>
SleepAwaiter sleep(std::chrono::duration<Rep, Period> d) {
    return SleepAwaiter(std::chrono::duration<double>(d).count());
}

}  // namespace aio
