# Python twin of exercise 13 (exercises/13-wait-for-timeout): the program the C++ solution must
# match byte for byte (tools/gen_reference.sh runs it on the chapter's virtual-clock runner).
import asyncio

# (name, response time, deadline) in seconds
SITES = [("Google", 0.8, 2.0), ("GitHub", 1.5, 2.0), ("Slow Mirror", 3.5, 2.0),
         ("Python.org", 2.5, 3.0), ("Old Server", 1.2, 1.0)]


async def fetch_page(name, delay):
    print(f"{name} 요청 보냄...")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{name} 요청 취소")
        raise
    print(f"{name} 응답 도착 ({delay:.2f}초)")
    return f"{name} 페이지"


async def fetch_with_deadline(name, delay, timeout):
    try:
        page = await asyncio.wait_for(fetch_page(name, delay), timeout)
    except asyncio.TimeoutError:
        print(f"{name} - 시간 초과! ({timeout:.2f}초 안에 응답이 없습니다)")
        return {"site": name, "status": "시간 초과", "page": None}
    return {"site": name, "status": "성공", "page": page}


async def fetch_all(sites=SITES):
    print(f"사이트 {len(sites)}곳을 동시에 가져옵니다.\n")
    loop = asyncio.get_running_loop()
    start = loop.time()
    results = await asyncio.gather(*(fetch_with_deadline(*s) for s in sites))
    elapsed = loop.time() - start
    print("\n=== 결과 ===")
    for r in results:
        print(f"{r['site']}: {r['page'] if r['status'] == '성공' else '시간 초과'}")
    ok = sum(r["status"] == "성공" for r in results)
    print(f"성공: {ok}곳, 시간 초과: {len(results) - ok}곳")
    print(f"총 소요 시간: {elapsed:.2f}초")
    return results


if __name__ == "__main__":
    asyncio.run(fetch_all())
