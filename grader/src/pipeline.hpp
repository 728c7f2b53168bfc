// The whole pipeline for a batch, in four stages (pipeline.cpp): plan (collect, lateness, keys) ->
// reuse (resume graded students, cached exercises; result_cache.hpp) -> run (build -> run ->
// judge the rest, in parallel) -> publish (reports). Used by `grade`, and with a single submission
// by `check` and `gradescope`.
#pragma once
#include <functional>
#include <optional>

#include "build.hpp"
#include "collect.hpp"
#include "report.hpp"

namespace grader {

struct GradeOptions {
    fs::path submissions;                        // a directory of submissions...
    std::vector<SubmissionRef> explicit_submissions;  // ...or exactly these (check, gradescope)
    fs::path out;
    int jobs = 1;
    std::optional<fs::path> roster;
    int shard_index = 1, shard_count = 1;
    std::optional<fs::path> cache_dir;  // default: <out>/.cache
    std::optional<fs::path> work_dir;   // default: a fresh directory under $TMPDIR or /tmp
    bool progress = false;              // progress bar with ETA on stderr
    bool keep_work = false;
    bool write_logs = true;
    // Gradescope's submission_metadata.json: the submission time is its created_at (lateness.hpp).
    std::optional<fs::path> submission_metadata;
    // Grade only these submission ids into an existing output; every other student's files stay
    // as they are, and the class-wide reports are rewritten from all records in `out`.
    std::vector<std::string> only;
    bool similarity = false;            // also the similarity stage (similarity.hpp)
    double similarity_threshold = 60;   // percent
};

struct BatchStats {
    int submissions = 0, reused = 0, graded = 0, jobs_run = 0, jobs_cached = 0;
    double seconds = 0;
    std::string kit_version;
    std::string sandbox;
};

// Grades into options.out: students/<id>/grade.json (atomically, one by one, so an interrupted
// run resumes), then every report. Never throws for a submission's problems.
BatchStats grade_batch(const Config& config, const Kit& kit, const GradeOptions& options);

// $XDG_CACHE_HOME/aio-grader (~/.cache/aio-grader); as root /var/tmp/aio-grader-cache, which the
// unprivileged sandbox user can read.
fs::path default_cache_dir();

// Reads every students/*/grade.json below the given output directories (later ones win).
std::vector<StudentRecord> load_records(const std::vector<fs::path>& outs);

}  // namespace grader
