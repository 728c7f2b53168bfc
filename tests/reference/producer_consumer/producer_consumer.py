# Python twin of exercise 14 (exercises/14-producer-consumer): the program the C++ solution must
# match byte for byte (tools/gen_reference.sh runs it on the chapter's virtual-clock runner).
# Shutdown as in the asyncio docs' Queue example: join, then cancel the consumers and gather them.
import asyncio
import sys

MAXSIZE = 2
PRODUCERS = [(4, 0.5), (3, 0.7)]  # (items, seconds to make one)
CONSUMERS = [1.1, 1.6]            # seconds to process one item


async def producer(number, queue, items, make_seconds):
    for k in range(1, items + 1):
        await asyncio.sleep(make_seconds)
        item = f"{number}-{k}"
        await queue.put(item)
        print(f"생산자 {number}: 물건 {item} 넣음")
    print(f"생산자 {number}: 다 만들었습니다")


async def consumer(number, queue, work_seconds, processed):
    while True:
        item = await queue.get()
        print(f"소비자 {number}: 물건 {item} 꺼냄")
        await asyncio.sleep(work_seconds)
        print(f"소비자 {number}: 물건 {item} 처리 완료")
        processed.append(item)
        queue.task_done()


async def run_pipeline(maxsize=MAXSIZE, producers=PRODUCERS, consumers=CONSUMERS):
    print(f"대기열 크기 {maxsize}: 생산자 {len(producers)}명, 소비자 {len(consumers)}명\n")
    loop = asyncio.get_running_loop()
    start = loop.time()
    queue = asyncio.Queue(maxsize)
    processed = []
    workers = [asyncio.create_task(consumer(i + 1, queue, w, processed)) for i, w in enumerate(consumers)]
    makers = [asyncio.create_task(producer(i + 1, queue, n, s)) for i, (n, s) in enumerate(producers)]
    await asyncio.gather(*makers)
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"\n모든 물건 {len(processed)}개 처리 완료: {loop.time() - start:.2f}초")
    return processed


if __name__ == "__main__":
    asyncio.run(run_pipeline())
