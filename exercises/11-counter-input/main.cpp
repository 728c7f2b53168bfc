#include "api.hpp"

// Real clock: type lines while the counter runs. Virtual clock: pass --input-script FILE
// (lines "<seconds> <text>", e.g. sample-input.txt) to type at chosen virtual times.
int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] { aio::run(run_counter()); });
}
