#include "api.hpp"

#include <iostream>

aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    // 실수: 디버깅용 출력을 끝없이 찍는다.
    for (long i = 0;; ++i) std::cout << "디버그: 기다리는 중 " << i << '\n';
    co_await aio::sleep(seconds);
    aio::print("작업이 완료되었습니다!");
    co_return "결과";
}

aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    std::string result = co_await slow_operation(seconds);
    aio::print("받은 결과: {}", result);
    aio::print("메인 함수 종료");
}
