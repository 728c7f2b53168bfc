#pragma once
#include <aio/aio.hpp>
#include <optional>
#include <string>
#include <vector>

// 여러 웹사이트의 응답 시간을 동시에 재는 시뮬레이션입니다 (챕터: async_web_checker.py).

// 사이트 하나의 측정 결과 (파이썬의 {"site": ..., "status": ..., "time": ...} 딕셔너리).
struct SiteResult {
    std::string site;
    std::string status;         // "성공" 또는 "실패"
    std::optional<double> time; // 응답 시간(초). 실패면 비어 있습니다 (파이썬의 None).
};

// 모니터링할 사이트와 기본 지연(초).
struct Website {
    std::string name;
    double base_delay;
};

// 챕터의 사이트 목록: Google 0.5, GitHub 1.0, Python.org 0.8, Stack Overflow 1.2, MDN Docs 0.9.
inline std::vector<Website> chapter_websites() {
    return {{"Google", 0.5}, {"GitHub", 1.0}, {"Python.org", 0.8}, {"Stack Overflow", 1.2}, {"MDN Docs", 0.9}};
}

// base_delay 가 음수면 아무것도 출력하지 않고 난수도 뽑지 않은 채
// std::invalid_argument("{site_name}: 기본 지연은 음수일 수 없습니다") 를 던집니다 (파이썬의 ValueError).
// 아니면 "{site_name} 응답 시간 측정 시작..." 을 출력하고, 응답 시간 base_delay + aio::random::uniform(0.5, 2.0)
// 초를 기다립니다. 그다음 aio::random::random() 이 0.1 보다 작으면 "{site_name} - 응답 실패!" 를
// 출력하고 {site_name, "실패", 없음} 을, 아니면 "{site_name} - 응답 시간: {:.2f}초" 를 출력하고
// {site_name, "성공", 응답 시간} 을 돌려줍니다. 난수는 이 순서대로 정확히 두 번 뽑습니다.
aio::task<SiteResult> check_website(std::string site_name, double base_delay = 1);

// "웹사이트 모니터링 시작..." 과 빈 줄을 출력하고, 모든 사이트를 aio::gather_outcomes 로 동시에
// 확인한 뒤 빈 줄, "=== 모니터링 결과 ===", "총 소요 시간: {:.2f}초",
// "성공: {n}개, 실패: {m}개" 를 출력합니다. 예외를 던진 사이트는 성공에도 실패에도 세지 않고
// (파이썬의 isinstance(r, dict) 거르기), 나머지 사이트는 그대로 보고합니다. 성공한 사이트가 있으면
// "평균 응답 시간: {:.2f}초", "가장 빠른 사이트: {이름} ({:.2f}초)",
// "가장 느린 사이트: {이름} ({:.2f}초)" 도 출력합니다 (같은 시간이면 목록에서 앞선 사이트).
// 시간은 aio::loop_time() 으로 잽니다 (파이썬의 time.time() 자리).
aio::task<void> monitor_websites(std::vector<Website> websites = chapter_websites());

// 파이썬의 main() 코루틴: 한 번 모니터링하고, 빈 줄과 "{pause_seconds}초 후 다시 모니터링합니다..."
// (기본값이면 "5초 후 ...", 숫자는 {} 형식) 를 출력한 뒤 pause_seconds 초를 기다렸다가 한 번 더
// 모니터링합니다.
aio::task<void> async_main(std::vector<Website> websites = chapter_websites(), double pause_seconds = 5);
