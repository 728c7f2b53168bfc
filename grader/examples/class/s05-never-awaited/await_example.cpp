#include "api.hpp"

aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    co_await aio::sleep(seconds);
    aio::print("작업이 완료되었습니다!");
    co_return "결과";
}

// 흔한 실수: 코루틴을 부르기만 하고 co_await 하지 않았다. slow_operation 은 한 줄도 실행되지 않는다.
aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    slow_operation(seconds);
    aio::print("받은 결과: {}", "결과");
    aio::print("메인 함수 종료");
    co_return;
}
