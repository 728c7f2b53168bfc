// Exercise 08, hidden tests: another seed for the whole program, a round without failures, a
// round where every site fails, a single site (answering and failing), another site list with
// another pause, check_website's returned result, and sites whose check_website throws (all of
// them; one in both rounds; the throw itself). Every Round is CPython's output for the same sites
// and seed (random.uniform for each site in list order, then random.random() for each site in the
// order they answer); the rounds with raising sites come from tools/gen_web_checker_raising.py.
#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace web_checker_test;

namespace {
const std::vector<Website> kKorean = {{"Naver", 0.4}, {"Daum", 0.6}, {"Kakao", 0.3}};

void check_round(const Round& expected, const std::vector<Website>& sites, std::int64_t seed) {
    check_round_run(run_virtual(monitor_websites(sites), {.seed = seed}), expected);
}
}  // namespace

TEST_CASE("다른 시드(숨김): 시드 42 로도 두 번의 모니터링이 파이썬과 같다") {
    const Round first = {0.0,
                         {{"Google", 1.9591401976868257, true},
                          {"GitHub", 1.5375161328340003, false},
                          {"Python.org", 1.712543977553679, false},
                          {"Stack Overflow", 2.034816107223234, false},
                          {"MDN Docs", 2.5047068212460184, true}},
                         {"총 소요 시간: 2.50초", "성공: 3개, 실패: 2개", "평균 응답 시간: 1.76초",
                          "가장 빠른 사이트: GitHub (1.54초)", "가장 느린 사이트: Stack Overflow (2.03초)"}};
    const Round second = {7.504706821246018,
                          {{"Google", 1.327956962205405, false},
                           {"GitHub", 2.258032932155044, false},
                           {"Python.org", 1.3398039545257956, false},
                           {"Stack Overflow", 1.9982564760299728, false},
                           {"MDN Docs", 2.374826656669285, true}},
                          {"총 소요 시간: 2.37초", "성공: 4개, 실패: 1개", "평균 응답 시간: 1.73초",
                           "가장 빠른 사이트: Google (1.33초)", "가장 느린 사이트: GitHub (2.26초)"}};
    auto r = run_virtual(async_main(), {.seed = 42});
    check_main_run(r, first, "5", second);
}

TEST_CASE("실패 없음(숨김): 시드 2 는 다섯 사이트가 모두 성공한다") {
    check_round({0.0,
                 {{"Google", 2.434051407833874, false},
                  {"GitHub", 2.9217412305890242, false},
                  {"Python.org", 1.384827051590213, false},
                  {"Stack Overflow", 1.8273079927383824, false},
                  {"MDN Docs", 2.6532483171941745, false}},
                 {"총 소요 시간: 2.92초", "성공: 5개, 실패: 0개", "평균 응답 시간: 2.24초",
                  "가장 빠른 사이트: Python.org (1.38초)", "가장 느린 사이트: GitHub (2.92초)"}},
                chapter_websites(), 2);
}

TEST_CASE("모두 실패(숨김): 시드 141777 은 다섯 사이트가 모두 실패해 통계 줄이 없다") {
    check_round({0.0,
                 {{"Google", 1.358886987234678, true},
                  {"GitHub", 1.8797605838130234, true},
                  {"Python.org", 2.5951376753627162, true},
                  {"Stack Overflow", 2.276290165695533, true},
                  {"MDN Docs", 2.699369338038601, true}},
                 {"총 소요 시간: 2.70초", "성공: 0개, 실패: 5개"}},
                chapter_websites(), 141777);
}

TEST_CASE("사이트 하나(숨김): 성공하면 평균과 가장 빠른 사이트와 가장 느린 사이트가 모두 그 사이트다") {
    check_round({0.0,
                 {{"Naver", 1.3857491472497436, false}},
                 {"총 소요 시간: 1.39초", "성공: 1개, 실패: 0개", "평균 응답 시간: 1.39초",
                  "가장 빠른 사이트: Naver (1.39초)", "가장 느린 사이트: Naver (1.39초)"}},
                {{"Naver", 0.4}}, 7);
}

TEST_CASE("사이트 하나(숨김): 실패하면 성공 0개와 실패 1개만 출력한다") {
    check_round({0.0, {{"Naver", 2.3478632123281846, true}}, {"총 소요 시간: 2.35초", "성공: 0개, 실패: 1개"}},
                {{"Naver", 0.4}}, 15);
}

TEST_CASE("다른 목록과 쉬는 시간(숨김): 세 사이트를 2.5초 쉬고 다시 확인한다 (시드 9)") {
    const Round first = {0.0,
                         {{"Naver", 1.5945110367225324, true},
                          {"Daum", 1.6599678970925629, false},
                          {"Kakao", 1.0078091187716829, false}},
                         {"총 소요 시간: 1.66초", "성공: 2개, 실패: 1개", "평균 응답 시간: 1.33초",
                          "가장 빠른 사이트: Kakao (1.01초)", "가장 느린 사이트: Daum (1.66초)"}};
    const Round second = {4.159967897092563,
                          {{"Naver", 2.247446955047907, false},
                           {"Daum", 1.2212219707745016, false},
                           {"Kakao", 1.631405702267429, true}},
                          {"총 소요 시간: 2.25초", "성공: 2개, 실패: 1개", "평균 응답 시간: 1.73초",
                           "가장 빠른 사이트: Daum (1.22초)", "가장 느린 사이트: Naver (2.25초)"}};
    auto r = run_virtual(async_main(kKorean, 2.5), {.seed = 9});
    check_main_run(r, first, "2.5", second);
}

