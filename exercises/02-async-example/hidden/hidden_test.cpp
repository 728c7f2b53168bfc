// Exercise 02, hidden tests: other times (a hard-coded 3 s or "3.0" fails), ties, zero, fractions,
// each coroutine on its own, and a neighbour task that must keep running during the waits.
#include <aio/testing/breakfast.hpp>

#include "../api.hpp"

using namespace aio::testing;
using namespace aio::testing::breakfast;

TEST_CASE("다른 시간: 커피 1초와 토스트 4초면 총 4.0초") {
    auto r = run_virtual(prepare_breakfast(1, 4));
    AIO_CHECK(overlap(r, coffee, toast));
    AIO_CHECK(printed_at(r, coffee_done, 1.0));
    AIO_CHECK(printed_at(r, toast_done, 4.0));
    AIO_CHECK(took(r, 4.0, {coffee, toast}));
    AIO_CHECK(printed_at(r, summary(4.0), 4.0));
    // Coffee finishes first now, but gather still answers in argument order.
    AIO_CHECK(returned(r, {"커피", "토스트"}));
}

TEST_CASE("같은 시간: 둘 다 2.5초면 총 2.5초") {
    auto r = run_virtual(prepare_breakfast(2.5, 2.5));
    AIO_CHECK(printed_in_order(r, {coffee_start, toast_start, coffee_done, toast_done, summary(2.5)}));
    AIO_CHECK(printed_at(r, coffee_done, 2.5));
    AIO_CHECK(printed_at(r, toast_done, 2.5));
    AIO_CHECK(took(r, 2.5, {coffee, toast}));
    AIO_CHECK(printed_at(r, summary(2.5), 2.5));
}

TEST_CASE("0초: 기다릴 것이 없으면 총 0.0초") {
    auto r = run_virtual(prepare_breakfast(0, 0));
    AIO_CHECK(took(r, 0.0));
    AIO_CHECK(printed_exactly(r, {{0.0, coffee_start},
                                  {0.0, toast_start},
                                  {0.0, coffee_done},
                                  {0.0, toast_done},
                                  {0.0, summary(0.0)}}));
    AIO_CHECK(returned(r, {"커피", "토스트"}));
}

TEST_CASE("소수 시간: 커피 0.3초와 토스트 0.7초면 총 0.7초") {
    auto r = run_virtual(prepare_breakfast(0.3, 0.7));
    AIO_CHECK(printed_at(r, coffee_done, 0.3));
    AIO_CHECK(printed_at(r, toast_done, 0.7));
    AIO_CHECK(took(r, 0.7, {coffee, toast}));
    AIO_CHECK(printed_at(r, summary(0.7), 0.7));
}

TEST_CASE("make_coffee와 make_toast를 하나씩 실행해도 맞다") {
    auto c = run_virtual(make_coffee(1.5));
    AIO_CHECK(printed_exactly(c, {{0.0, coffee_start}, {1.5, coffee_done}}));
    AIO_CHECK(returned(c, "커피"));
    auto t = run_virtual(make_toast(4.25));
    AIO_CHECK(printed_exactly(t, {{0.0, toast_start}, {4.25, toast_done}}));
    AIO_CHECK(returned(t, "토스트"));
}

namespace {
// A neighbour that wants to speak every second while breakfast is being made.
aio::task<void> clock_ticks(int count) {
    for (int i = 1; i <= count; ++i) {
        co_await aio::sleep(1);
        aio::print("똑딱 {}", i);
    }
}
aio::task<std::vector<std::string>> breakfast_with_ticks() {
    auto [meal, ticks] = co_await aio::gather(prepare_breakfast(3, 2), clock_ticks(3));
    co_return meal;
}
}  // namespace

TEST_CASE("기다리는 동안 다른 작업도 계속 진행된다") {
    auto r = run_virtual(breakfast_with_ticks());
    AIO_CHECK(printed_at(r, "똑딱 1", 1.0));
    AIO_CHECK(printed_at(r, "똑딱 2", 2.0));
    AIO_CHECK(printed_at(r, coffee_done, 3.0));
    AIO_CHECK(took(r, 3.0));
    AIO_CHECK(finished_cleanly(r));
}
