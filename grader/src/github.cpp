#include "github.hpp"

#include "feedback.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace grader {

namespace {

// Rows of one chart, as in the HTML report's SVG timeline: more tasks than this are not readable.
constexpr std::size_t kMaxChartRows = 40;
// A failed check's message in the Markdown is clipped to this many bytes on the first attempt; the
// ASCII timelines of the kit's messages fit easily.
constexpr std::size_t kMessageBytes = 4000;

std::string verdict_icon(Verdict verdict) { return verdict == Verdict::passed ? "✅" : "❌"; }

// Text for a Markdown table cell or heading: one line, no table breaks, no HTML.
std::string md_inline(const std::string& text) {
    std::string out;
    for (char c : text) {
        switch (c) {
            case '|': out += "\\|"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\n': case '\r': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

// A fenced block that the text cannot close early: one backtick more than its longest run.
std::string md_fenced(const std::string& text, const std::string& info = "text") {
    std::size_t longest = 0, run = 0;
    for (char c : text) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    std::string body = text;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    return fence + info + "\n" + body + "\n" + fence + "\n";
}

// The Korean text a student needs for one failed test (feedback.hpp); each test in its own
// collapsed block, so each gets its own hints.
std::string check_text(const TestResult& t) {
    Shown shown;
    return test_feedback(t, Detail::brief, shown);
}

// The same for a problem of the whole exercise (compile error, missing file).
std::string problem_text(const ExerciseResult& e) {
    Shown shown;
    return exercise_problem(e, shown);
}

// An annotation shows a few lines: the first paragraph of a message (what is wrong, expected vs
// actual), not its timelines, which the job summary has.
std::string first_paragraph(const std::string& text) {
    const auto blank = text.find("\n\n");
    return blank == std::string::npos ? text : text.substr(0, blank) + "\n(타임라인과 힌트는 작업 요약(Summary)에 있습니다.)";
}

bool exercise_level_problem(const ExerciseResult& e) {
    // Compile error, forbidden code, a missing or unreadable file: every test fails for this one
    // reason, which the exercise's message says once.
    return !e.message.empty() && e.verdict != Verdict::passed && e.verdict != Verdict::failed;
}

int passed_tests(const ExerciseResult& e) {
    return int(std::count_if(e.tests.begin(), e.tests.end(), [](const TestResult& t) { return t.verdict == Verdict::passed; }));
}

// The test whose run the exercise's chart shows: the first failed one that recorded tasks (what
// went wrong), else the first that did (what it looks like when right).
const TestResult* chart_test(const ExerciseResult& e) {
    auto has_spans = [](const TestResult& t) { return t.trace.is_object() && !t.trace.value("spans", json::array()).empty(); };
    for (const auto& t : e.tests)
        if (t.verdict != Verdict::passed && has_spans(t)) return &t;
    for (const auto& t : e.tests)
        if (has_spans(t)) return &t;
    return nullptr;
}

// Mermaid's gantt grammar ends a title, section or task name at ';', '#' or a newline, and a section
// or task name also at ':'; '%%' starts a comment. Such characters become spaces.
std::string mermaid_text(const std::string& text, bool colon_ok = false) {
    std::string out;
    for (char c : text)
        out += (c == ';' || c == '#' || c == '%' || c == '\n' || c == '\r' || (c == ':' && !colon_ok)) ? ' ' : c;
    out = trim(out);
    return out.empty() ? "?" : out;
}

std::string render(const StudentRecord& s, const MarkdownOptions& options, std::size_t message_bytes, bool charts) {
    int failed = 0, total = 0;
    for (const auto& e : s.exercises) {
        total += int(e.tests.size());
        failed += int(e.tests.size()) - passed_tests(e);
    }
    std::string out = fmt::format("## {}: {}/{}점\n\n", md_inline(options.title), s.score, s.max_score);
    if (!options.note.empty()) out += md_inline(options.note) + "\n\n";
    out += failed == 0 ? fmt::format("모든 테스트({}개)를 통과했습니다. 🎉\n\n", total)
                       : fmt::format("테스트 {}개 중 {}개를 통과하지 못했습니다. 아래에서 연습문제별로 실패한 검사와 "
                                     "그 메시지를 볼 수 있습니다.\n\n", total, failed);
    out += "| 연습문제 | 점수 | 통과한 테스트 | 판정 |\n|---|---:|---:|---|\n";
    for (const auto& e : s.exercises)
        out += fmt::format("| {} {} | {}/{} | {}/{} | {} {} |\n", md_inline(e.id), md_inline(e.title), e.score, e.max_score,
                           passed_tests(e), e.tests.size(), verdict_icon(e.verdict), verdict_label_ko(e.verdict));
    if (!s.sandbox_note_ko.empty()) out += "\n채점 환경: " + md_inline(s.sandbox_note_ko) + "\n";

    for (const auto& e : s.exercises) {
        out += fmt::format("\n### {} {} {} — {}/{}점\n\n", verdict_icon(e.verdict), md_inline(e.id), md_inline(e.title),
                           e.score, e.max_score);
        const bool whole = exercise_level_problem(e);
        if (whole)
            out += fmt::format("**{}**: 이 연습문제의 모든 테스트가 이 이유로 0점입니다.\n\n", verdict_label_ko(e.verdict)) +
                   md_fenced(sanitize_text(problem_text(e), message_bytes)) + "\n";
        out += "| 테스트 | 점수 | 결과 |\n|---|---:|---|\n";
        for (const auto& t : e.tests)
            out += fmt::format("| {} | {}/{} | {} {} |\n", md_inline(t.name), t.score, t.points, verdict_icon(t.verdict),
                               verdict_label_ko(t.verdict));
        if (!whole) {
            bool heading = false;
            for (const auto& t : e.tests) {
                if (t.verdict == Verdict::passed) continue;
                if (!heading) out += "\n#### 실패한 검사\n";
                heading = true;
                out += fmt::format("\n<details open><summary>❌ {} — {}</summary>\n\n", md_inline(t.name), verdict_label_ko(t.verdict)) +
                       md_fenced(sanitize_text(check_text(t), message_bytes)) + "\n</details>\n";
            }
        }
        if (charts)
            if (const TestResult* t = chart_test(e))
                out += "\n" + mermaid_gantt(t->trace, fmt::format("{} ({})", t->name, t->verdict == Verdict::passed ? "통과한 실행" : "실패한 실행"));
    }
    return out;
}

}  // namespace

std::string markdown_report(const StudentRecord& s, const MarkdownOptions& options) {
    // GitHub rejects a summary or release body over its limit as a whole, so a report that is too
    // long first loses detail (shorter messages, no charts), and only then is cut.
    std::string out = render(s, options, kMessageBytes, options.charts);
    if (out.size() > options.max_bytes) out = render(s, options, 600, false);
    if (out.size() > options.max_bytes) {
        const std::string note = "\n\n(결과가 너무 길어 여기서 잘랐습니다.)\n";
        out = sanitize_text(out, options.max_bytes > note.size() ? options.max_bytes - note.size() : 0);
        if (auto cut = out.rfind('\n'); cut != std::string::npos) out.resize(cut);
        out += note;
    }
    return out;
}

std::string mermaid_gantt(const json& trace, const std::string& title) {
    if (!trace.is_object()) return "";
    const json spans = trace.value("spans", json::array());
    if (spans.empty()) return "";
    // Virtual seconds as whole milliseconds since the epoch (Mermaid's `dateFormat x`): the axis
    // then reads seconds.milliseconds from 0.
    auto ms = [](double seconds) { return static_cast<long long>(std::llround(std::max(0.0, seconds) * 1000)); };
    double end = 0;
    for (const auto& s : spans)
        end = std::max({end, s.value("created", 0.0), s.value("started", 0.0), s.value("finished", 0.0)});
    for (const auto& l : trace.value("lines", json::array())) end = std::max(end, l.value("t", 0.0));
    const long long end_ms = std::max(1LL, ms(end));
    const long long min_bar = std::max(1LL, end_ms / 100);  // an instant task stays visible
    std::string out = "```mermaid\ngantt\n    title " + mermaid_text(title, true) + "\n    dateFormat x\n";
    out += end_ms >= 60000 ? "    axisFormat %M:%S\n" : "    axisFormat %S.%L초\n";
    const std::size_t rows = std::min(spans.size(), kMaxChartRows);
    for (std::size_t i = 0; i < rows; ++i) {
        const json& s = spans[i];
        const long id = s.value("id", long(i));
        const double created = s.value("created", 0.0), started = s.value("started", -1.0), finished = s.value("finished", -1.0);
        const std::string status = s.value("status", "pending");
        out += "    section " + mermaid_text(s.value("name", "")) + "\n";
        if (started > created)
            out += fmt::format("    대기 : w{}, {}, {}\n", id, ms(created), std::max(ms(started), ms(created) + 1));
        const long long from = ms(started >= 0 ? started : created);
        const long long to = std::max(finished >= 0 ? ms(finished) : end_ms, from + min_bar);
        const char* tag = finished < 0 ? "active" : status == "ok" ? "done" : status == "error" ? "crit" : "done";
        const char* label = finished < 0 ? "끝나지 않음" : status == "ok" ? "실행" : status == "error" ? "실행 (예외)" : "실행 (취소됨)";
        out += fmt::format("    {} : {}, t{}, {}, {}\n", label, tag, id, from, to);
    }
    out += "```\n";
    if (spans.size() > rows) out += fmt::format("(작업 {}개 중 처음 {}개만 그렸습니다.)\n", spans.size(), rows);
    return out;
}

std::string escape_command_data(const std::string& text) {
    return replace_all(replace_all(replace_all(text, "%", "%25"), "\r", "%0D"), "\n", "%0A");
}

std::string escape_command_property(const std::string& text) {
    return replace_all(replace_all(escape_command_data(text), ":", "%3A"), ",", "%2C");
}

std::string workflow_command(const std::string& kind, const Annotation& a) {
    std::vector<std::string> props;
    if (!a.file.empty()) props.push_back("file=" + escape_command_property(a.file));
    if (!a.file.empty() && a.line > 0) props.push_back(fmt::format("line={}", a.line));
    if (!a.file.empty() && a.line > 0 && a.col > 0) props.push_back(fmt::format("col={}", a.col));
    if (!a.title.empty()) props.push_back("title=" + escape_command_property(a.title));
    std::string joined;
    for (const auto& p : props) joined += (joined.empty() ? " " : ",") + p;
    return "::" + kind + joined + "::" + escape_command_data(a.message);
}

std::vector<Annotation> annotations(const StudentRecord& s, const StudentPaths& paths) {
    std::vector<Annotation> located, checks;
    // GCC's diagnostics and the object audit's lines both start "file.cpp:LINE[:COL]:"; the grader
    // keeps them as the compiler wrote them, with the student's file name relative.
    static const std::regex where(R"((?:^|\s)([A-Za-z0-9_.+\-/]+\.(?:cpp|cc|cxx|hpp|h)):(\d+)(?::(\d+))?)");
    for (const auto& e : s.exercises) {
        const auto it = paths.find(e.id);
        const std::vector<std::string> files = it == paths.end() ? std::vector<std::string>{} : it->second;
        const std::string first_file = files.empty() ? "" : files.front();
        auto student_path = [&](const std::string& name) -> std::string {
            const std::string base = fs::path(name).filename().string();
            for (const auto& f : files)
                if (fs::path(f).filename().string() == base) return f;
            return "";
        };
        if (exercise_level_problem(e)) {
            const std::string title = fmt::format("{}: {}", e.id, verdict_label_ko(e.verdict));
            bool any = false;
            for (const auto& line : split_lines(e.message)) {
                std::smatch m;
                if (!std::regex_search(line, m, where)) continue;
                const std::string file = student_path(m[1].str());
                if (file.empty()) continue;  // a kit header: the student's line is elsewhere in the message
                const int at_line = std::stoi(m[2].str()), col = m[3].matched ? std::stoi(m[3].str()) : 0;
                // The explanation names file:line; the compiler's own line below it adds the column.
                if (any && !located.empty() && located.back().file == file && located.back().line == at_line) {
                    if (located.back().col == 0) located.back().col = col;
                    if (col) break;
                    continue;
                }
                if (any && e.verdict == Verdict::compile_error) break;  // the first error; the others often follow from it
                located.push_back({file, at_line, col, title, sanitize_text(e.message, 2000)});
                any = true;
                if (e.verdict == Verdict::compile_error && col) break;
            }
            if (!any) located.push_back({first_file, 0, 0, title, sanitize_text(problem_text(e), 2000)});
            continue;
        }
        for (const auto& t : e.tests) {
            if (t.verdict == Verdict::passed) continue;
            // Which line of the student's file a failed check is about is not known: line 1 puts the
            // annotation at the top of the file in the diff and in the run's list.
            checks.push_back({first_file, first_file.empty() ? 0 : 1, 0,
                              fmt::format("{}: {} ({})", e.id, t.name, verdict_label_ko(t.verdict)),
                              sanitize_text(first_paragraph(t.message), 2000)});
        }
    }
    located.insert(located.end(), checks.begin(), checks.end());
    return located;
}

namespace {

std::string xml_escape(const std::string& text) {
    std::string out;
    for (char c : sanitize_text(text)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 has no place for other C0 control characters, even escaped.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') out += ' ';
                else out += c;
        }
    }
    return out;
}

}  // namespace

std::string junit_xml(const StudentRecord& s) {
    int tests = 0, failures = 0, errors = 0;
    std::string suites;
    for (const auto& e : s.exercises) {
        int ex_failures = 0, ex_errors = 0;
        std::string cases;
        for (const auto& t : e.tests) {
            const bool error = t.verdict == Verdict::grader_error;
            ex_failures += t.verdict != Verdict::passed && !error;
            ex_errors += error;
            cases += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n"
                                 "      <properties><property name=\"score\" value=\"{}\"/><property name=\"max_score\" value=\"{}\"/>"
                                 "<property name=\"verdict\" value=\"{}\"/></properties>\n",
                                 xml_escape(e.id), xml_escape(t.name), t.score, t.points, xml_escape(verdict_name(t.verdict)));
            if (t.verdict != Verdict::passed) {
                const std::string text = exercise_level_problem(e) ? problem_text(e)
                                                                   : check_text(t);
                cases += fmt::format("      <{0} type=\"{1}\" message=\"{2}\">{3}</{0}>\n", error ? "error" : "failure",
                                     xml_escape(verdict_name(t.verdict)), xml_escape(verdict_label_ko(t.verdict)), xml_escape(text));
            }
            cases += "    </testcase>\n";
        }
        tests += int(e.tests.size());
        failures += ex_failures;
        errors += ex_errors;
        suites += fmt::format("  <testsuite name=\"{} {}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"0\">\n"
                              "    <properties><property name=\"score\" value=\"{}\"/><property name=\"max_score\" value=\"{}\"/></properties>\n{}"
                              "  </testsuite>\n",
                              xml_escape(e.id), xml_escape(e.title), e.tests.size(), ex_failures, ex_errors, e.score, e.max_score, cases);
    }
    return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<testsuites name=\"aio-grader\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n{}</testsuites>\n",
                       tests, failures, errors, suites);
}

}  // namespace grader
