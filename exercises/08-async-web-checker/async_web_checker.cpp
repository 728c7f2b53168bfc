// 연습 08: 웹사이트 응답 시간을 동시에 재기 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)과 SiteResult, Website 는 api.hpp 에 있습니다.
#include "api.hpp"

#include <algorithm>
#include <stdexcept>

// 사이트 하나의 응답 시간을 재는 흉내를 냅니다.
aio::task<SiteResult> check_website([[maybe_unused]] std::string site_name,
                                    [[maybe_unused]] double base_delay) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 0: base_delay 가 음수면 아무것도 출력하지 말고 난수도 뽑지 말고 곧바로
    //         throw std::invalid_argument(fmt::format("{}: 기본 지연은 음수일 수 없습니다", site_name)); 하세요.
    //         (파이썬의 raise ValueError(...). std::invalid_argument 는 <stdexcept> 에 있습니다.)
    // TODO 1: "{site_name} 응답 시간 측정 시작..." 을 출력하세요.
    // TODO 2: double response_time = base_delay + aio::random::uniform(0.5, 2.0); 로 응답 시간을 정하고
    //         co_await aio::sleep(response_time); 으로 기다리세요.
    // TODO 3: 기다린 *다음에* aio::random::random() 을 한 번 뽑아 0.1 보다 작으면
    //         "{site_name} - 응답 실패!" 를 출력하고 SiteResult{site_name, "실패", std::nullopt} 를,
    //         아니면 "{site_name} - 응답 시간: {:.2f}초" 를 출력하고 SiteResult{site_name, "성공", response_time} 을
    //         co_return 하세요. (난수는 uniform 한 번, random 한 번, 이 순서로만 뽑습니다.)
    co_return SiteResult{};
}

// 모든 사이트를 동시에 확인하고 결과를 분석합니다.
aio::task<void> monitor_websites([[maybe_unused]] std::vector<Website> websites) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: "웹사이트 모니터링 시작...\n" 을 출력하고 (줄 두 개: 제목과 빈 줄) 시작 시각을 재세요 (aio::loop_time()).
    // TODO 2: 사이트마다 check_website(w.name, w.base_delay) 를 std::vector<aio::task<SiteResult>> 에 담고
    //         auto results = co_await aio::gather_outcomes(std::move(작업들)); 로 한꺼번에 기다리세요.
    //         (파이썬의 gather(..., return_exceptions=True): 결과마다 r.ok() 이면 *r 이 SiteResult 이고,
    //         아니면 그 사이트가 던진 예외입니다.) aio::gather 를 쓰면 한 사이트의 예외가 곧바로
    //         monitor_websites 밖으로 퍼져서 나머지 사이트의 결과를 하나도 보고하지 못합니다!
    //         for 문 안에서 하나씩 co_await 하면 사이트를 차례로 재게 되어 시간이 모두 더해집니다!
    // TODO 3: "\n=== 모니터링 결과 ===" 와 "총 소요 시간: {:.2f}초" 를 출력하세요.
    // TODO 4: ok() 인 결과 가운데 status 가 "성공" 인 것과 "실패" 인 것을 세어 "성공: {n}개, 실패: {m}개" 를 출력하세요.
    //         예외로 끝난 결과(ok() 가 아닌 것)는 어느 쪽에도 세지 않습니다.
    // TODO 5: 성공한 사이트가 하나라도 있으면
    //         "평균 응답 시간: {:.2f}초" (성공한 사이트들의 time 을 목록 순서대로 더해 개수로 나눔),
    //         "가장 빠른 사이트: {이름} ({:.2f}초)", "가장 느린 사이트: {이름} ({:.2f}초)" 를 출력하세요.
    //         시간이 같으면 목록에서 앞선 사이트를 고릅니다 (std::min_element / std::max_element 가 그렇게 합니다).
    co_return;
}

// 한 번 모니터링하고, 잠시 쉬었다가 한 번 더 모니터링합니다.
aio::task<void> async_main([[maybe_unused]] std::vector<Website> websites,
                           [[maybe_unused]] double pause_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO 1: co_await monitor_websites(websites);
    // TODO 2: "\n{pause_seconds}초 후 다시 모니터링합니다..." 를 출력하세요 (숫자는 "{}" 형식: 5 → "5", 2.5 → "2.5").
    // TODO 3: pause_seconds 초 기다린 뒤 한 번 더 monitor_websites 를 co_await 하세요.
    co_return;
}
