#include "result_cache.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace grader {

namespace {
// Bumped when a result's format or meaning changes: old caches and records are graded again.
constexpr const char* kResultFormat = "aio-grader-result-2";
}  // namespace

std::string exercise_key(const std::string& kit_version, const Exercise& ex, const Limits& limits, const SandboxInfo& sandbox,
                         bool share, bool audit, const ExerciseFiles& files) {
    Sha256 h;
    h.field(kResultFormat).field(grader_binary_hash()).field(kit_version).field(ex.id);
    h.field(fmt::format("{} {} {} {} {} {} {}", limits.wall_seconds, limits.cpu_seconds, limits.memory_mb, limits.output_kb,
                        limits.processes, limits.virtual_seconds, limits.idle_seconds));
    h.field(sandbox.bwrap ? "bwrap" : "rlimits").field(share ? "shared" : "lone").field(audit ? "audit" : "no-audit");
    for (const auto& f : files.files) h.field(f.name).field(to_string(f.problem)).field(f.content);
    return h.hex();
}

StudentKey::StudentKey(const Config& config, const SandboxInfo& sandbox, const Lateness& late) {
    h_.field(kResultFormat).field(config.hidden_visibility).field(sandbox.description_ko);
    h_.field(dump_json(to_json(late), -1));
}

void StudentKey::add(const std::string& exercise_key) { h_.field(exercise_key); }

bool has_grader_error(const ExerciseResult& e) {
    return std::any_of(e.tests.begin(), e.tests.end(), [](const TestResult& t) { return t.verdict == Verdict::grader_error; });
}

std::optional<StudentRecord> resume_student(const fs::path& grade_file, const StudentRecord& fresh) {
    if (!fs::exists(grade_file)) return std::nullopt;
    try {
        StudentRecord old = student_from_json(read_json(grade_file));
        const bool grader_failed = std::any_of(old.exercises.begin(), old.exercises.end(), has_grader_error);
        if (old.key != fresh.key || grader_failed) return std::nullopt;
        const bool renamed = old.name != fresh.name;
        old.name = fresh.name;
        if (renamed) write_json_atomic(grade_file, to_json(old));
        return old;
    } catch (const std::exception&) {
        return std::nullopt;  // unreadable: grade again
    }
}

std::optional<ExerciseResult> cached_result(const fs::path& cache_dir, const std::string& key) {
    const fs::path cached = cache_dir / (key + ".json");
    if (!fs::exists(cached)) return std::nullopt;
    try {
        return exercise_from_json(read_json(cached));
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

void cache_result(const fs::path& cache_dir, const std::string& key, const ExerciseResult& r) {
    if (!has_grader_error(r)) write_json_atomic(cache_dir / (key + ".json"), to_json(r));
}

}  // namespace grader
