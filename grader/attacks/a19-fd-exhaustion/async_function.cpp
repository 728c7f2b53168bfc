// ATTACK a19: exhaust file descriptors: open /dev/null up to 4000 times (bounded) and keep them
// open. If 1000 or more could be opened (far past a limit like 64), the coroutine returns
// "ESCAPED:fds ...". Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <fcntl.h>
#include <unistd.h>

#include <string>

namespace {

int open_many() {
    int opened = 0;
    for (int i = 0; i < 4000; ++i) {
        if (::open("/dev/null", O_RDONLY) < 0) break;
        ++opened;
    }
    return opened;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const int opened = open_many();
    if (opened >= 1000) co_return "ESCAPED:fds " + std::to_string(opened) + " file descriptors opened";
    co_return co_await hello_async_stub(result);
}
