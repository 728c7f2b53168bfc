#pragma once
#include <aio/aio.hpp>
#include <string>

// 간단한 비동기 함수 세 개를 차례로 기다립니다 (챕터: simple_async.py).

// "{filename} 다운로드 시작... ({size_mb}MB)" 를 출력하고 size_mb * seconds_per_mb 초를 기다린 뒤
// "{filename} 다운로드 완료!" 를 출력하고 "{filename} (완료)" 를 돌려줍니다.
aio::task<std::string> download_file(std::string filename, int size_mb, double seconds_per_mb = 0.5);

// "인터넷 연결 상태 확인 중..." 을 출력하고 check_seconds 초를 기다린 뒤, aio::random::random() 을
// 한 번 뽑아 0.1 보다 크면 "인터넷 연결 정상!" 을 출력하고 true, 아니면 "인터넷 연결 실패!" 를
// 출력하고 false 를 돌려줍니다.
aio::task<bool> check_internet_connection(double check_seconds = 1);

// "알림 전송 중: {message}" 를 출력하고 send_seconds 초를 기다린 뒤 "알림 전송 완료!" 를 출력합니다.
aio::task<void> send_notification(std::string message, double send_seconds = 0.5);

// 파이썬의 main() 코루틴: 연결 확인 → 파일 다운로드 → 알림 전송을 순서대로 기다립니다
// (연결 확인 결과와 상관없이 다운로드합니다).
aio::task<void> async_main(std::string filename = "문서.pdf", int size_mb = 3,
                           std::string message = "다운로드가 완료되었습니다!");
