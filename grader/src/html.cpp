// report/index.html (class overview) and report/students/<id>.html (one page per student, with
// each failed test's message and an SVG Gantt timeline of its tasks in virtual time).
// Self-contained pages: inline CSS and SVG, one small inline script, no external resources.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "feedback.hpp"
#include "report.hpp"

namespace grader {

namespace {

std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

const char* kStyle = R"(<style>
:root{--ok:#2e7d32;--bad:#c62828;--warn:#ef6c00;--muted:#666;--line:#ddd;--bg:#fafafa}
body{font-family:system-ui,-apple-system,"Noto Sans KR","Malgun Gothic",sans-serif;margin:0;background:var(--bg);color:#222}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px} h2{font-size:1.25rem;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:1.05rem;margin:18px 0 6px}
.note{color:var(--muted);font-size:.9rem}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:1.4rem}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.92rem}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0} td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:10px;padding:0 8px;font-size:.8rem;color:#fff;background:var(--bad);white-space:nowrap}
.badge.flag{background:#6a4c93} .badge.passed{background:var(--ok)} .badge.failed{background:var(--warn)}
.bar{background:#e0e0e0;border-radius:3px;height:12px;width:160px;display:inline-block;vertical-align:middle}
.bar span{display:block;height:12px;border-radius:3px;background:var(--ok)}
.test{background:#fff;border:1px solid var(--line);border-radius:6px;margin:8px 0;padding:8px 12px}
.test.ok{border-left:5px solid var(--ok)} .test.bad{border-left:5px solid var(--bad)}
.test pre,.exmsg{white-space:pre-wrap;background:#f6f6f6;border-radius:4px;padding:8px;font-size:.85rem;margin:6px 0;overflow-x:auto}
.hint{color:#0d47a1;margin:4px 0} .hidden-tag{color:var(--muted);font-size:.8rem}
svg.timeline{background:#fff;border:1px solid var(--line);border-radius:4px;max-width:100%;height:auto;margin:6px 0}
svg text{font-family:inherit}
input#filter{padding:4px 8px;margin:6px 0;width:240px}
</style>)";

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
           esc(title) + "</title>\n" + kStyle + "\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
}

std::string badge(const std::string& verdict) {
    return fmt::format("<span class=\"badge {}\" title=\"{}\">{}</span>", esc(verdict), esc(verdict),
                       esc(verdict_label_ko(verdict)));
}

// Instructor flags (legal but worth a look): a badge with every flag in its tooltip.
std::string flag_badge(const std::vector<std::string>& flags) {
    if (flags.empty()) return "";
    std::string all;
    for (const auto& f : flags) all += (all.empty() ? "" : "; ") + f;
    return fmt::format(" <span class=\"badge flag\" title=\"{}\">검토 {}</span>", esc(all), flags.size());
}

double nice_step(double span) {
    const double candidates[] = {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600};
    for (double c : candidates)
        if (span / c <= 10) return c;
    return std::pow(10.0, std::ceil(std::log10(span / 10)));
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

std::string histogram(const json& summary) {
    const int max_score = summary.value("max_score", 0);
    const int bins = 10;
    std::vector<int> counts(bins + 1, 0);  // last bin: full marks
    for (const auto& s : summary["scores"]) {
        int score = s.get<int>();
        int b = max_score <= 0 ? 0 : score >= max_score ? bins : std::min(bins - 1, score * bins / max_score);
        counts[std::size_t(b)]++;
    }
    const int top = std::max(1, *std::max_element(counts.begin(), counts.end()));
    const double w = 52, h = 150, left = 30, bottom = 40;
    std::string svg = fmt::format(
        "<svg class=\"histogram\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"점수 분포\">\n",
        left + w * (bins + 1) + 10, h + bottom + 10, left + w * (bins + 1) + 10, h + bottom + 10);
    for (int i = 0; i <= bins; ++i) {
        const double bh = h * counts[std::size_t(i)] / top;
        const double x = left + w * i + 4, y = 10 + h - bh;
        std::string label = i == bins ? "만점" : fmt::format("{}–{}%", i * 10, i * 10 + 9);
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}: {}명</title></rect>\n",
                           num(x), num(y), num(w - 8), num(bh), i == bins ? "#2e7d32" : "#5c8fd6", label,
                           counts[std::size_t(i)]);
        if (counts[std::size_t(i)])
            svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\">{}</text>\n", num(x + (w - 8) / 2),
                               num(y - 3), counts[std::size_t(i)]);
        svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>\n", num(x + (w - 8) / 2),
                           num(10 + h + 16), label);
    }
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\"/>\n</svg>\n", left, 10 + h,
                       left + w * (bins + 1), 10 + h);
    return svg;
}

}  // namespace

