// ATTACK a17: hold memory that RLIMIT_AS does not count: memfds (memfd_create) with 48 MB in
// all, twice the test's 24 MB memory limit, written with plain write() calls. Each memfd stays
// at 240 KB, under RLIMIT_FSIZE (output_kb = 256), so 205 of them are used and kept open. If all
// 48 MB fit, the coroutine returns "ESCAPED:memfd" (a failure message then shows that the limit
// did not hold). Bounded: never more than 48 MB, released when the process ends.
// Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <sys/mman.h>
#include <unistd.h>

#include <vector>

namespace {

bool fill_memfd() {
    std::vector<char> chunk(240 << 10, 'x');
    long total = 0;
    for (int i = 0; i < 210 && total < (48L << 20); ++i) {
        int fd = ::memfd_create("aio-attack", 0);
        if (fd < 0) break;
        ssize_t n = ::write(fd, chunk.data(), chunk.size());
        if (n <= 0) break;
        total += n;  // the fd stays open: the memory stays held for the rest of the process
    }
    return total >= (48L << 20);
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const bool escaped = fill_memfd();
    if (escaped) co_return "ESCAPED:memfd 48 MB held beyond the memory limit";
    co_return co_await hello_async_stub(result);
}
