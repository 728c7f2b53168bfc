#include "api.hpp"

#include <mutex>

namespace {
std::mutex g_print_mutex;
}

// 실수: 이미 잠근 뮤텍스를 같은 스레드에서 다시 잠근다. 영원히 기다린다 (CPU 는 쓰지 않는다).
aio::task<std::string> hello_async(std::string result) {
    std::lock_guard outer(g_print_mutex);
    std::lock_guard inner(g_print_mutex);
    aio::print("비동기 함수입니다!");
    co_return result;
}
