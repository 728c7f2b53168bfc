// Expectations written as printed lines, and counts read from them.
//
//   AIO_CHECK(printed_exactly(r, traced(R"(
//   [  0.000] 페이지 6개를 가져옵니다
//   [  0.500] /about.html 응답 (0.50초)
//   )")));
//   AIO_CHECK(peak_count(r, {"진행 중인 요청", ends_with(" 요청 시작"), contains(" 응답 (")}, 2));
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "aio/testing/expect.hpp"

namespace aio::testing {

// The lines of a `--trace` run, "[  1.500] text" each: an expected output as a program prints it
// (and as its README shows it), Python's included. Blank lines before the first and after the
// last line are ignored; any other line without the "[seconds] " prefix throws std::invalid_argument.
std::vector<TimedLine> traced(std::string_view text);

// Something a program opens and closes by printing lines: a request between "요청 시작" and
// "응답", an item in a queue between "넣음" and "꺼냄". Counting lines, not tasks, also sees work
// that waits its turn inside a task that is already running (a semaphore, a full queue).
using LineMatch = std::function<bool(std::string_view)>;
struct Counted {
    std::string what;  // Korean, as in messages: "진행 중인 요청", "대기열의 물건"
    LineMatch opens;
    LineMatch closes;
};
LineMatch ends_with(std::string suffix);
LineMatch contains(std::string part);

// The most that were open at once. Lines count in printed order, so when one closes and another
// opens in the same instant (a slot freed and taken again) they do not add up.
std::size_t measure_peak(const RunReport& report, const Counted& counted);

// The run returned, never more than `expected` were open at once, and at some moment exactly
// that many (not one after another).
Verdict peak_count(const RunReport& report, const Counted& counted, std::size_t expected);

}  // namespace aio::testing
