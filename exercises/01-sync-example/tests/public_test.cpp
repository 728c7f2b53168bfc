// Exercise 01, public tests: the chapter's blocking breakfast (coffee 3 s, then toast 2 s).
#include <aio/testing/breakfast.hpp>

#include "../api.hpp"

using namespace aio::testing;
using namespace aio::testing::breakfast;

TEST_CASE("동기: 커피가 다 끓은 뒤에야 토스트를 굽기 시작한다") {
    auto r = run_sync([] { return prepare_breakfast(3, 2); });
    AIO_CHECK(printed_at(r, coffee_start, 0.0));
    AIO_CHECK(printed_at(r, coffee_done, 3.0));
    AIO_CHECK(printed_at(r, toast_start, 3.0));
    AIO_CHECK(printed_at(r, toast_done, 5.0));
    AIO_CHECK(one_after_another(r, coffee, toast));
}

TEST_CASE("동기: 총 5.0초가 걸린다 (3초 + 2초)") {
    auto r = run_sync([] { return prepare_breakfast(3, 2); });
    AIO_CHECK(took(r, 5.0));
    AIO_CHECK(printed_at(r, summary(5.0), 5.0));
}

TEST_CASE("결과는 커피 다음 토스트 순서다") {
    AIO_CHECK(returned(run_sync([] { return prepare_breakfast(3, 2); }), {"커피", "토스트"}));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다") {
    auto r = run_sync([] { return prepare_breakfast(); });  // the defaults are the chapter's 3 s and 2 s
    AIO_CHECK(printed_exactly(r, {{0.0, coffee_start},
                                  {3.0, coffee_done},
                                  {3.0, toast_start},
                                  {5.0, toast_done},
                                  {5.0, summary(5.0)}}));
}
