// The trace: what a run printed and when, which tasks existed and when they ran. Tests and the
// grader read it; `--trace` prints lines as "[%7.3f] text" like the reference runner.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace aio::trace {

struct Line {
    double time;
    std::string text;
    std::uint32_t task_id;  // 0: printed outside any task
};

enum class Status : std::uint8_t { pending, ok, error, cancelled };

struct Span {
    std::uint32_t id = 0;
    std::string name;
    double created = 0, started = -1, finished = -1;  // -1: did not happen
    Status status = Status::pending;
    std::string result;  // formatted value (ok) or what() (error)
};

enum class WarningKind : std::uint8_t {
    never_awaited,          // a coroutine object was destroyed without ever running
    pending_at_exit,        // a task was still running when main() finished
    exception_not_retrieved,// a task failed and nobody looked at its exception
    blocking_sleep_in_task, // a blocking sleep ran inside a coroutine and froze the loop
    // ---- undefined behaviour and blocking input
    missing_co_return,      // a task<T> (T != void) reached its end without co_return
    blocking_input_in_task, // a blocking read of stdin ran inside a coroutine on the virtual clock
    kLast = blocking_input_in_task,
};

struct Warning {
    WarningKind kind;
    double time;
    std::string name;     // coroutine / task name
    std::string message;  // Korean, as printed to stderr
};

struct BlockingSleep {
    double time;      // when it started
    double seconds;
    std::uint32_t task_id;
};

// A call of aio::todo(): the stub's function `function` ran unwritten (the hint not_implemented).
struct Todo {
    double time;
    std::uint32_t task_id;  // 0: outside any task
    std::string function;   // short name, as task names are ("make_coffee")
};
// ---- blocking input
// A blocking read of stdin (std::cin / std::getline, scanf, fgets, getchar, read(0, ...)) inside a
// coroutine on the virtual clock. The read returns nothing; the run is stopped (BlockingInputError).
struct BlockingInput {
    double time;
    std::string call;  // the C function that reached stdin: "getc" (std::cin), "read", "scanf", ...
    std::uint32_t task_id;
};


struct Trace {
    std::vector<Line> lines;
    std::vector<Span> spans;  // spans[i].id == i + 1
    std::vector<Warning> warnings;
    std::vector<BlockingSleep> blocking_sleeps;
    std::vector<Todo> todos;
    std::vector<BlockingInput> blocking_inputs;

    const Span* span(std::uint32_t id) const { return id && id <= spans.size() ? &spans[id - 1] : nullptr; }
    // The first span with that name, or the span with that display name ("worker#2").
    const Span* span_named(const std::string& name) const;
    // The name a student reads for span `id`: its name, numbered from the second span of that name
    // on ("worker", "worker#2", "worker#3"), so two tasks of one coroutine function differ in
    // timelines, hints and the stuck-task list. Span::name stays plain: tests find tasks by it
    // (span_named, max_in_flight), and current_task_name() is asyncio's get_name().
    std::string display_name(std::uint32_t id) const;
    std::string text() const;  // all lines joined with '\n' (each line ends with '\n')
    bool has_warning(WarningKind kind) const;
};

const Trace& current();
void clear();

// What the runtime itself counted while it recorded the current trace, kept apart from it: a
// trace that disagrees (integrity_of(trace) != kept_integrity()) was edited after the fact.
struct Integrity {
    std::uint64_t lines = 0, spans = 0, warnings = 0, blocking_sleeps = 0, todos = 0;
    std::uint64_t line_digest = 0;   // of every line (time, text, task), in order
    std::uint64_t sleep_digest = 0;  // of every blocking sleep (time, seconds, task), in order
    std::uint64_t blocking_inputs = 0, input_digest = 0;  // blocking inputs (time, call, task)
    bool operator==(const Integrity&) const = default;
};
Integrity kept_integrity();
Integrity integrity_of(const Trace& trace);

// Output options.
void set_echo(bool echo);            // write printed lines to stdout (default on)
void set_prefix_times(bool prefix);  // "[%7.3f] " before each echoed line

// Hooks used by the runtime.
void note_line(std::string text);
Span& note_task_created(std::uint32_t id, std::string name);
Span* span_for(std::uint32_t id);
void note_warning(WarningKind kind, std::string name, std::string message, bool to_stderr);
void note_blocking_sleep(double seconds);
void note_todo(std::string function);
// a blocking stdin read by `call`; false outside a task (plain synchronous code may read).
bool note_blocking_input(const char* call);

}  // namespace aio::trace
