#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 페이지 여러 개를 한꺼번에 요청하되, 동시에 진행되는 요청은 limit 개까지만 (aio::Semaphore, 파이썬의
// asyncio.Semaphore). 챕터의 실습처럼 진짜 네트워크(aiohttp) 대신 기다림으로 흉내 냅니다.

// 가져올 페이지: 주소와 응답에 걸리는 시간(초).
struct Page {
    std::string url;
    double seconds;
};

// 기본 페이지 여섯 개: /index.html 1.0, /about.html 0.5, /blog.html 1.5, /docs.html 0.8,
// /contact.html 0.3, /faq.html 1.2 (초). 함수로 둔 까닭: 코루틴의 기본 인자를 {{...}} 로 쓰면
// g++ 11/12 가 "array used as initializer" 오류를 냅니다.
inline std::vector<Page> default_pages() {
    return {{"/index.html", 1.0}, {"/about.html", 0.5}, {"/blog.html", 1.5},
            {"/docs.html", 0.8},  {"/contact.html", 0.3}, {"/faq.html", 1.2}};
}

// 요청 하나: limit 의 자리 하나를 얻을 때까지 기다렸다가 (파이썬의 async with sem:)
// "{url} 요청 시작" 을 출력하고, page.seconds 초를 기다린 뒤 "{url} 응답 ({seconds:.2f}초)" 를 출력하고
// 자리를 돌려준 다음 "{url} 본문" 을 돌려줍니다.
aio::task<std::string> fetch_page(Page page, aio::Semaphore& limit);

// "페이지 {n}개를 가져옵니다 (동시에 최대 {limit}개).\n" (안내와 빈 줄) 을 출력하고, 자리가 limit 개인
// aio::Semaphore 하나로 모든 페이지의 fetch_page 를 aio::gather 로 한꺼번에 기다립니다. 그다음 빈 줄과
// "=== 결과 (입력 순서) ===", 페이지마다 "{번호}. {본문}" (번호는 1부터, 목록 순서),
// "총 소요 시간: {:.2f}초" (aio::loop_time() 으로 잰 것) 를 출력하고, 본문들을 목록 순서로 돌려줍니다.
aio::task<std::vector<std::string>> crawl(std::vector<Page> pages = default_pages(), int limit = 2);
