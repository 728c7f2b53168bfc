// `grader validate [EXERCISE...]`: everything an exercise's author needs checked, in one command
// (docs/adding-an-exercise.md). Per exercise, each a PASS/FAIL line:
//   schema        exercise.toml and the files around it (kit_rules.hpp, the rules kit_check runs)
//   test names    the public and hidden TEST_CASEs are exactly the toml's (binaries linked in the kit cache)
//   program       main.cpp builds with the reference solution (and runs: its output feeds hardcoded_output)
//   solution      passes every public and hidden test
//   stub          fails every test
//   mistakes      every standard wrong solution (mistakes.hpp) and every solutions/<id>/mistakes/*.cpp
//                 fails at least one hidden test; a mistake the hidden tests miss is a FAIL that names it
// The solution, the stub and the mistakes are graded by grade_batch: the sandbox, kit cache,
// replay judge and parallel jobs of `grader grade`/`check`.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config.hpp"

namespace grader {

struct ValidateOptions {
    std::vector<std::string> exercises;  // empty: every exercise of the kit
    int jobs = 1;
    std::optional<fs::path> cache_dir;
    int max_sites = 3;        // mutants per standard mistake and exercise (0: every place)
    bool mistakes = true;     // false: skip the wrong solutions
    std::optional<fs::path> keep;  // write the submissions and the grading output here and keep them
};

// Prints the report on stdout; returns 0 when every check passed, 1 otherwise, 2 on bad arguments.
int run_validate(const Config& config, const Kit& kit, const ValidateOptions& options);

}  // namespace grader
