#include "feedback.hpp"

#include <aio/feedback/json.hpp>

namespace grader {

std::vector<aio::feedback::Check> checks_of(const TestResult& t) {
    std::vector<aio::feedback::Check> checks;
    if (!t.checks.is_array()) return checks;
    for (const auto& j : t.checks)
        if (auto c = aio::feedback::check_from_json(j)) checks.push_back(std::move(*c));
    return checks;
}

std::string test_feedback(const TestResult& t, Detail detail, Shown& shown) {
    if (t.verdict == Verdict::passed) return {};
    std::string out;
    if (!t.message.empty()) out = t.message + (t.message.back() == '\n' ? "" : "\n");
    const std::vector<aio::feedback::Check> checks = checks_of(t);
    out += aio::feedback::render_test(checks, detail, shown, 0);
    bool hinted = false;
    for (const auto& c : checks) hinted |= !c.hints.empty();
    if (!hinted) out += aio::feedback::render_help(t.verdict, shown, 0);
    if (out.empty()) out = "테스트가 실패했습니다.\n";
    return out;
}

std::string exercise_problem(const ExerciseResult& e, Shown& shown) {
    if (e.message.empty() || e.verdict == Verdict::passed || e.verdict == Verdict::failed) return {};
    return e.message + (e.message.back() == '\n' ? "" : "\n") + aio::feedback::render_help(e.verdict, shown, 0);
}

}  // namespace grader
