#include "classroom50.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace grader {

namespace {
std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// Of the tests themselves: score and max-score must be the sums of the tests' (the contract says
// so, and runner.py checks score <= max-score), so a late penalty on the record does not count here.
struct Totals {
    int passed = 0, total = 0, score = 0, max_score = 0;
};
Totals totals(const StudentRecord& s) {
    Totals x;
    for (const auto& e : s.exercises)
        for (const auto& t : e.tests) {
            ++x.total;
            x.passed += t.verdict == Verdict::passed;
            x.score += t.score;
            x.max_score += t.points;
        }
    return x;
}
}  // namespace

Classroom50Identity classroom50_identity_from_env(const std::string& datetime, const std::string& graded_at) {
    Classroom50Identity id;
    id.classroom = env("CLASSROOM");
    id.assignment = env("ASSIGNMENT");
    id.assignment_type = env("ASSIGNMENT_TYPE").empty() ? "individual" : env("ASSIGNMENT_TYPE");
    id.owner = env("OWNER").empty() ? env("USERNAME") : env("OWNER");
    id.submission = env("SUBMISSION_TAG");
    id.commit = env("COMMIT_URL");
    id.release = env("RELEASE_URL");
    id.review = env("REVIEW_URL").empty() ? id.commit : env("REVIEW_URL");  // as the runner does
    id.datetime = datetime;
    id.graded_at = graded_at;
    if (!env("GITHUB_ACTOR").empty()) {
        id.submitted_by = env("GITHUB_ACTOR");
        const std::string raw = env("GITHUB_ACTOR_ID");
        if (!raw.empty() && raw.find_first_not_of("0123456789") == std::string::npos) id.submitted_by_id = std::stoll(raw);
    }
    std::string missing;
    for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"CLASSROOM", id.classroom},
                                      {"ASSIGNMENT", id.assignment}, {"OWNER or USERNAME", id.owner},
                                      {"SUBMISSION_TAG", id.submission}, {"COMMIT_URL", id.commit},
                                      {"RELEASE_URL", id.release}})
        if (value.empty()) missing += std::string(missing.empty() ? "" : ", ") + name;
    if (!missing.empty())
        throw std::runtime_error("not run by the Classroom 50 runner: " + missing + " not set");
    return id;
}

json classroom50_result(const StudentRecord& s, const Classroom50Identity& id) {
    json tests = json::array();
    for (const auto& e : s.exercises)
        for (const auto& t : e.tests) {
            // The exercise-level reason (a compile error) is each of its tests' message.
            const std::string& message = t.message.empty() && t.verdict != Verdict::passed ? e.message : t.message;
            tests.push_back({{"test-name", fmt::format("[{}] {}", e.id, t.name)},
                             {"passed", t.verdict == Verdict::passed},
                             {"score", t.score},
                             {"max-score", t.points},
                             {"exercise", e.id},
                             {"verdict", t.verdict},
                             {"message", message}});
        }
    const Totals x = totals(s);
    json result = {{"schema", "classroom50/result/v1"},
                   {"classroom", id.classroom},
                   {"assignment", id.assignment},
                   {"assignment_type", id.assignment_type},
                   {"owner", id.owner},
                   {"submission", id.submission},
                   {"commit", id.commit},
                   {"release", id.release},
                   {"review", id.review},
                   {"datetime", id.datetime},
                   {"graded_at", id.graded_at},
                   {"score", x.score},
                   {"max-score", x.max_score},
                   {"tests", tests}};
    if (id.submitted_by)
        result["submitted_by"] = {{"username", *id.submitted_by},
                                  {"id", id.submitted_by_id ? json(*id.submitted_by_id) : json(nullptr)}};
    return result;
}

std::string classroom50_status(const StudentRecord& s) {
    const Totals x = totals(s);
    return x.passed == x.total ? "success" : "failure";
}

std::string classroom50_summary(const StudentRecord& s) {
    const Totals x = totals(s);
    return fmt::format("공개 테스트 {}/{}점 ({}/{}개 통과)", x.score, x.max_score, x.passed, x.total);
}

}  // namespace grader
