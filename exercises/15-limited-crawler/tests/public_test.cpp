// Exercise 15, public tests: the default six pages with at most 2 requests in flight (README's
// example). The expected output is the Python twin's (tests/reference/limited_crawler/seed-1.txt).
#include "expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace crawler_test;

namespace {
const std::vector<Page> kPages = default_pages();

constexpr std::string_view kPython = R"(
[  0.000] 페이지 6개를 가져옵니다 (동시에 최대 2개).
[  0.000] 
[  0.000] /index.html 요청 시작
[  0.000] /about.html 요청 시작
[  0.500] /about.html 응답 (0.50초)
[  0.500] /blog.html 요청 시작
[  1.000] /index.html 응답 (1.00초)
[  1.000] /docs.html 요청 시작
[  1.800] /docs.html 응답 (0.80초)
[  1.800] /contact.html 요청 시작
[  2.000] /blog.html 응답 (1.50초)
[  2.000] /faq.html 요청 시작
[  2.100] /contact.html 응답 (0.30초)
[  3.200] /faq.html 응답 (1.20초)
[  3.200] 
[  3.200] === 결과 (입력 순서) ===
[  3.200] 1. /index.html 본문
[  3.200] 2. /about.html 본문
[  3.200] 3. /blog.html 본문
[  3.200] 4. /docs.html 본문
[  3.200] 5. /contact.html 본문
[  3.200] 6. /faq.html 본문
[  3.200] 총 소요 시간: 3.20초
)";

auto run_default() { return run_virtual(crawl(kPages, 2)); }
}  // namespace

TEST_CASE("제한: 한 순간에 진행되는 요청은 2개를 넘지 않고 2개까지는 함께 진행된다") {
    auto r = run_default();
    AIO_CHECK(peak_count(r, kInFlight, 2));
    AIO_CHECK(overlap(r, request(kPages[0]), request(kPages[1])));
}

TEST_CASE("빈자리: 처음 두 요청은 0초에 시작하고 나머지는 자리가 나는 순간 목록 순서대로 시작한다") {
    auto r = run_default();
    const std::vector<double> starts = {0.0, 0.0, 0.5, 1.0, 1.8, 2.0};
    for (std::size_t i = 0; i < kPages.size(); ++i) AIO_CHECK(printed_at(r, start_line(kPages[i]), starts[i]));
}

TEST_CASE("전체 시간: 2개씩 진행한 3.20초에 끝난다 (모두 더한 5.30초도 가장 긴 1.50초도 아니다)") {
    auto r = run_default();
    AIO_CHECK(took(r, 3.2, {request(kPages[0]), request(kPages[1])}));
    AIO_CHECK(printed_at(r, "총 소요 시간: 3.20초", 3.2));
}

TEST_CASE("결과: 본문을 끝난 순서가 아니라 목록 순서대로 출력하고 돌려준다") {
    auto r = run_default();
    AIO_CHECK(printed_in_order(r, {"1. /index.html 본문", "2. /about.html 본문", "6. /faq.html 본문"}));
    AIO_CHECK(returned(r, bodies(kPages)));
}

TEST_CASE("출력 전체가 파이썬 asyncio 와 같다") {
    auto r = run_virtual(crawl());  // the defaults are the six pages and 2
    AIO_CHECK(printed_exactly(r, traced(kPython)));
}

TEST_CASE("경고 없이 끝나고 남은 작업이 없다") {
    auto r = run_default();
    AIO_CHECK(took(r, 3.2));
    AIO_CHECK(finished_cleanly(r));
}
