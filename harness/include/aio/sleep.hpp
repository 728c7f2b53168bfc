// asyncio.sleep. A positive delay arms a timer whose firing completes the sleep, and the task
// resumes one iteration later (asyncio: timer → future.set_result → call_soon(task.__wakeup)).
// sleep(0) (or negative) yields exactly once, like asyncio's bare `yield`.
#pragma once
#include <chrono>
#include <coroutine>

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

inline SleepAwaiter sleep(double seconds) { return SleepAwaiter(seconds); }
template <class Rep, class Period>
SleepAwaiter sleep(std::chrono::duration<Rep, Period> d) {
    return SleepAwaiter(std::chrono::duration<double>(d).count());
}

}  // namespace aio
