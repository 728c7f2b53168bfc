#include "api.hpp"
#include <thread>
#include <chrono>
aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    aio::print("작업이 완료되었습니다!");
    co_return "결과";
}
aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    std::string r = co_await slow_operation(seconds);
    aio::print("받은 결과: {}", r);
    aio::print("메인 함수 종료");
}
