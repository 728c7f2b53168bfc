#include "aio/clock.hpp"

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

#include "aio/detail/seal.hpp"
#include "aio/trace.hpp"

namespace aio::clock {
namespace {
Mode g_mode = Mode::real;
double g_virtual_now = 0.0;
double g_virtual_limit = 24.0 * 3600.0;

timespec raw_clock(clockid_t id) {
    timespec ts{};
    ::syscall(SYS_clock_gettime, id, &ts);  // bypass our own interposers
    return ts;
}
double to_seconds(const timespec& ts) { return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9; }
const double g_real_start = to_seconds(raw_clock(CLOCK_MONOTONIC));

void real_sleep(double seconds) {
    if (!(seconds > 0)) return;
    timespec req{};
    req.tv_sec = static_cast<time_t>(seconds);
    req.tv_nsec = static_cast<long>((seconds - double(req.tv_sec)) * 1e9);
    while (::syscall(SYS_nanosleep, &req, &req) == -1 && errno == EINTR) {
    }
}
}  // namespace

void set_mode(Mode mode) {
    if (aio::detail::sealed()) aio::detail::tampered("aio::clock::set_mode");
    g_mode = mode;
}
Mode mode() { return g_mode; }
double real_monotonic() { return to_seconds(raw_clock(CLOCK_MONOTONIC)); }
double now() { return g_mode == Mode::virtual_time ? g_virtual_now : real_monotonic() - g_real_start; }
void advance(double seconds) {
    if (aio::detail::sealed()) aio::detail::tampered("aio::clock::advance");
    g_virtual_now += seconds;
}
void reset(double t) {
    if (aio::detail::sealed()) aio::detail::tampered("aio::clock::reset");
    g_virtual_now = t;
}
void set_virtual_limit(double seconds) {
    if (aio::detail::sealed()) aio::detail::tampered("aio::clock::set_virtual_limit");
    g_virtual_limit = seconds;
}
namespace detail {
void advance_loop_time(double seconds) {  // the event loop's own step: never backwards
    if (!(seconds >= 0)) aio::detail::tampered("aio::clock::detail::advance_loop_time (time turned back)");
    g_virtual_now += seconds;
}
}  // namespace detail
double virtual_limit() { return g_virtual_limit; }

void blocking_sleep(double seconds) {
    if (g_mode == Mode::real) return real_sleep(seconds);
    if (!(seconds > 0)) return;
    g_virtual_now += seconds;
    trace::note_blocking_sleep(seconds);
    if (g_virtual_now > g_virtual_limit) {
        std::fflush(stdout);
        std::fprintf(stderr,
                     "[aio] virtual time limit exceeded: %.3f s > %.3f s during a blocking sleep\n"
                     "[aio] 가상 시간 제한(%.0f초)을 넘었습니다: 블로킹 sleep이 끝나지 않는 반복문 안에 있습니다.\n",
                     g_virtual_now, g_virtual_limit, g_virtual_limit);
        std::fflush(stderr);
        std::_Exit(kVirtualLimitExitCode);
    }
}

}  // namespace aio::clock

namespace aio::detail {
namespace {
bool g_sealed = false;
}  // namespace
void set_sealed(bool sealed) { g_sealed = sealed; }
bool sealed() { return g_sealed; }
void tampered(const char* what) {
    std::fflush(stdout);
    std::fprintf(stderr,
                 "[aio] %s was called while the code under test was running: the runtime's clock and trace are "
                 "not the program's to change.\n"
                 "[aio] 테스트하는 코드가 실행되는 동안 %s 를 불렀습니다. 가상 시계와 실행 기록(trace)은 런타임만 "
                 "바꿀 수 있습니다. 이 테스트는 0점입니다.\n",
                 what, what);
    std::fflush(stderr);
    std::_Exit(kTamperExitCode);
}
}  // namespace aio::detail

// ---- Interposers -----------------------------------------------------------------------------
// Symbols defined in the executable win over libc/libstdc++ ones, so ordinary C++ time and sleep
// calls reach the virtual clock. In real mode they forward to the kernel directly.
namespace {
constexpr long long kSystemEpochOffsetNs = 1'704'067'200LL * 1'000'000'000LL;  // 2024-01-01 UTC
long long virtual_ns() { return std::llround(aio::clock::now() * 1e9); }
}  // namespace

namespace std::chrono {
inline namespace _V2 {
steady_clock::time_point steady_clock::now() noexcept {
    if (aio::clock::is_virtual()) return time_point(duration(virtual_ns()));
    timespec ts{};
    ::syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    return time_point(duration(chrono::seconds(ts.tv_sec) + chrono::nanoseconds(ts.tv_nsec)));
}
system_clock::time_point system_clock::now() noexcept {
    if (aio::clock::is_virtual()) return time_point(duration(kSystemEpochOffsetNs + virtual_ns()));
    timespec ts{};
    ::syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts);
    return time_point(duration(chrono::seconds(ts.tv_sec) + chrono::nanoseconds(ts.tv_nsec)));
}
}  // namespace _V2
}  // namespace std::chrono

extern "C" {
int nanosleep(const struct timespec* req, struct timespec* rem) {
    // Read req before touching rem: std::this_thread::sleep_for passes the same timespec as both.
    const double seconds = double(req->tv_sec) + double(req->tv_nsec) / 1e9;
    if (rem) *rem = timespec{};
    aio::clock::blocking_sleep(seconds);
    return 0;
}
int clock_nanosleep(clockid_t id, int flags, const struct timespec* req, struct timespec* rem) {
    if (!(flags & TIMER_ABSTIME)) return nanosleep(req, rem);
    // Until clock `id` reads *req: sleep for the difference from that clock's own "now" (in whole
    // nanoseconds: as doubles, CLOCK_REALTIME's 1.7e9 s would round away sub-microsecond parts).
    // Virtual mode: the clocks the interposers above show, system_clock for CLOCK_REALTIME and
    // steady_clock for the others.
    long long now_ns;
    if (aio::clock::is_virtual()) {
        now_ns = virtual_ns() + (id == CLOCK_REALTIME ? kSystemEpochOffsetNs : 0);
    } else {
        timespec now{};
        if (::syscall(SYS_clock_gettime, id, &now) != 0) return errno;  // EINVAL: no such clock
        now_ns = now.tv_sec * 1'000'000'000LL + now.tv_nsec;
    }
    const long long target_ns = req->tv_sec * 1'000'000'000LL + req->tv_nsec;
    aio::clock::blocking_sleep(double(target_ns - now_ns) / 1e9);
    return 0;
}
int usleep(useconds_t usec) {
    aio::clock::blocking_sleep(double(usec) / 1e6);
    return 0;
}
unsigned int sleep(unsigned int seconds) {
    aio::clock::blocking_sleep(double(seconds));
    return 0;
}
}
