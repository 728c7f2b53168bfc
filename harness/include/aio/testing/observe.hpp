// Record and replay of runs, for the grader's replay judge.
//
// Under the grader, a test binary that contains the student's code does not decide grades. Each
// run_virtual/run_sync there hands what it observed (the RunReport: ending, error, times, trace;
// and the returned value) to the installed Observer, which sends it to the grader as it happens.
// The grader then runs the same test cases in a second binary, linked with the exercise's stub
// instead of the student's files, whose Observer replays the recorded observations: run_virtual
// and run_sync return them without running anything, and the assertions - with the expected
// values of the hidden tests - run in a process the student's code never ran in.
// Without an Observer (the student's own ctest, the kit's tests) runs behave as before.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "aio/testing/wire.hpp"

namespace aio::testing {

struct RunReport;
template <class T>
struct Run;

class Observer {
public:
    virtual ~Observer() = default;
    // Recording: the encoded observation of one finished run.
    virtual void recorded(std::string observation) = 0;
    // Replaying: true when runs are replayed instead of executed.
    virtual bool replaying() const = 0;
    // The next recorded observation of the current test case; nullopt when there is none.
    virtual std::optional<std::string> next() = 0;
};

// Installed by the grader's runner main before any test runs; nullptr otherwise.
void set_observer(Observer* observer);
Observer* observer();

// A replayed test asked for a run that was not recorded, or the record does not decode: the
// test has no result. Thrown out of run_virtual/run_sync and reported by the runner main.
struct ReplayError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

namespace detail {

void encode_report(wire::Encoder& e, const RunReport& report);
const char* edited(const RunReport& report);  // run.hpp
void decode_report(wire::Decoder& d, RunReport& report);  // throws wire::DecodeError

template <class V>
void observe_run(Run<V>& run) {
    Observer* o = observer();
    if (!o || o->replaying()) return;
    wire::Encoder e;
    encode_report(e, run);
    if constexpr (wire::encodable_v<V>) wire::put(e, run.value);
    o->recorded(e.take());
}

// True when `run` was filled from a recorded observation (and the code under test must not run).
template <class V>
bool replay_run(Run<V>& run) {
    Observer* o = observer();
    if (!o || !o->replaying()) return false;
    const std::optional<std::string> observation = o->next();
    if (!observation) throw ReplayError("no recorded run for this call");
    if constexpr (!wire::encodable_v<V>) {
        throw ReplayError("the run's value type has no wire encoding (AIO_TESTING_FIELDS in the exercise's tests)");
    }
    try {
        wire::Decoder d(*observation);
        decode_report(d, run);
        if constexpr (wire::encodable_v<V>) run.value = wire::get<std::optional<V>>(d);
        if (!d.at_end()) throw wire::DecodeError("trailing bytes");
    } catch (const wire::DecodeError& e) {
        throw ReplayError(std::string("the recorded run does not decode: ") + e.what());
    }
    // The subject checked this too, but in the student's process: here it counts.
    if (const char* why = edited(run)) throw ReplayError(std::string("the recorded trace is not the runtime's: ") + why);
    return true;
}

}  // namespace detail
}  // namespace aio::testing
