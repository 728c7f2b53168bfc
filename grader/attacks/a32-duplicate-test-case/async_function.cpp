// ATTACK a32: define Catch2 test cases in the student file, with the names of the kit's tests
// of exercise 03 (a hidden one included), each of which just succeeds. If Catch2 kept the
// student's definition (or ran both and the runner reported the student's), the kit's real
// checks would be bypassed. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <catch2/catch.hpp>

TEST_CASE("aio::run이 코루틴이 돌려준 '완료'를 그대로 돌려준다") { SUCCEED("ok"); }
TEST_CASE("다른 값: hello_async('성공')은 '성공'을 돌려준다") { SUCCEED("ok"); }
