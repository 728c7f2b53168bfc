// The process-wide clock. In virtual mode a single double is "now", exactly like the reference
// runner's `clock.t`: the event loop adds each select timeout to it and blocking sleeps add their
// duration. Plain C++ (std::this_thread::sleep_for, steady_clock/system_clock::now, sleep, usleep)
// is redirected here by interposers in clock.cpp, so synchronous code is measured the same way.
#pragma once

namespace aio::clock {

enum class Mode { real, virtual_time };

void set_mode(Mode mode);
Mode mode();
inline bool is_virtual() { return mode() == Mode::virtual_time; }

// Seconds since the start of the program (real) or the virtual "now".
double now();
// Virtual mode only: now += seconds (the same floating-point addition the reference does).
void advance(double seconds);
// Virtual mode only: restart virtual time at `t` (tests call this between scenarios).
void reset(double t = 0.0);
// advance, reset, set_mode and set_virtual_limit end the process while code under test runs
// (aio/detail/seal.hpp); the event loop moves time with this instead.
namespace detail {
void advance_loop_time(double seconds);
}  // namespace detail

// A blocking sleep. Virtual: advances the clock; real: really sleeps.
void blocking_sleep(double seconds);

// Guard for blocking sleeps: a synchronous loop that sleeps forever never returns to the event
// loop, so past this virtual time the process stops with a clear message (exit code below).
void set_virtual_limit(double seconds);
double virtual_limit();
inline constexpr int kVirtualLimitExitCode = 86;

// Real monotonic time in seconds, never virtualised (used by the real-mode event loop).
double real_monotonic();

}  // namespace aio::clock
