#include "aio/trace.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "aio/clock.hpp"
#include "aio/loop.hpp"
#include "aio/task.hpp"

namespace aio::trace {
namespace {
Trace g_trace;
bool g_echo = true;
bool g_prefix = false;

std::uint32_t current_task_id() {
    auto* loop = detail::EventLoop::current();
    return loop && loop->current_task ? loop->current_task->id() : 0;
}
}  // namespace

const Span* Trace::span_named(const std::string& name) const {
    for (const Span& s : spans)
        if (s.name == name) return &s;
    return nullptr;
}

std::string Trace::text() const {
    std::string out;
    for (const Line& l : lines) {
        out += l.text;
        out += '\n';
    }
    return out;
}

bool Trace::has_warning(WarningKind kind) const {
    for (const Warning& w : warnings)
        if (w.kind == kind) return true;
    return false;
}

const Trace& current() { return g_trace; }
void clear() { g_trace = Trace{}; }
void set_echo(bool echo) { g_echo = echo; }
void set_prefix_times(bool prefix) { g_prefix = prefix; }

void note_line(std::string text) {
    const double t = clock::now();
    if (g_echo) {
        std::string out = g_prefix ? fmt::format("[{:7.3f}] {}\n", t, text) : text + '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);  // a crash or kill must not swallow lines already "printed"
    }
    g_trace.lines.push_back(Line{t, std::move(text), current_task_id()});
}

Span& note_task_created(std::uint32_t id, std::string name) {
    if (g_trace.spans.size() < id) g_trace.spans.resize(id);
    Span& s = g_trace.spans[id - 1];
    s = Span{};
    s.id = id;
    s.name = std::move(name);
    return s;
}

Span* span_for(std::uint32_t id) {
    if (id == 0 || id > g_trace.spans.size() || g_trace.spans[id - 1].id != id) return nullptr;
    return &g_trace.spans[id - 1];
}

void note_warning(WarningKind kind, std::string name, std::string message, bool to_stderr) {
    if (to_stderr) {
        std::fflush(stdout);
        std::fprintf(stderr, "%s\n", message.c_str());
        std::fflush(stderr);
    }
    g_trace.warnings.push_back(Warning{kind, clock::now(), std::move(name), std::move(message)});
}

void note_blocking_sleep(double seconds) {
    auto* loop = detail::EventLoop::current();
    if (!loop || !loop->current_task) return;  // plain synchronous code: nothing wrong with that
    const double started = clock::now() - seconds;
    g_trace.blocking_sleeps.push_back(BlockingSleep{started, seconds, loop->current_task->id()});
    if (g_trace.blocking_sleeps.size() == 1) {
        note_warning(WarningKind::blocking_sleep_in_task, loop->current_task->name(),
                     fmt::format("Warning: a blocking sleep of {:g} s ran inside task '{}' and froze the event loop",
                                 seconds, loop->current_task->name()),
                     false);
    }
}

}  // namespace aio::trace
