#include "report.hpp"

#include "export.hpp"
#include "feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace grader {

json to_json(const StudentRecord& s) {
    json ex = json::array();
    for (const auto& e : s.exercises) ex.push_back(to_json(e));
    json j = {{"format", "aio-grader-1"}, {"id", s.id},          {"name", s.name},        {"key", s.key},
            {"sandbox", s.sandbox},      {"sandbox_note_ko", s.sandbox_note_ko},       {"score", s.score},
            {"max_score", s.max_score},  {"verdict", s.verdict}, {"exercises", ex}};
    if (s.late.configured) {  // only with a deadline: records of a class without one stay as they were
        j["late"] = to_json(s.late);
        j["raw_score"] = s.raw_score;
    }
    return j;
}

StudentRecord student_from_json(const json& j) {
    StudentRecord s;
    s.id = j.value("id", "");
    s.name = j.value("name", "");
    s.key = j.value("key", "");
    s.sandbox = j.value("sandbox", "");
    s.sandbox_note_ko = j.value("sandbox_note_ko", "");
    s.score = j.value("score", 0);
    s.max_score = j.value("max_score", 0);
    s.verdict = verdict_of(j.value("verdict", ""));
    for (const auto& e : j.value("exercises", json::array())) s.exercises.push_back(exercise_from_json(e));
    s.late = lateness_from_json(j.value("late", json()));
    s.raw_score = j.value("raw_score", s.score);
    return s;
}

void finalize(StudentRecord& s) {
    s.score = s.max_score = 0;
    s.verdict = Verdict::passed;
    s.raw_score = 0;
    for (const auto& e : s.exercises) {
        s.raw_score += e.score;
        s.score += late_score(e.score, s.late);
        s.max_score += e.max_score;
        if (aio::feedback::more_severe(e.verdict, s.verdict)) s.verdict = e.verdict;
    }
}

namespace {
// Gradescope shows each test's output on its own: every test gets its own hints (a fresh Shown).
std::string test_output(const TestResult& t) {
    if (t.verdict == Verdict::passed) return {};
    Shown shown;
    return fmt::format("[{}] {}", verdict_label_ko(t.verdict), test_feedback(t, Detail::brief, shown));
}

}  // namespace

std::string student_flags(const StudentRecord& s) {
    std::string out;
    for (const auto& e : s.exercises)
        for (const auto& f : e.flags) out += (out.empty() ? "" : ";") + e.id + ":" + f;
    return out;
}

namespace {
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    return "\"" + replace_all(s, "\"", "\"\"") + "\"";
}
}  // namespace

json gradescope_results(const StudentRecord& s, const ReportOptions& options) {
    // Before publication a student sees the visible tests and the top-level output only, so
    // neither may reveal the hidden tests (names, counts, points, totals). The total score
    // includes hidden points: Gradescope hides it while any test with points is not visible,
    // which the top-level visibility makes sure of. The full summary is a 0-point test that
    // appears with the hidden tests.
    const bool hide = options.hidden_visibility != "visible";
    json tests = json::array();
    bool hidden_points = false;
    int public_score = 0, public_max = 0;
    std::string summary_all = fmt::format("총점 {}/{}점 (숨은 테스트 포함).", s.score, s.max_score);
    std::string summary_public;
    int exercise_number = 0;
    for (const auto& e : s.exercises) {
        ++exercise_number;
        int ex_public_score = 0, ex_public_max = 0, number = 0;
        for (const auto& t : e.tests) {
            ++number;
            const bool hidden = t.hidden && hide;
            hidden_points |= hidden && t.points > 0;
            if (!hidden) {
                ex_public_score += t.score;
                ex_public_max += t.points;
            }
            tests.push_back({{"name", fmt::format("[{}] {}", e.id, t.name)},
                             {"number", fmt::format("{}.{}", exercise_number, number)},
                             {"score", t.score},
                             {"max_score", t.points},
                             {"status", t.verdict == Verdict::passed ? "passed" : "failed"},
                             {"output", test_output(t)},
                             {"tags", json::array({e.id, t.verdict})},
                             {"visibility", t.hidden ? options.hidden_visibility : "visible"}});
        }
        public_score += ex_public_score;
        public_max += ex_public_max;
        summary_all += fmt::format("\n{} {}: {}/{}점 ({})", e.id, e.title, e.score, e.max_score, verdict_label_ko(e.verdict));
        const std::string label = e.message.empty() ? "" : fmt::format(" ({})", verdict_label_ko(e.verdict));
        summary_public += fmt::format("\n{} {}: 공개 테스트 {}/{}점{}", e.id, e.title, ex_public_score, ex_public_max, label);
    }
    std::string summary = hidden_points ? fmt::format("공개 테스트 {}/{}점. 숨은 테스트의 결과와 총점은 채점 결과가 공개된 뒤에 "
                                                      "볼 수 있습니다.{}", public_score, public_max, summary_public)
                                        : summary_all;
    if (!s.sandbox_note_ko.empty()) summary += "\n채점 환경: " + s.sandbox_note_ko;
    if (hidden_points)
        tests.push_back({{"name", "전체 요약 (숨은 테스트 포함)"},
                         {"number", "0"},
                         {"score", 0},
                         {"max_score", 0},
                         {"status", "passed"},  // information, not a check
                         {"output", summary_all},
                         {"visibility", options.hidden_visibility}});
    json results = {{"score", s.score},
                    {"output", summary},
                    {"output_format", "text"},       // keeps the ASCII timelines as written
                    {"test_output_format", "text"},
                    {"visibility", hidden_points ? options.hidden_visibility : "visible"},
                    {"stdout_visibility", "hidden"},
                    {"tests", tests}};
    add_lateness(results, s);  // export.cpp: the late penalty, shown before publication too
    return results;
}

