#include "aio/testing/run.hpp"

#include "aio/clock.hpp"
#include "aio/detail/seal.hpp"
#include "aio/errors.hpp"
#include "aio/random.hpp"
#include "aio/testing/exercise.hpp"

namespace aio::testing {

const trace::Line* RunReport::line(std::string_view text, std::size_t nth) const {
    for (const trace::Line& l : trace.lines)
        if (l.text == text && nth-- == 0) return &l;
    return nullptr;
}

std::vector<std::string> RunReport::texts() const {
    std::vector<std::string> out;
    out.reserve(trace.lines.size());
    for (const trace::Line& l : trace.lines) out.push_back(l.text);
    return out;
}

namespace detail {

RunOptions begin_run(const RunSettings& settings, RunReport& report) {
    report.virtual_limit = settings.virtual_limit.value_or(exercise().virtual_seconds);
    clock::set_mode(clock::Mode::virtual_time);
    clock::reset(0.0);
    clock::set_virtual_limit(report.virtual_limit);  // guards blocking sleeps too
    trace::clear();
    trace::set_echo(false);
    if (settings.seed) random::seed(*settings.seed);
    if (settings.input) set_scripted_input(*settings.input);
    aio::detail::reset_stdin_guard();  // a blocking read in an earlier run left std::cin bad
    aio::detail::set_sealed(true);  // from here on only the runtime moves the clock and writes the trace

    RunOptions options;
    options.virtual_time_limit = report.virtual_limit;
    options.step_limit = settings.step_limit;
    options.warnings_to_stderr = false;  // recorded in the trace; hints explain them
    return options;
}

void note_error(RunReport& report, std::exception_ptr error) {
    report.error = error;
    try {
        std::rethrow_exception(error);
    } catch (const DeadlockError& e) {
        report.ending = Ending::deadlock;
        report.error_text = e.what();
    } catch (const VirtualTimeLimitError& e) {
        report.ending = Ending::virtual_time_limit;
        report.error_text = e.what();
    } catch (const StepLimitError& e) {
        report.ending = Ending::step_limit;
        report.error_text = e.what();
    } catch (const NoRunningLoopError& e) {
        report.ending = Ending::no_running_loop;
        report.error_text = e.what();
    } catch (const std::exception& e) {
        report.ending = Ending::raised;
        report.error_text = e.what();
    } catch (...) {
        report.ending = Ending::raised;
        report.error_text = "(std::exception 이 아닌 값이 던져졌습니다)";
    }
}

void end_run(RunReport& report) {
    aio::detail::set_sealed(false);
    aio::detail::reset_stdin_guard();  // the run is over, its blocking-input watchdog too
    report.elapsed = clock::now();
    report.trace = trace::current();
    report.kept = trace::kept_integrity();
    if (const char* why = edited(report)) aio::detail::tampered(why);
}

const char* edited(const RunReport& report) {
    if (report.kept != trace::integrity_of(report.trace)) return "aio::trace::current() (the trace was edited)";
    for (std::size_t i = 1; i < report.trace.lines.size(); ++i)
        if (report.trace.lines[i].time < report.trace.lines[i - 1].time) return "aio::clock (time went backwards)";
    return nullptr;
}

}  // namespace detail
}  // namespace aio::testing
