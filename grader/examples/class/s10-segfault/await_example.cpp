#include "api.hpp"

aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    co_await aio::sleep(seconds);
    std::string* result = nullptr;  // 실수: 만들지 않은 객체를 가리키는 포인터
    *result = "결과";
    aio::print("작업이 완료되었습니다!");
    co_return *result;
}

aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    std::string result = co_await slow_operation(seconds);
    aio::print("받은 결과: {}", result);
    aio::print("메인 함수 종료");
}
