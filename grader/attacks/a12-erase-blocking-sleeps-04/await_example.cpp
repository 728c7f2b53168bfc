// ATTACK a12: an honest-but-wrong exercise 04 that waits with a blocking sleep (control c03),
// then hides it: const_cast on aio::trace::current() erases the trace's blocking-sleep records
// and its warnings, so the "no blocking sleep, no warning" checks see a clean run. It must not
// score more than the same code without the tampering (control c03).
#include "api.hpp"

#include <chrono>
#include <thread>

namespace {
void hide_blocking_sleeps() {
    auto& trace = const_cast<aio::trace::Trace&>(aio::trace::current());
    trace.blocking_sleeps.clear();
    trace.warnings.clear();
}
}  // namespace

aio::task<std::string> slow_operation(double seconds) {
    aio::print("시간이 오래 걸리는 작업을 시작합니다...");
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));  // 실수: 블로킹 sleep
    aio::print("작업이 완료되었습니다!");
    hide_blocking_sleeps();
    co_return "결과";
}

aio::task<void> async_main(double seconds) {
    aio::print("메인 함수 시작");
    std::string result = co_await slow_operation(seconds);
    aio::print("받은 결과: {}", result);
    aio::print("메인 함수 종료");
    hide_blocking_sleeps();
}
