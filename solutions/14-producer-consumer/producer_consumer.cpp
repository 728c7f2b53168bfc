#include "api.hpp"

aio::task<void> producer(int number, aio::Queue<std::string>& queue, int items, double make_seconds) {
    for (int k = 1; k <= items; ++k) {
        co_await aio::sleep(make_seconds);  // 만드는 데 걸리는 시간
        std::string item = fmt::format("{}-{}", number, k);
        co_await queue.put(item);  // 꽉 차 있으면 소비자가 하나 꺼낼 때까지 여기서 기다립니다
        aio::print("생산자 {}: 물건 {} 넣음", number, item);
    }
    aio::print("생산자 {}: 다 만들었습니다", number);
}

aio::task<void> consumer(int number, aio::Queue<std::string>& queue, double work_seconds,
                         std::vector<std::string>& processed) {
    while (true) {  // 끝은 run_pipeline 의 취소가 정합니다 (queue.get 이나 sleep 에서 CancelledError)
        std::string item = co_await queue.get();
        aio::print("소비자 {}: 물건 {} 꺼냄", number, item);
        co_await aio::sleep(work_seconds);
        aio::print("소비자 {}: 물건 {} 처리 완료", number, item);
        processed.push_back(item);
        queue.task_done();  // join 이 세는 "아직 끝나지 않은 일" 을 하나 줄입니다
    }
}

aio::task<std::vector<std::string>> run_pipeline(int maxsize, std::vector<Producer> producers,
                                                 std::vector<double> consumers) {
    aio::print("대기열 크기 {}: 생산자 {}명, 소비자 {}명\n", maxsize, producers.size(), consumers.size());
    const double start = aio::loop_time();
    aio::Queue<std::string> queue(maxsize);
    std::vector<std::string> processed;  // queue 와 processed 는 모든 작업이 끝날 때까지 이 프레임에 있습니다

    std::vector<aio::Task<void>> workers;
    for (std::size_t i = 0; i < consumers.size(); ++i)
        workers.push_back(aio::create_task(consumer(int(i) + 1, queue, consumers[i], processed)));
    std::vector<aio::Task<void>> makers;
    for (std::size_t i = 0; i < producers.size(); ++i)
        makers.push_back(aio::create_task(producer(int(i) + 1, queue, producers[i].items, producers[i].make_seconds)));

    co_await aio::gather(std::move(makers));  // 모든 물건이 대기열에 들어갔고
    co_await queue.join();                    // 모든 물건이 처리되었습니다 (task_done 이 넣은 수만큼)

    // 소비자들은 다음 물건을 기다리고 있습니다: 취소하고, 정말 끝날 때까지 기다립니다
    // (asyncio 문서의 Queue 예제: gather(*tasks, return_exceptions=True)).
    for (aio::Task<void>& w : workers) w.cancel();
    co_await aio::gather_outcomes(std::move(workers));

    aio::print("\n모든 물건 {}개 처리 완료: {:.2f}초", processed.size(), aio::loop_time() - start);
    co_return processed;
}
