// stub + output flood: a 64 KiB line printed through aio::print 4096 times (256 MiB into the
// trace and stdout) - output_kb / memory limits must stop it; the report must stay small
#include "api.hpp"
aio::task<std::string> slow_operation([[maybe_unused]] double seconds) { co_return ""; }
aio::task<void> async_main([[maybe_unused]] double seconds) {
    std::string big(64 * 1024, 'A');
    for (int i = 0; i < 4096; ++i) aio::print("ESCAPED: {} {}", i, big);
    co_return;
}
