#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 생산자와 소비자가 크기가 정해진 대기열(aio::Queue, 파이썬의 asyncio.Queue(maxsize))로 일을 주고받습니다.

// 생산자 한 명: 물건을 몇 개 만들고, 하나 만드는 데 몇 초 걸리는지.
struct Producer {
    int items;
    double make_seconds;
};

// 기본값: 생산자 두 명 (4개를 0.5초마다, 3개를 0.7초마다), 소비자 두 명 (하나에 1.1초, 1.6초), 대기열 크기 2.
// 함수로 둔 까닭: 코루틴의 기본 인자를 {{...}} 로 쓰면 g++ 11/12 가 "array used as initializer" 오류를 냅니다.
inline std::vector<Producer> default_producers() { return {{4, 0.5}, {3, 0.7}}; }
inline std::vector<double> default_consumers() { return {1.1, 1.6}; }

// 생산자 number: k = 1 ~ items 마다 make_seconds 초 동안 물건 "{number}-{k}" 를 만들고 (기다림)
// 대기열에 넣은 뒤 (co_await queue.put: 대기열이 꽉 차 있으면 자리가 날 때까지 기다립니다)
// "생산자 {number}: 물건 {number}-{k} 넣음" 을 출력합니다. 다 넣으면 "생산자 {number}: 다 만들었습니다".
aio::task<void> producer(int number, aio::Queue<std::string>& queue, int items, double make_seconds);

// 소비자 number: 끝없이 되풀이합니다 - 대기열에서 물건을 꺼내고 (co_await queue.get)
// "소비자 {number}: 물건 {item} 꺼냄" 을 출력하고, work_seconds 초 동안 처리하고 (기다림)
// "소비자 {number}: 물건 {item} 처리 완료" 를 출력하고, processed 에 item 을 덧붙이고, queue.task_done() 을 부릅니다.
// 스스로는 끝나지 않습니다: 일이 다 끝나면 run_pipeline 이 취소합니다.
aio::task<void> consumer(int number, aio::Queue<std::string>& queue, double work_seconds,
                         std::vector<std::string>& processed);

// "대기열 크기 {maxsize}: 생산자 {P}명, 소비자 {C}명\n" (안내와 빈 줄) 을 출력하고, 크기 maxsize 인 대기열
// (0 이면 크기 제한 없음) 을 만들어, 소비자 1 ~ C 를 먼저, 그다음 생산자 1 ~ P 를 aio::create_task 로 시작합니다.
// 생산자가 모두 끝나고 대기열의 일이 모두 처리되면 (co_await queue.join()) 소비자들을 취소하고, 취소가 끝날
// 때까지 기다린 뒤 "\n모든 물건 {n}개 처리 완료: {걸린 시간:.2f}초" 를 출력하고, 처리된 물건을 처리가 끝난
// 순서대로 돌려줍니다. 걸린 시간은 aio::loop_time() 으로 잽니다.
aio::task<std::vector<std::string>> run_pipeline(int maxsize = 2, std::vector<Producer> producers = default_producers(),
                                                 std::vector<double> consumers = default_consumers());
