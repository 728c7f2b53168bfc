// ATTACK a23 (exercise 04): a compile bomb: a consteval evaluation of 8e15 loop steps spread
// over nested loops (each under -fconstexpr-loop-limit), so only -fconstexpr-ops-limit (about
// 2^33 operations: minutes of compile time) or a compile time limit stops it.
// Followed by the untouched stub (never reached).
#include <cstdint>

consteval std::uint64_t spin() {
    std::uint64_t sum = 0;
    for (std::uint64_t a = 0; a < 200000; ++a)
        for (std::uint64_t b = 0; b < 200000; ++b)
            for (std::uint64_t c = 0; c < 200000; ++c) sum += a ^ b ^ c;
    return sum;
}
[[maybe_unused]] static constexpr std::uint64_t aio_bomb = spin();

#include "api.hpp"

aio::task<std::string> slow_operation([[maybe_unused]] double seconds) {
    co_return "";
}

aio::task<void> async_main([[maybe_unused]] double seconds) {
    co_return;
}
