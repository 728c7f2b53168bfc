#include "api.hpp"

// compare() runs the event loop itself (aio::run) for the async half only: the sync half must run
// outside any coroutine, where a blocking sleep is exactly what it should be.
int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] { compare(); });
}
