// Exercise 01, hidden tests: other durations (a hard-coded 5 s or "5.0" fails), a longer second
// step, zero, fractions, and each function on its own.
#include <aio/testing/breakfast.hpp>

#include "../api.hpp"

using namespace aio::testing;
using namespace aio::testing::breakfast;

TEST_CASE("다른 시간: 커피 1.5초와 토스트 0.5초면 총 2.0초") {
    auto r = run_sync([] { return prepare_breakfast(1.5, 0.5); });
    AIO_CHECK(printed_exactly(r, {{0.0, coffee_start},
                                  {1.5, coffee_done},
                                  {1.5, toast_start},
                                  {2.0, toast_done},
                                  {2.0, summary(2.0)}}));
    AIO_CHECK(took(r, 2.0));
    AIO_CHECK(returned(r, {"커피", "토스트"}));
}

TEST_CASE("토스트가 더 오래 걸려도 차례는 그대로다: 커피 1초와 토스트 3초") {
    auto r = run_sync([] { return prepare_breakfast(1, 3); });
    AIO_CHECK(one_after_another(r, coffee, toast));
    AIO_CHECK(printed_at(r, toast_start, 1.0));
    AIO_CHECK(printed_at(r, toast_done, 4.0));
    AIO_CHECK(printed_at(r, summary(4.0), 4.0));
}

TEST_CASE("0초: 기다리지 않으면 총 0.0초") {
    auto r = run_sync([] { return prepare_breakfast(0, 0); });
    AIO_CHECK(took(r, 0.0));
    AIO_CHECK(printed_in_order(r, {coffee_start, coffee_done, toast_start, toast_done, summary(0.0)}));
    AIO_CHECK(returned(r, {"커피", "토스트"}));
}

TEST_CASE("소수 시간: 커피 0.3초와 토스트 0.4초면 총 0.7초") {
    auto r = run_sync([] { return prepare_breakfast(0.3, 0.4); });
    AIO_CHECK(printed_at(r, toast_start, 0.3));
    AIO_CHECK(took(r, 0.7));
    AIO_CHECK(printed_at(r, summary(0.7), 0.7));
}

TEST_CASE("make_coffee와 make_toast를 하나씩 실행해도 맞다") {
    auto c = run_sync([] { return make_coffee(2.5); });
    AIO_CHECK(printed_exactly(c, {{0.0, coffee_start}, {2.5, coffee_done}}));
    AIO_CHECK(returned(c, "커피"));
    auto t = run_sync([] { return make_toast(1.25); });
    AIO_CHECK(printed_exactly(t, {{0.0, toast_start}, {1.25, toast_done}}));
    AIO_CHECK(returned(t, "토스트"));
}
