#pragma once
#include <aio/aio.hpp>
#include <string>

// await 는 기다리는 작업이 끝날 때까지 그 자리에서 기다립니다 (챕터: await_example.py).

// "시간이 오래 걸리는 작업을 시작합니다..." 를 출력하고 seconds 초를 비동기로 기다린 뒤
// "작업이 완료되었습니다!" 를 출력하고 "결과" 를 돌려줍니다.
aio::task<std::string> slow_operation(double seconds = 2);

// 파이썬의 main() 코루틴: "메인 함수 시작", slow_operation(seconds) 을 기다린 뒤
// "받은 결과: {결과}", "메인 함수 종료" 를 출력합니다.
aio::task<void> async_main(double seconds = 2);
