// What the deadline fetcher must do (shared by the public and hidden tests). Every expected output
// is CPython's: the program's Python twin (tests/reference/wait_for_timeout/wait_for_timeout.py)
// run by `python3 tools/gen_exercise_scenarios.py 13` on a virtual clock, pasted in the --trace
// format. These helpers only name the lines and bundle the checks.
#pragma once
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

// How the grader's replay judge carries a returned value between processes (aio/testing/wire.hpp).
AIO_TESTING_FIELDS(FetchResult, site, status, page)

// How a result reads in failure messages: {"GitHub", "성공", "GitHub 페이지"}.
template <>
struct fmt::formatter<FetchResult> : fmt::formatter<std::string_view> {
    template <class Ctx>
    auto format(const FetchResult& r, Ctx& ctx) const {
        return fmt::format_to(ctx.out(), "{{\"{}\", \"{}\", {}}}", r.site, r.status,
                              r.page ? fmt::format("\"{}\"", *r.page) : std::string("없음"));
    }
};

namespace wait_for_test {

inline std::string request_line(std::string_view site) { return fmt::format("{} 요청 보냄...", site); }
inline std::string answer_line(const Site& s) { return fmt::format("{} 응답 도착 ({:.2f}초)", s.name, s.delay); }
inline std::string cancel_line(std::string_view site) { return fmt::format("{} 요청 취소", site); }
inline std::string timeout_line(const Site& s) {
    return fmt::format("{} - 시간 초과! ({:.2f}초 안에 응답이 없습니다)", s.name, s.timeout);
}

inline bool times_out(const Site& s) { return s.timeout < s.delay; }
inline FetchResult ok(const std::string& site) { return {site, "성공", site + " 페이지"}; }
inline FetchResult late(const std::string& site) { return {site, "시간 초과", std::nullopt}; }

// One site's request, from sending it until it answered or was cancelled at its deadline.
inline aio::testing::Activity request(const Site& s) {
    return aio::testing::between_lines(s.name, request_line(s.name), times_out(s) ? cancel_line(s.name) : answer_line(s));
}

// Requests in flight, counted from the lines: sent, then answered or cancelled.
inline const aio::testing::Counted kRequests{"진행 중인 요청", aio::testing::ends_with(" 요청 보냄..."),
                                             [](std::string_view l) {
                                                 return l.find(" 응답 도착 (") != std::string_view::npos ||
                                                        aio::testing::ends_with(" 요청 취소")(l);
                                             }};

// The site's work really stopped at its deadline: its cancel line at the deadline, nothing of it
// printed later, and the task that sent its request over by then (not left running on, nor
// still pending when the run ended).
inline aio::testing::Verdict stopped_at_deadline(const aio::testing::RunReport& r, const Site& s) {
    using namespace aio::testing;
    const std::string title = fmt::format("{}의 요청은 마감 {:.3f}초에 취소되고 그 뒤로는 아무 일도 하지 않아야 합니다", s.name, s.timeout);
    Failure f(r, title);
    f.expected(fmt::format("{:.3f}초에 {} 출력, 그 뒤로 {}의 줄 없음, 요청을 보낸 작업은 {:.3f}초까지 끝남", s.timeout,
                           quoted(cancel_line(s.name)), s.name, s.timeout));
    const aio::trace::Line* sent = r.line(request_line(s.name));
    const aio::trace::Line* cancelled = r.line(cancel_line(s.name));
    bool good = r.returned() && sent && cancelled && std::fabs(cancelled->time - s.timeout) <= kTimeTolerance;
    if (!sent) f.actual(fmt::format("{}이(가) 출력되지 않았습니다", quoted(request_line(s.name))));
    else if (!cancelled) f.actual(fmt::format("{}이(가) 출력되지 않았습니다: 요청이 취소되지 않았습니다", quoted(cancel_line(s.name))));
    else if (!good) f.actual(fmt::format("{}을(를) {:.3f}초에 출력했습니다", quoted(cancel_line(s.name)), cancelled->time));
    for (const aio::trace::Line& l : r.trace.lines) {
        if (l.time > s.timeout + kTimeTolerance && l.text.rfind(s.name + " ", 0) == 0) {
            f.actual(fmt::format("마감 뒤 {:.3f}초에 {}을(를) 출력했습니다", l.time, quoted(l.text)));
            good = false;
            break;
        }
    }
    if (sent) {
        const aio::trace::Span* task = r.trace.span(sent->task_id);
        if (task && (task->finished < 0 || task->finished > s.timeout + kTimeTolerance)) {
            f.actual(task->finished < 0 ? fmt::format("요청을 보낸 작업 {}이(가) 끝나지 않았습니다", r.trace.display_name(task->id))
                                        : fmt::format("요청을 보낸 작업 {}이(가) {:.3f}초에야 끝났습니다",
                                                      r.trace.display_name(task->id), task->finished));
            good = false;
        }
    }
    if (good) return pass(title);
    const double from = sent ? sent->time : 0.0;
    f.expected_timeline({bar_row(fmt::format("[{}]  {:.3f}~{:.3f}초 (마감에 취소)", s.name, from, s.timeout), from, s.timeout)});
    f.actual_timeline(run_rows(r, {request(s)}));
    return f.verdict();
}

// Everything about one fetch_all run: the whole output as Python printed it, the total time with
// every request as an activity that should overlap, all requests in flight together, every
// timed-out site really stopped at its deadline, the results in list order, and a clean end.
inline void check_fetch_all(const aio::testing::Run<std::vector<FetchResult>>& r, const std::vector<Site>& sites,
                            std::string_view python_output, double total, const std::vector<FetchResult>& results) {
    using namespace aio::testing;
    AIO_CHECK(printed_exactly(r, traced(python_output)));
    AIO_CHECK(took(r, total, activities(sites, request)));
    AIO_CHECK(peak_count(r, kRequests, sites.size()));
    for (const Site& s : sites)
        if (times_out(s)) AIO_CHECK(stopped_at_deadline(r, s));
    AIO_CHECK(returned(r, results));
    AIO_CHECK(finished_cleanly(r));
}

}  // namespace wait_for_test
