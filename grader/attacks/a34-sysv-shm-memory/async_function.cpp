// ATTACK a34: hold memory outside RLIMIT_AS and outside any file: System V shared memory. Six
// 8 MB segments (48 MB, twice the test's 24 MB memory limit) are created, each attached, filled
// and detached again, so the address space never holds more than 8 MB of them while the kernel
// keeps all 48 MB. If all six exist at once, the coroutine returns "ESCAPED:sysv-shm". The
// segments are removed (IPC_RMID) before the coroutine returns, so none outlives the attack.
// Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async_stub([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#include <sys/ipc.h>
#include <sys/shm.h>

#include <cstring>
#include <vector>

namespace {

bool hold_shm() {
    std::vector<int> ids;
    for (int i = 0; i < 6; ++i) {
        int id = ::shmget(IPC_PRIVATE, 8 << 20, IPC_CREAT | 0600);
        if (id < 0) break;
        ids.push_back(id);
        void* p = ::shmat(id, nullptr, 0);
        if (p == reinterpret_cast<void*>(-1)) break;
        std::memset(p, 'x', 8 << 20);
        ::shmdt(p);
    }
    const bool all = ids.size() == 6;
    for (int id : ids) ::shmctl(id, IPC_RMID, nullptr);
    return all;
}

}  // namespace

aio::task<std::string> hello_async(std::string result) {
    static const bool escaped = hold_shm();
    if (escaped) co_return "ESCAPED:sysv-shm 48 MB held in System V shared memory";
    co_return co_await hello_async_stub(result);
}
