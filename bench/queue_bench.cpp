// queue_bench: N items through one bounded aio::Queue between P producers and C consumers.
// The same work as bench/queue_bench.py; bench/queue_run.sh runs both and compares.
//
//   queue_bench [N [P C MAXSIZE]]        default 100000 100 100 100
//
// Producer p puts the items p, p + P, p + 2P, ... below N; consumers take items until main has
// joined the queue and cancels them. Nothing sleeps, so the clock never matters: every wait is a
// full or empty queue. Prints one line: "queue_bench impl=aio n=N producers=P consumers=C
// maxsize=M seconds=S us_per_item=U peak_rss_mb=R cpu_seconds=T run_cpu_us_per_item=V checksum=K"
// (S: wall time of aio::run; T: user+sys CPU time of the process; V: CPU time of aio::run alone
// per item, for a busy machine; K: the sum of the items consumed, N(N-1)/2).
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "aio/aio.hpp"

namespace {

aio::task<void> producer(aio::Queue<long>& q, long first, long step, long n) {
    for (long item = first; item < n; item += step) co_await q.put(item);
}

aio::task<void> consumer(aio::Queue<long>& q, long& checksum) {
    while (true) {
        const long item = co_await q.get();
        checksum += item;
        q.task_done();
    }
}

aio::task<void> run_queue(long n, long producers, long consumers, int maxsize, long& checksum) {
    aio::Queue<long> q(maxsize);
    std::vector<aio::Task<void>> takers;
    for (long c = 0; c < consumers; ++c) takers.push_back(aio::create_task(consumer(q, checksum)));
    std::vector<aio::task<void>> putters;
    for (long p = 0; p < producers; ++p) putters.push_back(producer(q, p, producers, n));
    co_await aio::gather(std::move(putters));
    co_await q.join();
    for (auto& t : takers) t.cancel();
    co_await aio::gather_outcomes(takers);
}

double seconds_of(const timeval& tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; }
// user+sys CPU time of the process so far.
double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime);
}

}  // namespace

int main(int argc, char** argv) {
    const long n = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 100000;
    const long producers = argc > 2 ? std::strtol(argv[2], nullptr, 10) : 100;
    const long consumers = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 100;
    const int maxsize = argc > 4 ? std::atoi(argv[4]) : 100;
    if (n <= 0 || producers <= 0 || consumers <= 0 || (argc != 1 && argc != 2 && argc != 5)) {
        std::fprintf(stderr, "usage: queue_bench [N [PRODUCERS CONSUMERS MAXSIZE]]\n");
        return 2;
    }
    aio::clock::set_mode(aio::clock::Mode::virtual_time);
    aio::trace::set_echo(false);
    aio::RunOptions options;
    options.record_tasks = false;  // no per-task spans: we measure the queue, not the trace
    options.step_limit = 0;

    long checksum = 0;
    const double cpu_start = cpu_seconds();
    const double start = aio::clock::real_monotonic();
    aio::run(run_queue(n, producers, consumers, maxsize, checksum), options);
    const double seconds = aio::clock::real_monotonic() - start;
    const double run_cpu = cpu_seconds() - cpu_start;

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf(
        "queue_bench impl=aio n=%ld producers=%ld consumers=%ld maxsize=%d seconds=%.4f us_per_item=%.3f "
        "peak_rss_mb=%.1f cpu_seconds=%.3f run_cpu_us_per_item=%.3f checksum=%ld\n",
        n, producers, consumers, maxsize, seconds, seconds * 1e6 / double(n), double(ru.ru_maxrss) / 1024.0,
        seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime), run_cpu * 1e6 / double(n), checksum);
    return 0;
}
