// report/index.html (class overview) and report/students/<id>.html (one page per student, with
// each failed test's message and an SVG Gantt timeline of its tasks in virtual time).
// Self-contained pages: inline CSS and SVG, one small inline script, no external resources.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

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

std::string badge(Verdict verdict) {
    const std::string name = verdict_name(verdict);
    return fmt::format("<span class=\"badge {}\" title=\"{}\">{}</span>", esc(name), esc(name), esc(verdict_label_ko(verdict)));
}
// A verdict named in the summary's counts.
std::string badge(const std::string& name) { return badge(verdict_of(name)); }

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

namespace {

// One row of the timeline: an activity the test talked about (coffee, then toast: the work a
// sequential student's single task hides) or a task span.
struct TimelineRow {
    std::string name;
    long task = -1;  // span rows: the task id printed lines and blocking sleeps belong to
    double from = 0, to = 0;
    bool open = false;  // never ended: drawn to the end, dashed
    std::string colour, kind, title;
};

std::vector<TimelineRow> timeline_rows(const json& trace, double end) {
    constexpr std::size_t kMaxRows = 40;
    std::vector<TimelineRow> rows;
    for (const auto& a : trace.value("activities", json::array())) {
        if (rows.size() >= kMaxRows / 2) break;
        TimelineRow r;
        r.name = a.value("label", "");
        r.from = a.value("start", 0.0);
        r.open = !a.contains("end") || !a["end"].is_number();
        r.to = r.open ? end : a["end"].get<double>();
        r.colour = "#1e88e5";
        r.kind = "activity";
        r.title = fmt::format("{} (활동): {:.3f}s → {}", r.name, r.from, r.open ? std::string("끝나지 않음") : fmt::format("{:.3f}s", r.to));
        rows.push_back(std::move(r));
    }
    for (const auto& s : trace.value("spans", json::array())) {
        if (rows.size() >= kMaxRows) break;
        TimelineRow r;
        r.name = s.value("name", "");
        r.task = s.value("id", 0L);
        const double created = s.value("created", 0.0), started = s.value("started", -1.0), finished = s.value("finished", -1.0);
        const std::string status = s.value("status", "pending");
        r.from = started >= 0 ? started : created;
        r.open = finished < 0;
        r.to = r.open ? end : finished;
        r.colour = status == "ok" ? "#43a047" : status == "error" ? "#e53935" : status == "cancelled" ? "#9e9e9e" : "#fb8c00";
        r.kind = "span";
        r.title = fmt::format("{} ({}): {:.3f}s → {}", r.name, status, r.from, r.open ? std::string("끝나지 않음") : fmt::format("{:.3f}s", finished));
        if (started > created)  // waited to start: the grey lead-in bar
            r.title += fmt::format(" (대기 {:.3f}s → {:.3f}s)", created, started);
        rows.push_back(std::move(r));
    }
    return rows;
}

// Approximate rendered width in px of `text` at `font_px`: Hangul and other wide characters are
// about one em, ASCII about half.
double text_width(std::string_view text, double font_px) {
    double w = 0;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        w += len >= 3 ? font_px : font_px * 0.55;
        i += len;
    }
    return w;
}

// The longest prefix of whole code points of `text` (with "…" when cut) that fits in `room` px.
std::string fit_text(const std::string& text, double font_px, double room) {
    if (text_width(text, font_px) <= room) return text;
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (text_width(out + text.substr(i, len) + "…", font_px) > room) break;
        out += text.substr(i, len);
        i += len;
    }
    return out.empty() ? "" : out + "…";
}

// Printed lines as dots on their task's row, those printed at the same moment as one dot; each
// dot has every line with its time on hover, and a short visible label under the row where
// there is room before the next dot.
std::string timeline_lines(const json& lines, const std::map<long, double>& row_y, const std::function<double(double)>& x,
                           double right_edge) {
    struct Group {
        double t;
        std::vector<std::string> texts;
    };
    std::map<long, std::vector<Group>> by_task;
    for (const auto& l : lines) {
        const long task = l.value("task", 0L);
        if (!row_y.count(task)) continue;
        const double t = l.value("t", 0.0);
        auto& groups = by_task[task];
        if (groups.empty() || std::fabs(groups.back().t - t) > 1e-6) groups.push_back({t, {}});
        groups.back().texts.push_back(l.value("text", ""));
    }
    constexpr double kFont = 10;
    std::string svg;
    for (const auto& [task, groups] : by_task) {
        const double y = row_y.at(task);
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const Group& g = groups[i];
            std::string title;
            for (const auto& text : g.texts) title += fmt::format("{}{:.3f}s \"{}\"", title.empty() ? "" : "\n", g.t, text);
            svg += fmt::format("<circle class=\"line\" cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"#263238\"><title>{}</title></circle>\n",
                               num(x(g.t)), num(y + 11), esc(title));
            const double next = i + 1 < groups.size() ? x(groups[i + 1].t) : right_edge;
            const std::string more = g.texts.size() > 1 ? fmt::format(" 외 {}줄", g.texts.size() - 1) : "";
            const double room = next - x(g.t) - 8 - text_width(more, kFont);
            const std::string shown = fit_text(g.texts.front(), kFont, room);
            if (shown.size() < 4) continue;  // no room for a readable label: the hover has it
            svg += fmt::format("<text class=\"line-label\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#37474f\">{}<title>{}</title></text>\n",
                               num(x(g.t) + 2), num(y + 28), kFont, esc(shown + more), esc(title));
        }
    }
    return svg;
}

