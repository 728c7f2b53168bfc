#!/usr/bin/env python3
"""Expected outputs of exercises 13-15's tests (developer tool: not used by the build, the tests or
CI; the tests hold its output as literals, in the --trace format that aio::testing::traced reads).

Each scenario runs a function of the exercise's Python twin (tests/reference/<program>/<program>.py,
the program the C++ solution is proven byte-for-byte equal to) with other inputs, on a virtual
clock that starts at 0, and prints every line as "[%7.3f] text" followed by the returned value.

    python3 tools/gen_exercise_scenarios.py [EXERCISE]   (CPython 3.11.7 was used for the tests)
"""
import asyncio
import builtins
import importlib.util
import pathlib
import sys

from virtual_asyncio import VirtualLoop

ROOT = pathlib.Path(__file__).resolve().parent.parent
loop = None  # the current scenario's VirtualLoop
_print = builtins.print


def vprint(*args, sep=" ", end="\n", file=None, flush=False):
    text = sep.join(str(a) for a in args)
    for line in text.split("\n"):
        _print(f"[{loop.time():7.3f}] {line}")


def twin(program):
    spec = importlib.util.spec_from_file_location(program, ROOT / "tests/reference" / program / f"{program}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenario(title, coro_fn):
    global loop
    _print(f"== {title}")
    loop = VirtualLoop()
    builtins.print = vprint
    try:
        result = loop.run_until_complete(coro_fn())
        elapsed = loop.time()
    finally:
        builtins.print = _print
        loop.close()
    _print(f"-> {result!r}  ({elapsed!r} s)")


def ex13():
    m = twin("wait_for_timeout")
    korean = [("네이버", 0.6, 1.5), ("다음", 2.4, 1.5), ("카카오", 1.1, 1.5)]
    scenario("13 hidden: Korean sites, one timeout", lambda: m.fetch_all(korean))
    stuck = [("빠른 서버", 0.4, 3.0), ("멈춘 서버", 30.0, 1.2), ("보통 서버", 0.9, 2.0)]
    scenario("13 hidden: a site that never answers is cut off at 1.2", lambda: m.fetch_all(stuck))
    late = [("A", 5.0, 0.5), ("B", 4.0, 1.5), ("C", 3.0, 1.0)]
    scenario("13 hidden: every site times out", lambda: m.fetch_all(late))
    quick = [("A", 0.3, 5.0), ("B", 1.25, 4.0), ("C", 0.75, 3.0)]
    scenario("13 hidden: nobody times out, deadlines far away", lambda: m.fetch_all(quick))
    scenario("13 hidden: one site", lambda: m.fetch_all([("혼자", 0.7, 0.5)]))
    scenario("13 hidden: fetch_with_deadline answers", lambda: m.fetch_with_deadline("뉴스", 0.25, 1.0))
    scenario("13 hidden: fetch_with_deadline times out", lambda: m.fetch_with_deadline("뉴스", 2.0, 0.75))


def ex14():
    m = twin("producer_consumer")
    scenario("14 hidden: maxsize 1, one fast producer, two consumers",
             lambda: m.run_pipeline(1, [(5, 0.3)], [1.0, 1.4]))
    scenario("14 hidden: maxsize 3, three producers, one slow consumer",
             lambda: m.run_pipeline(3, [(2, 0.4), (2, 0.6), (2, 0.9)], [0.75]))
    scenario("14 hidden: fast consumers wait for the producers (queue never full)",
             lambda: m.run_pipeline(2, [(3, 1.0), (2, 1.5)], [0.3, 0.45, 0.6]))
    scenario("14 hidden: maxsize 0 is unbounded, producers never wait",
             lambda: m.run_pipeline(0, [(4, 0.25)], [1.0]))

    async def consumer_alone():
        queue = asyncio.Queue()
        processed = []
        for item in ["가", "나", "다"]:
            queue.put_nowait(item)
        worker = asyncio.create_task(m.consumer(7, queue, 0.4, processed))
        await queue.join()
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
        return processed
    scenario("14 hidden: consumer alone on a queue of three items, joined then cancelled", consumer_alone)


def ex15():
    m = twin("limited_crawler")
    seven = [("/a", 0.6), ("/b", 1.0), ("/c", 0.4), ("/d", 0.9), ("/e", 0.5), ("/f", 0.7), ("/g", 0.2)]
    scenario("15 hidden: seven pages, at most 3", lambda: m.crawl(seven, 3))
    scenario("15 hidden: limit 1 is one after another", lambda: m.crawl(seven[:4], 1))
    scenario("15 hidden: a limit above the page count lets all start at once",
             lambda: m.crawl(seven[:4], 10))
    ties = [("/1", 0.5), ("/2", 0.5), ("/3", 0.25), ("/4", 0.75), ("/5", 0.5)]
    scenario("15 hidden: two slots freed in the same instant go to the next two in list order",
             lambda: m.crawl(ties, 2))

    async def released():
        sem = asyncio.Semaphore(1)
        first = await m.fetch_page("/첫째", 0.5, sem)
        second = await m.fetch_page("/둘째", 0.25, sem)
        return (first, second, sem.locked())
    scenario("15 hidden: fetch_page gives its slot back", released)


EXERCISES = {"13": ex13, "14": ex14, "15": ex15}

if __name__ == "__main__":
    for key in sys.argv[1:] or EXERCISES:
        EXERCISES[key]()
