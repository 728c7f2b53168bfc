#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 같은 세 작업을 순차 실행과 동시 실행(aio::gather)으로 비교합니다 (챕터: asyncio_gather.py).
// 시간은 aio::loop_time() 으로 잽니다 (파이썬의 time.time() 자리).

// "{name} 작업 시작" 을 출력하고 delay 초를 기다린 뒤 "{name} 작업 완료" 를 출력하고
// "{name} 결과" 를 돌려줍니다.
aio::task<std::string> task_with_delay(std::string name, double delay);

// 작업1(delay1), 작업2(delay2), 작업3(delay3) 을 하나씩 차례로 기다리고
// "순차 실행 완료: {:.1f}초" 를 출력한 뒤 세 결과를 순서대로 돌려줍니다.
aio::task<std::vector<std::string>> run_tasks_sequentially(double delay1 = 2, double delay2 = 3, double delay3 = 1);

// 같은 세 작업을 aio::gather 로 한꺼번에 기다리고 "동시 실행 완료: {:.1f}초" 를 출력한 뒤
// 세 결과를 인자 순서대로 돌려줍니다.
aio::task<std::vector<std::string>> run_tasks_concurrently(double delay1 = 2, double delay2 = 3, double delay3 = 1);

// 파이썬의 main() 코루틴: "=== 순차 실행 ===" 뒤에 순차 실행, 빈 줄과 "=== 동시 실행 ===" 뒤에
// 동시 실행을 합니다.
aio::task<void> async_main(double delay1 = 2, double delay2 = 3, double delay3 = 1);
