// Exercise 07, hidden tests: background jobs longer and shorter than the main work, the longer
// job second, ties, and background_task on its own. Expected lines: CPython's asyncio on a
// virtual clock with the same durations.
#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace asyncio_tasks_test;

TEST_CASE("백그라운드가 더 길면(숨김): 정리 4초 압축 2.5초 메인 1초는 총 4.0초") {
    auto r = run_virtual(async_main(4, 2.5, 1));
    AIO_CHECK(printed_exactly(r, {{0.0, main_start},
                                  {0.0, work_start},
                                  {0.0, start_line(cleanup)},
                                  {0.0, start_line(compress)},
                                  {1.0, work_done},
                                  {2.5, done_line(compress)},
                                  {4.0, done_line(cleanup)},
                                  {4.0, all_done}}));
    AIO_CHECK(took(r, 4.0, {main_work, background(cleanup), background(compress)}));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("백그라운드가 더 짧으면(숨김): 메인 작업 3초 동안 정리 0.5초와 압축 1초가 먼저 끝난다") {
    // Tasks created only after the main work would start at 3.0 and end the run at 4.0.
    auto r = run_virtual(async_main(0.5, 1, 3));
    AIO_CHECK(printed_exactly(r, {{0.0, main_start},
                                  {0.0, work_start},
                                  {0.0, start_line(cleanup)},
                                  {0.0, start_line(compress)},
                                  {0.5, done_line(cleanup)},
                                  {1.0, done_line(compress)},
                                  {3.0, work_done},
                                  {3.0, all_done}}));
    AIO_CHECK(overlap(r, main_work, background(cleanup)));
    AIO_CHECK(overlap(r, main_work, background(compress)));
    AIO_CHECK(took(r, 3.0, {main_work, background(cleanup), background(compress)}));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("압축이 더 길어도(숨김): 정리 2초 압축 5초면 5.0초에 정리 압축 순서로 결과를 출력한다") {
    auto r = run_virtual(async_main(2, 5, 1));
    AIO_CHECK(printed_exactly(r, {{0.0, main_start},
                                  {0.0, work_start},
                                  {0.0, start_line(cleanup)},
                                  {0.0, start_line(compress)},
                                  {1.0, work_done},
                                  {2.0, done_line(cleanup)},
                                  {5.0, done_line(compress)},
                                  {5.0, all_done}}));
    AIO_CHECK(max_in_flight(r, 2, "background_task"));
    AIO_CHECK(took(r, 5.0));
}

TEST_CASE("같은 시간(숨김): 셋 다 1.5초면 모두 1.5초에 끝난다") {
    auto r = run_virtual(async_main(1.5, 1.5, 1.5));
    AIO_CHECK(printed_exactly(r, {{0.0, main_start},
                                  {0.0, work_start},
                                  {0.0, start_line(cleanup)},
                                  {0.0, start_line(compress)},
                                  {1.5, work_done},
                                  {1.5, done_line(cleanup)},
                                  {1.5, done_line(compress)},
                                  {1.5, all_done}}));
    AIO_CHECK(took(r, 1.5, {main_work, background(cleanup), background(compress)}));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("background_task(숨김): 이름과 시간을 그대로 쓴다") {
    auto r = run_virtual(background_task("캐시 비우기", 0.75));
    AIO_CHECK(printed_exactly(r, {{0.0, start_line("캐시 비우기")}, {0.75, done_line("캐시 비우기")}}));
    AIO_CHECK(returned(r, "캐시 비우기 완료"));
}
