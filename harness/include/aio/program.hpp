// Command-line conventions shared by every chapter program and exercise binary:
//   --virtual   run on the virtual clock        --trace   prefix lines with "[%7.3f] "
//   --seed N    seed `random` (any integer)     --input-script FILE  scripted input "<time> <text>"
#pragma once
#include <functional>
#include <optional>
#include <string>

namespace aio {

struct ProgramOptions {
    bool virtual_clock = false;
    bool trace = false;
    // --seed takes any integer, like Python's random.seed: seed_text is it in decimal (as given;
    // aio::random::seed(seed_text) is exact for any size), seed its value if it fits a long long.
    std::string seed_text = "1";
    std::optional<long long> seed = 1;
    bool seeded = false;
};

// Parses argv, configures clock/trace/random, runs `body`, and maps uncaught errors to a
// message and exit code 1. Returns the process exit code.
int program_main(int argc, char** argv, const std::function<void()>& body);
const ProgramOptions& program_options();

}  // namespace aio
