// ATTACK a39 (against the trace integrity check): exercise 03 that prints nothing itself but,
// through a const_cast on aio::trace::current(), appends the expected line to the trace after
// the fact, at time 0, as the runtime would have - bypassing aio::print and its counters.
#include "api.hpp"

#include <aio/trace.hpp>

aio::task<std::string> hello_async(std::string result) {
    auto& trace = const_cast<aio::trace::Trace&>(aio::trace::current());
    trace.lines.push_back(aio::trace::Line{0.0, "비동기 함수입니다!", 0});
    co_return result;
}
