// Exercise 04, public tests: `co_await slow_operation()` suspends main until the result arrives.
#include "../api.hpp"
#include "await_lines.hpp"

using namespace aio::testing;
using namespace await_lines;

TEST_CASE("await: 메인이 시작하자마자 작업이 시작된다") {
    auto r = run_virtual(async_main(2));
    AIO_CHECK(printed_at(r, main_start, 0.0));
    AIO_CHECK(printed_at(r, work_start, 0.0));
    AIO_CHECK(printed_in_order(r, {main_start, work_start}));
}

TEST_CASE("await: 메인은 작업이 끝나는 2초까지 기다렸다가 결과를 받는다") {
    auto r = run_virtual(async_main(2));
    AIO_CHECK(printed_at(r, work_done, 2.0));
    AIO_CHECK(printed_at(r, received, 2.0));
    AIO_CHECK(printed_at(r, main_end, 2.0));
    AIO_CHECK(printed_in_order(r, {work_done, received, main_end}));
    AIO_CHECK(took(r, 2.0));
}

TEST_CASE("slow_operation은 2초 뒤에 '결과'를 돌려준다") {
    auto r = run_virtual(slow_operation(2));
    AIO_CHECK(printed_exactly(r, {{0.0, work_start}, {2.0, work_done}}));
    AIO_CHECK(returned(r, "결과"));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다") {
    AIO_CHECK(printed_exactly(run_virtual(async_main()), program_output(2.0)));  // the chapter waits 2 s
}

TEST_CASE("co_await aio::sleep으로 기다린다: 블로킹 sleep도 경고도 없다") {
    auto r = run_virtual(async_main(2));
    AIO_CHECK(took(r, 2.0));           // the wait happened at all ...
    AIO_CHECK(finished_cleanly(r));    // ... and without freezing the loop
}
