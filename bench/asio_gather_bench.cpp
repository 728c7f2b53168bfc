// asio_gather_bench: bench/gather_bench.cpp's work written with Boost.Asio's C++20 coroutines, the
// library a C++ programmer would reach for instead of aio. bench/asio_run.sh runs both, real clock.
//
//   asio_gather_bench N [--delay=D]
//
// One io_context on this thread; the main awaitable co_spawns N sleepers (each an awaitable with
// its own steady_timer, the durations of gather_bench: uniform(0, 1) with seed 1, drawn by the
// same aio::PyRandom source file) and waits until the last one has finished. Asio has no gather
// for a runtime number of awaitables before Boost 1.80's ranged parallel_group, so the wait is the
// idiomatic counter: every completion handler decrements it, the last one cancels a timer the main
// awaitable waits on (an event). aio's gather does the same: one done-callback per child.
// Prints the line of gather_bench with impl=asio-real (loop_elapsed: when the last sleeper ended).
#include <sys/resource.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "aio/random.hpp"

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

asio::awaitable<void> sleeper(double seconds) {
    asio::steady_timer timer(co_await asio::this_coro::executor,
                             std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds)));
    co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<void> gather_all(long n, double delay, Clock::time_point start, double& last_done) {
    auto executor = co_await asio::this_coro::executor;
    asio::steady_timer all_done(executor, Clock::time_point::max());
    long remaining = n;
    aio::PyRandom rng(1);
    for (long i = 0; i < n; ++i) {
        const double seconds = delay >= 0 ? delay : rng.uniform(0.0, 1.0);
        asio::co_spawn(executor, sleeper(seconds), [&](std::exception_ptr error) {
            if (error) std::rethrow_exception(error);
            if (--remaining == 0) {
                last_done = since(start);
                all_done.cancel();
            }
        });
    }
    boost::system::error_code cancelled;  // the wake-up is a cancellation: operation_aborted
    if (remaining > 0) co_await all_done.async_wait(asio::redirect_error(asio::use_awaitable, cancelled));
}

double seconds_of(const timeval& tv) { return double(tv.tv_sec) + double(tv.tv_usec) / 1e6; }

}  // namespace

int main(int argc, char** argv) {
    long n = 0;
    double delay = -1.0;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--delay=", 8) == 0) delay = std::strtod(argv[i] + 8, nullptr);
        else n = std::strtol(argv[i], nullptr, 10);
    }
    if (n <= 0) {
        std::fprintf(stderr, "usage: asio_gather_bench N [--delay=D]\n");
        return 2;
    }
    // Concurrency hint 1: the io_context is run by this thread only (what a single-threaded
    // asyncio loop is); Asio still locks its queues, as it does by default.
    asio::io_context context(1);
    const Clock::time_point start = Clock::now();
    double last_done = 0.0;
    asio::co_spawn(context, gather_all(n, delay, start, last_done), [](std::exception_ptr error) {
        if (error) std::rethrow_exception(error);
    });
    context.run();
    const double seconds = since(start);

    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::printf(
        "gather_bench impl=asio-real n=%ld seconds=%.4f us_per_task=%.3f peak_rss_mb=%.1f cpu_seconds=%.6f "
        "loop_elapsed=%.3f\n",
        n, seconds, seconds * 1e6 / double(n), double(ru.ru_maxrss) / 1024.0,  // KiB
        seconds_of(ru.ru_utime) + seconds_of(ru.ru_stime), last_done);
    return 0;
}
