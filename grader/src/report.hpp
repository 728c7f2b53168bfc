// Stage 5, report: everything an instructor and a student sees, generated only from the
// per-student grade records (students/<id>/grade.json), so `grade`, a resumed `grade` and
// `merge` produce byte-identical files from the same records.
//   gradebook.csv                   student, name, points per exercise, total, max, verdict, flags
//   summary.json                    class overview (machine-readable)
//   students/<id>/results.json      Gradescope
//   students/<id>/classroom.json    GitHub Classroom grader format
//   report/index.html, report/students/<id>.html (instructor), report/handout/<id>.html (student)
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "judge.hpp"
#include "lateness.hpp"

namespace grader {

struct StudentRecord {
    std::string id, name, key;
    std::string sandbox, sandbox_note_ko;
    int score = 0, max_score = 0;
    Verdict verdict = Verdict::passed;
    std::vector<ExerciseResult> exercises;
    // The deadline (lateness.hpp): score is after the late penalty, raw_score before it.
    Lateness late;
    int raw_score = 0;
};

json to_json(const StudentRecord& s);
StudentRecord student_from_json(const json& j);
void finalize(StudentRecord& s);  // totals and verdict from the exercises

struct ReportOptions {
    std::string hidden_visibility = "after_published";
    std::optional<fs::path> roster;  // for the LMS exports (export.hpp): emails, student numbers
};

json gradescope_results(const StudentRecord& s, const ReportOptions& options);
json classroom_results(const StudentRecord& s);
std::string gradebook_csv(const std::vector<StudentRecord>& students);
// The instructor flags of all exercises: "<exercise>:<flag>;..." (empty when none).
std::string student_flags(const StudentRecord& s);
json class_summary(const std::vector<StudentRecord>& students);

// Writes every output listed above into out (records must be sorted by id).
void write_reports(const fs::path& out, const std::vector<StudentRecord>& students, const ReportOptions& options);

// html.cpp
std::string html_index(const std::vector<StudentRecord>& students, const json& summary);
// instructor: everything (report/students/); handout: what a student may see before the results
// are published - public tests only, no flags (report/handout/, unless hidden tests are visible).
enum class StudentPage { instructor, handout };
std::string html_student(const StudentRecord& s, StudentPage page = StudentPage::instructor);
std::string svg_timeline(const json& trace, const std::string& title);
std::string file_safe(const std::string& id);  // for file names and links
std::string html_page(const std::string& title, const std::string& body);  // the report's page frame
std::string html_escape(std::string_view s);

}  // namespace grader
