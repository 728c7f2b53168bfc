#include "aio/feedback/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace aio::feedback {
namespace {

constexpr int kColumnsPerTick = 5;
constexpr int kMaxTicks = 12;
constexpr std::size_t kMaxRowsFull = 40;   // a counter printing every 0.1 s must not flood the message
constexpr std::size_t kMaxRowsBrief = 8;  // brief output: about 40 lines for a whole failing exercise
constexpr std::size_t kMoreChecksListed = 2;
constexpr int kHintWidth = 76;

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

std::string timeline(const std::vector<Row>& rows, double horizon, int indent, std::size_t max_rows) {
    for (const Row& r : rows) horizon = std::max({horizon, r.start, r.end});
    if (horizon <= 0) horizon = 1.0;  // everything happened at 0: still draw a one-second axis
    const double step = tick_step(horizon);
    const int ticks = std::max(1, int(std::ceil(horizon / step - 1e-9)));
    const int width = ticks * kColumnsPerTick + 1;
    auto column = [&](double t) { return std::clamp(int(std::lround(t / step * kColumnsPerTick)), 0, width - 1); };
    const std::string pad(std::size_t(std::max(indent, 0)), ' ');

    std::string labels(std::size_t(width + 8), ' ');
    int free_from = 0;
    for (int i = 0; i <= ticks; ++i) {
        const std::string text = fmt::format("{:g}", i * step);
        const int at = i * kColumnsPerTick;
        if (at < free_from) continue;
        labels.replace(std::size_t(at), text.size(), text);
        free_from = at + int(text.size()) + 1;
    }
    labels.erase(labels.find_last_not_of(' ') + 1);
    std::string axis(std::size_t(width), '-');
    for (int i = 0; i <= ticks; ++i) axis[std::size_t(i * kColumnsPerTick)] = '+';

    std::string out = pad + labels + "\n" + pad + axis + " 초\n";
    const std::size_t shown = std::min(rows.size(), max_rows);
    for (std::size_t i = 0; i < shown; ++i) {
        const Row& r = rows[i];
        std::string cells(std::size_t(width), ' ');
        const auto a = std::size_t(column(r.start));
        switch (r.shape) {
            case Row::Shape::point:
                cells[a] = '*';
                break;
            case Row::Shape::label_only:
                break;
            case Row::Shape::open:
                std::fill(cells.begin() + long(a), cells.end(), '=');
                cells[a] = '|';
                cells[std::size_t(width - 1)] = '>';
                break;
            case Row::Shape::bar: {
                const auto b = std::size_t(column(r.end));
                std::fill(cells.begin() + long(a), cells.begin() + long(b) + 1, '=');
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

// Display width of one UTF-8 sequence starting at text[i] (Hangul and other wide scripts take two
// terminal columns); sets `len` to its length in bytes.
int display_width(std::string_view text, std::size_t i, std::size_t& len) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (len != 3 || i + 2 >= text.size()) return 1;
    const unsigned cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                   (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60)
               ? 2
               : 1;
}

// The head of a check: title, expected (unless `terse`: the title says it), actual, how the run ended.
std::string head(const Check& c, const std::string& pad, bool terse = false) {
    std::string out = fmt::format("{}✗ {}\n", pad, c.title);
    if (!terse)
        for (const std::string& e : c.expected) out += fmt::format("{}  기대: {}\n", pad, e);
    for (const std::string& a : c.actual) out += fmt::format("{}  실제: {}\n", pad, a);
    if (!c.ending.empty()) out += fmt::format("{}  실행: {} (아래 힌트 참고)\n", pad, c.ending);
    return out;
}

// Both timelines on one scale; `compact` leaves out the blank line before the first.
std::string timelines(const Check& c, const std::string& pad, std::size_t max_rows, bool compact = false) {
    if (c.expected_rows.empty() && c.actual_rows.empty()) return {};
    const double horizon = std::max(horizon_of(c.actual_rows), horizon_of(c.expected_rows));
    const int indent = int(pad.size()) + 4;
    return fmt::format("{}{}  기대한 타임라인 (가상 시간):\n{}\n{}  실제 타임라인 (가상 시간):\n{}", compact ? "" : "\n", pad,
                       timeline(c.expected_rows, horizon, indent, max_rows), pad,
                       timeline(c.actual_rows, horizon, indent, max_rows));
}

// The hint's paragraph the first time an output shows it, a one-line reference afterwards.
std::string hint_once(const Hint& h, const std::string& pad, Shown& shown, bool compact = false) {
    if (!shown.hints.insert(h.id).second) return fmt::format("{}  힌트 [{}]: 위의 설명을 보세요.\n", pad, title(h.id));
    return (compact ? "" : "\n") + render_hint(h, int(pad.size()) + 2);
}

// The hints of all checks, most relevant first, each once.
std::vector<Hint> hints_of(const std::vector<Check>& checks) {
    std::vector<Hint> all;
    for (const Check& c : checks)
        for (const Hint& h : c.hints)
            if (std::none_of(all.begin(), all.end(), [&](const Hint& a) { return a.id == h.id; })) all.push_back(h);
    std::stable_sort(all.begin(), all.end(), [](const Hint& a, const Hint& b) { return a.id < b.id; });
    return all;
}

}  // namespace

Row bar_row(std::string label, double start, double end) { return Row{Row::Shape::bar, start, end, std::move(label)}; }
Row point_row(std::string label, double at) { return Row{Row::Shape::point, at, at, std::move(label)}; }
Row open_row(std::string label, double start) { return Row{Row::Shape::open, start, start, std::move(label)}; }
Row label_row(std::string label) { return Row{Row::Shape::label_only, 0.0, 0.0, std::move(label)}; }

Detail detail_from_env() {
    const char* v = std::getenv("AIO_FEEDBACK");
    if (!v) return Detail::brief;
    const std::string_view s(v);
    return s == "full" || s == "all" ? Detail::full : Detail::brief;
}

double horizon_of(const std::vector<Row>& rows) {
    double h = 0.0;
    for (const Row& r : rows) h = std::max({h, r.start, r.end});
    return h;
}

std::string render_timeline(const std::vector<Row>& rows, double horizon, int indent) {
    return timeline(rows, horizon, indent, kMaxRowsFull);
}

std::string wrap(std::string_view text, int width, const std::string& indent) {
    std::string out;
    int column = 0;
    bool wrapped = false;  // spaces where we broke the line are dropped; others (indentation) kept
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '\n') {
            out += '\n' + indent;
            column = 0;
            wrapped = false;
            ++i;
            continue;
        }
        std::size_t end = i;  // one word, or one run of spaces
        int run_width = 0;
        const bool space = text[i] == ' ';
        while (end < text.size() && text[end] != '\n' && (text[end] == ' ') == space) {
            std::size_t len = 1;
            run_width += display_width(text, end, len);
            end += len;
        }
        if (!space && column > 0 && column + run_width > width) {
            while (!out.empty() && out.back() == ' ') out.pop_back();
            out += '\n' + indent;
            column = 0;
            wrapped = true;
        }
        if (!(space && wrapped)) {
            out.append(text.substr(i, std::min(end, text.size()) - i));
            column += run_width;
            wrapped = false;
        }
        i = end;
    }
    return out;
}

std::string render_hint(const Hint& hint, int indent) {
    const std::string pad(std::size_t(std::max(indent, 0)), ' ');
    return wrap(fmt::format("{}힌트 [{}]: {}", pad, title(hint.id), text(hint)), kHintWidth, pad + "  ") + "\n";
}

std::string render_help(Verdict verdict, Shown& shown, int indent) {
    if (help(verdict).empty() || !shown.helps.insert(verdict).second) return {};
    const std::string pad(std::size_t(std::max(indent, 0)), ' ');
    return wrap(fmt::format("{}힌트: {}", pad, help(verdict)), kHintWidth, pad + "  ") + "\n";
}

std::string render_check(const Check& check) {
    std::string out = head(check, "") + timelines(check, "", kMaxRowsFull);
    for (const Hint& h : check.hints) out += "\n" + render_hint(h, 2);
    return out;
}

std::string render_test(const std::vector<Check>& checks, Detail detail, Shown& shown, int indent) {
    if (checks.empty()) return {};
    const std::string pad(std::size_t(std::max(indent, 0)), ' ');
    std::string out;
    if (detail == Detail::full) {
        for (const Check& c : checks) {
            out += head(c, pad) + timelines(c, pad, kMaxRowsFull);
            for (const Hint& h : hints_of({c})) out += hint_once(h, pad, shown);
        }
        return out;
    }
    // The first failing test of the output: its timelines, its best hint, its other failures.
    // Later ones: what failed first and what happened instead, the hint named once.
    out = head(checks.front(), pad, shown.timelines);
    const std::vector<Hint> hints = hints_of(checks);
    if (!shown.timelines) {
        out += timelines(checks.front(), pad, kMaxRowsBrief, true);
        shown.timelines = !checks.front().actual_rows.empty();
        if (!hints.empty()) out += hint_once(hints.front(), pad, shown, true);
        if (checks.size() == 2) {
            out += fmt::format("{}  이 테스트에서 더 실패한 검사: ✗ {}\n", pad, checks[1].title);
        } else if (checks.size() > 2) {
            out += fmt::format("{}  이 테스트에서 실패한 검사가 {}개 더 있습니다:\n", pad, checks.size() - 1);
            for (std::size_t i = 1; i < checks.size() && i <= kMoreChecksListed; ++i)
                out += fmt::format("{}    ✗ {}\n", pad, checks[i].title);
            if (checks.size() > kMoreChecksListed + 1) out += fmt::format("{}    ...\n", pad);
        }
        return out;
    }
    const std::string more =
        checks.size() > 1 ? fmt::format(" (이 테스트에서 실패한 검사 {}개 더)", checks.size() - 1) : std::string();
    if (hints.empty() || shown.hints.count(hints.front().id)) {
        if (!hints.empty()) out += fmt::format("{}  힌트 [{}]: 위의 설명을 보세요.{}\n", pad, title(hints.front().id), more);
        else if (!more.empty()) out += pad + " " + more + "\n";
    } else {
        out += hint_once(hints.front(), pad, shown, true);
        if (!more.empty()) out += pad + " " + more + "\n";
    }
    return out;
}

}  // namespace aio::feedback
