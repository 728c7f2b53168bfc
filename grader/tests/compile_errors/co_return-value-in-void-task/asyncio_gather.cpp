#include "api.hpp"

aio::task<std::string> task_with_delay(std::string name, double delay) {
    aio::print("{} 작업 시작", name);
    co_await aio::sleep(delay);
    aio::print("{} 작업 완료", name);
    co_return name + " 결과";
}

aio::task<std::vector<std::string>> run_tasks_sequentially(double delay1, double delay2, double delay3) {
    double start_time = aio::loop_time();

    std::string result1 = co_await task_with_delay("작업1", delay1);
    std::string result2 = co_await task_with_delay("작업2", delay2);
    std::string result3 = co_await task_with_delay("작업3", delay3);

    double end_time = aio::loop_time();
    aio::print("순차 실행 완료: {:.1f}초", end_time - start_time);
    co_return std::vector<std::string>{result1, result2, result3};
}

aio::task<std::vector<std::string>> run_tasks_concurrently(double delay1, double delay2, double delay3) {
    double start_time = aio::loop_time();

    auto [result1, result2, result3] = co_await aio::gather(
        task_with_delay("작업1", delay1),
        task_with_delay("작업2", delay2),
        task_with_delay("작업3", delay3));

    double end_time = aio::loop_time();
    aio::print("동시 실행 완료: {:.1f}초", end_time - start_time);
    co_return std::vector<std::string>{result1, result2, result3};
}

aio::task<void> async_main(double delay1, double delay2, double delay3) {
    aio::print("=== 순차 실행 ===");
    co_await run_tasks_sequentially(delay1, delay2, delay3);

    aio::print("\n=== 동시 실행 ===");
    co_return co_await run_tasks_concurrently(delay1, delay2, delay3);
}
