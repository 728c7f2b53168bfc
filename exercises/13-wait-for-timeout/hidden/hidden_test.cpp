// Exercise 13, hidden tests: other sites and deadlines, a site that would take 30 s, every site
// timing out, none timing out (a solution that waits out a deadline it does not need, or forgets
// to cancel its own timer, takes the longest deadline), one site, and fetch_with_deadline's value.
// Every expected output: `python3 tools/gen_exercise_scenarios.py 13` (CPython 3.11.7).
#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace wait_for_test;

TEST_CASE("다른 사이트(숨김): 세 곳 가운데 한 곳만 1.5초 마감에 걸린다") {
    const std::vector<Site> sites = {{"네이버", 0.6, 1.5}, {"다음", 2.4, 1.5}, {"카카오", 1.1, 1.5}};
    check_fetch_all(run_virtual(fetch_all(sites)), sites, R"(
[  0.000] 사이트 3곳을 동시에 가져옵니다.
[  0.000] 
[  0.000] 네이버 요청 보냄...
[  0.000] 다음 요청 보냄...
[  0.000] 카카오 요청 보냄...
[  0.600] 네이버 응답 도착 (0.60초)
[  1.100] 카카오 응답 도착 (1.10초)
[  1.500] 다음 요청 취소
[  1.500] 다음 - 시간 초과! (1.50초 안에 응답이 없습니다)
[  1.500] 
[  1.500] === 결과 ===
[  1.500] 네이버: 네이버 페이지
[  1.500] 다음: 시간 초과
[  1.500] 카카오: 카카오 페이지
[  1.500] 성공: 2곳, 시간 초과: 1곳
[  1.500] 총 소요 시간: 1.50초
)", 1.5, {ok("네이버"), late("다음"), ok("카카오")});
}

TEST_CASE("멈춘 서버(숨김): 30초 걸릴 사이트도 1.2초 마감에 잘리고 그 뒤로는 아무 일도 하지 않는다") {
    const std::vector<Site> sites = {{"빠른 서버", 0.4, 3.0}, {"멈춘 서버", 30.0, 1.2}, {"보통 서버", 0.9, 2.0}};
    auto r = run_virtual(fetch_all(sites));
    AIO_CHECK(stopped_at_deadline(r, sites[1]));
    AIO_CHECK(overlap(r, request(sites[1]), request(sites[0])));
    check_fetch_all(r, sites, R"(
[  0.000] 사이트 3곳을 동시에 가져옵니다.
[  0.000] 
[  0.000] 빠른 서버 요청 보냄...
[  0.000] 멈춘 서버 요청 보냄...
[  0.000] 보통 서버 요청 보냄...
[  0.400] 빠른 서버 응답 도착 (0.40초)
[  0.900] 보통 서버 응답 도착 (0.90초)
[  1.200] 멈춘 서버 요청 취소
[  1.200] 멈춘 서버 - 시간 초과! (1.20초 안에 응답이 없습니다)
[  1.200] 
[  1.200] === 결과 ===
[  1.200] 빠른 서버: 빠른 서버 페이지
[  1.200] 멈춘 서버: 시간 초과
[  1.200] 보통 서버: 보통 서버 페이지
[  1.200] 성공: 2곳, 시간 초과: 1곳
[  1.200] 총 소요 시간: 1.20초
)", 1.2, {ok("빠른 서버"), late("멈춘 서버"), ok("보통 서버")});
}

