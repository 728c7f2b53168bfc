// What the web checker prints for one monitoring round (shared by the public and hidden tests).
// Each round's data are literals taken from CPython for the same sites and seed: every site's
// response time (base_delay + random.uniform(0.5, 2.0)), whether its random.random() was < 0.1,
// and the summary lines Python printed. These helpers only lay the lines out.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

namespace web_checker_test {

struct SiteRun {
    std::string name;
    double response;  // seconds from the round's start until the site answers
    bool failed;
};

struct Round {
    double start;                       // virtual time monitor_websites began
    std::vector<SiteRun> sites;         // in the order of the site list
    std::vector<std::string> summary;   // the lines after "=== 모니터링 결과 ===", as Python printed them
};

inline const std::string round_start = "웹사이트 모니터링 시작...";
inline const std::string result_header = "=== 모니터링 결과 ===";

inline std::string start_line(std::string_view site) { return fmt::format("{} 응답 시간 측정 시작...", site); }
inline std::string result_line(const SiteRun& s) {
    return s.failed ? fmt::format("{} - 응답 실패!", s.name) : fmt::format("{} - 응답 시간: {:.2f}초", s.name, s.response);
}
inline std::string pause_line(std::string_view seconds) { return fmt::format("{}초 후 다시 모니터링합니다...", seconds); }

// One site's check, from its start line to its result line.
inline aio::testing::Activity check(const SiteRun& s) {
    return aio::testing::between_lines(s.name, start_line(s.name), result_line(s));
}
inline std::vector<aio::testing::Activity> checks(const Round& r) {
    std::vector<aio::testing::Activity> out;
    for (const SiteRun& s : r.sites) out.push_back(check(s));
    return out;
}

// The round ends when its slowest site answers.
inline double end_of(const Round& r) {
    double longest = 0;
    for (const SiteRun& s : r.sites) longest = std::max(longest, s.response);
    return r.start + longest;
}

// Everything one monitor_websites call prints: all sites start together, each answers after its
// own response time (so the result lines come in order of response time), then the summary.
inline std::vector<aio::testing::TimedLine> round_lines(const Round& r) {
    std::vector<aio::testing::TimedLine> lines{{r.start, round_start}, {r.start, ""}};
    for (const SiteRun& s : r.sites) lines.push_back({r.start, start_line(s.name)});
    std::vector<SiteRun> by_time = r.sites;
    std::stable_sort(by_time.begin(), by_time.end(), [](const SiteRun& a, const SiteRun& b) { return a.response < b.response; });
    for (const SiteRun& s : by_time) lines.push_back({r.start + s.response, result_line(s)});
    const double end = end_of(r);
    lines.push_back({end, ""});
    lines.push_back({end, result_header});
    for (const std::string& text : r.summary) lines.push_back({end, text});
    return lines;
}

// async_main: a round, the pause announcement, and the second round.
inline std::vector<aio::testing::TimedLine> main_lines(const Round& first, std::string_view pause_seconds, const Round& second) {
    std::vector<aio::testing::TimedLine> lines = round_lines(first);
    lines.push_back({end_of(first), ""});
    lines.push_back({end_of(first), pause_line(pause_seconds)});
    for (const aio::testing::TimedLine& l : round_lines(second)) lines.push_back(l);
    return lines;
}

inline aio::testing::RunSettings seeded(std::int64_t seed) {
    aio::testing::RunSettings settings;
    settings.seed = seed;
    return settings;
}

}  // namespace web_checker_test
