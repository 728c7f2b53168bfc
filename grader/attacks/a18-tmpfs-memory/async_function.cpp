// ATTACK a18: hold memory in tmpfs, which RLIMIT_AS does not count: files in /dev/shm and /tmp
// (the sandbox's tmpfs, or the host's), 48 MB in each, twice the test's 24 MB memory limit, as
// 205 files of 240 KB (each under RLIMIT_FSIZE, output_kb = 256), closed after writing so that no
// fd limit applies. If either holds all 48 MB at once, the coroutine returns "ESCAPED:tmpfs ...".
// The files are in a directory of their own, deleted again before the coroutine returns.
// Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace {

long fill(const std::string& dir, std::vector<std::string>& made) {
    const std::string base = dir + "/aio-attack-" + std::to_string(::getpid());
    if (::mkdir(base.c_str(), 0700) != 0) return 0;
    made.push_back(base);
    std::vector<char> chunk(240 << 10, 'x');
    long total = 0;
    for (int i = 0; i < 210 && total < (48L << 20); ++i) {
        const std::string path = base + "/" + std::to_string(i);
        int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0600);
        if (fd < 0) break;
        made.push_back(path);
        ssize_t n = ::write(fd, chunk.data(), chunk.size());
        ::close(fd);
        if (n <= 0) break;
        total += n;
    }
    return total;
}

std::string attack() {
    std::string escaped;
    std::vector<std::string> made;
    for (const char* dir : {"/dev/shm", "/tmp"})
        if (fill(dir, made) >= (48L << 20))
            escaped += std::string("ESCAPED:tmpfs 48 MB held in ") + dir + "\n";
    for (auto it = made.rbegin(); it != made.rend(); ++it) {  // files first, then their directory
        if (::unlink(it->c_str()) != 0) ::rmdir(it->c_str());
    }
    return escaped;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const std::string escaped = attack();
    if (!escaped.empty()) co_return escaped;
    co_return co_await hello_async_stub(result);
}