TEST_CASE("모두 시간 초과(숨김): 성공 0곳이고 전체는 가장 긴 마감 1.5초다") {
    const std::vector<Site> sites = {{"A", 5.0, 0.5}, {"B", 4.0, 1.5}, {"C", 3.0, 1.0}};
    check_fetch_all(run_virtual(fetch_all(sites)), sites, R"(
[  0.000] 사이트 3곳을 동시에 가져옵니다.
[  0.000] 
[  0.000] A 요청 보냄...
[  0.000] B 요청 보냄...
[  0.000] C 요청 보냄...
[  0.500] A 요청 취소
[  0.500] A - 시간 초과! (0.50초 안에 응답이 없습니다)
[  1.000] C 요청 취소
[  1.000] C - 시간 초과! (1.00초 안에 응답이 없습니다)
[  1.500] B 요청 취소
[  1.500] B - 시간 초과! (1.50초 안에 응답이 없습니다)
[  1.500] 
[  1.500] === 결과 ===
[  1.500] A: 시간 초과
[  1.500] B: 시간 초과
[  1.500] C: 시간 초과
[  1.500] 성공: 0곳, 시간 초과: 3곳
[  1.500] 총 소요 시간: 1.50초
)", 1.5, {late("A"), late("B"), late("C")});
}

TEST_CASE("시간 초과 없음(숨김): 마감이 멀어도 응답이 오면 기다리지 않고 1.25초에 끝난다") {
    // A solution that sleeps until the deadline, or leaves its deadline timer running, takes 5 s.
    const std::vector<Site> sites = {{"A", 0.3, 5.0}, {"B", 1.25, 4.0}, {"C", 0.75, 3.0}};
    check_fetch_all(run_virtual(fetch_all(sites)), sites, R"(
[  0.000] 사이트 3곳을 동시에 가져옵니다.
[  0.000] 
[  0.000] A 요청 보냄...
[  0.000] B 요청 보냄...
[  0.000] C 요청 보냄...
[  0.300] A 응답 도착 (0.30초)
[  0.750] C 응답 도착 (0.75초)
[  1.250] B 응답 도착 (1.25초)
[  1.250] 
[  1.250] === 결과 ===
[  1.250] A: A 페이지
[  1.250] B: B 페이지
[  1.250] C: C 페이지
[  1.250] 성공: 3곳, 시간 초과: 0곳
[  1.250] 총 소요 시간: 1.25초
)", 1.25, {ok("A"), ok("B"), ok("C")});
}

TEST_CASE("사이트 하나(숨김): 마감에 걸려도 목록과 결과가 맞다") {
    const std::vector<Site> sites = {{"혼자", 0.7, 0.5}};
    check_fetch_all(run_virtual(fetch_all(sites)), sites, R"(
[  0.000] 사이트 1곳을 동시에 가져옵니다.
[  0.000] 
[  0.000] 혼자 요청 보냄...
[  0.500] 혼자 요청 취소
[  0.500] 혼자 - 시간 초과! (0.50초 안에 응답이 없습니다)
[  0.500] 
[  0.500] === 결과 ===
[  0.500] 혼자: 시간 초과
[  0.500] 성공: 0곳, 시간 초과: 1곳
[  0.500] 총 소요 시간: 0.50초
)", 0.5, {late("혼자")});
}

TEST_CASE("fetch_with_deadline(숨김): 제때 오면 페이지를 돌려주고 마감이 지나면 페이지 없이 돌려준다") {
    auto answered = run_virtual(fetch_with_deadline({"뉴스", 0.25, 1.0}));
    AIO_CHECK(printed_exactly(answered, traced(R"(
[  0.000] 뉴스 요청 보냄...
[  0.250] 뉴스 응답 도착 (0.25초)
)")));
    AIO_CHECK(took(answered, 0.25));
    AIO_CHECK(returned(answered, ok("뉴스")));
    AIO_CHECK(finished_cleanly(answered));
    auto timed_out = run_virtual(fetch_with_deadline({"뉴스", 2.0, 0.75}));
    AIO_CHECK(printed_exactly(timed_out, traced(R"(
[  0.000] 뉴스 요청 보냄...
[  0.750] 뉴스 요청 취소
[  0.750] 뉴스 - 시간 초과! (0.75초 안에 응답이 없습니다)
)")));
    AIO_CHECK(stopped_at_deadline(timed_out, {"뉴스", 2.0, 0.75}));
    AIO_CHECK(returned(timed_out, late("뉴스")));
    AIO_CHECK(finished_cleanly(timed_out));
}
