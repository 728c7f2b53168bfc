#!/usr/bin/env python3
"""Expected data of exercise 08's tests where check_website raises (developer tool: not used by the
build, the tests or CI; the tests hold its output as literals).

The model is the chapter's async_web_checker.py with the changes exercise 08's contract makes:
  - check_website raises ValueError("{site}: 기본 지연은 음수일 수 없습니다") when base_delay < 0,
    before it prints or draws a random number;
  - monitor_websites takes the site list, main the site list and the pause;
  - time.time() and the event loop's clock are a virtual clock starting at 0 (like the chapter's
    vtime.py runner that tools/gen_reference.sh uses).
Everything else (print texts, gather(..., return_exceptions=True), the isinstance(r, dict) filter,
the statistics) is the chapter's code. For each scenario it prints every line with its virtual
time, then each site's response time (repr) and whether it answered, failed or raised.

    python3 tools/gen_web_checker_raising.py        (CPython 3.11.7 was used for the tests)
"""
import asyncio
import builtins
import random
import time

from virtual_asyncio import VirtualLoop


loop = None  # the current scenario's VirtualLoop: its clock starts at 0 with each scenario


def now():
    return loop.time()


time.time = now
_print = builtins.print
sites_seen = []  # (name, response_time or None, outcome) in the order the model saw them


def print(*args):  # noqa: A001 - the chapter's print, with the virtual time in front
    text = " ".join(str(a) for a in args)
    for line in text.split("\n"):
        _print(f"  [{now()!r:>20}] {line!r}")


async def check_website(site_name, base_delay=1):
    if base_delay < 0:
        sites_seen.append((site_name, None, "raises"))
        raise ValueError(f"{site_name}: 기본 지연은 음수일 수 없습니다")
    print(f"{site_name} 응답 시간 측정 시작...")
    response_time = base_delay + random.uniform(0.5, 2.0)
    await asyncio.sleep(response_time)
    if random.random() < 0.1:
        print(f"{site_name} - 응답 실패!")
        sites_seen.append((site_name, response_time, "fails"))
        return {"site": site_name, "status": "실패", "time": None}
    else:
        print(f"{site_name} - 응답 시간: {response_time:.2f}초")
        sites_seen.append((site_name, response_time, "answers"))
        return {"site": site_name, "status": "성공", "time": response_time}


async def monitor_websites(websites):
    print("웹사이트 모니터링 시작...\n")
    start_time = time.time()
    tasks = [check_website(name, delay) for name, delay in websites]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    end_time = time.time()
    total_time = end_time - start_time
    print(f"\n=== 모니터링 결과 ===")
    print(f"총 소요 시간: {total_time:.2f}초")
    successful = [r for r in results if isinstance(r, dict) and r["status"] == "성공"]
    failed = [r for r in results if isinstance(r, dict) and r["status"] == "실패"]
    print(f"성공: {len(successful)}개, 실패: {len(failed)}개")
    if successful:
        avg_time = sum(r["time"] for r in successful) / len(successful)
        print(f"평균 응답 시간: {avg_time:.2f}초")
        fastest = min(successful, key=lambda x: x["time"])
        slowest = max(successful, key=lambda x: x["time"])
        print(f"가장 빠른 사이트: {fastest['site']} ({fastest['time']:.2f}초)")
        print(f"가장 느린 사이트: {slowest['site']} ({slowest['time']:.2f}초)")


async def main(websites, pause):
    await monitor_websites(websites)
    print(f"\n{pause}초 후 다시 모니터링합니다...")
    await asyncio.sleep(pause)
    await monitor_websites(websites)


def scenario(title, seed, coro_fn):
    _print(f"== {title} (seed {seed})")
    global loop
    sites_seen.clear()
    random.seed(seed)
    loop = VirtualLoop()
    try:
        loop.run_until_complete(coro_fn())
    except ValueError as e:
        _print(f"  raised ValueError({str(e)!r}) at {now()!r}")
    finally:
        loop.close()
    for name, response, outcome in sites_seen:
        _print(f"  site {name!r}: response {response!r} -> {outcome}")


CHAPTER_WITH_BROKEN = [("Google", 0.5), ("GitHub", 1.0), ("Broken Mirror", -1.0),
                       ("Python.org", 0.8), ("Stack Overflow", 1.2), ("MDN Docs", 0.9)]
ALL_BROKEN = [("Broken Mirror", -1.0), ("Old Server", -0.5), ("Typo", -0.01)]
KOREAN_WITH_BROKEN = [("Naver", 0.4), ("Daum", 0.6), ("Old Server", -0.5), ("Kakao", 0.3)]

if __name__ == "__main__":
    # public: one raising site among the chapter's five
    scenario("public: chapter sites + Broken Mirror -1.0, one round", 3,
             lambda: monitor_websites(CHAPTER_WITH_BROKEN))
    # hidden: every site raises
    scenario("hidden: every site raises, one round", 3, lambda: monitor_websites(ALL_BROKEN))
    # hidden: a raising site in both rounds of main, pause 1.5
    scenario("hidden: Korean sites + Old Server -0.5, main with pause 1.5", 11,
             lambda: main(KOREAN_WITH_BROKEN, 1.5))
    # hidden: check_website alone: raising draws nothing, so the next check sees the seed's first draws
    async def raise_then_check():
        try:
            await check_website("Old Server", -0.5)
        except ValueError as e:
            _print(f"  check_website('Old Server', -0.5) raised ValueError({str(e)!r})")
        return await check_website("Naver", 0.3)
    scenario("hidden: check_website raises, then Naver 0.3", 2, raise_then_check)
    # hidden: base_delay 0 is allowed (only negative delays raise)
    scenario("hidden: check_website('Zero', 0)", 2, lambda: check_website("Zero", 0))
