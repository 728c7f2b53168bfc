// Expected lines of the counter exercise (shared by the public and hidden tests). Times are the
// tick number times the interval and the scripted arrival times: inputs of the test, never
// values taken from the code under test.
#pragma once
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

// How the grader's replay judge carries a returned value between processes (aio/testing/wire.hpp).
AIO_TESTING_FIELDS(CounterResult, inputs, input_cancelled)

namespace counter_input_test {

inline std::string start_line(int ticks, double interval, const std::string& quit_word) {
    return fmt::format("카운터를 시작합니다: {}초마다 {}번 셉니다. (입력 종료: {})", interval, ticks, quit_word);
}
inline std::string tick_line(int i) { return fmt::format("카운트: {}", i); }
inline std::string received_line(const std::string& text) { return "입력 받음: " + text; }
inline const std::string kReaderDone = "입력을 마칩니다.";
inline const std::string kCancelled = "입력 대기를 취소했습니다.";
inline std::string summary_line(const std::vector<std::string>& inputs) {
    return fmt::format("카운트 종료! 받은 입력 {}개: [{}]", inputs.size(), fmt::join(inputs, ", "));
}

inline const aio::testing::Activity kCounter = aio::testing::task_named("count_up");
inline const aio::testing::Activity kReader = aio::testing::task_named("read_inputs");

// "카운트: i" at i * interval for every tick; stops at the first wrong tick (one message is enough).
inline void check_ticks(const aio::testing::RunReport& r, int ticks, double interval) {
    for (int i = 1; i <= ticks; ++i) {
        const aio::testing::Verdict v = aio::testing::printed_at(r, tick_line(i), i * interval);
        AIO_CHECK(v);
        if (!v.ok) break;
    }
}

// Every input line echoed and received at its arrival time.
inline void check_received(const aio::testing::RunReport& r, const std::vector<aio::ScriptedLine>& typed) {
    for (const aio::ScriptedLine& line : typed) AIO_CHECK(aio::testing::printed_at(r, received_line(line.text), line.at));
}

inline void check_result(const aio::testing::Run<CounterResult>& r, const std::vector<std::string>& inputs, bool cancelled) {
    AIO_CHECK(aio::testing::returned_member(r, "inputs", &CounterResult::inputs, inputs));
    AIO_CHECK(aio::testing::returned_member(r, "input_cancelled", &CounterResult::input_cancelled, cancelled));
}

}  // namespace counter_input_test
