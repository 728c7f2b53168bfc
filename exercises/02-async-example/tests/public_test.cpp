// Exercise 02, public tests: the chapter's breakfast (coffee 3 s, toast 2 s) made with gather.
#include <aio/testing/breakfast.hpp>

#include "../api.hpp"

using namespace aio::testing;
using namespace aio::testing::breakfast;

TEST_CASE("gather: 커피와 토스트가 0초에 함께 시작한다") {
    auto r = run_virtual(prepare_breakfast(3, 2));
    AIO_CHECK(printed_at(r, coffee_start, 0.0));
    AIO_CHECK(printed_at(r, toast_start, 0.0));
    AIO_CHECK(overlap(r, coffee, toast));
}

TEST_CASE("gather: 토스트는 2초에 커피는 3초에 완성된다") {
    auto r = run_virtual(prepare_breakfast(3, 2));
    AIO_CHECK(printed_at(r, toast_done, 2.0));
    AIO_CHECK(printed_at(r, coffee_done, 3.0));
}

TEST_CASE("gather: 총 3.0초가 걸리고 결과는 커피 다음 토스트 순서다") {
    auto r = run_virtual(prepare_breakfast(3, 2));
    AIO_CHECK(took(r, 3.0, {coffee, toast}));
    AIO_CHECK(printed_at(r, summary(3.0), 3.0));
    AIO_CHECK(returned(r, {"커피", "토스트"}));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다") {
    auto r = run_virtual(prepare_breakfast());  // the defaults are the chapter's 3 s and 2 s
    AIO_CHECK(printed_exactly(r, {{0.0, coffee_start},
                                  {0.0, toast_start},
                                  {2.0, toast_done},
                                  {3.0, coffee_done},
                                  {3.0, summary(3.0)}}));
}

TEST_CASE("co_await aio::sleep으로 기다린다: 블로킹 sleep도 경고도 없다") {
    auto r = run_virtual(prepare_breakfast(3, 2));
    AIO_CHECK(took(r, 3.0, {coffee, toast}));  // the waits happened at all ...
    AIO_CHECK(finished_cleanly(r));            // ... and without freezing the loop
}
