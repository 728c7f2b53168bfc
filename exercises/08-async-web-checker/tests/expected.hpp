// What the web checker prints for one monitoring round (shared by the public and hidden tests).
// Each round's data are literals taken from CPython for the same sites and seed: every site's
// response time (base_delay + random.uniform(0.5, 2.0)), whether its random.random() was < 0.1,
// and the summary lines Python printed. These helpers only lay the lines out. Rounds with a
// raising site (negative base_delay) come from tools/gen_web_checker_raising.py.
#pragma once
#include <algorithm>
#include <exception>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

// How the grader's replay judge carries a returned value between processes (aio/testing/wire.hpp).
AIO_TESTING_FIELDS(SiteResult, site, status, time)

namespace web_checker_test {

struct SiteRun {
    std::string name;
    double response;      // seconds from the round's start until the site answers
    bool failed;
    bool raises = false;  // negative base_delay: throws at once, prints nothing, draws nothing
};

// A site whose check_website throws std::invalid_argument.
inline SiteRun raising(std::string name) { return {std::move(name), 0.0, false, true}; }
inline std::string raise_text(std::string_view site) { return fmt::format("{}: 기본 지연은 음수일 수 없습니다", site); }

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

// The sites that get as far as printing (all but the raising ones), in list order.
inline std::vector<SiteRun> answering(const Round& r) {
    std::vector<SiteRun> out;
    std::copy_if(r.sites.begin(), r.sites.end(), std::back_inserter(out), [](const SiteRun& s) { return !s.raises; });
    return out;
}

// One site's check, from its start line to its result line.
inline aio::testing::Activity check(const SiteRun& s) {
    return aio::testing::between_lines(s.name, start_line(s.name), result_line(s));
}
inline std::vector<aio::testing::Activity> checks(const Round& r) { return aio::testing::activities(answering(r), check); }

// The round ends when its slowest site answers.
inline double end_of(const Round& r) { return r.start + aio::testing::longest(answering(r), &SiteRun::response); }

// Everything one monitor_websites call prints: all sites start together, each answers after its
// own response time (so the result lines come in order of response time), then the summary. A
// raising site prints nothing.
inline std::vector<aio::testing::TimedLine> round_lines(const Round& r) {
    std::vector<aio::testing::TimedLine> lines{{r.start, round_start}, {r.start, ""}};
    const std::vector<SiteRun> sites = answering(r);
    for (const SiteRun& s : sites) lines.push_back({r.start, start_line(s.name)});
    for (auto& l : aio::testing::finish_lines(sites, r.start, &SiteRun::response, result_line)) lines.push_back(l);
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

// The checks of one monitor_websites run: exactly the round's lines at their times, the total
// time with every site's check as an activity, every site's task in flight together, no
// leftovers. One answering site needs no task of its own (awaiting it directly is just as right),
// so "in flight" is only checked with two or more. A raising site's task starts and ends at the
// instant the others start, so it counts as in flight with them (max_in_flight's rule).
inline void check_round_run(const aio::testing::RunReport& r, const Round& expected) {
    using namespace aio::testing;
    AIO_CHECK(printed_exactly(r, round_lines(expected)));
    AIO_CHECK(took(r, end_of(expected), checks(expected)));
    if (answering(expected).size() > 1) AIO_CHECK(max_in_flight(r, expected.sites.size(), "check_website"));
    AIO_CHECK(finished_cleanly(r));
}

// The checks of one async_main run: both rounds and the pause between them, exactly.
inline void check_main_run(const aio::testing::RunReport& r, const Round& first, std::string_view pause_seconds,
                           const Round& second) {
    using namespace aio::testing;
    AIO_CHECK(printed_exactly(r, main_lines(first, pause_seconds, second)));
    AIO_CHECK(took(r, end_of(second)));
    AIO_CHECK(finished_cleanly(r));
}

// check_website(name, negative delay): the run threw std::invalid_argument with this what() and
// printed nothing (the check comes before the first line and the first random draw).
inline aio::testing::Verdict threw_invalid_argument(const aio::testing::RunReport& r, const std::string& what) {
    using namespace aio::testing;
    const std::string title = fmt::format("아무것도 출력하지 않고 std::invalid_argument({}) 를 던져야 합니다", quoted(what));
    bool invalid_argument = false;
    if (r.error) {
        try {
            std::rethrow_exception(r.error);
        } catch (const std::invalid_argument&) {
            invalid_argument = true;
        } catch (...) {
        }
    }
    if (r.ending == Ending::raised && invalid_argument && r.error_text == what && r.trace.lines.empty()) return pass(title);
    Failure f(r, title);
    f.expected(fmt::format("std::invalid_argument({}), 출력 없음", quoted(what)));
    if (r.ending == Ending::returned) f.actual("예외 없이 끝났습니다");
    else if (r.ending == Ending::raised)
        f.actual(fmt::format("{}({})", invalid_argument ? "std::invalid_argument" : "다른 종류의 예외", quoted(r.error_text)));
    if (!r.trace.lines.empty())
        f.actual(fmt::format("{}줄을 출력했습니다 (첫 줄: {})", r.trace.lines.size(), quoted(r.trace.lines.front().text)));
    return f.verdict();
}

}  // namespace web_checker_test
