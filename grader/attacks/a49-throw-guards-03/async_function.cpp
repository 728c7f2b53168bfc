// stub that throws the runtime's guard exceptions itself (a fake deadlock / time limit / bad_alloc):
// the verdict should not claim the runtime's guard fired
#include "api.hpp"
#include <new>
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    static int n = 0;
    switch (n++ % 4) {
        case 0: throw aio::DeadlockError("fake deadlock");
        case 1: throw aio::VirtualTimeLimitError("fake virtual time limit");
        case 2: throw std::bad_alloc();
        default: throw aio::StepLimitError("fake step limit");
    }
    co_return "";
}
