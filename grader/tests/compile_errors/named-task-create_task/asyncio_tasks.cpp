#include "api.hpp"

aio::task<std::string> background_task(std::string name, double duration) {
    aio::print("{} 백그라운드 작업 시작", name);
    co_await aio::sleep(duration);
    aio::print("{} 백그라운드 작업 완료", name);
    co_return name + " 완료";
}

aio::task<void> async_main(double cleanup_seconds, double compress_seconds, double work_seconds) {
    aio::print("메인 작업 시작");

    // 작업들을 미리 시작 (백그라운드에서 실행됨)
    auto cleanup = background_task("데이터베이스 정리", cleanup_seconds);
    aio::Task<std::string> task1 = aio::create_task(cleanup);
    aio::Task<std::string> task2 = aio::create_task(background_task("로그 파일 압축", compress_seconds));

    // 다른 작업을 하면서...
    aio::print("다른 중요한 작업을 처리합니다...");
    co_await aio::sleep(work_seconds);
    aio::print("중요한 작업 완료!");

    // 백그라운드 작업들의 완료를 기다림
    std::string result1 = co_await task1;
    std::string result2 = co_await task2;

    aio::print("모든 작업 완료: {}, {}", result1, result2);
}
