// Deadlines: the due date and late policy of grader.toml's [deadline] table, per-student
// extensions, and when each submission was made. The submission time is what the submission
// itself records (its git commit, or Gradescope's submission_metadata.json), never the time of
// grading: grading again next week must not make anyone late.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "collect.hpp"
#include "config.hpp"

namespace grader {

struct LatePolicy {
    bool enabled = false;                // a [deadline] table with a due date
    std::string due;                     // ISO 8601 with an offset, as written
    std::int64_t due_epoch = 0;
    enum class Kind { none, zero, percent_per_day, percent_per_hour } kind = Kind::none;
    double percent = 0;                  // per started day / hour after the due date
    double max_percent = 100;            // the cap
    double grace_minutes = 0;            // this late (or less) costs nothing
    std::map<std::string, std::string> extensions;  // student id -> their own due date (ISO 8601)
};

// Reads [deadline] from config.file (and its extensions CSV). Throws on a malformed table.
LatePolicy load_late_policy(const Config& config);

// What one student's record says about lateness (grade.json "late", and every report).
struct Lateness {
    bool configured = false;        // false: no deadline; nothing is shown anywhere
    std::string due;                // the due date that applies (an extension's, if any)
    bool extension = false;
    std::string submitted_at;       // ISO 8601 as the source wrote it; empty: unknown
    std::string source;             // "git" | "gradescope" | "" (unknown)
    long late_minutes = 0;          // started minutes after `due` (0: on time)
    bool in_grace = false;          // late, but within the grace period
    double penalty_percent = 0;     // of each exercise's score
};

json to_json(const Lateness& l);
Lateness lateness_from_json(const json& j);

// When the submission was made: Gradescope's created_at when `metadata` (submission_metadata.json)
// is given, else the last commit's committer date when the submission is a git checkout of its
// own (a .git directly inside it), else nullopt. source: "gradescope" or "git".
std::optional<std::string> submission_time(const SubmissionRef& ref, const std::optional<fs::path>& metadata,
                                           std::string& source);

Lateness assess_lateness(const LatePolicy& policy, const std::string& student_id,
                         const std::optional<std::string>& submitted_at, const std::string& source);

// An exercise's score after the student's late penalty (rounded to whole points).
int late_score(int raw, const Lateness& l);

// Korean, one line: when it was submitted, how late, the penalty (empty when not configured).
std::string lateness_ko(const Lateness& l);

// Seconds since the epoch of "YYYY-MM-DDTHH:MM[:SS[.frac]](Z|+HH:MM|+HHMM)" ('T' or ' ').
// No offset, no time: nullopt (a due date without a zone is ambiguous).
std::optional<std::int64_t> parse_iso8601(std::string_view text);

}  // namespace grader
