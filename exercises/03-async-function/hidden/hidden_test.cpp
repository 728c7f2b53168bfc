// Exercise 03, hidden tests: another value (a hard-coded "완료" fails), laziness (the body runs
// only when the coroutine is run), an inline co_await, and no simulated time spent.
#include "../api.hpp"

#include <aio/testing/testing.hpp>

using namespace aio::testing;

TEST_CASE("다른 값: hello_async('성공')은 '성공'을 돌려준다") {
    auto r = run_virtual(hello_async("성공"));
    AIO_CHECK(returned(r, "성공"));
    AIO_CHECK(printed_exactly(r, {{0.0, "비동기 함수입니다!"}}));
}

TEST_CASE("hello_async()는 부를 때가 아니라 실행될 때 출력한다") {
    auto r = run_sync([] {
        auto coroutine = hello_async("나중에");  // like Python's hello_async() without asyncio.run
        aio::print("--- 이제 실행 ---");
        return aio::run(std::move(coroutine));
    });
    AIO_CHECK(printed_exactly(r, {{0.0, "--- 이제 실행 ---"}, {0.0, "비동기 함수입니다!"}}));
    AIO_CHECK(returned(r, "나중에"));
}

namespace {
aio::task<std::string> outer() {
    std::string first = co_await hello_async("하나");
    std::string second = co_await hello_async("둘");
    co_return first + "," + second;
}
}  // namespace

TEST_CASE("다른 코루틴 안에서 co_await로 불러도 값이 전달된다") {
    auto r = run_virtual(outer());
    AIO_CHECK(returned(r, "하나,둘"));
    AIO_CHECK(printed_exactly(r, {{0.0, "비동기 함수입니다!"}, {0.0, "비동기 함수입니다!"}}));
}

TEST_CASE("기다리는 일이 없으니 0초에 경고 없이 끝난다") {
    auto r = run_virtual(hello_async());
    AIO_CHECK(returned(r, "완료"));
    AIO_CHECK(took(r, 0.0));
    AIO_CHECK(finished_cleanly(r));
}
