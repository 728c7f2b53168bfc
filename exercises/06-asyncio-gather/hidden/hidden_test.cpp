// Exercise 06, hidden tests: other delays (a hard-coded 6.0/3.0 fails), results in argument
// order when the jobs finish in reverse, ties, zero, fractions, and task_with_delay on its own.
// Expected lines: CPython's asyncio on a virtual clock with the same delays.
#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace asyncio_gather_test;

TEST_CASE("다른 시간(숨김): 1.5초 0.5초 4초면 순차 6.0초 동시 4.0초") {
    auto r = run_virtual(async_main(1.5, 0.5, 4));
    AIO_CHECK(printed_exactly(r, main_lines(sequential_lines(0.0, {1.5, 2.0, 6.0}, "6.0"),
                                            concurrent_lines(6.0, {7.5, 6.5, 10.0}, {2, 1, 3}, "4.0"))));
    AIO_CHECK(took(r, 10.0));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("결과 순서(숨김): 3초 2초 1초면 거꾸로 끝나도 결과는 작업1 작업2 작업3 순서") {
    auto r = run_virtual(run_tasks_concurrently(3, 2, 1));
    AIO_CHECK(printed_exactly(r, concurrent_lines(0.0, {3.0, 2.0, 1.0}, {3, 2, 1}, "3.0")));
    AIO_CHECK(took(r, 3.0, all_jobs()));
    AIO_CHECK(returned(r, kResults));
}

TEST_CASE("순차 실행(숨김): 0.5초 1.5초 1초도 하나씩 차례로 실행되어 3.0초") {
    auto r = run_virtual(run_tasks_sequentially(0.5, 1.5, 1));
    check_one_by_one(r);
    AIO_CHECK(printed_exactly(r, sequential_lines(0.0, {0.5, 2.0, 3.0}, "3.0")));
    AIO_CHECK(returned(r, kResults));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("같은 시간(숨김): 세 작업이 모두 1초면 순차 3.0초 동시 1.0초") {
    auto seq = run_virtual(run_tasks_sequentially(1, 1, 1));
    check_one_by_one(seq);
    AIO_CHECK(printed_exactly(seq, sequential_lines(0.0, {1.0, 2.0, 3.0}, "3.0")));
    auto con = run_virtual(run_tasks_concurrently(1, 1, 1));
    AIO_CHECK(took(con, 1.0, all_jobs()));
    AIO_CHECK(max_in_flight(con, 3, "task_with_delay"));
    for (int k = 1; k <= 3; ++k) AIO_CHECK(printed_at(con, done_line(k), 1.0));
    AIO_CHECK(printed_at(con, concurrent_summary("1.0"), 1.0));
    AIO_CHECK(returned(con, kResults));
}

TEST_CASE("0초(숨김): 기다릴 것이 없으면 둘 다 0.0초") {
    auto seq = run_virtual(run_tasks_sequentially(0, 0, 0));
    AIO_CHECK(printed_exactly(seq, sequential_lines(0.0, {0.0, 0.0, 0.0}, "0.0")));
    AIO_CHECK(returned(seq, kResults));
    auto con = run_virtual(run_tasks_concurrently(0, 0, 0));
    AIO_CHECK(took(con, 0.0));
    for (int k = 1; k <= 3; ++k) AIO_CHECK(printed_at(con, done_line(k), 0.0));
    AIO_CHECK(printed_at(con, concurrent_summary("0.0"), 0.0));
    AIO_CHECK(returned(con, kResults));
}

TEST_CASE("소수 시간(숨김): 0.25초 0.75초 0.5초면 순차 1.5초 동시 0.8초") {
    // The concurrent run takes 0.75 s, which {:.1f} prints as 0.8 (as Python's f"{0.75:.1f}").
    auto r = run_virtual(async_main(0.25, 0.75, 0.5));
    AIO_CHECK(printed_exactly(r, main_lines(sequential_lines(0.0, {0.25, 1.0, 1.5}, "1.5"),
                                            concurrent_lines(1.5, {1.75, 2.25, 2.0}, {1, 3, 2}, "0.8"))));
    AIO_CHECK(took(r, 2.25));
}

TEST_CASE("task_with_delay(숨김): 이름과 시간을 그대로 쓴다") {
    auto r = run_virtual(task_with_delay("다운로드", 2.5));
    AIO_CHECK(printed_exactly(r, {{0.0, "다운로드 작업 시작"}, {2.5, "다운로드 작업 완료"}}));
    AIO_CHECK(returned(r, "다운로드 결과"));
}
