#include "aio/testing/timeline.hpp"

#include <fmt/format.h>


namespace aio::testing {

std::string seconds_text(double t) { return fmt::format("{:.3f}", t); }

Row line_row(double at, const std::string& text) { return point_row(fmt::format("{}초 \"{}\"", seconds_text(at), text), at); }

std::vector<Row> activity_rows(const RunReport& report, const std::vector<Activity>& activities) {
    std::vector<Row> rows;
    for (const Activity& a : activities) {
        const auto where = locate(report.trace, a);
        const std::string name = describe(a);
        if (!where) rows.push_back(label_row(name + "  (일어나지 않음)"));
        else if (!where->finished) rows.push_back(open_row(fmt::format("{}  {}초~ (끝나지 않음)", name, seconds_text(where->start)), where->start));
        else rows.push_back(bar_row(fmt::format("{}  {}~{}초", name, seconds_text(where->start), seconds_text(where->end)), where->start, where->end));
    }
    return rows;
}

std::vector<Row> task_rows(const RunReport& report) {
    std::vector<Row> rows;
    for (const trace::Span& s : report.trace.spans) {
        if (s.id == 0 || s.started < 0) continue;  // never ran: nothing to draw
        const std::string name = fmt::format("작업 {}", report.trace.display_name(s.id));
        if (s.finished < 0) rows.push_back(open_row(fmt::format("{}  {}초~ (끝나지 않음)", name, seconds_text(s.started)), s.started));
        else rows.push_back(bar_row(fmt::format("{}  {}~{}초", name, seconds_text(s.started), seconds_text(s.finished)), s.started, s.finished));
    }
    return rows;
}

std::vector<Row> line_rows(const RunReport& report) {
    std::vector<Row> rows;
    for (const trace::Line& l : report.trace.lines) rows.push_back(line_row(l.time, l.text));
    return rows;
}

std::vector<Row> run_rows(const RunReport& report, const std::vector<Activity>& activities) {
    std::vector<Row> rows = activity_rows(report, activities);
    for (Row& r : task_rows(report)) rows.push_back(std::move(r));
    for (Row& r : line_rows(report)) rows.push_back(std::move(r));
    if (rows.empty()) rows.push_back(label_row("(출력도 작업도 없음)"));
    return rows;
}

}  // namespace aio::testing
