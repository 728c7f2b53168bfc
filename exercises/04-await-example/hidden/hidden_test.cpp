// Exercise 04, hidden tests: other waits (a hard-coded 2 s fails), zero, and a neighbour task
// that keeps running while main is suspended at its await (a blocking sleep would freeze it).
#include "../api.hpp"
#include "../tests/await_lines.hpp"

using namespace aio::testing;
using namespace await_lines;

TEST_CASE("다른 시간: 0.5초 작업이면 0.5초에 결과를 받는다") {
    auto r = run_virtual(async_main(0.5));
    AIO_CHECK(printed_exactly(r, program_output(0.5)));
    AIO_CHECK(took(r, 0.5));
    auto op = run_virtual(slow_operation(0.5));
    AIO_CHECK(took(op, 0.5));
    AIO_CHECK(returned(op, "결과"));
}

TEST_CASE("긴 작업: 7.25초 작업이면 7.25초에 끝난다") {
    auto r = run_virtual(async_main(7.25));
    AIO_CHECK(printed_exactly(r, program_output(7.25)));
    AIO_CHECK(took(r, 7.25));
}

TEST_CASE("0초 작업이어도 출력 순서는 그대로다") {
    auto r = run_virtual(async_main(0));
    AIO_CHECK(printed_exactly(r, program_output(0.0)));
}

namespace {
aio::task<void> ticks(double every, int count) {
    for (int i = 1; i <= count; ++i) {
        co_await aio::sleep(every);
        aio::print("똑딱 {}", i);
    }
}
aio::task<void> main_with_ticks() { co_await aio::gather(async_main(2), ticks(0.5, 3)); }
}  // namespace

TEST_CASE("기다리는 동안 다른 작업도 계속 진행된다") {
    auto r = run_virtual(main_with_ticks());
    AIO_CHECK(printed_at(r, "똑딱 1", 0.5));
    AIO_CHECK(printed_at(r, "똑딱 2", 1.0));
    AIO_CHECK(printed_at(r, "똑딱 3", 1.5));
    AIO_CHECK(printed_at(r, received, 2.0));
    AIO_CHECK(finished_cleanly(r));
}
