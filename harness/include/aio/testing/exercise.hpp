// Which exercise a test binary belongs to, and the limits its exercise.toml sets. The kit's CMake
// generates one tiny source per exercise that fills this in before main() runs; the helpers'
// own tests keep the defaults.
#pragma once
#include <string>

namespace aio::testing {

struct ExerciseInfo {
    std::string id;                 // "02-async-example"; empty outside the kit
    double virtual_seconds = 60.0;  // [limits] virtual_seconds: the default limit of every run
};

ExerciseInfo& exercise();

// Puts every piece of process-wide runtime state back where a fresh test expects it: virtual
// clock at 0 (blocking sleeps limited to the exercise's virtual seconds), empty trace, nothing
// echoed to stdout, no scripted input, `random` seeded with 1. The Catch2 listener calls it
// before each test case, so no test depends on what the previous one left behind.
void reset_runtime_state();

}  // namespace aio::testing
