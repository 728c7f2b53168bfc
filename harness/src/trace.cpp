#include "aio/trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "aio/clock.hpp"
#include "aio/detail/seal.hpp"
#include "aio/loop.hpp"
#include "aio/task.hpp"

namespace aio::trace {
namespace {
Trace g_trace;
bool g_echo = true;
bool g_prefix = false;
Integrity g_kept;  // updated beside g_trace by the functions below, never through it

// FNV-1a, 64 bit: not a secret, only a summary the trace must still agree with.
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull, kFnvPrime = 1099511628211ull;
void mix(std::uint64_t& h, const void* data, std::size_t n) {
    if (h == 0) h = kFnvOffset;
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * kFnvPrime;
}
void mix_line(std::uint64_t& h, const Line& l) {
    mix(h, &l.time, sizeof l.time);
    const std::uint64_t size = l.text.size();
    mix(h, &size, sizeof size);
    mix(h, l.text.data(), l.text.size());
    mix(h, &l.task_id, sizeof l.task_id);
}
void mix_sleep(std::uint64_t& h, const BlockingSleep& b) {
    mix(h, &b.time, sizeof b.time);
    mix(h, &b.seconds, sizeof b.seconds);
    mix(h, &b.task_id, sizeof b.task_id);
}

void mix_input(std::uint64_t& h, const BlockingInput& b) {
    mix(h, &b.time, sizeof b.time);
    const std::uint64_t size = b.call.size();
    mix(h, &size, sizeof size);
    mix(h, b.call.data(), b.call.size());
    mix(h, &b.task_id, sizeof b.task_id);
}

std::uint32_t current_task_id() {
    auto* loop = detail::EventLoop::current();
    return loop && loop->current_task ? loop->current_task->id() : 0;
}
}  // namespace

const Span* Trace::span_named(const std::string& name) const {
    for (const Span& s : spans)
        if (s.name == name) return &s;
    // A display name, "worker#2": the second span named "worker".
    const std::size_t hash = name.rfind('#');
    if (hash == std::string::npos || hash + 1 == name.size() || name.size() - hash > 9 ||
        name.find_first_not_of("0123456789", hash + 1) != std::string::npos)
        return nullptr;
    const std::string base = name.substr(0, hash);
    std::size_t wanted = std::stoul(name.substr(hash + 1)), seen = 0;
    for (const Span& s : spans)
        if (s.name == base && ++seen == wanted && wanted >= 2) return &s;
    return nullptr;
}

std::string Trace::display_name(std::uint32_t id) const {
    const Span* s = span(id);
    if (!s) return "?";
    std::size_t same = 1;
    for (std::uint32_t i = 0; i + 1 < id; ++i) same += spans[i].name == s->name;
    return same == 1 ? s->name : fmt::format("{}#{}", s->name, same);
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
void clear() {
    if (aio::detail::sealed()) aio::detail::tampered("aio::trace::clear");
    g_trace = Trace{};
    g_kept = Integrity{};
}
void set_echo(bool echo) {
    if (aio::detail::sealed()) aio::detail::tampered("aio::trace::set_echo");
    g_echo = echo;
}
void set_prefix_times(bool prefix) {
    if (aio::detail::sealed()) aio::detail::tampered("aio::trace::set_prefix_times");
    g_prefix = prefix;
}

Integrity kept_integrity() { return g_kept; }

Integrity integrity_of(const Trace& t) {
    Integrity i;
    i.lines = t.lines.size();
    i.spans = t.spans.size();
    i.warnings = t.warnings.size();
    i.blocking_sleeps = t.blocking_sleeps.size();
    i.todos = t.todos.size();
    for (const Line& l : t.lines) mix_line(i.line_digest, l);
    for (const BlockingSleep& b : t.blocking_sleeps) mix_sleep(i.sleep_digest, b);
    i.blocking_inputs = t.blocking_inputs.size();
    for (const BlockingInput& b : t.blocking_inputs) mix_input(i.input_digest, b);
    return i;
}

void note_line(std::string text) {
    const double t = clock::now();
    if (g_echo) {
        std::string out = g_prefix ? fmt::format("[{:7.3f}] {}\n", t, text) : text + '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fflush(stdout);  // a crash or kill must not swallow lines already "printed"
    }
    g_trace.lines.push_back(Line{t, std::move(text), current_task_id()});
    ++g_kept.lines;
    mix_line(g_kept.line_digest, g_trace.lines.back());
}

Span& note_task_created(std::uint32_t id, std::string name) {
    if (g_trace.spans.size() < id) g_trace.spans.resize(id);
    g_kept.spans = std::max<std::uint64_t>(g_kept.spans, id);
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
    ++g_kept.warnings;
}

void note_blocking_sleep(double seconds) {
    auto* loop = detail::EventLoop::current();
    if (!loop || !loop->current_task) return;  // plain synchronous code: nothing wrong with that
    const double started = clock::now() - seconds;
    g_trace.blocking_sleeps.push_back(BlockingSleep{started, seconds, loop->current_task->id()});
    ++g_kept.blocking_sleeps;
    mix_sleep(g_kept.sleep_digest, g_trace.blocking_sleeps.back());
    if (g_trace.blocking_sleeps.size() == 1) {
        const std::string task = loop->current_task->display_name();
        note_warning(WarningKind::blocking_sleep_in_task, task,
                     fmt::format("경고: 작업 '{1}' 안에서 {0:g}초짜리 블로킹 sleep 이 실행되어 그동안 이벤트 루프 전체가 "
                                 "멈췄습니다",
                                 seconds, task),
                     false);
    }
}

void note_todo(std::string function) {
    // Enough to name every unwritten function; a written loop that kept the line must not grow without bound.
    constexpr std::size_t kMaxTodos = 1000;
    if (g_trace.todos.size() >= kMaxTodos) return;
    g_trace.todos.push_back(Todo{clock::now(), current_task_id(), std::move(function)});
    ++g_kept.todos;
}
// ---- blocking input
bool note_blocking_input(const char* call) {
    auto* loop = detail::EventLoop::current();
    if (!loop || !loop->current_task) return false;
    g_trace.blocking_inputs.push_back(BlockingInput{clock::now(), call, loop->current_task->id()});
    ++g_kept.blocking_inputs;
    mix_input(g_kept.input_digest, g_trace.blocking_inputs.back());
    if (g_trace.blocking_inputs.size() == 1) {
        note_warning(WarningKind::blocking_input_in_task, loop->current_task->display_name(),
                     fmt::format("경고: 작업 '{1}' 안에서 블로킹 입력({0})으로 표준 입력을 읽었습니다 (blocking read of stdin)",
                                 call, loop->current_task->display_name()),
                     loop->options().warnings_to_stderr);
    }
    return true;
}


}  // namespace aio::trace
