#include <chrono>
#include <thread>

#include "api.hpp"

namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void do_job_sync(const Job& job) {
    aio::print("{} 시작 ({:.1f}초)", job.name, job.seconds);
    std::this_thread::sleep_for(std::chrono::duration<double>(job.seconds));
    aio::print("{} 완료", job.name);
}

aio::task<void> do_job_async(Job job) {
    aio::print("{} 시작 ({:.1f}초)", job.name, job.seconds);
    co_await aio::sleep(job.seconds);
    aio::print("{} 완료", job.name);
}
}  // namespace

double run_sync(const std::vector<Job>& jobs) {
    auto start = Clock::now();
    for (const Job& job : jobs) do_job_sync(job);
    double elapsed = seconds_since(start);
    aio::print("동기 실행: {:.1f}초", elapsed);
    return elapsed;
}

aio::task<double> run_async(std::vector<Job> jobs) {
    auto start = Clock::now();
    std::vector<aio::task<void>> work;
    for (const Job& job : jobs) work.push_back(do_job_async(job));
    co_await aio::gather(std::move(work));
    double elapsed = seconds_since(start);
    aio::print("비동기 실행: {:.1f}초", elapsed);
    co_return elapsed;
}

Timing compare(const std::vector<Job>& jobs) {
    aio::print("=== 동기 실행 ===");
    double sync_seconds = run_sync(jobs);

    aio::print("\n=== 비동기 실행 ===");
    double async_seconds = aio::run(run_async(jobs));

    aio::print("\n=== 비교 ===");
    aio::print("동기 {:.1f}초, 비동기 {:.1f}초: 비동기가 {:.1f}초 빨랐습니다.", sync_seconds, async_seconds,
               sync_seconds - async_seconds);
    return {sync_seconds, async_seconds};
}
