#include <aio/aio.hpp>

#include "api.hpp"

// No event loop: the chapter's program is plain synchronous code.
int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] { prepare_breakfast(); });
}
