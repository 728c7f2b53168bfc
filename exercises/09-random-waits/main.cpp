#include <random>

#include "api.hpp"

// On the virtual clock (or with --seed N) the waits are reproducible (seed 1 unless given); a
// plain real-clock run draws a fresh seed so every run waits differently, like the Python program.
int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] {
        const aio::ProgramOptions& options = aio::program_options();
        const std::int64_t seed =
            options.seeded || options.virtual_clock ? options.seed : std::int64_t(std::random_device{}());
        aio::run(run_random_waits(seed));
    });
}
