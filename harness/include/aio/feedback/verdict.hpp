// The verdict of one graded test, as the grader and every report name it. Declared from the
// least to the most severe, so an exercise's verdict is the largest of its tests'. Names are
// stable (gradebook.csv, JSON records, tests); labels and help are the Korean texts students read,
// kept with every hint text in one table (texts.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

namespace aio::feedback {

enum class Verdict : std::uint8_t {
    passed,
    failed,
    no_result,
    virtual_time_limit,
    step_limit,
    deadlock,
    stalled,
    timeout,
    cpu_limit,
    output_limit,
    memory_limit,
    crash,
    not_text,
    not_utf8,
    missing_file,
    forbidden_code,
    compile_error,
    grader_error,
};
inline constexpr std::size_t kVerdictCount = std::size_t(Verdict::grader_error) + 1;

std::string_view name(Verdict v);   // "compile_error"
std::string_view label(Verdict v);  // "컴파일 오류"
std::string_view help(Verdict v);   // what to try; empty for passed/failed (their checks say it)
std::optional<Verdict> verdict_from_name(std::string_view name);
inline bool more_severe(Verdict a, Verdict b) { return std::uint8_t(a) > std::uint8_t(b); }

}  // namespace aio::feedback
