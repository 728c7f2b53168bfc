#include "api.hpp"

#include <algorithm>
#include <stdexcept>

aio::task<SiteResult> check_website(std::string site_name, double base_delay) {
    // 잘못된 입력은 출력도 난수도 없이 바로 예외로 (파이썬의 ValueError)
    if (base_delay < 0) throw std::invalid_argument(fmt::format("{}: 기본 지연은 음수일 수 없습니다", site_name));

    aio::print("{} 응답 시간 측정 시작...", site_name);

    // 실제 네트워크 지연을 시뮬레이션: 각 사이트마다 다른 응답 시간을 가짐
    double response_time = base_delay + aio::random::uniform(0.5, 2.0);
    co_await aio::sleep(response_time);

    // 간혹 실패하는 경우도 시뮬레이션
    if (aio::random::random() < 0.1) {  // 10% 확률로 실패
        aio::print("{} - 응답 실패!", site_name);
        co_return SiteResult{site_name, "실패", std::nullopt};
    } else {
        aio::print("{} - 응답 시간: {:.2f}초", site_name, response_time);
        co_return SiteResult{site_name, "성공", response_time};
    }
}

aio::task<void> monitor_websites(std::vector<Website> websites) {
    aio::print("웹사이트 모니터링 시작...\n");
    double start_time = aio::loop_time();

    // 모든 웹사이트를 동시에 체크 (return_exceptions=True 에 해당하는 gather_outcomes)
    std::vector<aio::task<SiteResult>> tasks;
    for (const Website& w : websites) tasks.push_back(check_website(w.name, w.base_delay));
    std::vector<aio::Outcome<SiteResult>> results = co_await aio::gather_outcomes(std::move(tasks));

    double end_time = aio::loop_time();
    double total_time = end_time - start_time;

    // 결과 분석
    aio::print("\n=== 모니터링 결과 ===");
    aio::print("총 소요 시간: {:.2f}초", total_time);

    // 예외로 끝난 사이트(ok() 가 아닌 결과)는 파이썬의 isinstance(r, dict) 처럼 어느 쪽에도 세지 않습니다.
    std::vector<SiteResult> successful;
    std::vector<SiteResult> failed;
    for (const auto& r : results)
        if (r.ok() && r->status == "성공") successful.push_back(*r);
    for (const auto& r : results)
        if (r.ok() && r->status == "실패") failed.push_back(*r);

    aio::print("성공: {}개, 실패: {}개", successful.size(), failed.size());

    if (!successful.empty()) {
        // sum() 처럼 왼쪽부터 차례로 더합니다 (더하는 순서가 반올림 결과를 바꿀 수 있습니다).
        double sum = 0;
        for (const SiteResult& r : successful) sum += *r.time;
        double avg_time = sum / double(successful.size());
        aio::print("평균 응답 시간: {:.2f}초", avg_time);

        auto by_time = [](const SiteResult& a, const SiteResult& b) { return *a.time < *b.time; };
        // min()/max() 처럼 같은 값이면 먼저 나온 것: min_element 와 max_element 모두 첫 번째를 고릅니다.
        const SiteResult& fastest = *std::min_element(successful.begin(), successful.end(), by_time);
        const SiteResult& slowest = *std::max_element(successful.begin(), successful.end(), by_time);
        aio::print("가장 빠른 사이트: {} ({:.2f}초)", fastest.site, *fastest.time);
        aio::print("가장 느린 사이트: {} ({:.2f}초)", slowest.site, *slowest.time);
    }
}

aio::task<void> async_main(std::vector<Website> websites, double pause_seconds) {
    co_await monitor_websites(websites);

    aio::print("\n{}초 후 다시 모니터링합니다...", pause_seconds);
    co_await aio::sleep(pause_seconds);

    co_await monitor_websites(websites);
}
