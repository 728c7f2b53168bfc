#include "api.hpp"

aio::task<std::string> download_file(std::string filename, int size_mb, double seconds_per_mb) {
    aio::print("{} 다운로드 시작... ({}MB)", filename, size_mb);

    // 파일 크기에 따라 다운로드 시간 계산
    double download_time = size_mb * seconds_per_mb;
    co_await aio::sleep(download_time);

    aio::print("{} 다운로드 완료!", filename);
    co_return filename + " (완료)";
}

aio::task<bool> check_internet_connection(double check_seconds) {
    aio::print("인터넷 연결 상태 확인 중...");
    co_await aio::sleep(check_seconds);

    // 90% 확률로 연결 성공
    if (aio::random::random() > 0.1) {
        aio::print("인터넷 연결 정상!");
        co_return true;
    } else {
        aio::print("인터넷 연결 실패!");
        co_return false;
    }
}

aio::task<void> send_notification(std::string message, double send_seconds) {
    aio::print("알림 전송 중: {}", message);
    co_await aio::sleep(send_seconds);
    aio::print("알림 전송 완료!");
}

aio::task<void> async_main(std::string filename, int size_mb, std::string message) {
    // 비동기 함수들을 순차적으로 실행
    co_await check_internet_connection();
    co_await download_file(filename, size_mb);
    co_await send_notification(message);
}
