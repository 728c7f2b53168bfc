// gather_bench: N tasks, each sleeping a different duration, gathered by one main task.
// The same work as bench/gather_bench.py; bench/run.sh runs both and compares.
//
//   gather_bench N [--real] [--delay=D]
//
// Default is the virtual clock (no real waiting, so the time measured is pure runtime overhead);
// --real sleeps for real. --delay=D: every task sleeps D seconds instead of its own draw (on the
// real clock the timers then fire together, so a run measures the tasks rather than the wake-ups). One run per process so the peak RSS belongs to this N alone.
// Prints one line: "gather_bench impl=aio-<clock> n=N seconds=S us_per_task=U peak_rss_mb=M
// cpu_seconds=C loop_elapsed=L" (S: wall time of aio::run; C: user+sys CPU time of the process;
// L: how far the loop's clock moved, the longest sleep).
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "aio/aio.hpp"

namespace {

aio::task<void> sleeper(double seconds) { co_await aio::sleep(seconds); }

// Durations from uniform(0, 1) with seed 1: the Python side draws the very same numbers.
// delay >= 0: every task sleeps that long instead (--delay).
aio::task<void> gather_all(long n, double delay) {
    aio::PyRandom rng(1);
    std::vector<aio::task<void>> tasks;
    tasks.reserve(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) tasks.push_back(sleeper(delay >= 0 ? delay : rng.uniform(0.0, 1.0)));
    co_await aio::gather(std::move(tasks));
}

rusage usage() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru;
}
double seconds_of(const timeval& tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; }

}  // namespace

int main(int argc, char** argv) {
    long n = 0;
    bool real = false;
    double delay = -1.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--real") == 0) real = true;
        else if (std::strncmp(argv[i], "--delay=", 8) == 0) delay = std::strtod(argv[i] + 8, nullptr);
        else n = std::strtol(argv[i], nullptr, 10);
    }
    if (n <= 0) {
        std::fprintf(stderr, "usage: gather_bench N [--real] [--delay=D]\n");
        return 2;
    }
    aio::clock::set_mode(real ? aio::clock::Mode::real : aio::clock::Mode::virtual_time);
    aio::clock::reset(0.0);
    aio::trace::set_echo(false);

    aio::RunOptions options;
    options.record_tasks = false;  // no per-task spans: we measure the scheduler, not the trace
    options.step_limit = 0;        // a million tasks are not a runaway loop

    // clock::real_monotonic, not steady_clock: steady_clock follows the virtual clock here.
    const double start = aio::clock::real_monotonic();
    const double loop_start = aio::clock::now();
    aio::run(gather_all(n, delay), options);
    const double seconds = aio::clock::real_monotonic() - start;
    const double loop_elapsed = aio::clock::now() - loop_start;

    const rusage ru = usage();
    std::printf(
        "gather_bench impl=aio-%s n=%ld seconds=%.4f us_per_task=%.3f peak_rss_mb=%.1f cpu_seconds=%.6f "
        "loop_elapsed=%.3f\n",
        real ? "real" : "virtual", n, seconds, seconds * 1e6 / double(n), double(ru.ru_maxrss) / 1024.0,  // KiB
        seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime), loop_elapsed);
    return 0;
}
