#include "api.hpp"

aio::task<std::string> fetch_page(std::string name, double delay) {
    aio::print("{} 요청 보냄...", name);
    try {
        co_await aio::sleep(delay);  // 네트워크를 기다리는 흉내
    } catch (const aio::CancelledError&) {
        // 마감이 지나 wait_for 가 이 작업을 취소했습니다: 알리고, 취소는 그대로 다시 던집니다
        // (삼키면 wait_for 는 작업이 취소되지 않은 줄 압니다).
        aio::print("{} 요청 취소", name);
        throw;
    }
    aio::print("{} 응답 도착 ({:.2f}초)", name, delay);
    co_return fmt::format("{} 페이지", name);
}

aio::task<FetchResult> fetch_with_deadline(Site site) {
    try {
        std::string page = co_await aio::wait_for(fetch_page(site.name, site.delay), site.timeout);
        co_return FetchResult{site.name, "성공", page};
    } catch (const aio::TimeoutError&) {
        // catch 안에서는 co_await/co_return 을 쓸 수 없으니 출력만 하고 밖에서 돌려줍니다.
        aio::print("{} - 시간 초과! ({:.2f}초 안에 응답이 없습니다)", site.name, site.timeout);
    }
    co_return FetchResult{site.name, "시간 초과", std::nullopt};
}

aio::task<std::vector<FetchResult>> fetch_all(std::vector<Site> sites) {
    aio::print("사이트 {}곳을 동시에 가져옵니다.\n", sites.size());
    const double start = aio::loop_time();

    // 모든 사이트를 한꺼번에: 전체 시간은 사이트마다 min(응답, 마감) 가운데 가장 늦은 것
    std::vector<aio::task<FetchResult>> jobs;
    for (const Site& s : sites) jobs.push_back(fetch_with_deadline(s));
    std::vector<FetchResult> results = co_await aio::gather(std::move(jobs));
    const double elapsed = aio::loop_time() - start;

    aio::print("\n=== 결과 ===");
    std::size_t answered = 0;
    for (const FetchResult& r : results) {
        aio::print("{}: {}", r.site, r.page ? *r.page : std::string("시간 초과"));
        if (r.status == "성공") ++answered;
    }
    aio::print("성공: {}곳, 시간 초과: {}곳", answered, results.size() - answered);
    aio::print("총 소요 시간: {:.2f}초", elapsed);
    co_return results;
}
