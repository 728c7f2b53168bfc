#include "aio/testing/observe.hpp"

#include "aio/errors.hpp"
#include "aio/testing/run.hpp"

namespace aio::testing {
namespace {

Observer* g_observer = nullptr;

// The exception a run ended with, as far as assertions can tell kinds apart.
enum class ErrorKind : std::uint8_t {
    none,
    invalid_argument,
    cancelled,
    eof,
    deadlock,
    virtual_time_limit,
    step_limit,
    no_running_loop,
    missing_co_return,
    blocking_input,   
    timeout,        // aio::TimeoutError (wait_for, timeout())
    other_std,      // any other std::exception: what() is all an assertion reads
    not_std,        // a value that is not a std::exception
    kLast = not_std,
};

ErrorKind kind_of(const std::exception_ptr& error) {
    if (!error) return ErrorKind::none;
    try {
        std::rethrow_exception(error);
    } catch (const std::invalid_argument&) {
        return ErrorKind::invalid_argument;
    } catch (const CancelledError&) {
        return ErrorKind::cancelled;
    } catch (const EofError&) {
        return ErrorKind::eof;
    } catch (const DeadlockError&) {
        return ErrorKind::deadlock;
    } catch (const VirtualTimeLimitError&) {
        return ErrorKind::virtual_time_limit;
    } catch (const StepLimitError&) {
        return ErrorKind::step_limit;
    } catch (const NoRunningLoopError&) {
        return ErrorKind::no_running_loop;
    } catch (const MissingCoReturnError&) {
        return ErrorKind::missing_co_return;
    } catch (const BlockingInputError&) {
        return ErrorKind::blocking_input;
    } catch (const TimeoutError&) {
        return ErrorKind::timeout;
    } catch (const std::exception&) {
        return ErrorKind::other_std;
    } catch (...) {
        return ErrorKind::not_std;
    }
}

std::exception_ptr rebuild(ErrorKind kind, const std::string& what) {
    switch (kind) {
        case ErrorKind::none: return nullptr;
        case ErrorKind::invalid_argument: return std::make_exception_ptr(std::invalid_argument(what));
        case ErrorKind::cancelled:  // what() is the cancel message, or "CancelledError" without one
            return std::make_exception_ptr(what == "CancelledError" ? CancelledError() : CancelledError(what));
        case ErrorKind::eof: return std::make_exception_ptr(EofError());
        case ErrorKind::deadlock: return std::make_exception_ptr(DeadlockError(what));
        case ErrorKind::virtual_time_limit: return std::make_exception_ptr(VirtualTimeLimitError(what));
        case ErrorKind::step_limit: return std::make_exception_ptr(StepLimitError(what));
        case ErrorKind::no_running_loop: return std::make_exception_ptr(NoRunningLoopError(what));
        case ErrorKind::missing_co_return: return std::make_exception_ptr(MissingCoReturnError(what));
        case ErrorKind::blocking_input: return std::make_exception_ptr(BlockingInputError(what));
        case ErrorKind::timeout: return std::make_exception_ptr(TimeoutError());
        case ErrorKind::other_std: return std::make_exception_ptr(std::runtime_error(what));
        case ErrorKind::not_std: return std::make_exception_ptr(0);
    }
    return nullptr;
}

template <class E>
E get_enum(wire::Decoder& d, E last) {
    const auto v = d.u64();
    if (v > std::uint64_t(last)) throw wire::DecodeError("enum value out of range");
    return E(v);
}

}  // namespace

void set_observer(Observer* o) { g_observer = o; }
Observer* observer() { return g_observer; }

namespace detail {

void encode_report(wire::Encoder& e, const RunReport& r) {
    e.u64(std::uint64_t(r.ending));
    e.u64(std::uint64_t(kind_of(r.error)));
    e.bytes(r.error_text);
    e.f64(r.elapsed);
    e.f64(r.virtual_limit);
    const trace::Trace& t = r.trace;
    e.u64(t.lines.size());
    for (const auto& l : t.lines) {
        e.f64(l.time);
        e.bytes(l.text);
        e.u64(l.task_id);
    }
    e.u64(t.spans.size());
    for (const auto& s : t.spans) {
        e.u64(s.id);
        e.bytes(s.name);
        e.f64(s.created);
        e.f64(s.started);
        e.f64(s.finished);
        e.u64(std::uint64_t(s.status));
        e.bytes(s.result);
    }
    e.u64(t.warnings.size());
    for (const auto& w : t.warnings) {
        e.u64(std::uint64_t(w.kind));
        e.f64(w.time);
        e.bytes(w.name);
        e.bytes(w.message);
    }
    e.u64(t.blocking_sleeps.size());
    for (const auto& b : t.blocking_sleeps) {
        e.f64(b.time);
        e.f64(b.seconds);
        e.u64(b.task_id);
    }
    e.u64(t.todos.size());
    for (const auto& td : t.todos) {
        e.f64(td.time);
        e.u64(td.task_id);
        e.bytes(td.function);
    }
    e.u64(t.blocking_inputs.size());
    for (const auto& b : t.blocking_inputs) {
        e.f64(b.time);
        e.bytes(b.call);
        e.u64(b.task_id);
    }
    const trace::Integrity& k = r.kept;
    for (std::uint64_t v : {k.lines, k.spans, k.warnings, k.blocking_sleeps, k.todos, k.blocking_inputs, k.line_digest,
                            k.sleep_digest, k.input_digest})
        e.u64(v);
}

void decode_report(wire::Decoder& d, RunReport& r) {
    r.ending = get_enum(d, Ending::no_running_loop);
    const ErrorKind kind = get_enum(d, ErrorKind::kLast);
    r.error_text = d.bytes();
    r.error = rebuild(kind, r.error_text);
    r.elapsed = d.f64();
    r.virtual_limit = d.f64();
    trace::Trace& t = r.trace;
    t = trace::Trace{};
    for (std::size_t n = d.count(); n > 0; --n) {
        trace::Line l;
        l.time = d.f64();
        l.text = d.bytes();
        l.task_id = std::uint32_t(d.u64());
        t.lines.push_back(std::move(l));
    }
    for (std::size_t n = d.count(); n > 0; --n) {
        trace::Span s;
        s.id = std::uint32_t(d.u64());
        s.name = d.bytes();
        s.created = d.f64();
        s.started = d.f64();
        s.finished = d.f64();
        s.status = get_enum(d, trace::Status::cancelled);
        s.result = d.bytes();
        t.spans.push_back(std::move(s));
    }
    for (std::size_t n = d.count(); n > 0; --n) {
        trace::Warning w;
        w.kind = get_enum(d, trace::WarningKind::kLast);
        w.time = d.f64();
        w.name = d.bytes();
        w.message = d.bytes();
        t.warnings.push_back(std::move(w));
    }
    for (std::size_t n = d.count(); n > 0; --n) {
        trace::BlockingSleep b;
        b.time = d.f64();
        b.seconds = d.f64();
        b.task_id = std::uint32_t(d.u64());
        t.blocking_sleeps.push_back(b);
    }
    for (std::size_t n = d.count(); n > 0; --n) {
        trace::Todo td;
        td.time = d.f64();
        td.task_id = std::uint32_t(d.u64());
        td.function = d.bytes();
        t.todos.push_back(std::move(td));
    }
    for (std::size_t n = d.count(); n > 0; --n) {
        trace::BlockingInput b;
        b.time = d.f64();
        b.call = d.bytes();
        b.task_id = std::uint32_t(d.u64());
        t.blocking_inputs.push_back(std::move(b));
    }
    trace::Integrity& k = r.kept;
    for (std::uint64_t* v : {&k.lines, &k.spans, &k.warnings, &k.blocking_sleeps, &k.todos, &k.blocking_inputs,
                             &k.line_digest, &k.sleep_digest, &k.input_digest})
        *v = d.u64();
}

}  // namespace detail
}  // namespace aio::testing
