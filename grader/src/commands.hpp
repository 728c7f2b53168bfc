// The subcommands besides `grade` (which is pipeline.hpp): check, gradescope, gradescope-package,
// merge, prepare.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "pipeline.hpp"

namespace grader {

struct CheckOptions {
    fs::path dir;
    std::vector<std::string> exercises;  // empty: every exercise the submission has a file for
    bool hidden = false;
    bool full = false;  // every failed check (default: brief, unless AIO_FEEDBACK=full)
    int jobs = 1;
    std::optional<fs::path> cache_dir;
};
// Student-facing Korean output on stdout; returns the process exit code (0 = everything passed).
int run_check(const Config& config, Kit kit, const CheckOptions& options);

struct GradescopeOptions {
    fs::path submission = "/autograder/submission";
    fs::path results = "/autograder/results/results.json";
    std::optional<fs::path> cache_dir;
    int jobs = 1;
};
int run_gradescope(const Config& config, const Kit& kit, const GradescopeOptions& options);

// autograder.zip: setup.sh, run_autograder, grader.toml and the kit sources (no solutions).
int build_gradescope_package(const Config& config, const std::optional<fs::path>& config_file, const fs::path& zip);

// roster: the one the shards were graded with, for the LMS exports (names are in the records).
int run_merge(const Config& config, const std::vector<fs::path>& inputs, const fs::path& out,
              const std::optional<fs::path>& roster);

}  // namespace grader
