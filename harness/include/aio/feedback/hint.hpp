// Named hints for the classic mistakes. A hint is an id and the values its text needs (task
// names, times), never finished prose: the text lives in the one table (texts.cpp), so the
// student's ctest, `grader check`, the HTML report and every CI summary say the same words.
// Ids are declared from the most to the least relevant: when a failed check carries several
// hints, the first one names the cause (a blocking sleep explains the late lines better than
// the lines do).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aio::feedback {

enum class HintId : std::uint8_t {
    not_implemented,          // the stub's aio::todo() still runs
    blocking_input,           // std::getline(std::cin)/scanf/read(0) inside a coroutine on the virtual clock
    missing_co_return,        // a value-returning task ran off its end without co_return
    blocking_sleep,           // sleep_for/sleep/usleep inside a coroutine
    never_awaited,            // a coroutine object destroyed without running
    deadlock,                 // DeadlockError
    virtual_time_limit,       // VirtualTimeLimitError
    step_limit,               // StepLimitError
    no_running_loop,          // NoRunningLoopError
    task_exception,           // a task's exception let through by gather ended the run
    sequential_awaits,        // activities that should overlap ran back to back
    no_tasks,                 // concurrency expected but no task besides main
    task_not_awaited,         // a task still pending when main finished
    exception_not_retrieved,  // a task failed and nobody looked at its exception
    exception,                // the code under test threw
    wrong_result_order,       // the right values in the wrong order
};
inline constexpr std::size_t kHintCount = std::size_t(HintId::wrong_result_order) + 1;

struct Hint {
    HintId id;
    std::vector<std::string> args;  // {0}, {1}, ... of the hint's text
};

std::string_view name(HintId id);   // "never_awaited"
std::string_view title(HintId id);  // "co_await 빠짐"
std::string text(const Hint& hint);  // the Korean paragraph, with the args filled in
std::optional<HintId> hint_from_name(std::string_view name);

}  // namespace aio::feedback
