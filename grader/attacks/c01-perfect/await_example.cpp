#include "api.hpp"

aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    co_await aio::sleep(seconds);
    aio::print("작업이 완료되었습니다!");
    co_return "결과";
}

aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    std::string result = co_await slow_operation(seconds);  // 완료될 때까지 기다림
    aio::print("받은 결과: {}", result);
    aio::print("메인 함수 종료");
}
