// Exercise 13, public tests: the default five sites (README's example). The expected output is
// the Python twin's (tests/reference/wait_for_timeout/seed-1.txt, the same lines).
#include "expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace wait_for_test;

namespace {
const std::vector<Site> kSites = default_sites();
const Site& kSlowMirror = kSites[2];
const Site& kOldServer = kSites[4];

constexpr std::string_view kPython = R"(
[  0.000] 사이트 5곳을 동시에 가져옵니다.
[  0.000] 
[  0.000] Google 요청 보냄...
[  0.000] GitHub 요청 보냄...
[  0.000] Slow Mirror 요청 보냄...
[  0.000] Python.org 요청 보냄...
[  0.000] Old Server 요청 보냄...
[  0.800] Google 응답 도착 (0.80초)
[  1.000] Old Server 요청 취소
[  1.000] Old Server - 시간 초과! (1.00초 안에 응답이 없습니다)
[  1.500] GitHub 응답 도착 (1.50초)
[  2.000] Slow Mirror 요청 취소
[  2.000] Slow Mirror - 시간 초과! (2.00초 안에 응답이 없습니다)
[  2.500] Python.org 응답 도착 (2.50초)
[  2.500] 
[  2.500] === 결과 ===
[  2.500] Google: Google 페이지
[  2.500] GitHub: GitHub 페이지
[  2.500] Slow Mirror: 시간 초과
[  2.500] Python.org: Python.org 페이지
[  2.500] Old Server: 시간 초과
[  2.500] 성공: 3곳, 시간 초과: 2곳
[  2.500] 총 소요 시간: 2.50초
)";
}  // namespace

TEST_CASE("동시에: 다섯 사이트에 0초에 함께 요청을 보낸다") {
    auto r = run_virtual(fetch_all(kSites));
    for (const Site& s : kSites) AIO_CHECK(printed_at(r, request_line(s.name), 0.0));
    AIO_CHECK(peak_count(r, kRequests, 5));
}

TEST_CASE("마감: 마감까지 응답이 없는 사이트는 마감 시각에 요청을 취소하고 시간 초과를 출력한다") {
    auto r = run_virtual(fetch_all(kSites));
    AIO_CHECK(stopped_at_deadline(r, kOldServer));
    AIO_CHECK(stopped_at_deadline(r, kSlowMirror));
    AIO_CHECK(printed_in_order(r, {cancel_line(kOldServer.name), timeout_line(kOldServer)}));
    AIO_CHECK(printed_at(r, timeout_line(kOldServer), 1.0));
    AIO_CHECK(printed_at(r, timeout_line(kSlowMirror), 2.0));
}

TEST_CASE("전체 시간: 사이트마다 응답과 마감 가운데 이른 쪽을 재면 가장 늦은 2.5초에 끝난다") {
    auto r = run_virtual(fetch_all(kSites));
    // Not the sum of the waits (7.8 s), nor the slowest response (3.5 s).
    AIO_CHECK(took(r, 2.5, activities(kSites, request)));
    AIO_CHECK(printed_at(r, "총 소요 시간: 2.50초", 2.5));
}

TEST_CASE("결과: 사이트 목록 순서대로 성공과 시간 초과를 돌려준다") {
    auto r = run_virtual(fetch_all(kSites));
    AIO_CHECK(returned(r, {ok("Google"), ok("GitHub"), late("Slow Mirror"), ok("Python.org"), late("Old Server")}));
}

TEST_CASE("출력 전체가 파이썬 asyncio 와 같다") {
    auto r = run_virtual(fetch_all());  // the defaults are the five sites above
    AIO_CHECK(printed_exactly(r, traced(kPython)));
}

TEST_CASE("경고 없이 끝나고 남은 작업이 없다") {
    auto r = run_virtual(fetch_all(kSites));
    AIO_CHECK(took(r, 2.5));
    AIO_CHECK(finished_cleanly(r));
}
