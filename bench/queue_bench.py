"""queue_bench in CPython asyncio: the same work as bench/queue_bench.cpp.

    python3 queue_bench.py [N [PRODUCERS CONSUMERS MAXSIZE]]      default 100000 100 100 100

Nothing sleeps, so the plain asyncio loop is used (no clock is involved). Prints the same line
format as the C++ benchmark (cpu_seconds: user+sys CPU time of the whole process, interpreter
start-up included; run_cpu_us_per_item: CPU time of asyncio.run alone, per item).
"""
import asyncio
import resource
import sys
import time


async def producer(q, first, step, n):
    for item in range(first, n, step):
        await q.put(item)


async def consumer(q, totals):
    while True:
        item = await q.get()  # not `totals[0] += await ...`: that reads totals[0] before waiting
        totals[0] += item
        q.task_done()


async def run_queue(n, producers, consumers, maxsize, totals):
    q = asyncio.Queue(maxsize)
    takers = [asyncio.create_task(consumer(q, totals)) for _ in range(consumers)]
    await asyncio.gather(*[producer(q, p, producers, n) for p in range(producers)])
    await q.join()
    for t in takers:
        t.cancel()
    await asyncio.gather(*takers, return_exceptions=True)


def main():
    args = [int(a) for a in sys.argv[1:]]
    if len(args) not in (0, 1, 4):
        sys.exit("usage: queue_bench.py [N [PRODUCERS CONSUMERS MAXSIZE]]")
    n, producers, consumers, maxsize = args + [100000, 100, 100, 100][len(args):]
    totals = [0]
    cpu_start = time.process_time()
    start = time.perf_counter()
    asyncio.run(run_queue(n, producers, consumers, maxsize, totals))
    seconds = time.perf_counter() - start
    run_cpu = time.process_time() - cpu_start
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(f"queue_bench impl=cpython n={n} producers={producers} consumers={consumers} maxsize={maxsize} "
          f"seconds={seconds:.4f} us_per_item={seconds * 1e6 / n:.3f} peak_rss_mb={ru.ru_maxrss / 1024.0:.1f} "
          f"cpu_seconds={ru.ru_utime + ru.ru_stime:.3f} run_cpu_us_per_item={run_cpu * 1e6 / n:.3f} checksum={totals[0]}")


if __name__ == "__main__":
    main()
