#include <random>
#include <stdexcept>

#include "api.hpp"

// On the virtual clock (or with --seed N) the waits are reproducible (seed 1 unless given); a
// plain real-clock run draws a fresh seed so every run waits differently, like the Python program.
int main(int argc, char** argv) {
    return aio::program_main(argc, argv, [] {
        const aio::ProgramOptions& options = aio::program_options();
        // run_random_waits takes a 64-bit seed: a larger --seed is refused, not cut to something else.
        if (!options.seed)
            throw std::out_of_range("이 연습문제의 --seed 는 -9223372036854775808 ~ 9223372036854775807 "
                                    "범위의 정수여야 합니다 (받은 값: " + options.seed_text + ")");
        const std::int64_t seed =
            options.seeded || options.virtual_clock ? *options.seed : std::int64_t(std::random_device{}());
        aio::run(run_random_waits(seed));
    });
}
