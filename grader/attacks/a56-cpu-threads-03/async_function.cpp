// stub + CPU burnt in 4 threads (limit 0.25 s CPU): the watcher must count every thread
#include "api.hpp"
#include <thread>
#include <atomic>
namespace { std::atomic<unsigned long> sink; }
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    for (int i = 0; i < 4; ++i) std::thread([] { for (;;) sink.fetch_add(1, std::memory_order_relaxed); }).detach();
    for (unsigned long i = 0; i < 200000000ul; ++i) sink.fetch_add(1, std::memory_order_relaxed);
    aio::print("ESCAPED: cpu {}", sink.load());
    co_return "";
}
