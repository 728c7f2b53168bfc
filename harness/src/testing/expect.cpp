#include "aio/testing/expect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

namespace aio::testing {
namespace {

constexpr double kEps = kTimeTolerance;
constexpr double kNever = std::numeric_limits<double>::infinity();

std::string secs(double t) { return fmt::format("{:.3f}초", t); }
double end_of(const Interval& i) { return i.finished ? i.end : kNever; }
bool intervals_overlap(const Interval& a, const Interval& b) {
    return a.start < end_of(b) - kEps && b.start < end_of(a) - kEps;
}

// The first pair of activities that ran strictly one after the other, as a hint.
std::optional<Hint> back_to_back(const RunReport& report, const std::vector<Activity>& activities) {
    for (std::size_t i = 0; i < activities.size(); ++i) {
        for (std::size_t j = i + 1; j < activities.size(); ++j) {
            auto a = locate(report.trace, activities[i]);
            auto b = locate(report.trace, activities[j]);
            if (!a || !b || intervals_overlap(*a, *b)) continue;
            const bool i_first = a->start <= b->start;
            return sequential_awaits_hint(describe(activities[i_first ? i : j]), describe(activities[i_first ? j : i]),
                                          i_first ? b->start : a->start);
        }
    }
    return std::nullopt;
}

// Spans of tasks other than the run's main task (the first task aio::run creates).
std::vector<const trace::Span*> child_spans(const RunReport& report, std::string_view name) {
    std::vector<const trace::Span*> out;
    for (const trace::Span& s : report.trace.spans) {
        if (s.id <= 1 || s.started < 0) continue;
        if (!name.empty() && s.name != name) continue;
        out.push_back(&s);
    }
    return out;
}

// The whole run as it went: "전체 실행  0.000~<elapsed><note>".
Row run_bar(const RunReport& report, std::string_view note = {}) {
    return bar_row(fmt::format("전체 실행  0.000~{}{}", secs(report.elapsed), note), 0.0, report.elapsed);
}

// The bar an activity would have if it ran from `start` for `duration` (expected timelines).
Row moved_bar(const std::string& name, double start, double duration) {
    return bar_row(fmt::format("{}  {}~{}초", name, fmt::format("{:.3f}", start), fmt::format("{:.3f}", start + duration)),
                   start, start + duration);
}
// A runtime warning as the hint table in README.md names the mistake.
const char* warning_name(trace::WarningKind kind) {
    switch (kind) {
        case trace::WarningKind::never_awaited: return "co_await 빠짐";
        case trace::WarningKind::pending_at_exit: return "기다리지 않은 작업";
        case trace::WarningKind::exception_not_retrieved: return "확인하지 않은 예외";
        case trace::WarningKind::blocking_sleep_in_task: return "블로킹 sleep";
        case trace::WarningKind::missing_co_return: return "co_return 빠짐";
        case trace::WarningKind::blocking_input_in_task: return "블로킹 입력";
    }
    return "경고";
}

double duration_of(const Interval& i) { return i.finished ? i.end - i.start : 0.0; }

std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The printed line a typo most likely turned `text` into (a few characters off), if any.
const trace::Line* closest_line(const RunReport& report, std::string_view text) {
    const std::u32string want = code_points(text);
    const std::size_t allowed = std::max<std::size_t>(2, want.size() / 4);
    const trace::Line* best = nullptr;
    std::size_t best_distance = allowed + 1;
    for (const trace::Line& l : report.trace.lines) {
        const std::size_t d = edit_distance(want, code_points(l.text));
        if (d < best_distance) {
            best = &l;
            best_distance = d;
        }
    }
    return best;
}

}  // namespace

Verdict took(const RunReport& report, double seconds, const std::vector<Activity>& should_overlap) {
    const std::string title = fmt::format("총 {} 만에 끝나야 합니다", secs(seconds));
    for (const Activity& a : should_overlap) note_used(a);  // drawn in the grader's report either way
    if (report.returned() && std::fabs(report.elapsed - seconds) <= kEps) return pass(title);
    Failure f(report, title);
    f.expected(fmt::format("{}에 실행이 끝남", secs(seconds)));
    if (report.returned()) f.actual(fmt::format("{}에 끝났습니다", secs(report.elapsed)));
    f.expected_timeline({bar_row("전체 실행 (기대)", 0.0, seconds)});
    std::vector<Row> rows{run_bar(report)};
    for (Row& r : run_rows(report, should_overlap)) rows.push_back(std::move(r));
    f.actual_timeline(std::move(rows));
    if (report.elapsed > seconds + kEps && should_overlap.size() >= 2)
        if (auto h = back_to_back(report, should_overlap)) f.hint(*h);
    return f.verdict();
}

Verdict printed_at(const RunReport& report, std::string_view text, double at, std::size_t nth) {
    const std::string which = nth == 0 ? "" : fmt::format(" ({}번째)", nth + 1);
    const std::string title = fmt::format("{}{} 이(가) {}에 출력되어야 합니다", quoted(text), which, secs(at));
    const trace::Line* line = report.line(text, nth);
    if (line && std::fabs(line->time - at) <= kEps) return pass(title);
    Failure f(report, title);
    f.expected(fmt::format("{}에 {}{} 출력", secs(at), quoted(text), which));
    if (line) {
        f.actual(fmt::format("{}에 출력되었습니다", secs(line->time)));
    } else {
        f.actual("그런 줄이 출력되지 않았습니다 (글자와 띄어쓰기까지 똑같아야 합니다)");
        if (const trace::Line* near = closest_line(report, text))
            f.actual(fmt::format("비슷한 줄: {}에 {}", secs(near->time), quoted(near->text)));
    }
    f.expected_timeline({line_row(at, std::string(text))});
    std::vector<Row> rows = task_rows(report);
    for (const trace::Line& l : report.trace.lines) {
        rows.push_back(line_row(l.time, l.text));
        if (&l == line) rows.back().label += "   <- 이 줄";
    }
    f.actual_timeline(std::move(rows));
    return f.verdict();
}

Verdict printed_in_order(const RunReport& report, const std::vector<std::string>& texts) {
    const std::string title = "줄들이 정해진 순서대로 출력되어야 합니다";
    const auto& lines = report.trace.lines;
    // Where each text is printed after its predecessor's line (lines.size(): not after it).
    std::vector<std::size_t> found(texts.size());
    for (std::size_t n = 0, from = 0; n < texts.size(); ++n) {
        std::size_t i = from;
        while (i < lines.size() && lines[i].text != texts[n]) ++i;
        found[n] = i;
        if (i < lines.size()) from = i + 1;
    }
    const auto missing = std::find(found.begin(), found.end(), lines.size());
    if (missing == found.end()) return pass(title);
    const std::size_t k = std::size_t(missing - found.begin());

    Failure f(report, title);
    std::string order;
    for (std::size_t n = 0; n < texts.size(); ++n) order += fmt::format("\n          {}. {}", n + 1, quoted(texts[n]));
    f.expected("이 순서로 출력:" + order);
    if (report.line(texts[k])) {
        f.actual(fmt::format("{}. {} 이(가) {}. {} 보다 먼저 출력되었습니다", k + 1, quoted(texts[k]), k, quoted(texts[k - 1])));
    } else {
        f.actual(fmt::format("{}. {} 은(는) 출력되지 않았습니다", k + 1, quoted(texts[k])));
    }

    // Expected: the lines in the required order, each where it was printed if that keeps the
    // order, otherwise right after its predecessor ("이후"); a line never printed likewise.
    std::vector<Row> expected_rows;
    std::vector<const trace::Line*> matched(texts.size(), nullptr);  // the occurrence each text stands for
    double at = 0.0;
    for (std::size_t n = 0; n < texts.size(); ++n) {
        const std::string label = fmt::format("{}. {}", n + 1, quoted(texts[n]));
        if (found[n] < lines.size()) {
            at = lines[found[n]].time;
            matched[n] = &lines[found[n]];
            expected_rows.push_back(point_row(fmt::format("{}  {}", label, secs(at)), at));
        } else if (const trace::Line* early = report.line(texts[n])) {
            matched[n] = early;
            expected_rows.push_back(point_row(fmt::format("{}  {} 이후 (실제로는 {})", label, secs(at), secs(early->time)), at));
        } else {
            expected_rows.push_back(point_row(fmt::format("{}  {} 이후 (실제로는 출력되지 않음)", label, secs(at)), at));
        }
    }
    f.expected_timeline(std::move(expected_rows));

    // Actual: every task and printed line; the lines the order talks about are numbered.
    std::vector<Row> rows = task_rows(report);
    for (const trace::Line& l : lines) {
        rows.push_back(line_row(l.time, l.text));
        for (std::size_t n = 0; n < texts.size(); ++n)
            if (matched[n] == &l) rows.back().label += fmt::format("   <- {}.", n + 1);
    }
    if (rows.empty()) rows.push_back(label_row("(출력도 작업도 없음)"));
    f.actual_timeline(std::move(rows));
    return f.verdict();
}

Verdict printed_exactly(const RunReport& report, const std::vector<TimedLine>& expected) {
    const std::string title = "출력 전체(내용과 시각)가 기대와 같아야 합니다";
    const auto& lines = report.trace.lines;
    std::size_t i = 0;
    while (i < expected.size() && i < lines.size() && lines[i].text == expected[i].text &&
           std::fabs(lines[i].time - expected[i].at) <= kEps)
        ++i;
    if (i == expected.size() && i == lines.size() && report.returned()) return pass(title);
    Failure f(report, title);
    if (i < expected.size()) f.expected(fmt::format("{}번째 줄: {}에 {}", i + 1, secs(expected[i].at), quoted(expected[i].text)));
    else if (i < lines.size()) f.expected(fmt::format("{}줄에서 출력이 끝남", expected.size()));
    if (i < lines.size()) f.actual(fmt::format("{}번째 줄: {}에 {}", i + 1, secs(lines[i].time), quoted(lines[i].text)));
    else if (i < expected.size()) f.actual(fmt::format("{}줄만 출력되었습니다", lines.size()));
    std::vector<Row> rows;
    for (const TimedLine& l : expected) rows.push_back(line_row(l.at, l.text));
    f.expected_timeline(std::move(rows));
    f.actual_timeline(line_rows(report));
    return f.verdict();
}

Verdict overlap(const RunReport& report, const Activity& a, const Activity& b) {
    const std::string title = fmt::format("{}와(과) {}이(가) 동시에 진행되어야 합니다", describe(a), describe(b));
    const auto ia = locate(report.trace, a);
    const auto ib = locate(report.trace, b);
    if (ia && ib && intervals_overlap(*ia, *ib)) return pass(title);
    Failure f(report, title);
    f.expected("두 구간이 시간상 겹침 (한쪽이 끝나기 전에 다른 쪽이 시작)");
    for (const auto* pair : {&a, &b}) {
        if (locate(report.trace, *pair)) continue;
        f.actual(fmt::format("{}이(가) 시작되지 않았습니다", describe(*pair)));
        if (pair->kind == Activity::Kind::task && child_spans(report, {}).empty()) f.hint(no_tasks_hint());
    }
    if (ia && ib) {
        f.actual(fmt::format("{} {}~{}, {} {}~{}: 겹치지 않습니다", describe(a), secs(ia->start),
                             ia->finished ? secs(ia->end) : "?", describe(b), secs(ib->start), ib->finished ? secs(ib->end) : "?"));
        const double start = std::min(ia->start, ib->start);
        f.expected_timeline({moved_bar(describe(a), start, duration_of(*ia)), moved_bar(describe(b), start, duration_of(*ib))});
        if (auto h = back_to_back(report, {a, b})) f.hint(*h);
    } else {
        // One or both never ran: both in progress together, from when the one that ran started.
        const double start = ia ? ia->start : ib ? ib->start : 0.0;
        std::vector<Row> rows;
        for (const auto& [activity, where] : {std::pair{&a, &ia}, std::pair{&b, &ib}}) {
            if (*where && (*where)->finished) rows.push_back(moved_bar(describe(*activity), start, duration_of(**where)));
            else rows.push_back(open_row(fmt::format("{}  {}~ (함께 진행)", describe(*activity), secs(start)), start));
        }
        f.expected_timeline(std::move(rows));
    }
    f.actual_timeline(run_rows(report, {a, b}));
    return f.verdict();
}

Verdict one_after_another(const RunReport& report, const Activity& first, const Activity& second) {
    const std::string title = fmt::format("{}이(가) 끝난 뒤에 {}이(가) 시작되어야 합니다", describe(first), describe(second));
    const auto i1 = locate(report.trace, first);
    const auto i2 = locate(report.trace, second);
    if (i1 && i2 && i1->finished && i1->end <= i2->start + kEps) return pass(title);
    Failure f(report, title);
    f.expected(fmt::format("{}이(가) 끝나는 시각 이후에 {} 시작", describe(first), describe(second)));
    if (!i1 || !i2) {
        f.actual(fmt::format("{}이(가) 시작되지 않았습니다", describe(!i1 ? first : second)));
        // `first` as it ran (or from 0), then `second` after it.
        const double after = i1 ? (i1->finished ? i1->end : i1->start) : 0.0;
        std::vector<Row> rows;
        if (i1 && i1->finished) rows.push_back(moved_bar(describe(first), i1->start, duration_of(*i1)));
        else rows.push_back(open_row(fmt::format("{}  {}~", describe(first), secs(i1 ? i1->start : 0.0)), i1 ? i1->start : 0.0));
        rows.push_back(open_row(fmt::format("{}  {} 이후 시작", describe(second), secs(after)), after));
        f.expected_timeline(std::move(rows));
    } else {
        f.actual(fmt::format("{}: {}~{}, {}: {}에 시작", describe(first), secs(i1->start), i1->finished ? secs(i1->end) : "?",
                             describe(second), secs(i2->start)));
        const double after = i1->finished ? i1->end : i1->start;
        f.expected_timeline({moved_bar(describe(first), i1->start, duration_of(*i1)),
                             moved_bar(describe(second), after, duration_of(*i2))});
    }
    f.actual_timeline(run_rows(report, {first, second}));
    return f.verdict();
}

std::size_t measure_max_in_flight(const RunReport& report, std::string_view task_name) {
    const auto spans = child_spans(report, task_name);
    std::size_t best = 0;
    for (const trace::Span* s : spans) {
        // Count the tasks running at the moment s starts; a task that ends exactly then does not count.
        std::size_t running = 0;
        for (const trace::Span* o : spans) {
            const bool started = o->started <= s->started + kEps;
            const bool still = o == s || o->finished < 0 || o->finished > s->started + kEps;
            if (started && still) ++running;
        }
        best = std::max(best, running);
    }
    return best;
}

Verdict max_in_flight(const RunReport& report, std::size_t expected, std::string_view task_name) {
    const std::string which = task_name.empty() ? std::string("작업") : fmt::format("'{}' 작업", task_name);
    const std::string title = fmt::format("{}이 한꺼번에 {}개까지 진행되어야 합니다", which, expected);
    const std::size_t actual = measure_max_in_flight(report, task_name);
    if (actual == expected && report.returned()) return pass(title);
    Failure f(report, title);
    f.expected(fmt::format("같은 순간에 진행 중인 {} 최대 {}개", which, expected));
    f.actual(fmt::format("최대 {}개", actual));
    const auto spans = child_spans(report, task_name);
    std::vector<Row> actual_rows;
    for (const Row& r : task_rows(report)) actual_rows.push_back(r);
    if (!spans.empty()) {
        // What it would look like if all of them had started together.
        double start = spans.front()->started;
        for (const auto* s : spans) start = std::min(start, s->started);
        std::vector<Row> expected_rows;
        for (const auto* s : spans) {
            if (s->finished < 0) continue;
            expected_rows.push_back(moved_bar(fmt::format("작업 {}", report.trace.display_name(s->id)), start, s->finished - s->started));
        }
        f.expected_timeline(std::move(expected_rows));
    } else {
        // No such task ran: `expected` of them, all in progress at once.
        std::vector<Row> expected_rows;
        for (std::size_t n = 1; n <= expected; ++n)
            expected_rows.push_back(open_row(fmt::format("{} {}  (모두 함께 진행)", which, n), 0.0));
        f.expected_timeline(std::move(expected_rows));
    }
    for (Row& r : line_rows(report)) actual_rows.push_back(std::move(r));
    f.actual_timeline(std::move(actual_rows));
    if (actual < expected) {
        if (spans.empty()) f.hint(no_tasks_hint());
        else if (spans.size() >= 2 && actual <= 1) {
            std::vector<Activity> tasks;
            for (const auto* s : spans) tasks.push_back(task_named(report.trace.display_name(s->id)));
            if (auto h = back_to_back(report, tasks)) f.hint(*h);
        }
    }
    return f.verdict();
}

Verdict finished_cleanly(const RunReport& report) {
    const std::string title = "경고 없이 정상적으로 끝나야 합니다";
    if (report.returned() && report.trace.blocking_sleeps.empty() && report.trace.warnings.empty()) return pass(title);
    Failure f(report, title);
    f.expected("예외·교착·블로킹 sleep·런타임 경고 없이 끝남");
    if (report.returned()) f.actual(fmt::format("{}에 끝났지만 문제가 있었습니다 (힌트 참고)", secs(report.elapsed)));

    // Expected: the same run, but every task finishes before the end and the run returns; a run
    // that stopped early (exception, deadlock, limit) goes on past the point where it stopped.
    std::vector<Row> task_bars;
    bool cut_off = false;  // a task the run did not wait for
    for (const trace::Span* s : child_spans(report, {})) {
        const std::string name = fmt::format("작업 {}", report.trace.display_name(s->id));
        if (s->finished >= 0 && s->status != trace::Status::cancelled) {
            task_bars.push_back(moved_bar(name, s->started, s->finished - s->started));
        } else {
            task_bars.push_back(open_row(fmt::format("{}  {}~ (끝까지 기다림)", name, secs(s->started)), s->started));
            cut_off = true;
        }
    }
    std::vector<Row> expected_rows;
    if (!report.returned())
        expected_rows.push_back(open_row(fmt::format("전체 실행  {} 이후에도 계속되어 정상 종료, 경고 없음", secs(report.elapsed)), 0.0));
    else if (cut_off)
        expected_rows.push_back(open_row(fmt::format("전체 실행  모든 작업이 끝난 뒤({} 이후) 정상 종료, 경고 없음", secs(report.elapsed)), 0.0));
    else
        expected_rows.push_back(run_bar(report, ": 정상 종료, 경고 없음"));
    for (Row& r : task_bars) expected_rows.push_back(std::move(r));
    f.expected_timeline(std::move(expected_rows));

    // Actual: the run, plus the blocking sleeps and warnings where they happened.
    std::vector<Row> rows{run_bar(report, report.returned() ? "" : ": 여기서 멈춤")};
    for (Row& r : task_rows(report)) rows.push_back(std::move(r));
    for (const trace::BlockingSleep& b : report.trace.blocking_sleeps)
        rows.push_back(bar_row(fmt::format("블로킹 sleep {:g}초  {:.3f}~{}", b.seconds, b.time, secs(b.time + b.seconds)),
                               b.time, b.time + b.seconds));
    for (const trace::Warning& w : report.trace.warnings)
        if (w.kind != trace::WarningKind::blocking_sleep_in_task)  // drawn above
            rows.push_back(point_row(fmt::format("{} 경고 [{}]: '{}'", secs(w.time), warning_name(w.kind), w.name), w.time));
    for (Row& r : line_rows(report)) rows.push_back(std::move(r));
    f.actual_timeline(std::move(rows));
    return f.verdict();
}

namespace detail {
namespace {

// The run ending with `value` returned (expected) / what it really ended with (actual).
std::vector<Row> expected_return_rows(const RunReport& report, const std::string& value) {
    if (report.returned())
        return {run_bar(report),
                point_row(fmt::format("{}: {} 을(를) 돌려줌", secs(report.elapsed), value), report.elapsed)};
    return {open_row(fmt::format("전체 실행  {} 이후에도 계속되어 정상 종료", secs(report.elapsed)), 0.0),
            point_row(fmt::format("{} 이후: {} 을(를) 돌려줌", secs(report.elapsed), value), report.elapsed)};
}

std::vector<Row> actual_return_rows(const RunReport& report, const std::string& outcome) {
    std::vector<Row> rows{run_bar(report),
                          point_row(fmt::format("{}: {}", secs(report.elapsed), outcome), report.elapsed)};
    for (Row& r : task_rows(report)) rows.push_back(std::move(r));
    for (Row& r : line_rows(report)) rows.push_back(std::move(r));
    return rows;
}

}  // namespace

Verdict value_mismatch(const RunReport& report, const std::string& expected, const std::string& actual, bool reordered) {
    Failure f(report, fmt::format("{} 을(를) 돌려주어야 합니다", expected));
    f.expected(expected);
    f.actual(actual);
    f.expected_timeline(expected_return_rows(report, expected));
    f.actual_timeline(actual_return_rows(report, fmt::format("{} 을(를) 돌려줌", actual)));
    if (reordered) f.hint(wrong_result_order_hint());
    return f.verdict();
}

Verdict no_value(const RunReport& report, const std::string& expected) {
    Failure f(report, fmt::format("{} 을(를) 돌려주어야 합니다", expected));
    f.expected(expected);
    f.actual("값을 돌려주지 못하고 끝났습니다");
    f.expected_timeline(expected_return_rows(report, expected));
    f.actual_timeline(actual_return_rows(report, "값을 돌려주지 못하고 멈춤"));
    return f.verdict();
}

}  // namespace detail
}  // namespace aio::testing
