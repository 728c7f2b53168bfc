// An activity is a stretch of simulated time a test talks about: either a task's span in the
// trace, or the stretch between two printed lines ("커피를 끓이기 시작합니다..." until
// "커피가 완성되었습니다!"). Line-based activities exist because a student who awaits coroutines
// one after another creates no tasks at all; the printed lines still show when the work ran.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aio/trace.hpp"

namespace aio::testing {

struct Activity {
    enum class Kind { task, lines };
    Kind kind = Kind::task;
    std::string label;       // shown in timelines and messages
    std::string task_name;   // Kind::task: the first span with that name, or that display name ("worker#2")
    std::string first_line;  // Kind::lines: starts when this is printed ...
    std::string last_line;   // ... and ends when this is printed after it
};

Activity task_named(std::string name);
Activity between_lines(std::string label, std::string first_line, std::string last_line);

struct Interval {
    double start = 0.0;
    double end = 0.0;
    bool finished = true;  // false: started but never ended (end is meaningless)
};

// When the activity ran; nullopt if it never started.
std::optional<Interval> locate(const trace::Trace& trace, const Activity& activity);

// Every activity located since the last forget_used_activities(), first use first, one per
// label: the grader's runner exports them, located in the test's last run, so the HTML report
// can draw the work a sequential student's single task hides (grader/runner/grader_main.cpp).
const std::vector<Activity>& used_activities();
void forget_used_activities();
// Counts as used without locating (an assertion that passed without looking at the trace).
void note_used(const Activity& activity);

// Korean description for messages: "작업 'make_coffee'" / "[커피 끓이기]".
std::string describe(const Activity& activity);

}  // namespace aio::testing
