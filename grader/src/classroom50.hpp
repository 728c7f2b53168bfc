// Classroom 50 (CS50's successor to GitHub Classroom): the result of grading a student's push, in
// the runner's `classroom50/result/v1` contract (wiki: Advanced-Autograding, "The result.json
// contract"; checked by runner.py's and collect_scores.py's validate_result). The identity comes
// from the environment the runner gives autograder.py; docs/classroom50.md has the whole setup.
#pragma once
#include <optional>
#include <string>

#include "report.hpp"

namespace grader {

struct Classroom50Identity {
    std::string classroom, assignment, assignment_type = "individual", owner;
    std::string submission;               // the submit/* tag
    std::string commit, release, review;  // URLs
    std::string datetime;                 // the submission instant (graded commit's committer date), UTC
    std::string graded_at;                // this run, UTC
    std::optional<std::string> submitted_by;  // GITHUB_ACTOR
    std::optional<long long> submitted_by_id;
};

// From CLASSROOM, ASSIGNMENT, ASSIGNMENT_TYPE, OWNER (or USERNAME), SUBMISSION_TAG, COMMIT_URL,
// RELEASE_URL, REVIEW_URL, GITHUB_ACTOR(_ID); datetime and graded_at as given (ISO 8601 UTC).
// Throws naming every missing variable: without them the result cannot be attributed.
Classroom50Identity classroom50_identity_from_env(const std::string& datetime, const std::string& graded_at);

// Every test of the record as {test-name, passed, score, max-score} plus the kit's diagnostics
// (exercise, verdict, message: Korean), which the contract keeps verbatim.
json classroom50_result(const StudentRecord& s, const Classroom50Identity& id);

// The commit status the runner posts: status=success|failure and a one-line summary.
std::string classroom50_status(const StudentRecord& s);
std::string classroom50_summary(const StudentRecord& s);

}  // namespace grader
