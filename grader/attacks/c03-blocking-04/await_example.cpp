// CONTROL c03: an honest but wrong exercise 04: slow_operation waits with a blocking
// std::this_thread::sleep_for instead of co_await aio::sleep. Its score is the ceiling for the
// tampering attack a12, which starts from the same code.
#include "api.hpp"

#include <chrono>
#include <thread>

aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));  // 실수: 블로킹 sleep
    aio::print("작업이 완료되었습니다!");
    co_return "결과";
}

aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    std::string result = co_await slow_operation(seconds);
    aio::print("받은 결과: {}", result);
    aio::print("메인 함수 종료");
}
