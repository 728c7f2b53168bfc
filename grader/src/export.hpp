// Gradebooks for learning-management systems and spreadsheets, written with the other reports
// (report.hpp write_reports) from the same records, into OUT/exports/:
//   canvas.csv        Canvas Gradebook import: Student, ID, SIS User ID, SIS Login ID, Section,
//                     one column per exercise, a "Points Possible" row
//   moodle.csv        Moodle grade import (CSV): Email address, ID number, Username, Full name,
//                     one column per exercise (mapped to grade items on import)
//   blackboard.csv    Blackboard Grade Center upload: every field quoted, Last Name, First Name,
//                     Username, Student ID, "<exercise> [Total Pts: N Score]"
//   gradebook-excel.csv  gradebook.csv as Excel opens it: UTF-8 with a BOM, CRLF line ends
//   tests.csv         one row per student and test: the per-test points
// Students are joined with the roster (collect.hpp RosterTable) by their submission id; the roster
// columns are in docs/grader.md ("LMS exports"). Scores are after the late penalty.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "report.hpp"

namespace grader {

// The roster's identifiers of one student (empty when the roster lacks the column or the student).
struct LmsIdentity {
    std::string email, student_number, login, section;
};
std::map<std::string, LmsIdentity> lms_identities(const std::optional<fs::path>& roster);

std::string canvas_csv(const std::vector<StudentRecord>& students, const std::map<std::string, LmsIdentity>& who);
std::string moodle_csv(const std::vector<StudentRecord>& students, const std::map<std::string, LmsIdentity>& who);
std::string blackboard_csv(const std::vector<StudentRecord>& students, const std::map<std::string, LmsIdentity>& who);
std::string excel_csv(const std::string& csv);  // BOM + CRLF
std::string tests_csv(const std::vector<StudentRecord>& students);

void write_exports(const fs::path& out, const std::vector<StudentRecord>& students, const std::optional<fs::path>& roster);

// Gradescope results.json: the lateness line on top of the output and a 0-point "제출 기한" test.
void add_lateness(json& results, const StudentRecord& s);

}  // namespace grader
