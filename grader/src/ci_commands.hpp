// The commands that grade one checkout inside a GitHub Actions job (docs/github.md):
//   grader github       the student pack's workflow: job summary, annotations, JUnit, outputs
//   grader classroom50  Classroom 50's autograder.py: result.json, release-body.md, status/summary
// Both grade the public tests only (a student's repository must never hold the hidden ones) of
// the exercises chosen (-e, else grader.toml's, else all), and render from the per-test records.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "github.hpp"
#include "pipeline.hpp"

namespace grader {

struct CiGradeOptions {
    fs::path submission = ".";
    std::vector<std::string> exercises;  // empty: every exercise of the (configured) kit
    int jobs = 1;
    std::optional<fs::path> cache_dir;
};

// One checkout graded on its public tests; `paths` says where its student files are in it.
struct CiGrade {
    StudentRecord record;
    StudentPaths paths;
};
CiGrade grade_checkout(const Config& config, Kit kit, const CiGradeOptions& options);

struct GithubOptions {
    CiGradeOptions grade;
    std::optional<fs::path> junit;    // JUnit XML to write
    std::optional<fs::path> summary;  // appended to; default $GITHUB_STEP_SUMMARY
    std::optional<fs::path> output;   // step outputs score, max-score, passed; default $GITHUB_OUTPUT
};
// Annotations on stdout; exit 0 when every test passed, 1 when not, 2 when grading failed.
int run_github(const Config& config, const Kit& kit, const GithubOptions& options);

struct Classroom50Options {
    CiGradeOptions grade;
    fs::path out = ".";    // result.json and release-body.md (the runner reads them from the checkout)
    std::string datetime;  // submission instant, ISO 8601 UTC; default: now
};
// Exit 0 whenever result.json was written (pass or fail is in it); non-zero is an infrastructure
// error, for which the runner synthesizes an error result.
int run_classroom50(const Config& config, const Kit& kit, const Classroom50Options& options);

}  // namespace grader
