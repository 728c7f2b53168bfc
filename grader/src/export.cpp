#include "export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace grader {

namespace {

std::string field(const std::string& s) {  // RFC 4180: quoted only when needed
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    return "\"" + replace_all(s, "\"", "\"\"") + "\"";
}
std::string quoted(const std::string& s) { return "\"" + replace_all(s, "\"", "\"\"") + "\""; }

struct Column {
    std::string id, title;
    int max_score = 0;
};
// Exercise columns: the union over the students, in first-seen order (as gradebook.csv).
std::vector<Column> exercise_columns(const std::vector<StudentRecord>& students) {
    std::vector<Column> out;
    for (const auto& s : students)
        for (const auto& e : s.exercises)
            if (std::none_of(out.begin(), out.end(), [&](const Column& c) { return c.id == e.id; }))
                out.push_back({e.id, e.title, e.max_score});
    return out;
}
std::string score_of(const StudentRecord& s, const std::string& id) {
    for (const auto& e : s.exercises)
        if (e.id == id) return std::to_string(late_score(e.score, s.late));
    return "";
}
const LmsIdentity& identity(const std::map<std::string, LmsIdentity>& who, const std::string& id) {
    static const LmsIdentity none;
    auto it = who.find(id);
    return it == who.end() ? none : it->second;
}

}  // namespace

std::map<std::string, LmsIdentity> lms_identities(const std::optional<fs::path>& roster) {
    std::map<std::string, LmsIdentity> out;
    if (!roster) return out;
    const RosterTable t = load_roster_table(*roster);
    const int email = t.column({"email", "email_address", "e-mail", "mail"});
    const int number = t.column({"student_number", "student_id", "sis_user_id", "id_number", "idnumber", "학번"});
    const int login = t.column({"lms_login", "sis_login_id", "username", "user_name", "login"});
    const int section = t.column({"section", "분반"});
    for (const auto& [id, row] : t.rows) {
        auto get = [&](int c) { return c >= 0 ? row[std::size_t(c)] : std::string(); };
        out[id] = {get(email), get(number), get(login), get(section)};
    }
    return out;
}

std::string canvas_csv(const std::vector<StudentRecord>& students, const std::map<std::string, LmsIdentity>& who) {
    // Canvas matches rows by ID (its own user id, unknown here), SIS User ID or SIS Login ID; a
    // column it does not know becomes a new assignment worth the "Points Possible" row's value.
    // No total/max/verdict columns: each would become an assignment of its own.
    const auto cols = exercise_columns(students);
    std::string out = "Student,ID,SIS User ID,SIS Login ID,Section";
    for (const auto& c : cols) out += "," + field(c.id);
    out += "\nPoints Possible,,,,";
    for (const auto& c : cols) out += fmt::format(",{}", c.max_score);
    out += "\n";
    for (const auto& s : students) {
        const LmsIdentity& i = identity(who, s.id);
        out += fmt::format("{},,{},{},{}", field(s.name), field(i.student_number), field(i.login), field(i.section));
        for (const auto& c : cols) out += "," + score_of(s, c.id);
        out += "\n";
    }
    return out;
}

std::string moodle_csv(const std::vector<StudentRecord>& students, const std::map<std::string, LmsIdentity>& who) {
    // Moodle's CSV import asks which column identifies the user (email address, ID number or
    // username) and which grade item each other column goes to; points possible is the grade
    // item's maximum grade in Moodle, so the header names it for the person mapping the columns.
    const auto cols = exercise_columns(students);
    std::string out = "Email address,ID number,Username,Full name";
    for (const auto& c : cols) out += "," + field(fmt::format("{} (max {})", c.id, c.max_score));
    out += "\n";
    for (const auto& s : students) {
        const LmsIdentity& i = identity(who, s.id);
        out += fmt::format("{},{},{},{}", field(i.email), field(i.student_number), field(i.login), field(s.name));
        for (const auto& c : cols) out += "," + score_of(s, c.id);
        out += "\n";
    }
    return out;
}

std::string blackboard_csv(const std::vector<StudentRecord>& students, const std::map<std::string, LmsIdentity>& who) {
    // Blackboard Grade Center: rows matched by Username; comma-delimited files quote every field;
    // a header without "|<column id>" creates a new column. The name fields are not used for
    // matching: the full name goes into Last Name rather than guessing how to split it.
    const auto cols = exercise_columns(students);
    std::string out = "\"Last Name\",\"First Name\",\"Username\",\"Student ID\"";
    for (const auto& c : cols) out += "," + quoted(fmt::format("{} [Total Pts: {} Score]", c.id, c.max_score));
    out += "\n";
    for (const auto& s : students) {
        const LmsIdentity& i = identity(who, s.id);
        out += fmt::format("{},\"\",{},{}", quoted(s.name), quoted(i.login.empty() ? s.id : i.login), quoted(i.student_number));
        for (const auto& c : cols) out += "," + quoted(score_of(s, c.id));
        out += "\n";
    }
    return out;
}

std::string excel_csv(const std::string& csv) {
    // Excel reads a CSV without a BOM in the system's code page (CP949 on Korean Windows).
    return "\xEF\xBB\xBF" + replace_all(csv, "\n", "\r\n");
}

std::string tests_csv(const std::vector<StudentRecord>& students) {
    std::string out = "student,name,exercise,test,visibility,points,score,verdict\n";
    for (const auto& s : students)
        for (const auto& e : s.exercises)
            for (const auto& t : e.tests)
                out += fmt::format("{},{},{},{},{},{},{},{}\n", field(s.id), field(s.name), field(e.id), field(t.name),
                                   t.hidden ? "hidden" : "public", t.points, t.score, t.verdict);
    return out;
}

void write_exports(const fs::path& out, const std::vector<StudentRecord>& students, const std::optional<fs::path>& roster) {
    const auto who = lms_identities(roster);
    if (roster)
        for (const auto& s : students)
            if (!who.count(s.id)) std::fprintf(stderr, "grader: exports: %s is not in the roster (no email or LMS id)\n", s.id.c_str());
    const fs::path dir = out / "exports";
    write_file_atomic(dir / "canvas.csv", canvas_csv(students, who));
    write_file_atomic(dir / "moodle.csv", moodle_csv(students, who));
    write_file_atomic(dir / "blackboard.csv", blackboard_csv(students, who));
    write_file_atomic(dir / "gradebook-excel.csv", excel_csv(gradebook_csv(students)));
    write_file_atomic(dir / "tests.csv", tests_csv(students));
}

void add_lateness(json& results, const StudentRecord& s) {
    if (!s.late.configured) return;
    // No raw or penalized totals here: before publication they would reveal hidden points.
    const std::string line = lateness_ko(s.late);
    results["output"] = line + "\n" + results.value("output", "");
    results["tests"].push_back({{"name", "제출 기한"},
                                {"number", "0.1"},
                                {"score", 0},
                                {"max_score", 0},
                                {"status", s.late.penalty_percent > 0 ? "failed" : "passed"},
                                {"output", line},
                                {"visibility", "visible"}});
}

}  // namespace grader