json classroom_results(const StudentRecord& s) {
    json tests = json::array();
    bool error = false, all_pass = true;
    for (const auto& e : s.exercises) {
        for (const auto& t : e.tests) {
            const std::string status = t.verdict == Verdict::passed ? "pass" : t.verdict == Verdict::grader_error ? "error" : "fail";
            error |= status == "error";
            all_pass &= status == "pass";
            tests.push_back({{"name", fmt::format("[{}] {}", e.id, t.name)},
                             {"status", status},
                             {"message", test_output(t)},
                             {"score", t.score},
                             {"max_score", t.points},
                             {"filename", e.id},
                             {"line_no", nullptr},
                             {"execution_time", nullptr},
                             {"test_code", e.id + ": " + t.name}});
        }
    }
    return {{"version", 1}, {"status", error ? "error" : all_pass ? "pass" : "fail"}, {"max_score", s.max_score},
            {"tests", tests}};
}

std::string gradebook_csv(const std::vector<StudentRecord>& students) {
    std::vector<std::string> ids;  // exercise columns: union, in first-seen order
    for (const auto& s : students)
        for (const auto& e : s.exercises)
            if (std::find(ids.begin(), ids.end(), e.id) == ids.end()) ids.push_back(e.id);
    std::string out = "student,name";
    for (const auto& id : ids) out += "," + csv_field(id);
    // With a deadline, exercise points and total are after the late penalty (lateness.hpp).
    const bool late = std::any_of(students.begin(), students.end(), [](const StudentRecord& s) { return s.late.configured; });
    out += late ? ",total,max,verdict,flags,raw_total,submitted_at,late_minutes,late_penalty_percent\n" : ",total,max,verdict,flags\n";
    for (const auto& s : students) {
        out += csv_field(s.id) + "," + csv_field(s.name);
        for (const auto& id : ids) {
            auto it = std::find_if(s.exercises.begin(), s.exercises.end(), [&](const ExerciseResult& e) { return e.id == id; });
            out += it == s.exercises.end() ? "," : fmt::format(",{}", late_score(it->score, s.late));
        }
        out += fmt::format(",{},{},{},{}", s.score, s.max_score, s.verdict, csv_field(student_flags(s)));
        if (late) out += fmt::format(",{},{},{},{:g}", s.raw_score, s.late.submitted_at, s.late.late_minutes, s.late.penalty_percent);
        out += "\n";
    }
    return out;
}

json class_summary(const std::vector<StudentRecord>& students) {
    json per_ex = json::object();
    std::map<std::string, int> verdicts;   // per student (most severe)
    std::map<std::string, int> test_verdicts;
    std::vector<std::string> order;
    for (const auto& s : students) {
        verdicts[verdict_name(s.verdict)]++;
        for (const auto& e : s.exercises) {
            if (!per_ex.contains(e.id)) {
                per_ex[e.id] = {{"title", e.title}, {"max_score", e.max_score}, {"students", 0}, {"passed", 0},
                                {"score_sum", 0},   {"verdicts", json::object()}};
                order.push_back(e.id);
            }
            json& x = per_ex[e.id];
            x["students"] = x["students"].get<int>() + 1;
            x["passed"] = x["passed"].get<int>() + (e.verdict == Verdict::passed ? 1 : 0);
            x["score_sum"] = x["score_sum"].get<int>() + e.score;
            const std::string ev = verdict_name(e.verdict);
            x["verdicts"][ev] = x["verdicts"].value(ev, 0) + 1;
            for (const auto& t : e.tests) test_verdicts[verdict_name(t.verdict)]++;
        }
    }
    json exercises = json::array();
    for (const auto& id : order) {
        json x = per_ex[id];
        x["id"] = id;
        int n = x["students"].get<int>();
        x["pass_rate"] = n ? double(x["passed"].get<int>()) / n : 0.0;
        exercises.push_back(x);
    }
    json scores = json::array();
    int max_score = 0;
    for (const auto& s : students) {
        scores.push_back(s.score);
        max_score = std::max(max_score, s.max_score);
    }
    return {{"students", students.size()}, {"max_score", max_score}, {"scores", scores}, {"exercises", exercises},
            {"verdicts", verdicts},        {"test_verdicts", test_verdicts}};
}

void write_reports(const fs::path& out, const std::vector<StudentRecord>& students, const ReportOptions& options) {
    fs::create_directories(out / "report" / "students");
    json summary = class_summary(students);
    if (!students.empty()) summary["sandbox"] = students.front().sandbox;
    if (fs::exists(out / "report" / "similarity.html")) summary["similarity"] = true;
    write_file_atomic(out / "gradebook.csv", gradebook_csv(students));
    write_json_atomic(out / "summary.json", summary);
    for (const auto& s : students) {
        const fs::path dir = out / "students" / file_safe(s.id);
        write_json_atomic(dir / "results.json", gradescope_results(s, options));
        write_json_atomic(dir / "classroom.json", classroom_results(s));
        write_file_atomic(out / "report" / "students" / (file_safe(s.id) + ".html"), html_student(s));
        write_file_atomic(out / "report" / "handout" / (file_safe(s.id) + ".html"),
                          html_student(s, options.hidden_visibility == "visible" ? StudentPage::instructor : StudentPage::handout));
    }
    write_file_atomic(out / "report" / "index.html", html_index(students, summary));
    write_exports(out, students, options.roster);  // export.hpp: LMS gradebooks
}

}  // namespace grader
