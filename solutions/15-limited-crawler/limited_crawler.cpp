#include "api.hpp"

aio::task<std::string> fetch_page(Page page, aio::Semaphore& limit) {
    {
        // async with sem: 자리가 없으면 여기서 기다리고, 블록을 나갈 때 (held 의 소멸자) 자리를 돌려줍니다.
        auto held = co_await limit.hold();
        aio::print("{} 요청 시작", page.url);
        co_await aio::sleep(page.seconds);  // 네트워크를 기다리는 흉내
        aio::print("{} 응답 ({:.2f}초)", page.url, page.seconds);
    }
    co_return fmt::format("{} 본문", page.url);
}

aio::task<std::vector<std::string>> crawl(std::vector<Page> pages, int limit) {
    aio::print("페이지 {}개를 가져옵니다 (동시에 최대 {}개).\n", pages.size(), limit);
    const double start = aio::loop_time();
    aio::Semaphore sem(limit);  // 모든 요청이 같은 세마포어 하나를 나눠 씁니다

    // 요청은 모두 한꺼번에 시작하고, 몇 개가 실제로 진행될지는 세마포어가 정합니다.
    std::vector<aio::task<std::string>> requests;
    for (const Page& p : pages) requests.push_back(fetch_page(p, sem));
    std::vector<std::string> bodies = co_await aio::gather(std::move(requests));

    aio::print("\n=== 결과 (입력 순서) ===");
    for (std::size_t i = 0; i < bodies.size(); ++i) aio::print("{}. {}", i + 1, bodies[i]);
    aio::print("총 소요 시간: {:.2f}초", aio::loop_time() - start);
    co_return bodies;
}
