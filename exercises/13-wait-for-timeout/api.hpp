#pragma once
#include <aio/aio.hpp>
#include <optional>
#include <string>
#include <vector>

// 여러 사이트를 동시에 가져오되, 사이트마다 마감 시간(timeout)이 있습니다. 마감까지 응답이 없는
// 사이트는 aio::wait_for 가 그 자리에서 잘라 냅니다 (파이썬의 asyncio.wait_for).

// 가져올 사이트: 이름, 응답에 걸리는 시간(초, 흉내), 기다릴 수 있는 최대 시간(초).
struct Site {
    std::string name;
    double delay;
    double timeout;
};

// 사이트 하나의 결과 (파이썬의 {"site": ..., "status": ..., "page": ...} 딕셔너리).
struct FetchResult {
    std::string site;
    std::string status;               // "성공" 또는 "시간 초과"
    std::optional<std::string> page;  // 받은 페이지. 시간 초과면 비어 있습니다 (파이썬의 None).
    bool operator==(const FetchResult&) const = default;
};

// 기본 사이트 목록: Google 0.8/2.0, GitHub 1.5/2.0, Slow Mirror 3.5/2.0, Python.org 2.5/3.0,
// Old Server 1.2/1.0 (응답 시간/마감, 초). 함수로 둔 까닭: 코루틴의 기본 인자를 {{...}} 로 쓰면
// g++ 11/12 가 "array used as initializer" 오류를 냅니다.
inline std::vector<Site> default_sites() {
    return {{"Google", 0.8, 2.0}, {"GitHub", 1.5, 2.0}, {"Slow Mirror", 3.5, 2.0}, {"Python.org", 2.5, 3.0},
            {"Old Server", 1.2, 1.0}};
}

// 요청 하나의 흉내: "{name} 요청 보냄..." 을 출력하고 delay 초를 기다린 뒤
// "{name} 응답 도착 ({delay:.2f}초)" 를 출력하고 "{name} 페이지" 를 돌려줍니다.
// 기다리는 동안 취소되면 "{name} 요청 취소" 를 출력하고 취소(aio::CancelledError)를 그대로 다시 던집니다.
aio::task<std::string> fetch_page(std::string name, double delay);

// fetch_page(site.name, site.delay) 를 aio::wait_for 로 site.timeout 초까지만 기다립니다.
// 제때 오면 {site.name, "성공", 페이지} 를 돌려줍니다. 마감이 지나면 (aio::TimeoutError)
// "{name} - 시간 초과! ({timeout:.2f}초 안에 응답이 없습니다)" 를 출력하고 {site.name, "시간 초과", 없음} 을 돌려줍니다.
aio::task<FetchResult> fetch_with_deadline(Site site);

// "사이트 {n}곳을 동시에 가져옵니다.\n" (안내와 빈 줄) 을 출력하고, 모든 사이트의 fetch_with_deadline 을
// aio::gather 로 동시에 기다립니다. 그다음 빈 줄과 "=== 결과 ===", 사이트마다 목록 순서로
// "{site}: {페이지}" (시간 초과면 "{site}: 시간 초과"), "성공: {n}곳, 시간 초과: {m}곳",
// "총 소요 시간: {:.2f}초" (aio::loop_time() 으로 잰 것) 를 출력하고, 결과를 목록 순서로 돌려줍니다.
aio::task<std::vector<FetchResult>> fetch_all(std::vector<Site> sites = default_sites());