std::string file_safe(const std::string& id) {
    std::string out;
    bool changed = false;
    for (char c : id) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-') out += c;
        else out += '_', changed = true;
    }
    if (out.empty() || out[0] == '.') out = "_" + out, changed = true;
    if (changed) out += "-" + sha256_hex(id).substr(0, 8);
    return out;
}

std::string svg_timeline(const json& trace, const std::string& title) {
    if (!trace.is_object()) return "";
    const json spans = trace.value("spans", json::array());
    const json lines = trace.value("lines", json::array());
    const json sleeps = trace.value("blocking_sleeps", json::array());
    if (spans.empty()) return "";
    double end = 0;
    for (const auto& s : spans)
        end = std::max({end, s.value("created", 0.0), s.value("started", 0.0), s.value("finished", 0.0)});
    for (const auto& l : lines) end = std::max(end, l.value("t", 0.0));
    for (const auto& b : sleeps) end = std::max(end, b.value("t", 0.0) + b.value("seconds", 0.0));
    if (end <= 0) end = 1;
    const std::size_t rows = std::min<std::size_t>(spans.size(), 40);
    const double label_w = 190, chart_w = 620, row_h = 22, top = 28, right = 20;
    const double legend_h = 24;  // one row of swatches under the chart
    const double height = top + row_h * double(rows) + 12 + legend_h;
    const double width = label_w + chart_w + right;
    auto x = [&](double t) { return label_w + chart_w * std::clamp(t, 0.0, end) / end; };

    std::string svg = fmt::format(
        "<svg class=\"timeline\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n"
        "<title>{2}</title>\n",
        num(width), num(height), esc(title));
    const double step = nice_step(end);
    for (double t = 0; t <= end + 1e-9; t += step) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>"
                           "<text x=\"{0}\" y=\"16\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{3:g}s</text>\n",
                           num(x(t)), num(top - 4), num(height - 8 - legend_h), t);
    }
    std::map<long, std::size_t> row_of;
    for (std::size_t i = 0; i < rows; ++i) {
        const json& s = spans[i];
        const long id = s.value("id", 0L);
        row_of[id] = i;
        const double y = top + row_h * double(i);
        const double created = s.value("created", 0.0), started = s.value("started", -1.0), finished = s.value("finished", -1.0);
        const std::string status = s.value("status", "pending");
        const bool open = finished < 0;
        const double stop = open ? end : finished;
        const std::string colour = status == "ok" ? "#43a047" : status == "error" ? "#e53935" : status == "cancelled" ? "#9e9e9e" : "#fb8c00";
        const std::string name = s.value("name", "");
        svg += fmt::format("<text x=\"4\" y=\"{}\" font-size=\"12\">{}</text>\n", num(y + 15),
                           esc(name.size() > 28 ? name.substr(0, 27) + "…" : name));
        if (started > created)
            svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#cfd8dc\"><title>{} 대기: {:.3f}s → {:.3f}s</title></rect>\n",
                               num(x(created)), num(y + 6), num(std::max(1.0, x(started) - x(created))), esc(name), created, started);
        const double from = started >= 0 ? started : created;
        svg += fmt::format(
            "<rect class=\"span\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" fill=\"{}\"{}>"
            "<title>{} ({}): {:.3f}s → {}</title></rect>\n",
            num(x(from)), num(y + 4), num(std::max(2.0, x(stop) - x(from))), colour,
            open ? " fill-opacity=\"0.45\" stroke=\"#fb8c00\" stroke-dasharray=\"4 2\"" : "", esc(name), esc(status), from,
            open ? std::string("끝나지 않음") : fmt::format("{:.3f}s", finished));
    }
    for (const auto& b : sleeps) {
        auto it = row_of.find(b.value("task", 0L));
        if (it == row_of.end()) continue;
        const double y = top + row_h * double(it->second);
        const double t = b.value("t", 0.0);  // when the sleep started
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"6\" fill=\"#b71c1c\"><title>블로킹 sleep {:.3f}초 ({:.3f}s)</title></rect>\n",
                           num(x(t)), num(y + 16), num(std::max(2.0, x(t + b.value("seconds", 0.0)) - x(t))),
                           b.value("seconds", 0.0), t);
    }
    for (const auto& l : lines) {
        auto it = row_of.find(l.value("task", 0L));
        if (it == row_of.end()) continue;
        const double y = top + row_h * double(it->second);
        svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#263238\"><title>[{:7.3f}] {}</title></circle>\n",
                           num(x(l.value("t", 0.0))), num(y + 11), l.value("t", 0.0), esc(l.value("text", "")));
    }
    // The legend: what each mark means, in the order a reader meets them.
    struct Key {
        const char* label;
        const char* mark;  // SVG for a 14x10 swatch at (0, 0)
    };
    const Key keys[] = {
        {"완료", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#43a047\"/>"},
        {"예외", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#e53935\"/>"},
        {"취소", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#9e9e9e\"/>"},
        {"끝나지 않음", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#fb8c00\" fill-opacity=\"0.45\" stroke=\"#fb8c00\" stroke-dasharray=\"4 2\"/>"},
        {"시작 대기", "<rect y=\"2\" width=\"14\" height=\"6\" fill=\"#cfd8dc\"/>"},
        {"블로킹 sleep", "<rect y=\"3\" width=\"14\" height=\"4\" fill=\"#b71c1c\"/>"},
        {"출력한 줄", "<circle cx=\"7\" cy=\"5\" r=\"3\" fill=\"#263238\"/>"},
    };
    svg += fmt::format("<g class=\"legend\" transform=\"translate(4 {})\" font-size=\"11\" fill=\"#444\">", num(height - legend_h + 4));
    double lx = 0;
    for (const Key& k : keys) {
        svg += fmt::format("<g transform=\"translate({} 0)\">{}<text x=\"18\" y=\"9\">{}</text></g>", num(lx), k.mark, k.label);
        lx += 30 + 11.0 * double(std::string_view(k.label).size()) / 3.0 * 1.1;  // Hangul: 3 bytes, ~11 px each
    }
    svg += "</g>\n</svg>\n";
    return svg;
}

std::string html_index(const std::vector<StudentRecord>& students, const json& summary) {
    std::string b = "<h1>채점 결과</h1>\n<p class=\"note\">16. 비동기 프로그래밍 기초 · aio-grader</p>\n";
    if (!students.empty()) b += "<p class=\"note\">채점 환경: " + esc(students.front().sandbox_note_ko) + "</p>\n";
    double sum = 0;
    for (const auto& s : students) sum += s.score;
    const int passed = int(std::count_if(students.begin(), students.end(), [](const StudentRecord& s) { return s.verdict == "passed"; }));
    b += fmt::format("<div class=\"cards\"><div class=\"card\">학생 수<b>{}</b></div><div class=\"card\">평균 점수<b>{:.1f} / {}</b></div>"
                     "<div class=\"card\">전체 통과<b>{}명</b></div></div>\n",
                     students.size(), students.empty() ? 0.0 : sum / double(students.size()), summary.value("max_score", 0), passed);

    if (summary.value("similarity", false))  // written by `grader similarity` / grade --similarity
        b += "<p><a href=\"similarity.html\">코드 유사도 검사 결과</a></p>\n";
    b += "<h2>점수 분포</h2>\n" + histogram(summary);

    b += "<h2>과제별 통과율</h2>\n<table class=\"exercises\"><tr><th>과제</th><th>제목</th><th>통과율</th><th>평균</th><th>판정</th></tr>\n";
    for (const auto& x : summary["exercises"]) {
        const double rate = x.value("pass_rate", 0.0);
        const int n = x.value("students", 0);
        std::string verdicts;
        for (auto& [v, c] : x["verdicts"].items()) verdicts += fmt::format("{} {} ", badge(v), c.get<int>());
        b += fmt::format("<tr><td>{}</td><td>{}</td><td><span class=\"bar\"><span style=\"width:{:.0f}%\"></span></span> {:.0f}% ({}/{})</td>"
                         "<td class=\"num\">{:.1f} / {}</td><td>{}</td></tr>\n",
                         esc(x.value("id", "")), esc(x.value("title", "")), rate * 100, rate * 100, x.value("passed", 0), n,
                         n ? double(x.value("score_sum", 0)) / n : 0.0, x.value("max_score", 0), verdicts);
    }
    b += "</table>\n";

    b += "<h2>판정별 학생 수</h2>\n<table class=\"verdicts\"><tr><th>판정 (학생별 가장 심각한 것)</th><th>학생 수</th></tr>\n";
    for (auto& [v, c] : summary["verdicts"].items())
        b += fmt::format("<tr><td>{} <code>{}</code></td><td class=\"num\">{}</td></tr>\n", badge(v), esc(v), c.get<int>());
    b += "</table>\n<h3>테스트별 판정</h3>\n<table class=\"verdicts\"><tr><th>판정</th><th>테스트 수</th></tr>\n";
    for (auto& [v, c] : summary["test_verdicts"].items())
        b += fmt::format("<tr><td>{} <code>{}</code></td><td class=\"num\">{}</td></tr>\n", badge(v), esc(v), c.get<int>());
    b += "</table>\n";

    b += "<h2>학생</h2>\n<input id=\"filter\" type=\"search\" placeholder=\"이름 또는 ID로 찾기\" aria-label=\"학생 찾기\">\n"
         "<table id=\"students\"><tr><th>ID</th><th>이름</th>";
    std::vector<std::string> ids;
    for (const auto& x : summary["exercises"]) ids.push_back(x.value("id", ""));
    for (const auto& id : ids) b += "<th>" + esc(id.substr(0, 2)) + "</th>";
    const bool late = std::any_of(students.begin(), students.end(), [](const StudentRecord& s) { return s.late.configured; });
    b += late ? "<th>총점</th><th>판정</th><th>지각 (분 · 감점)</th></tr>\n" : "<th>총점</th><th>판정</th></tr>\n";
    for (const auto& s : students) {
        b += fmt::format("<tr class=\"student\"><td><a href=\"students/{}.html\">{}</a></td><td>{}</td>", esc(file_safe(s.id)),
                         esc(s.id), esc(s.name));
        for (const auto& id : ids) {
            auto it = std::find_if(s.exercises.begin(), s.exercises.end(), [&](const ExerciseResult& e) { return e.id == id; });
            b += it == s.exercises.end() ? "<td></td>"
                                         : fmt::format("<td class=\"num\" title=\"{}\">{}</td>", esc(it->verdict), it->score);
        }
        std::vector<std::string> flags;
        for (const auto& e : s.exercises)
            for (const auto& f : e.flags) flags.push_back(e.id + ":" + f);
        b += fmt::format("<td class=\"num\">{} / {}</td><td>{}{}</td>", s.score, s.max_score, badge(s.verdict), flag_badge(flags));
        if (late)
            b += s.late.submitted_at.empty() ? "<td>?</td>"
                                             : fmt::format("<td class=\"num\" title=\"{}\">{} · {:g}%</td>", esc(lateness_ko(s.late)),
                                                           s.late.late_minutes, s.late.penalty_percent);
        b += "</tr>\n";
    }
    b += "</table>\n";
    b += R"(<script>
document.getElementById('filter').addEventListener('input', function (e) {
  var q = e.target.value.toLowerCase();
  document.querySelectorAll('#students tr.student').forEach(function (row) {
    row.style.display = row.textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
  });
});
// Self-check for the report's browser test: how many charts and student rows were rendered.
document.documentElement.dataset.charts = document.querySelectorAll('svg.histogram rect').length;
document.documentElement.dataset.students = document.querySelectorAll('#students tr.student').length;
</script>
)";
    return page("채점 결과", b);
}

std::string html_student(const StudentRecord& s, StudentPage view) {
    // The handout is what a student may be given before publication: public tests only (their
    // scores and totals), no instructor flags, no link to the class.
    const bool handout = view == StudentPage::handout;
    auto shown = [&](const TestResult& t) { return !handout || !t.hidden; };
    int score = 0, max_score = 0;
    for (const auto& e : s.exercises)
        for (const auto& t : e.tests)
            if (shown(t)) {
                score += t.score;
                max_score += t.points;
            }
    std::string b = handout ? "" : "<p><a href=\"../index.html\">← 전체 결과</a></p>\n";
    b += fmt::format("<h1>{} <span class=\"note\">({})</span></h1>\n", esc(s.name), esc(s.id));
    if (handout)
        b += fmt::format("<div class=\"cards\"><div class=\"card\">공개 테스트<b>{} / {}</b></div></div>\n"
                         "<p class=\"note\">숨은 테스트의 결과와 총점은 채점 결과가 공개된 뒤에 볼 수 있습니다.</p>\n",
                         score, max_score);
    else
        b += fmt::format("<div class=\"cards\"><div class=\"card\">총점<b>{} / {}</b></div><div class=\"card\">판정<b>{}</b></div></div>\n",
                         s.score, s.max_score, badge(s.verdict));
    b += "<p class=\"note\">채점 환경: " + esc(s.sandbox_note_ko) + "</p>\n";
    if (s.late.configured)  // exercise points below are before the penalty, the total after it
        b += "<p class=\"late\">" + esc(lateness_ko(s.late)) + "</p>\n";
    for (const auto& e : s.exercises) {
        int ex_score = 0, ex_max = 0;
        for (const auto& t : e.tests)
            if (shown(t)) {
                ex_score += t.score;
                ex_max += t.points;
            }
        b += fmt::format("<section class=\"exercise\" id=\"{}\">\n<h2>{} {} — {} / {}점 {}{}</h2>\n", esc(e.id), esc(e.id),
                         esc(e.title), ex_score, ex_max, handout && e.message.empty() ? "" : badge(e.verdict),
                         handout ? "" : flag_badge(e.flags));
        Shown feedback_shown;  // one student's page: each hint paragraph once
        if (!e.message.empty()) b += "<pre class=\"exmsg\">" + esc(exercise_problem(e, feedback_shown)) + "</pre>\n";
        for (const auto& t : e.tests) {
            if (!shown(t)) continue;
            const bool ok = t.verdict == "passed";
            b += fmt::format("<div class=\"test {}\"><div>{} <b>{}</b> {} <span class=\"note\">{} / {}점</span>{}</div>\n",
                             ok ? "ok" : "bad", ok ? "✓" : "✗", esc(t.name), t.hidden ? "<span class=\"hidden-tag\">[숨김 테스트]</span>" : "",
                             t.score, t.points, ok ? "" : " " + badge(t.verdict));
            if (!ok && !e.message.empty() && t.message == e.message) {
                // Already shown once for the exercise.
            } else if (!ok) {
                b += "<pre class=\"message\">" + esc(test_feedback(t, Detail::full, feedback_shown)) + "</pre>\n";
            }
            std::string svg = svg_timeline(t.trace, fmt::format("{} 태스크 타임라인 (가상 시간)", t.name));
            if (!svg.empty()) {
                if (ok) b += "<details><summary>태스크 타임라인 (가상 시간)</summary>\n" + svg + "</details>\n";
                else b += "<p class=\"note\">태스크 타임라인 (가상 시간, 초)</p>\n" + svg;
            }
            b += "</div>\n";
        }
        b += "</section>\n";
    }
    // Self-check for the report's browser test: task bars drawn in the timelines.
    b += "<script>\ndocument.documentElement.dataset.timelines = "
         "document.querySelectorAll('svg.timeline rect.span').length;\n</script>\n";
    return page(s.name + " — 채점 결과", b);
}

// For pages written outside this file (similarity.cpp): the same look and escaping.
std::string html_page(const std::string& title, const std::string& body) { return page(title, body); }
std::string html_escape(std::string_view s) { return esc(s); }

}  // namespace grader
