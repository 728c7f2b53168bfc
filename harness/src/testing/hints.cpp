#include "aio/testing/hints.hpp"

#include <fmt/format.h>

#include "aio/testing/timeline.hpp"

#include <set>

namespace aio::testing {
namespace {

std::string task_name(const RunReport& report, std::uint32_t id) {
    const trace::Span* span = report.trace.span(id);
    return span ? report.trace.display_name(id) : std::string("?");
}

// The runtime's guard messages end with one indented line per pending task
// ("  Task 'worker' (#2) waiting for Task 'other' (#3)"); students get those lines verbatim.
std::string pending_task_lines(const std::string& what) {
    std::string out;
    std::size_t pos = what.find('\n');
    while (pos != std::string::npos && pos + 1 < what.size()) {
        const std::size_t next = what.find('\n', pos + 1);
        std::string line = what.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        if (!line.empty()) out += "    " + line.substr(line.find_first_not_of(' ')) + "\n";
        pos = next;
    }
    return out.empty() ? "    (목록 없음)\n" : out;
}

// The task whose exception ended the run: the run raised what a task other than the main task
// raised (the first one to finish with it, so not a task that only passed it on).
const trace::Span* task_that_raised(const RunReport& report) {
    if (report.ending != Ending::raised) return nullptr;
    const trace::Span* origin = nullptr;
    for (std::size_t i = 1; i < report.trace.spans.size(); ++i) {  // spans[0]: the run's main task
        const trace::Span& s = report.trace.spans[i];
        if (s.status != trace::Status::error || s.result != report.error_text) continue;
        if (!origin || s.finished < origin->finished) origin = &s;
    }
    return origin;
}

// What the task shown as `display` failed with (its span's result), else `fallback`: the
// warning's own text is a whole sentence, which the hint would only repeat.
std::string error_of_task(const RunReport& report, const std::string& display, const std::string& fallback) {
    for (const trace::Span& s : report.trace.spans)
        if (s.status == trace::Status::error && report.trace.display_name(s.id) == display) return s.result;
    return fallback;
}

void add_warning_hints(const RunReport& report, std::vector<Hint>& hints, bool task_raised) {
    std::set<std::string> seen;  // one hint per (kind, name): a loop may drop the same coroutine often
    for (const trace::Warning& w : report.trace.warnings) {
        if (!seen.insert(std::to_string(int(w.kind)) + w.name).second) continue;
        switch (w.kind) {
            case trace::WarningKind::never_awaited:
                hints.push_back({HintId::never_awaited, {w.name}});
                break;
            case trace::WarningKind::pending_at_exit:
                // Cancelled because another task's exception ended the run: that hint says why.
                if (task_raised) break;
                hints.push_back({HintId::task_not_awaited, {w.name}});
                break;
            case trace::WarningKind::exception_not_retrieved:
                // the blocking_input / missing_co_return hint already names that error
                if (w.message.find("blocking read of stdin") != std::string::npos ||
                    w.message.find("without co_return") != std::string::npos)
                    break;
                hints.push_back({HintId::exception_not_retrieved, {w.name, error_of_task(report, w.name, w.message)}});
                break;
            case trace::WarningKind::blocking_sleep_in_task:
                break;  // reported from trace.blocking_sleeps with more detail
            case trace::WarningKind::missing_co_return:
            case trace::WarningKind::blocking_input_in_task:
                break;  // reported first, in diagnose
        }
    }
}

// The stub's functions that still call aio::todo(), each named once, in the order they ran.
std::string todo_functions(const RunReport& report) {
    std::set<std::string> seen;
    std::string out;
    for (const trace::Todo& t : report.trace.todos)
        if (seen.insert(t.function).second) out += (out.empty() ? "" : ", ") + t.function;
    return out;
}

}  // namespace

bool has_blocking_sleep(const RunReport& report) { return !report.trace.blocking_sleeps.empty(); }

// Undefined behaviour and blocking input: the cause of whatever else went wrong, so named first.
namespace {
void add_undefined_behaviour_hints(const RunReport& report, std::vector<Hint>& hints) {
    if (!report.trace.blocking_inputs.empty()) {
        const trace::BlockingInput& first = report.trace.blocking_inputs.front();
        hints.push_back({HintId::blocking_input, {task_name(report, first.task_id), seconds_text(first.time), first.call}});
    }
    for (const trace::Warning& w : report.trace.warnings)
        if (w.kind == trace::WarningKind::missing_co_return) {
            hints.push_back({HintId::missing_co_return, {w.name}});
            break;
        }
}
bool ended_by_undefined_behaviour_guard(const RunReport& report) {
    return report.ending == Ending::raised &&
           (!report.trace.blocking_inputs.empty() || report.trace.has_warning(trace::WarningKind::missing_co_return));
}
}  // namespace

std::vector<Hint> diagnose(const RunReport& report) {
    std::vector<Hint> hints;
    // First: an untouched stub fails every check, and that is the one thing worth saying about it.
    if (!report.trace.todos.empty())
        hints.push_back({HintId::not_implemented, {todo_functions(report)}});
    add_undefined_behaviour_hints(report, hints);
    const trace::Span* raised_by_task = task_that_raised(report);
    switch (report.ending) {
        case Ending::returned:
            break;
        case Ending::raised:
            if (ended_by_undefined_behaviour_guard(report)) break;  // the hint above says why
            hints.push_back({HintId::exception, {report.error_text}});
            if (const trace::Span* origin = raised_by_task)
                hints.push_back({HintId::task_exception, {report.trace.display_name(origin->id), seconds_text(origin->finished)}});
            break;
        case Ending::deadlock:
            hints.push_back({HintId::deadlock, {seconds_text(report.elapsed), pending_task_lines(report.error_text)}});
            break;
        case Ending::virtual_time_limit:
            hints.push_back({HintId::virtual_time_limit,
                             {fmt::format("{:g}", report.virtual_limit), pending_task_lines(report.error_text)}});
            break;
        case Ending::step_limit:
            hints.push_back({HintId::step_limit, {}});
            break;
        case Ending::no_running_loop:
            hints.push_back({HintId::no_running_loop, {report.error_text}});
            break;
    }
    if (has_blocking_sleep(report)) {
        const trace::BlockingSleep& first = report.trace.blocking_sleeps.front();
        hints.push_back({HintId::blocking_sleep,
                         {task_name(report, first.task_id), seconds_text(first.time), fmt::format("{:g}", first.seconds),
                          std::to_string(report.trace.blocking_sleeps.size())}});
    }
    add_warning_hints(report, hints, raised_by_task != nullptr);
    return hints;
}

Hint sequential_awaits_hint(const std::string& first, const std::string& second, double second_started) {
    return {HintId::sequential_awaits, {first, second, seconds_text(second_started)}};
}

Hint no_tasks_hint() { return {HintId::no_tasks, {}}; }

Hint wrong_result_order_hint() { return {HintId::wrong_result_order, {}}; }

}  // namespace aio::testing
