// Exercise 08, public tests: the chapter's five sites with random seeded to 1 (two of them fail
// in the first round, one in the second), and the same sites with one more whose check_website
// throws (gather_outcomes: the others are still reported).
#include "expected.hpp"

#include <algorithm>

#include "../api.hpp"

using namespace aio::testing;
using namespace web_checker_test;

namespace {
// CPython, random.seed(1): the chapter program's two rounds.
const Round kFirst = {0.0,
                      {{"Google", 1.2015463661686019, false},
                       {"GitHub", 2.771150605405849, true},
                       {"Python.org", 2.4456619284649213, true},
                       {"Stack Overflow", 2.0826035386091326, false},
                       {"MDN Docs", 2.1431526306379114, false}},
                      {"총 소요 시간: 2.77초", "성공: 3개, 실패: 2개", "평균 응답 시간: 1.81초",
                       "가장 빠른 사이트: Google (1.20초)", "가장 느린 사이트: MDN Docs (2.14초)"}};
const Round kSecond = {7.771150605405849,
                       {{"Google", 2.2536476558798046, false},
                        {"GitHub", 2.1491506018575803, false},
                        {"Python.org", 2.443420123686913, true},
                        {"Stack Overflow", 1.703159080026666, false},
                        {"MDN Docs", 2.068080791082202, false}},
                       {"총 소요 시간: 2.44초", "성공: 4개, 실패: 1개", "평균 응답 시간: 2.04초",
                        "가장 빠른 사이트: Stack Overflow (1.70초)", "가장 느린 사이트: Google (2.25초)"}};
}  // namespace

TEST_CASE("동시 확인: 다섯 사이트가 0초에 함께 측정을 시작한다") {
    auto r = run_virtual(monitor_websites(chapter_websites()), {.seed = 1});
    for (const SiteRun& s : kFirst.sites) AIO_CHECK(printed_at(r, start_line(s.name), 0.0));
    AIO_CHECK(max_in_flight(r, 5, "check_website"));
}

TEST_CASE("동시 확인: 각 사이트는 자기 응답 시간에 끝나고 전체는 가장 느린 사이트의 시간이다 (시드 1)") {
    auto r = run_virtual(monitor_websites(chapter_websites()), {.seed = 1});
    for (const SiteRun& s : kFirst.sites) AIO_CHECK(printed_at(r, result_line(s), s.response));
    AIO_CHECK(took(r, end_of(kFirst), checks(kFirst)));
}

TEST_CASE("결과 분석: 실패한 사이트는 실패로 세고 통계는 성공한 사이트로만 낸다 (시드 1)") {
    auto r = run_virtual(monitor_websites(chapter_websites()), {.seed = 1});
    std::vector<std::string> order{"", result_header};
    order.insert(order.end(), kFirst.summary.begin(), kFirst.summary.end());
    AIO_CHECK(printed_in_order(r, order));
    for (const std::string& text : kFirst.summary) AIO_CHECK(printed_at(r, text, end_of(kFirst)));
}

TEST_CASE("다시 모니터링: 5초 쉬었다가 한 번 더 모니터링한다 (시드 1)") {
    auto r = run_virtual(async_main(chapter_websites(), 5), {.seed = 1});
    AIO_CHECK(printed_at(r, pause_line("5"), end_of(kFirst)));
    AIO_CHECK(printed_at(r, round_start, kSecond.start, 1));
    for (const SiteRun& s : kSecond.sites) {
        // "Python.org - 응답 실패!" is printed in both rounds: look for its second appearance.
        const auto same_in_first = std::count_if(kFirst.sites.begin(), kFirst.sites.end(),
                                                 [&](const SiteRun& f) { return result_line(f) == result_line(s); });
        AIO_CHECK(printed_at(r, result_line(s), kSecond.start + s.response, std::size_t(same_in_first)));
    }
    AIO_CHECK(took(r, end_of(kSecond)));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다 (시드 1)") {
    auto r = run_virtual(async_main(), {.seed = 1});  // the defaults are the chapter's sites and 5 s
    AIO_CHECK(printed_exactly(r, main_lines(kFirst, "5", kSecond)));
}

TEST_CASE("예외를 던지는 사이트: 기본 지연이 음수인 사이트가 있어도 나머지 사이트를 모두 보고한다 (시드 3)") {
    // python3 tools/gen_web_checker_raising.py  (scenario "public"): Broken Mirror raises ValueError
    // and is counted neither as 성공 nor as 실패; it draws no random number, so the others get the
    // draws in list order without it.
    const std::vector<Website> sites = {{"Google", 0.5},         {"GitHub", 1.0},         {"Broken Mirror", -1.0},
                                        {"Python.org", 0.8},     {"Stack Overflow", 1.2}, {"MDN Docs", 0.9}};
    const Round expected = {0.0,
                            {{"Google", 1.3569469406378372, true},
                             {"GitHub", 2.316343837943928, false},
                             raising("Broken Mirror"),
                             {"Python.org", 1.8549327498221189, true},
                             {"Stack Overflow", 2.605880057894292, false},
                             {"MDN Docs", 2.338580456162081, false}},
                            {"총 소요 시간: 2.61초", "성공: 3개, 실패: 2개", "평균 응답 시간: 2.42초",
                             "가장 빠른 사이트: GitHub (2.32초)", "가장 느린 사이트: Stack Overflow (2.61초)"}};
    check_round_run(run_virtual(monitor_websites(sites), {.seed = 3}), expected);
}

TEST_CASE("블로킹 sleep 과 경고 없이 끝난다") {
    auto r = run_virtual(async_main(), {.seed = 1});
    AIO_CHECK(took(r, end_of(kSecond)));
    AIO_CHECK(finished_cleanly(r));
}
