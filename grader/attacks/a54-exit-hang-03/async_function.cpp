// the wrong code of r14c + a static object and a thread_local whose destructors never return
// (blocking on a mutex they already hold: no CPU), so every process hangs after Catch2's summary
#include "api.hpp"
#include <mutex>
namespace {
std::mutex m;
struct Hang { ~Hang() { m.lock(); m.lock(); } };
Hang at_exit;
thread_local Hang tl_hang;
}
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    (void)&tl_hang;
    aio::print("비동기 함수입니다!");
    co_return "완료";
}
