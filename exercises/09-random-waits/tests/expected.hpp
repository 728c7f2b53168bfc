// What run_random_waits must print and return for given waits (shared by the public and hidden
// tests). The waits themselves are literal values printed by CPython's random.uniform for the
// seed in question, never values computed by the code under test.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

namespace random_waits_test {

inline std::string start_line(int number, double delay) {
    return fmt::format("작업 {} 시작: {:.2f}초 기다립니다...", number, delay);
}
inline std::string done_line(int number, double delay) { return fmt::format("작업 {} 완료! ({:.2f}초)", number, delay); }

// Wait `number` (1-based) as the stretch between its two lines.
inline aio::testing::Activity wait_activity(int number, double delay) {
    return aio::testing::between_lines(fmt::format("작업 {}", number), start_line(number, delay), done_line(number, delay));
}
inline std::vector<aio::testing::Activity> wait_activities(const std::vector<double>& delays) {
    return aio::testing::activities(delays, [](std::size_t i, double d) { return wait_activity(int(i) + 1, d); });
}

// The whole output when all waits start together at 0 (distinct delays: the finish order is the
// order of the delays). aio::testing::longest(delays) is when the last one ends.
inline std::vector<aio::testing::TimedLine> whole_output(const std::vector<double>& delays) {
    std::vector<aio::testing::TimedLine> lines{{0.0, fmt::format("작업 {}개를 동시에 시작합니다.", delays.size())}};
    for (std::size_t i = 0; i < delays.size(); ++i) lines.push_back({0.0, start_line(int(i) + 1, delays[i])});
    const auto done = [](std::size_t i, double d) { return done_line(int(i) + 1, d); };
    for (auto& l : aio::testing::finish_lines(delays, 0.0, [](double d) { return d; }, done)) lines.push_back(l);
    const double total = aio::testing::longest(delays);
    lines.push_back({total, fmt::format("가장 긴 대기 시간: {:.2f}초", total)});
    lines.push_back({total, fmt::format("총 소요 시간: {:.2f}초", total)});
    return lines;
}

}  // namespace random_waits_test
