// Caching and resume for a batch (pipeline.cpp): the keys results are filed under, the judged
// exercises kept in <out>/.results/<key>.json, and students already graded with the same inputs
// (<out>/students/<id>/grade.json), so an interrupted or repeated run grades only what changed.
// The grader's own failures (grader_error) are never cached or reused: graded again next time.
#pragma once
#include <optional>
#include <string>

#include "build.hpp"
#include "collect.hpp"
#include "judge.hpp"
#include "lateness.hpp"
#include "report.hpp"

namespace grader {

// One exercise of one submission: everything that changes its judged result.
std::string exercise_key(const std::string& kit_version, const Exercise& ex, const Limits& limits, const SandboxInfo& sandbox,
                         bool share, bool audit, const ExerciseFiles& files);

// A whole student's record: the exercise keys (in kit order) and what else goes into it.
class StudentKey {
public:
    StudentKey(const Config& config, const SandboxInfo& sandbox, const Lateness& late);
    void add(const std::string& exercise_key);
    std::string hex() { return h_.hex(); }

private:
    Sha256 h_;
};

bool has_grader_error(const ExerciseResult& e);

// The record a previous run wrote to grade_file, if it was graded with fresh.key and without a
// grader error; its name is refreshed from fresh (only the roster changed: the file is rewritten).
std::optional<StudentRecord> resume_student(const fs::path& grade_file, const StudentRecord& fresh);

// The result cache: a judged exercise by key (none when missing or unreadable) ...
std::optional<ExerciseResult> cached_result(const fs::path& cache_dir, const std::string& key);
// ... and storing one (not when the grader failed somewhere in it).
void cache_result(const fs::path& cache_dir, const std::string& key, const ExerciseResult& r);

}  // namespace grader
