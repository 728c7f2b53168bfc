// What the limited crawler must do (shared by the public and hidden tests). Every expected output
// is CPython's: the program's Python twin (tests/reference/limited_crawler/limited_crawler.py) run
// by `python3 tools/gen_exercise_scenarios.py 15` on a virtual clock, pasted in the --trace format.
// These helpers name the lines, count the requests in flight, and bundle the checks.
#pragma once
#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

namespace crawler_test {

inline std::string start_line(const Page& p) { return fmt::format("{} 요청 시작", p.url); }
inline std::string answer_line(const Page& p) { return fmt::format("{} 응답 ({:.2f}초)", p.url, p.seconds); }
inline std::string body(const Page& p) { return fmt::format("{} 본문", p.url); }

// One request, from its start line to its answer line.
inline aio::testing::Activity request(const Page& p) { return aio::testing::between_lines(p.url, start_line(p), answer_line(p)); }

// Requests in flight, counted from the lines: every task exists from the start (they all wait on
// the semaphore), so tasks cannot tell how many requests really run; the lines can.
inline const aio::testing::Counted kInFlight{"진행 중인 요청", aio::testing::ends_with(" 요청 시작"), aio::testing::contains(" 응답 (")};

// The bodies, in list order.
inline std::vector<std::string> bodies(const std::vector<Page>& pages) {
    std::vector<std::string> out;
    for (const Page& p : pages) out.push_back(body(p));
    return out;
}

// Everything about one crawl run: the whole output as Python printed it, the total time (the
// first `limit` requests should overlap), never more than `limit` requests in flight and at some
// moment exactly that many, the bodies in list order, and a clean end.
inline void check_crawl(const aio::testing::Run<std::vector<std::string>>& r, const std::vector<Page>& pages, int limit,
                        std::string_view python_output, double total) {
    using namespace aio::testing;
    const std::size_t at_once = std::min(pages.size(), std::size_t(limit));
    AIO_CHECK(printed_exactly(r, traced(python_output)));
    const std::vector<Page> first(pages.begin(), pages.begin() + std::ptrdiff_t(at_once));
    AIO_CHECK(took(r, total, at_once > 1 ? activities(first, request) : std::vector<Activity>{}));
    AIO_CHECK(peak_count(r, kInFlight, at_once));
    AIO_CHECK(returned(r, bodies(pages)));
    AIO_CHECK(finished_cleanly(r));
}

}  // namespace crawler_test
