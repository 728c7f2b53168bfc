// Exercise 06, public tests: the chapter's three jobs (2 s, 3 s, 1 s) one after another and
// gathered.
#include "expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace asyncio_gather_test;

TEST_CASE("순차 실행: 작업1 → 작업2 → 작업3 이 하나씩 실행되어 6.0초가 걸린다") {
    auto r = run_virtual(run_tasks_sequentially(2, 3, 1));
    check_one_by_one(r);
    AIO_CHECK(printed_at(r, done_line(1), 2.0));
    AIO_CHECK(printed_at(r, done_line(2), 5.0));
    AIO_CHECK(printed_at(r, done_line(3), 6.0));
    AIO_CHECK(took(r, 6.0));
    AIO_CHECK(printed_at(r, sequential_summary("6.0"), 6.0));
    AIO_CHECK(returned(r, kResults));
}

TEST_CASE("동시 실행: 세 작업이 0초에 함께 시작해 3.0초에 모두 끝난다") {
    auto r = run_virtual(run_tasks_concurrently(2, 3, 1));
    AIO_CHECK(took(r, 3.0, all_jobs()));
    AIO_CHECK(max_in_flight(r, 3, "task_with_delay"));
    for (int k = 1; k <= 3; ++k) AIO_CHECK(printed_at(r, start_line(k), 0.0));
    AIO_CHECK(printed_at(r, concurrent_summary("3.0"), 3.0));
}

TEST_CASE("동시 실행: 결과는 끝난 순서가 아니라 인자 순서다") {
    auto r = run_virtual(run_tasks_concurrently(2, 3, 1));
    // 작업3 (1 s) finishes first and 작업2 (3 s) last ...
    AIO_CHECK(printed_in_order(r, {done_line(3), done_line(1), done_line(2)}));
    // ... but gather answers in argument order.
    AIO_CHECK(returned(r, kResults));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다") {
    auto r = run_virtual(async_main());  // the defaults are the chapter's 2 s, 3 s, 1 s
    AIO_CHECK(printed_exactly(r, main_lines(sequential_lines(0.0, {2.0, 5.0, 6.0}, "6.0"),
                                            concurrent_lines(6.0, {8.0, 9.0, 7.0}, {3, 1, 2}, "3.0"))));
}

TEST_CASE("블로킹 sleep 과 경고 없이 9.0초에 끝난다") {
    auto r = run_virtual(async_main(2, 3, 1));
    AIO_CHECK(took(r, 9.0));
    AIO_CHECK(finished_cleanly(r));
}
