// What the asyncio_gather functions print (shared by the public and hidden tests). The times,
// the finishing order and the printed totals are literals in each test (checked against
// CPython's asyncio on a virtual clock); these helpers only lay the lines out.
#pragma once
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

namespace asyncio_gather_test {

inline const std::array<std::string, 3> kNames = {"작업1", "작업2", "작업3"};
inline const std::vector<std::string> kResults = {"작업1 결과", "작업2 결과", "작업3 결과"};
inline const std::string kSequentialHeader = "=== 순차 실행 ===";
inline const std::string kConcurrentHeader = "=== 동시 실행 ===";

// Job k is 1, 2 or 3.
inline std::string start_line(int k) { return fmt::format("{} 작업 시작", kNames[k - 1]); }
inline std::string done_line(int k) { return fmt::format("{} 작업 완료", kNames[k - 1]); }
inline aio::testing::Activity job(int k) { return aio::testing::between_lines(kNames[k - 1], start_line(k), done_line(k)); }
inline std::vector<aio::testing::Activity> all_jobs() { return {job(1), job(2), job(3)}; }

// `total` is the text {:.1f} must produce ("6.0").
inline std::string sequential_summary(std::string_view total) { return fmt::format("순차 실행 완료: {}초", total); }
inline std::string concurrent_summary(std::string_view total) { return fmt::format("동시 실행 완료: {}초", total); }

// run_tasks_sequentially started at t0 whose jobs end at ends[0], ends[1], ends[2]: each job
// starts when the previous one ends.
inline std::vector<aio::testing::TimedLine> sequential_lines(double t0, std::array<double, 3> ends, std::string_view total) {
    return {{t0, start_line(1)},       {ends[0], done_line(1)}, {ends[0], start_line(2)}, {ends[1], done_line(2)},
            {ends[1], start_line(3)}, {ends[2], done_line(3)}, {ends[2], sequential_summary(total)}};
}

// run_tasks_concurrently started at t0: all three start at t0, job k ends at ends[k-1], and the
// "완료" lines come in `finish_order` (job numbers); the summary comes with the last one.
inline std::vector<aio::testing::TimedLine> concurrent_lines(double t0, std::array<double, 3> ends,
                                                             std::array<int, 3> finish_order, std::string_view total) {
    std::vector<aio::testing::TimedLine> lines{{t0, start_line(1)}, {t0, start_line(2)}, {t0, start_line(3)}};
    for (int k : finish_order) lines.push_back({ends[k - 1], done_line(k)});
    lines.push_back({ends[finish_order[2] - 1], concurrent_summary(total)});
    return lines;
}

// async_main: the header, the sequential run, an empty line and the header, the concurrent run.
inline std::vector<aio::testing::TimedLine> main_lines(const std::vector<aio::testing::TimedLine>& sequential,
                                                       const std::vector<aio::testing::TimedLine>& concurrent) {
    std::vector<aio::testing::TimedLine> lines{{0.0, kSequentialHeader}};
    lines.insert(lines.end(), sequential.begin(), sequential.end());
    const double switch_at = sequential.back().at;
    lines.push_back({switch_at, ""});
    lines.push_back({switch_at, kConcurrentHeader});
    lines.insert(lines.end(), concurrent.begin(), concurrent.end());
    return lines;
}

// The sequential version really ran one job after another (not gathered).
inline void check_one_by_one(const aio::testing::RunReport& r) {
    AIO_CHECK(aio::testing::one_after_another(r, job(1), job(2)));
    AIO_CHECK(aio::testing::one_after_another(r, job(2), job(3)));
}

}  // namespace asyncio_gather_test
