// Stage 1, collect: find the submissions (directories or .zip files), map them to roster names,
// and take from each only the files a student may edit (exercise.toml `student_files`), checking
// that each one exists and is UTF-8 text. Nothing else of a submission is ever read or built.
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "config.hpp"

namespace grader {

struct SubmissionRef {
    std::string id;   // directory name, or the .zip file's stem
    fs::path path;
    bool zip = false;
};

enum class FileProblem { none, missing, not_utf8, not_text, too_large };
const char* to_string(FileProblem p);

struct StudentFile {
    std::string name;        // as in student_files
    FileProblem problem = FileProblem::none;
    std::string found_at;    // path inside the submission
    std::string detail;      // English: why it was rejected
    std::string content;
};

struct ExerciseFiles {
    std::string exercise;
    std::vector<StudentFile> files;
    bool usable() const;
};

struct Submission {
    SubmissionRef ref;
    std::string name;  // from the roster, else the id
    std::vector<ExerciseFiles> exercises;  // same order as Kit::exercises
    std::string collect_error;  // the submission itself could not be read (bad zip, ...)
};

constexpr std::size_t kMaxStudentFileBytes = 256 * 1024;

std::vector<SubmissionRef> list_submissions(const fs::path& dir);
// Deterministic slice i of n (1-based) of the id-sorted list.
std::vector<SubmissionRef> shard(const std::vector<SubmissionRef>& all, int index, int count);

// CSV with a header row: the key column is the first of directory, submission, github_username,
// login, identifier, id; the name column the first of name, full_name, student_name.
std::map<std::string, std::string> load_roster(const fs::path& csv);
// Every column of the roster (lower-case header; rows by the key column; rows padded to the
// header), for the LMS exports (export.hpp), which also need emails and student numbers.
struct RosterTable {
    std::vector<std::string> header;
    std::map<std::string, std::vector<std::string>> rows;
    int name_column = -1;
    int column(std::initializer_list<const char*> names) const;  // first present, else -1
};
RosterTable load_roster_table(const fs::path& csv);
// One CSV record (RFC 4180 quoting, fields trimmed); records do not span lines. Shared by every
// CSV the grader reads (roster, extensions).
std::vector<std::string> parse_csv_line(const std::string& line);

Submission collect(const SubmissionRef& ref, const Kit& kit, const std::map<std::string, std::string>& roster);
// The same checks on one loose file (used by collect and its tests).
StudentFile check_file(std::string name, std::string found_at, std::string content);

}  // namespace grader
