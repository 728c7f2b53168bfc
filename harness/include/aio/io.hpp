// print and input, the two ways a chapter program talks to its user.
#pragma once
#include <coroutine>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "aio/task.hpp"

namespace aio {

// Python's print(text): one line per '\n'-separated piece, each stamped in the trace.
void print_text(std::string_view text);
inline void print() { print_text(""); }
template <class... Args>
void print(fmt::format_string<Args...> format, Args&&... args) {
    print_text(fmt::format(format, std::forward<Args>(args)...));
}

// Lines a simulated user types, each arriving at a virtual time (seconds). Once the script is
// used up, input() raises EofError, like Python's input() at end of file.
struct ScriptedLine {
    double at;
    std::string text;
};
void set_scripted_input(std::vector<ScriptedLine> lines);
void clear_scripted_input();

namespace detail {
class InputRequest;
// a clean std::cin (state, exception mask) at the start of each test run (testing/run.cpp).
void reset_stdin_guard();
}  // namespace detail

class InputAwaiter {
public:
    explicit InputAwaiter(std::string prompt) : prompt_(std::move(prompt)) {}
    InputAwaiter(InputAwaiter&&) noexcept;
    ~InputAwaiter();
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    std::string await_resume();

private:
    std::string prompt_;
    detail::InputRequest* request_ = nullptr;
    detail::PromiseBase* task_ = nullptr;
};

// `co_await aio::input("이름: ")`: read one line without blocking the loop (asyncio.to_thread(input)).
// Real clock: a background thread reads stdin. Virtual clock: the scripted lines, or stdin lines
// available at once when no script was set.
inline InputAwaiter input(std::string prompt = {}) { return InputAwaiter(std::move(prompt)); }

}  // namespace aio
