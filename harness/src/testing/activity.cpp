#include "aio/testing/activity.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace aio::testing {
namespace {

std::vector<Activity>& used() {
    static std::vector<Activity> list;
    return list;
}

}  // namespace

const std::vector<Activity>& used_activities() { return used(); }
void forget_used_activities() { used().clear(); }

void note_used(const Activity& activity) {
    constexpr std::size_t kMaxUsed = 64;  // a test over many generated items draws the first ones
    auto& list = used();
    if (list.size() >= kMaxUsed) return;
    if (std::none_of(list.begin(), list.end(), [&](const Activity& a) { return a.label == activity.label; }))
        list.push_back(activity);
}

Activity task_named(std::string name) {
    Activity a;
    a.kind = Activity::Kind::task;
    a.label = name;
    a.task_name = std::move(name);
    return a;
}

Activity between_lines(std::string label, std::string first_line, std::string last_line) {
    Activity a;
    a.kind = Activity::Kind::lines;
    a.label = std::move(label);
    a.first_line = std::move(first_line);
    a.last_line = std::move(last_line);
    return a;
}

std::optional<Interval> locate(const trace::Trace& trace, const Activity& activity) {
    note_used(activity);
    if (activity.kind == Activity::Kind::task) {
        const trace::Span* span = trace.span_named(activity.task_name);
        if (!span || span->started < 0) return std::nullopt;
        return Interval{span->started, span->finished, span->finished >= 0};
    }
    const auto& lines = trace.lines;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].text != activity.first_line) continue;
        for (std::size_t j = i + 1; j < lines.size(); ++j)
            if (lines[j].text == activity.last_line) return Interval{lines[i].time, lines[j].time, true};
        return Interval{lines[i].time, 0.0, false};
    }
    return std::nullopt;
}

std::string describe(const Activity& activity) {
    if (activity.kind == Activity::Kind::task) return fmt::format("작업 '{}'", activity.task_name);
    return fmt::format("[{}]", activity.label);
}

}  // namespace aio::testing
