// What a student reads about a graded test, in every output (`grader check`, Gradescope, the
// GitHub summary, the HTML report): rendered from the one feedback model the kit's own reporter
// uses (harness/include/aio/feedback/), so a mistake is named the same way everywhere.
#pragma once
#include <aio/feedback/render.hpp>
#include <aio/feedback/verdict.hpp>

#include <string>
#include <vector>

#include "judge.hpp"

namespace grader {

using aio::feedback::Detail;
using aio::feedback::Shown;

// The failed checks of a test (its record's `checks`), as the model's structs.
std::vector<aio::feedback::Check> checks_of(const TestResult& t);

// The verdict's own message (limits, crashes, tampering), the failed checks, and the verdict's
// help when no check carried a hint; empty for a passed test. Lines are not indented.
std::string test_feedback(const TestResult& t, Detail detail, Shown& shown);

// An exercise that could not be graded test by test (compile error, missing file): its message
// and help; empty otherwise.
std::string exercise_problem(const ExerciseResult& e, Shown& shown);

}  // namespace grader
