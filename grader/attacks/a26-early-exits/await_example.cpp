// ATTACK a26 (exercise 04): _exit(0) from a constructor with the lowest allowed priority (101,
// the runner's own), then the untouched stub: the process ends with status 0 before main().
#include "api.hpp"

#include <unistd.h>

__attribute__((constructor(101))) static void leave_early() { ::_exit(0); }

aio::task<std::string> slow_operation([[maybe_unused]] double seconds) { co_return ""; }
aio::task<void> async_main([[maybe_unused]] double seconds) { co_return; }
