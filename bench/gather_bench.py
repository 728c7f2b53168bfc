"""gather_bench in CPython asyncio: the same work as bench/gather_bench.cpp.

    python3 gather_bench.py N [--virtual]

Default: real asyncio, every task really awaits asyncio.sleep(d). --virtual runs the same program
on a virtual-clock event loop (tools/virtual_asyncio.py: the selector adds the timeout to a counter
instead of waiting, like the chapter's vtime.py), so no time is spent actually sleeping. One run per process so the peak
RSS belongs to this N alone. Prints the same line format as the C++ benchmark (cpu_seconds: user+sys
CPU time of the whole process, interpreter start-up included).
"""
import asyncio
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from virtual_asyncio import VirtualLoop  # noqa: E402


async def sleeper(seconds):
    await asyncio.sleep(seconds)


async def gather_all(n):
    # Durations from uniform(0, 1) with seed 1: the C++ side (aio::PyRandom) draws the same numbers.
    rng = random.Random(1)
    await asyncio.gather(*[sleeper(rng.uniform(0.0, 1.0)) for _ in range(n)])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    virtual = "--virtual" in sys.argv[1:]
    if len(args) != 1 or int(args[0]) <= 0:
        sys.exit("usage: gather_bench.py N [--virtual]")
    n = int(args[0])

    loop = VirtualLoop() if virtual else asyncio.new_event_loop()
    start = time.perf_counter()
    loop_start = loop.time()
    loop.run_until_complete(gather_all(n))
    loop_elapsed = loop.time() - loop_start
    seconds = time.perf_counter() - start
    loop.close()

    ru = resource.getrusage(resource.RUSAGE_SELF)
    peak_rss_mb = ru.ru_maxrss / 1024.0  # Linux: KiB
    impl = "cpython-virtual" if virtual else "cpython-real"
    print(f"gather_bench impl={impl} n={n} seconds={seconds:.4f} us_per_task={seconds * 1e6 / n:.3f} "
          f"peak_rss_mb={peak_rss_mb:.1f} cpu_seconds={ru.ru_utime + ru.ru_stime:.3f} "
          f"loop_elapsed={loop_elapsed:.3f}")


if __name__ == "__main__":
    main()
