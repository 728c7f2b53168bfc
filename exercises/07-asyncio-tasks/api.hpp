#pragma once
#include <aio/aio.hpp>
#include <string>

// aio::create_task 로 작업을 미리 시작해 두고 나중에 결과를 받습니다 (챕터: asyncio_tasks.py).

// "{name} 백그라운드 작업 시작" 을 출력하고 duration 초를 기다린 뒤
// "{name} 백그라운드 작업 완료" 를 출력하고 "{name} 완료" 를 돌려줍니다.
aio::task<std::string> background_task(std::string name, double duration);

// 파이썬의 main() 코루틴: "메인 작업 시작" 을 출력하고, "데이터베이스 정리"(cleanup_seconds)와
// "로그 파일 압축"(compress_seconds) 백그라운드 작업을 create_task 로 시작합니다.
// "다른 중요한 작업을 처리합니다..." 를 출력하고 work_seconds 초를 기다린 뒤 "중요한 작업 완료!",
// 두 작업을 차례로 기다려 "모든 작업 완료: {결과1}, {결과2}" 를 출력합니다.
aio::task<void> async_main(double cleanup_seconds = 3, double compress_seconds = 2, double work_seconds = 1);
