// 연습 05: 비동기 함수를 차례로 기다리기 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
#include "api.hpp"

// 파일 하나를 내려받는 흉내를 냅니다.
aio::task<std::string> download_file([[maybe_unused]] std::string filename, [[maybe_unused]] int size_mb,
                                     [[maybe_unused]] double seconds_per_mb) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "{filename} 다운로드 시작... ({size_mb}MB)" 를 aio::print 로 출력하세요.
    // TODO 2: 다운로드 시간 = size_mb * seconds_per_mb 초 동안 co_await aio::sleep(...) 으로 기다리세요.
    //         (size_mb 는 int 입니다. size_mb / 2 처럼 정수끼리 나누면 소수점이 잘립니다!)
    // TODO 3: "{filename} 다운로드 완료!" 를 출력하고 "{filename} (완료)" 를 co_return 하세요.
    co_return std::string{};
}

// 인터넷 연결을 확인하는 흉내를 냅니다. 10% 확률로 실패합니다.
aio::task<bool> check_internet_connection([[maybe_unused]] double check_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "인터넷 연결 상태 확인 중..." 을 출력하고 check_seconds 초 동안 co_await aio::sleep 으로 기다리세요.
    // TODO 2: 기다린 *다음에* aio::random::random() 을 딱 한 번 뽑으세요.
    //         0.1 보다 크면 "인터넷 연결 정상!" 을 출력하고 true,
    //         아니면 "인터넷 연결 실패!" 를 출력하고 false 를 co_return 하세요.
    co_return false;
}

// 알림을 보내는 흉내를 냅니다.
aio::task<void> send_notification([[maybe_unused]] std::string message,
                                  [[maybe_unused]] double send_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: "알림 전송 중: {message}" 출력 → send_seconds 초 기다리기 → "알림 전송 완료!" 출력.
    co_return;
}

// 세 단계를 순서대로 하나씩 기다립니다.
aio::task<void> async_main([[maybe_unused]] std::string filename, [[maybe_unused]] int size_mb,
                           [[maybe_unused]] std::string message) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: co_await check_internet_connection(); 로 연결을 확인하세요 (결과가 실패여도 계속합니다).
    // TODO 2: co_await download_file(filename, size_mb); 로 파일을 내려받으세요.
    // TODO 3: co_await send_notification(message); 로 알림을 보내세요.
    // 주의: co_await 를 빠뜨리고 check_internet_connection(); 처럼 부르기만 하면 코루틴이 한 줄도
    //       실행되지 않습니다. std::this_thread::sleep_for 로 기다려도 안 됩니다 (이벤트 루프가 멈춥니다).
    co_return;
}
