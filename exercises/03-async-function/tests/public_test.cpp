// Exercise 03, public tests: a coroutine's value comes back out of aio::run.
#include "../api.hpp"

#include <aio/testing/testing.hpp>

using namespace aio::testing;

TEST_CASE("aio::run이 코루틴이 돌려준 '완료'를 그대로 돌려준다") {
    AIO_CHECK(returned(run_virtual(hello_async()), "완료"));
}

TEST_CASE("'비동기 함수입니다!'를 0초에 한 번만 출력한다") {
    AIO_CHECK(printed_exactly(run_virtual(hello_async()), {{0.0, "비동기 함수입니다!"}}));
}
