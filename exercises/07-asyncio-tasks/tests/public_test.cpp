// Exercise 07, public tests: the chapter's run (정리 3 s, 압축 2 s, main work 1 s).
#include "expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace asyncio_tasks_test;

TEST_CASE("create_task: 두 백그라운드 작업이 0초에 시작해 메인 작업과 함께 진행된다") {
    auto r = run_virtual(async_main(3, 2, 1));
    AIO_CHECK(printed_at(r, start_line(cleanup), 0.0));
    AIO_CHECK(printed_at(r, start_line(compress), 0.0));
    AIO_CHECK(overlap(r, main_work, background(cleanup)));
    AIO_CHECK(overlap(r, main_work, background(compress)));
    AIO_CHECK(max_in_flight(r, 2, "background_task"));
}

TEST_CASE("create_task: 메인 작업은 1.0초에 끝나고 백그라운드 작업은 2.0초와 3.0초에 끝난다") {
    auto r = run_virtual(async_main(3, 2, 1));
    AIO_CHECK(printed_at(r, work_done, 1.0));
    AIO_CHECK(printed_at(r, done_line(compress), 2.0));
    AIO_CHECK(printed_at(r, done_line(cleanup), 3.0));
}

TEST_CASE("create_task: 두 작업을 모두 기다려 3.0초에 결과를 함께 출력한다") {
    auto r = run_virtual(async_main(3, 2, 1));
    AIO_CHECK(took(r, 3.0, {main_work, background(cleanup), background(compress)}));
    AIO_CHECK(printed_at(r, all_done, 3.0));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다") {
    auto r = run_virtual(async_main());  // the defaults are the chapter's 3 s, 2 s, 1 s
    AIO_CHECK(printed_exactly(r, {{0.0, main_start},
                                  {0.0, work_start},
                                  {0.0, start_line(cleanup)},
                                  {0.0, start_line(compress)},
                                  {1.0, work_done},
                                  {2.0, done_line(compress)},
                                  {3.0, done_line(cleanup)},
                                  {3.0, all_done}}));
}

TEST_CASE("기다리지 않은 작업과 경고 없이 3.0초에 끝난다") {
    auto r = run_virtual(async_main(3, 2, 1));
    AIO_CHECK(took(r, 3.0));
    AIO_CHECK(finished_cleanly(r));
}
