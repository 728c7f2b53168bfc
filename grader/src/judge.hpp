// Stage 4, judge: turn what happened into a verdict, a score and a Korean message per test.
// A test scores its points only when the runner main reported it passed (with the nonce) AND
// the process then ended normally; everything else scores 0 with the reason.
#pragma once
#include <aio/feedback/json.hpp>
#include <aio/feedback/verdict.hpp>
#include <fmt/format.h>

#include <string>
#include <vector>

#include "build.hpp"
#include "collect.hpp"
#include "config.hpp"
#include "run.hpp"

namespace grader {

// Verdicts: the one enum and table of the feedback model (aio/feedback/verdict.hpp); their names
// (passed, failed, compile_error, ...) are what gradebook.csv, the JSON records and tests read.
using aio::feedback::Verdict;
struct TestResult {
    std::string name;
    bool hidden = false;
    int points = 0, score = 0;
    Verdict verdict = Verdict::passed;
    std::string message;  // Korean, for students
    std::string log;      // English, for instructors (logs/)
    json trace;           // spans/lines/warnings of the last virtual run, or null
    json checks = json::array();  // the failed checks (aio/feedback/json.hpp), rendered by feedback.hpp
    std::vector<std::string> flags;  // for the instructor: "tampering" (results forged or not confirmed)
};

struct ExerciseResult {
    std::string id, title;
    int score = 0, max_score = 0;
    Verdict verdict = Verdict::passed;  // or the exercise-level problem, or the most severe test verdict
    std::string message;  // Korean, exercise-level (compile error, missing file, ...)
    std::vector<std::string> flags;  // for the instructor: legal but worth a look (audit::source_flags)
    std::vector<TestResult> tests;
};

json to_json(const TestResult& t);
json to_json(const ExerciseResult& e);
TestResult test_from_json(const json& j);
ExerciseResult exercise_from_json(const json& j);

TestResult judge_test(const TestSpec& spec, const Limits& limits, const TestRun& run);
// Every test of the exercise fails for one reason (compile error, missing file, broken kit).
ExerciseResult judge_unbuildable(const Exercise& ex, Verdict verdict, const std::string& message,
                                 const std::string& log);
ExerciseResult judge_files(const Exercise& ex, const ExerciseFiles& files);  // only when !files.usable()
void summarize(ExerciseResult& ex);  // score, max_score, verdict from tests

std::string verdict_name(Verdict verdict);      // "compile_error"
std::string verdict_label_ko(Verdict verdict);  // "컴파일 오류"
// A verdict read back from a record; an unknown name (a record of another version) is grader_error.
Verdict verdict_of(const std::string& name);

}  // namespace grader

// fmt::format("{}", verdict): its name, as in the records.
template <>
struct fmt::formatter<aio::feedback::Verdict> : fmt::formatter<std::string_view> {
    template <class Context>
    auto format(aio::feedback::Verdict v, Context& ctx) const {
        return fmt::formatter<std::string_view>::format(aio::feedback::name(v), ctx);
    }
};
