// Exercise 15, hidden tests: seven pages three at a time (with two answers in one instant), a
// limit of 1 (one after another is right then), a limit above the page count (all at once), two
// slots freed in the same instant, and fetch_page giving its slot back. Every expected output:
// `python3 tools/gen_exercise_scenarios.py 15` (CPython 3.11.7).
#include <tuple>

#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace crawler_test;

namespace {
const std::vector<Page> kSeven = {{"/a", 0.6}, {"/b", 1.0}, {"/c", 0.4}, {"/d", 0.9},
                                  {"/e", 0.5}, {"/f", 0.7}, {"/g", 0.2}};
const std::vector<Page> kFour(kSeven.begin(), kSeven.begin() + 4);
}  // namespace

TEST_CASE("세 개씩(숨김): 일곱 페이지를 한 번에 3개까지 진행해 1.70초에 끝낸다") {
    check_crawl(run_virtual(crawl(kSeven, 3)), kSeven, 3, R"(
[  0.000] 페이지 7개를 가져옵니다 (동시에 최대 3개).
[  0.000] 
[  0.000] /a 요청 시작
[  0.000] /b 요청 시작
[  0.000] /c 요청 시작
[  0.400] /c 응답 (0.40초)
[  0.400] /d 요청 시작
[  0.600] /a 응답 (0.60초)
[  0.600] /e 요청 시작
[  1.000] /b 응답 (1.00초)
[  1.000] /f 요청 시작
[  1.100] /e 응답 (0.50초)
[  1.100] /g 요청 시작
[  1.300] /d 응답 (0.90초)
[  1.300] /g 응답 (0.20초)
[  1.700] /f 응답 (0.70초)
[  1.700] 
[  1.700] === 결과 (입력 순서) ===
[  1.700] 1. /a 본문
[  1.700] 2. /b 본문
[  1.700] 3. /c 본문
[  1.700] 4. /d 본문
[  1.700] 5. /e 본문
[  1.700] 6. /f 본문
[  1.700] 7. /g 본문
[  1.700] 총 소요 시간: 1.70초
)", 1.7);
}

TEST_CASE("하나씩(숨김): 제한이 1 이면 차례로 진행되어 합인 2.90초가 걸린다") {
    check_crawl(run_virtual(crawl(kFour, 1)), kFour, 1, R"(
[  0.000] 페이지 4개를 가져옵니다 (동시에 최대 1개).
[  0.000] 
[  0.000] /a 요청 시작
[  0.600] /a 응답 (0.60초)
[  0.600] /b 요청 시작
[  1.600] /b 응답 (1.00초)
[  1.600] /c 요청 시작
[  2.000] /c 응답 (0.40초)
[  2.000] /d 요청 시작
[  2.900] /d 응답 (0.90초)
[  2.900] 
[  2.900] === 결과 (입력 순서) ===
[  2.900] 1. /a 본문
[  2.900] 2. /b 본문
[  2.900] 3. /c 본문
[  2.900] 4. /d 본문
[  2.900] 총 소요 시간: 2.90초
)", 2.9);
}

TEST_CASE("넉넉한 제한(숨김): 제한이 페이지 수보다 크면 네 요청이 모두 0초에 함께 시작한다") {
    check_crawl(run_virtual(crawl(kFour, 10)), kFour, 10, R"(
[  0.000] 페이지 4개를 가져옵니다 (동시에 최대 10개).
[  0.000] 
[  0.000] /a 요청 시작
[  0.000] /b 요청 시작
[  0.000] /c 요청 시작
[  0.000] /d 요청 시작
[  0.400] /c 응답 (0.40초)
[  0.600] /a 응답 (0.60초)
[  0.900] /d 응답 (0.90초)
[  1.000] /b 응답 (1.00초)
[  1.000] 
[  1.000] === 결과 (입력 순서) ===
[  1.000] 1. /a 본문
[  1.000] 2. /b 본문
[  1.000] 3. /c 본문
[  1.000] 4. /d 본문
[  1.000] 총 소요 시간: 1.00초
)", 1.0);
}

TEST_CASE("같은 순간(숨김): 두 자리가 한꺼번에 나면 기다리던 두 요청이 목록 순서대로 시작한다") {
    const std::vector<Page> pages = {{"/1", 0.5}, {"/2", 0.5}, {"/3", 0.25}, {"/4", 0.75}, {"/5", 0.5}};
    check_crawl(run_virtual(crawl(pages, 2)), pages, 2, R"(
[  0.000] 페이지 5개를 가져옵니다 (동시에 최대 2개).
[  0.000] 
[  0.000] /1 요청 시작
[  0.000] /2 요청 시작
[  0.500] /1 응답 (0.50초)
[  0.500] /2 응답 (0.50초)
[  0.500] /3 요청 시작
[  0.500] /4 요청 시작
[  0.750] /3 응답 (0.25초)
[  0.750] /5 요청 시작
[  1.250] /4 응답 (0.75초)
[  1.250] /5 응답 (0.50초)
[  1.250] 
[  1.250] === 결과 (입력 순서) ===
[  1.250] 1. /1 본문
[  1.250] 2. /2 본문
[  1.250] 3. /3 본문
[  1.250] 4. /4 본문
[  1.250] 5. /5 본문
[  1.250] 총 소요 시간: 1.25초
)", 1.25);
}

namespace {
// Two requests one after the other on a semaphore of one: the second starts only if the first
// gave its slot back. The pages are named variables: g++ 11 and 12 free a braced temporary
// argument twice when the coroutine call sits inside co_await (`co_await fetch_page({"/a", 1}, sem)`).
aio::task<std::tuple<std::string, std::string, bool>> one_slot() {
    aio::Semaphore sem(1);
    const Page a{"/첫째", 0.5}, b{"/둘째", 0.25};
    std::string first = co_await fetch_page(a, sem);
    std::string second = co_await fetch_page(b, sem);
    const bool locked = sem.locked();
    co_return std::tuple<std::string, std::string, bool>(first, second, locked);
}
}  // namespace

TEST_CASE("fetch_page(숨김): 응답을 받으면 자리를 돌려주어 다음 요청이 곧바로 시작된다") {
    auto r = run_virtual(one_slot());
    AIO_CHECK(printed_exactly(r, traced(R"(
[  0.000] /첫째 요청 시작
[  0.500] /첫째 응답 (0.50초)
[  0.500] /둘째 요청 시작
[  0.750] /둘째 응답 (0.25초)
)")));
    AIO_CHECK(took(r, 0.75));
    AIO_CHECK(returned(r, {"/첫째 본문", "/둘째 본문", false}));
    AIO_CHECK(finished_cleanly(r));
}
