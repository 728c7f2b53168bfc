// stub + unbounded recursion with big frames inside make_coffee: a stack overflow (SIGSEGV)
#include "api.hpp"
namespace {
__attribute__((noinline)) long deep(long n) {
    volatile char buf[64 * 1024];
    buf[0] = static_cast<char>(n);
    buf[sizeof buf - 1] = buf[0];
    return n > 1 << 30 ? 0 : deep(n + 1) + buf[100];
}
}
aio::task<std::string> make_coffee([[maybe_unused]] double b) { aio::print("ESCAPED: {}", deep(0)); co_return ""; }
aio::task<std::string> make_toast([[maybe_unused]] double t) { co_return ""; }
aio::task<std::vector<std::string>> prepare_breakfast(double b, [[maybe_unused]] double t) {
    co_await make_coffee(b);
    co_return std::vector<std::string>{};
}