// The legend: what each mark means, in the order a reader meets them; wraps to a second row.
std::string timeline_legend(double top, double width) {
    struct Key {
        const char* label;
        const char* mark;  // SVG for a 14x10 swatch at (0, 0)
    };
    static const Key keys[] = {
        {"활동 (출력한 줄 사이)", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#1e88e5\"/>"},
        {"완료", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#43a047\"/>"},
        {"예외", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#e53935\"/>"},
        {"취소", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#9e9e9e\"/>"},
        {"끝나지 않음", "<rect width=\"14\" height=\"10\" rx=\"2\" fill=\"#fb8c00\" fill-opacity=\"0.45\" stroke=\"#fb8c00\" stroke-dasharray=\"4 2\"/>"},
        {"시작 대기", "<rect y=\"2\" width=\"14\" height=\"6\" fill=\"#cfd8dc\"/>"},
        {"블로킹 sleep", "<rect y=\"3\" width=\"14\" height=\"4\" fill=\"#b71c1c\"/>"},
        {"블로킹 입력", "<path d=\"M3 1 L11 1 L7 9 Z\" fill=\"#6a1b9a\"/>"},
        {"출력한 줄", "<circle cx=\"7\" cy=\"5\" r=\"3\" fill=\"#263238\"/>"},
    };
    std::string svg = fmt::format("<g class=\"legend\" transform=\"translate(4 {})\" font-size=\"11\" fill=\"#444\">", num(top));
    double lx = 0, ly = 0;
    for (const Key& k : keys) {
        const double w = 30 + text_width(k.label, 11);
        if (lx > 0 && lx + w > width - 8) lx = 0, ly += 18;
        svg += fmt::format("<g transform=\"translate({} {})\">{}<text x=\"18\" y=\"9\">{}</text></g>", num(lx), num(ly), k.mark, k.label);
        lx += w;
    }
    return svg + "</g>\n";
}

}  // namespace

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
    const std::vector<TimelineRow> rows = timeline_rows(trace, end);
    const double label_w = 190, chart_w = 620, row_h = 32, top = 28, right = 20;
    const double width = label_w + chart_w + right;
    const double legend_top = top + row_h * double(rows.size()) + 8;
    const double height = legend_top + 2 * 18 + 4;  // two legend rows at most
    auto x = [&](double t) { return label_w + chart_w * std::clamp(t, 0.0, end) / end; };

    std::string svg = fmt::format(
        "<svg class=\"timeline\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n"
        "<title>{2}</title>\n",
        num(width), num(height), esc(title));
    const double step = nice_step(end);
    for (double t = 0; t <= end + 1e-9; t += step) {
        svg += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#e3e3e3\"/>"
                           "<text x=\"{0}\" y=\"16\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{3:g}s</text>\n",
                           num(x(t)), num(top - 4), num(legend_top - 4), t);
    }
    std::map<long, double> row_y;  // task id -> top of its row
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const TimelineRow& r = rows[i];
        const double y = top + row_h * double(i);
        if (r.task >= 0) row_y[r.task] = y;
        svg += fmt::format("<text x=\"4\" y=\"{}\" font-size=\"12\"{}>{}</text>\n", num(y + 15),
                           r.kind == "activity" ? " fill=\"#1565c0\"" : "", esc(fit_text(r.name, 12, label_w - 10)));
        const double bar_w = std::max(2.0, x(r.to) - x(r.from));
        svg += fmt::format(
            "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" fill=\"{}\"{} data-label=\"{}\" data-start=\"{:.3f}\"{}>"
            "<title>{}</title></rect>\n",
            r.kind, num(x(r.from)), num(y + 4), num(bar_w), r.colour,
            r.open ? fmt::format(" fill-opacity=\"0.45\" stroke=\"{}\" stroke-dasharray=\"4 2\"", r.colour) : std::string(), esc(r.name), r.from,
            r.open ? std::string() : fmt::format(" data-end=\"{:.3f}\"", r.to), esc(r.title));
        if (r.kind == "activity" && !r.open) {  // its interval inside the bar where it fits
            const std::string span = fmt::format("{:g}–{:g}s", std::round(r.from * 1000) / 1000, std::round(r.to * 1000) / 1000);
            if (text_width(span, 10) + 6 <= bar_w)
                svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#fff\" pointer-events=\"none\">{}</text>\n",
                                   num(x(r.from) + 3), num(y + 15), esc(span));
        }
    }
    for (const auto& s : spans) {  // the grey lead-in of a task that waited to start
        const auto it = row_y.find(s.value("id", 0L));
        const double created = s.value("created", 0.0), started = s.value("started", -1.0);
        if (it == row_y.end() || !(started > created)) continue;
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#cfd8dc\"><title>{} 대기: {:.3f}s → {:.3f}s</title></rect>\n",
                           num(x(created)), num(it->second + 6), num(std::max(1.0, x(started) - x(created))),
                           esc(s.value("name", "")), created, started);
    }
    for (const auto& b : sleeps) {
        auto it = row_y.find(b.value("task", 0L));
        if (it == row_y.end()) continue;
        const double t = b.value("t", 0.0);  // when the sleep started
        svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"4\" fill=\"#b71c1c\"><title>블로킹 sleep {:.3f}초 ({:.3f}s)</title></rect>\n",
                           num(x(t)), num(it->second + 18), num(std::max(2.0, x(t + b.value("seconds", 0.0)) - x(t))),
                           b.value("seconds", 0.0), t);
    }
    // A blocking read of stdin stopped its task where it stands: a mark at that moment on its row.
    for (const auto& b : trace.value("blocking_inputs", json::array())) {
        auto it = row_y.find(b.value("task", 0L));
        if (it == row_y.end()) continue;
        const double t = b.value("t", 0.0), cx = x(t), y = it->second;
        svg += fmt::format("<path class=\"blocking-input\" d=\"M{} {} L{} {} L{} {} Z\" fill=\"#6a1b9a\"><title>블로킹 입력 ({}) {:.3f}s</title></path>\n",
                           num(cx - 5), num(y), num(cx + 5), num(y), num(cx), num(y + 9), esc(b.value("call", "")), t);
    }
    svg += timeline_lines(lines, row_y, x, width - 2);
    svg += timeline_legend(legend_top, width);
    return svg + "</svg>\n";
}