TEST_CASE("check_website(숨김): 성공하면 응답 시간을 돌려주고 실패하면 시간 없이 돌려준다") {
    // seed 2: 0.3 + uniform(0.5, 2.0) = 2.234051407833874, then random() = 0.948 (성공)
    auto ok = run_virtual(check_website("Naver", 0.3), {.seed = 2});
    AIO_CHECK(printed_exactly(ok, {{0.0, start_line("Naver")}, {2.234051407833874, "Naver - 응답 시간: 2.23초"}}));
    AIO_CHECK(returned_member(ok, "site", &SiteResult::site, "Naver"));
    AIO_CHECK(returned_member(ok, "status", &SiteResult::status, "성공"));
    AIO_CHECK(returned_member(ok, "time", &SiteResult::time, 2.234051407833874));
    // seed 42: 0.3 + uniform(0.5, 2.0) = 1.7591401976868257, then random() = 0.025 (실패)
    auto failed = run_virtual(check_website("Naver", 0.3), {.seed = 42});
    AIO_CHECK(printed_exactly(failed, {{0.0, start_line("Naver")}, {1.7591401976868257, "Naver - 응답 실패!"}}));
    AIO_CHECK(returned_member(failed, "status", &SiteResult::status, "실패"));
    AIO_CHECK(returned_member(failed, "time", &SiteResult::time, std::nullopt));
}

TEST_CASE("예외를 던지는 사이트(숨김): 모든 사이트가 예외를 던지면 성공 0개와 실패 0개를 0초에 출력한다") {
    // python3 tools/gen_web_checker_raising.py  (scenario "every site raises")
    check_round({0.0,
                 {raising("Broken Mirror"), raising("Old Server"), raising("Typo")},
                 {"총 소요 시간: 0.00초", "성공: 0개, 실패: 0개"}},
                {{"Broken Mirror", -1.0}, {"Old Server", -0.5}, {"Typo", -0.01}}, 3);
}

TEST_CASE("예외를 던지는 사이트(숨김): 두 번째 모니터링에서도 예외를 던진 사이트만 빼고 보고한다 (시드 11)") {
    // python3 tools/gen_web_checker_raising.py  (scenario "main with pause 1.5")
    const std::vector<Website> sites = {{"Naver", 0.4}, {"Daum", 0.6}, {"Old Server", -0.5}, {"Kakao", 0.3}};
    const Round first = {0.0,
                         {{"Naver", 1.578569330264728, false},
                          {"Daum", 1.939658579120744, false},
                          raising("Old Server"),
                          {"Kakao", 2.186315876035594, false}},
                         {"총 소요 시간: 2.19초", "성공: 3개, 실패: 0개", "평균 응답 시간: 1.90초",
                          "가장 빠른 사이트: Naver (1.58초)", "가장 느린 사이트: Kakao (2.19초)"}};
    const Round second = {3.686315876035594,
                          {{"Naver", 1.176990515782315, false},
                           {"Daum", 1.8678629585627085, false},
                           raising("Old Server"),
                           {"Kakao", 1.7448240803252029, true}},
                          {"총 소요 시간: 1.87초", "성공: 2개, 실패: 1개", "평균 응답 시간: 1.52초",
                           "가장 빠른 사이트: Naver (1.18초)", "가장 느린 사이트: Daum (1.87초)"}};
    auto r = run_virtual(async_main(sites, 1.5), {.seed = 11});
    check_main_run(r, first, "1.5", second);
}

TEST_CASE("check_website(숨김): 기본 지연이 음수면 출력도 난수도 없이 예외를 던지고 0 은 허용한다") {
    // python3 tools/gen_web_checker_raising.py  (scenarios "check_website raises" and "'Zero', 0")
    auto bad = run_virtual(check_website("Old Server", -0.5), {.seed = 2});
    AIO_CHECK(threw_invalid_argument(bad, raise_text("Old Server")));
    // No seed here: random goes on from where the throwing check left it, which is seed 2's start.
    auto next = run_virtual(check_website("Naver", 0.3));
    AIO_CHECK(printed_exactly(next, {{0.0, start_line("Naver")}, {2.234051407833874, "Naver - 응답 시간: 2.23초"}}));
    auto zero = run_virtual(check_website("Zero", 0), {.seed = 2});
    AIO_CHECK(printed_exactly(zero, {{0.0, start_line("Zero")}, {1.934051407833874, "Zero - 응답 시간: 1.93초"}}));
    AIO_CHECK(returned_member(zero, "status", &SiteResult::status, "성공"));
}
