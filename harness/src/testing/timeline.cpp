#include "aio/testing/timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace aio::testing {
namespace {

constexpr int kColumnsPerTick = 5;
constexpr int kMaxTicks = 12;
constexpr std::size_t kMaxRows = 40;  // a counter printing every 0.1 s must not flood the message

// Seconds between ticks: whole seconds once the run is longer than about a second (that is how
// people read these programs), the smallest round step that keeps the axis short otherwise.
double tick_step(double horizon) {
    static constexpr double steps[] = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
    const bool sub_second = horizon <= 1.2;
    const int max_ticks = sub_second ? 6 : kMaxTicks;
    for (double s : steps)
        if ((sub_second || s >= 1) && horizon / s <= max_ticks + 1e-9) return s;
    return std::ceil(horizon / kMaxTicks / 3600.0) * 3600.0;
}

std::string seconds(double t) { return fmt::format("{:.3f}", t); }

}  // namespace

Row bar_row(std::string label, double start, double end) { return Row{Row::Shape::bar, start, end, std::move(label)}; }
Row point_row(std::string label, double at) { return Row{Row::Shape::point, at, at, std::move(label)}; }
Row open_row(std::string label, double start) { return Row{Row::Shape::open, start, start, std::move(label)}; }
Row label_row(std::string label) { return Row{Row::Shape::label_only, 0.0, 0.0, std::move(label)}; }

Row line_row(double at, const std::string& text) { return point_row(fmt::format("{}초 \"{}\"", seconds(at), text), at); }

std::vector<Row> activity_rows(const RunReport& report, const std::vector<Activity>& activities) {
    std::vector<Row> rows;
    for (const Activity& a : activities) {
        const auto where = locate(report.trace, a);
        const std::string name = describe(a);
        if (!where) rows.push_back(label_row(name + "  (일어나지 않음)"));
        else if (!where->finished) rows.push_back(open_row(fmt::format("{}  {}초~ (끝나지 않음)", name, seconds(where->start)), where->start));
        else rows.push_back(bar_row(fmt::format("{}  {}~{}초", name, seconds(where->start), seconds(where->end)), where->start, where->end));
    }
    return rows;
}

std::vector<Row> task_rows(const RunReport& report) {
    std::vector<Row> rows;
    for (const trace::Span& s : report.trace.spans) {
        if (s.id == 0 || s.started < 0) continue;  // never ran: nothing to draw
        const std::string name = fmt::format("작업 {}", report.trace.display_name(s.id));
        if (s.finished < 0) rows.push_back(open_row(fmt::format("{}  {}초~ (끝나지 않음)", name, seconds(s.started)), s.started));
        else rows.push_back(bar_row(fmt::format("{}  {}~{}초", name, seconds(s.started), seconds(s.finished)), s.started, s.finished));
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

double horizon_of(const std::vector<Row>& rows) {
    double h = 0.0;
    for (const Row& r : rows) h = std::max({h, r.start, r.end});
    return h;
}

std::string render_timeline(const std::vector<Row>& rows, double horizon, int indent) {
    for (const Row& r : rows) horizon = std::max({horizon, r.start, r.end});
    if (horizon <= 0) horizon = 1.0;  // everything happened at 0: still draw a one-second axis
    const double step = tick_step(horizon);
    const int ticks = std::max(1, int(std::ceil(horizon / step - 1e-9)));
    const int width = ticks * kColumnsPerTick + 1;
    auto column = [&](double t) { return std::clamp(int(std::lround(t / step * kColumnsPerTick)), 0, width - 1); };
    const std::string pad(indent, ' ');

    std::string labels(width + 8, ' ');
    int free_from = 0;
    for (int i = 0; i <= ticks; ++i) {
        const std::string text = fmt::format("{:g}", i * step);
        const int at = i * kColumnsPerTick;
        if (at < free_from) continue;
        labels.replace(at, text.size(), text);
        free_from = at + int(text.size()) + 1;
    }
    labels.erase(labels.find_last_not_of(' ') + 1);
    std::string axis(width, '-');
    for (int i = 0; i <= ticks; ++i) axis[i * kColumnsPerTick] = '+';

    std::string out = pad + labels + "\n" + pad + axis + " 초\n";
    const std::size_t shown = std::min(rows.size(), kMaxRows);
    for (std::size_t i = 0; i < shown; ++i) {
        const Row& r = rows[i];
        std::string cells(width, ' ');
        const int a = column(r.start);
        switch (r.shape) {
            case Row::Shape::point:
                cells[a] = '*';
                break;
            case Row::Shape::label_only:
                break;
            case Row::Shape::open:
                std::fill(cells.begin() + a, cells.end(), '=');
                cells[a] = '|';
                cells[width - 1] = '>';
                break;
            case Row::Shape::bar: {
                const int b = column(r.end);
                std::fill(cells.begin() + a, cells.begin() + b + 1, '=');
                cells[a] = '|';
                cells[b] = '|';
                break;
            }
        }
        out += pad + cells + "   " + r.label + "\n";
    }
    if (rows.size() > shown) out += pad + fmt::format("... ({}개 행 생략)\n", rows.size() - shown);
    return out;
}

}  // namespace aio::testing