std::string html_index(const std::vector<StudentRecord>& students, const json& summary) {
    std::string b = "<h1>채점 결과</h1>\n<p class=\"note\">16. 비동기 프로그래밍 기초 · aio-grader</p>\n";
    if (!students.empty()) b += "<p class=\"note\">채점 환경: " + esc(students.front().sandbox_note_ko) + "</p>\n";
    double sum = 0;
    for (const auto& s : students) sum += s.score;
    const int passed = int(std::count_if(students.begin(), students.end(), [](const StudentRecord& s) { return s.verdict == Verdict::passed; }));
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
                                         : fmt::format("<td class=\"num\" title=\"{}\">{}</td>", esc(verdict_name(it->verdict)), it->score);
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
            const bool ok = t.verdict == Verdict::passed;
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
    // Self-check for the report's browser test: task bars drawn in the timelines, and every
    // activity bar as laid out ("<exercise>#<timeline> <label> <start>-<end> <left>-<right>" px).
    b += R"(<script>
document.documentElement.dataset.timelines = document.querySelectorAll('svg.timeline rect.span').length;
document.documentElement.dataset.activities = Array.from(document.querySelectorAll('svg.timeline')).flatMap(function (svg, i) {
  var section = svg.closest('section');
  return Array.from(svg.querySelectorAll('rect.activity')).map(function (r) {
    var box = r.getBoundingClientRect();
    return (section ? section.id : '') + '#' + i + ' ' + r.dataset.label + ' ' + r.dataset.start + '-' + (r.dataset.end || '') +
           ' ' + box.left.toFixed(1) + '-' + box.right.toFixed(1);
  });
}).join(' | ');
</script>
)";
    return page(s.name + " — 채점 결과", b);
}

// For pages written outside this file (similarity.cpp): the same look and escaping.
std::string html_page(const std::string& title, const std::string& body) { return page(title, body); }
std::string html_escape(std::string_view s) { return esc(s); }

}  // namespace grader
