# Python twin of exercise 15 (exercises/15-limited-crawler): the program the C++ solution must
# match byte for byte (tools/gen_reference.sh runs it on the chapter's virtual-clock runner).
# A simulated crawler (the chapter's aiohttp remark): every page is requested at once, but an
# asyncio.Semaphore lets at most `limit` requests be in flight.
import asyncio

PAGES = [("/index.html", 1.0), ("/about.html", 0.5), ("/blog.html", 1.5),
         ("/docs.html", 0.8), ("/contact.html", 0.3), ("/faq.html", 1.2)]
LIMIT = 2


async def fetch_page(url, seconds, sem):
    async with sem:
        print(f"{url} 요청 시작")
        await asyncio.sleep(seconds)
        print(f"{url} 응답 ({seconds:.2f}초)")
    return f"{url} 본문"


async def crawl(pages=PAGES, limit=LIMIT):
    print(f"페이지 {len(pages)}개를 가져옵니다 (동시에 최대 {limit}개).\n")
    loop = asyncio.get_running_loop()
    start = loop.time()
    sem = asyncio.Semaphore(limit)
    bodies = await asyncio.gather(*(fetch_page(url, s, sem) for url, s in pages))
    print("\n=== 결과 (입력 순서) ===")
    for i, body in enumerate(bodies, 1):
        print(f"{i}. {body}")
    print(f"총 소요 시간: {loop.time() - start:.2f}초")
    return bodies


if __name__ == "__main__":
    asyncio.run(crawl())
