// Expected lines of the sync-vs-async exercise (shared by the public and hidden tests). Line
// times follow from the job durations the test passes in; totals are written out by hand.
#pragma once
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

// How the grader's replay judge carries a returned value between processes (aio/testing/wire.hpp).
AIO_TESTING_FIELDS(Timing, sync_seconds, async_seconds)

namespace sync_vs_async_test {

inline std::string start_line(const Job& job) { return fmt::format("{} 시작 ({:.1f}초)", job.name, job.seconds); }
inline std::string done_line(const Job& job) { return fmt::format("{} 완료", job.name); }

inline std::vector<aio::testing::Activity> job_activities(const std::vector<Job>& jobs) {
    return aio::testing::activities(
        jobs, [](const Job& job) { return aio::testing::between_lines(job.name, start_line(job), done_line(job)); });
}

// run_sync's lines when it starts at `t`: one job after the other.
inline std::vector<aio::testing::TimedLine> sync_lines(const std::vector<Job>& jobs, double total, double t = 0) {
    std::vector<aio::testing::TimedLine> lines;
    const double end = t + total;
    for (const Job& job : jobs) {
        lines.push_back({t, start_line(job)});
        t += job.seconds;
        lines.push_back({t, done_line(job)});
    }
    lines.push_back({end, fmt::format("동기 실행: {:.1f}초", total)});
    return lines;
}

// run_async's lines when it starts at `t`: every job starts at once, the shortest ends first
// (durations must be distinct and positive so the order of the "완료" lines is determined).
inline std::vector<aio::testing::TimedLine> async_lines(const std::vector<Job>& jobs, double longest, double t = 0) {
    std::vector<aio::testing::TimedLine> lines;
    for (const Job& job : jobs) lines.push_back({t, start_line(job)});
    for (auto& l : aio::testing::finish_lines(jobs, t, &Job::seconds, done_line)) lines.push_back(l);
    lines.push_back({t + longest, fmt::format("비동기 실행: {:.1f}초", longest)});
    return lines;
}

// compare()'s whole output: headings, both runs, the comparison.
inline std::vector<aio::testing::TimedLine> compare_lines(const std::vector<Job>& jobs, double sum, double longest) {
    std::vector<aio::testing::TimedLine> lines{{0, "=== 동기 실행 ==="}};
    for (auto& l : sync_lines(jobs, sum)) lines.push_back(l);
    lines.insert(lines.end(), {{sum, ""}, {sum, "=== 비동기 실행 ==="}});
    for (auto& l : async_lines(jobs, longest, sum)) lines.push_back(l);
    const double end = sum + longest;
    lines.insert(lines.end(), {{end, ""},
                               {end, "=== 비교 ==="},
                               {end, fmt::format("동기 {:.1f}초, 비동기 {:.1f}초: 비동기가 {:.1f}초 빨랐습니다.", sum,
                                                 longest, sum - longest)}});
    return lines;
}

}  // namespace sync_vs_async_test
