#include "support.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#ifndef AIO_RUNTIME_TEST_DATA
#error "AIO_RUNTIME_TEST_DATA must point at tests/runtime/data"
#endif

namespace rt {

VirtualScenario::VirtualScenario() {
    aio::clock::set_mode(aio::clock::Mode::virtual_time);
    aio::clock::reset(0.0);
    aio::trace::clear();
    aio::trace::set_echo(false);
    aio::trace::set_prefix_times(false);
    aio::clear_scripted_input();
    options.warnings_to_stderr = false;
    // Every scenario here needs a few hundred loop callbacks; a regression that livelocks
    // (e.g. timers never becoming due) must fail fast instead of spinning 50 million times.
    options.step_limit = 100'000;
}

VirtualScenario::~VirtualScenario() {
    aio::clear_scripted_input();
    aio::clock::set_mode(aio::clock::Mode::virtual_time);
    aio::clock::reset(0.0);
}

std::string timed_trace() {
    std::string out;
    for (const auto& line : aio::trace::current().lines) out += fmt::format("[{:7.3f}] {}\n", line.time, line.text);
    return out;
}

std::string trace_of(aio::task<> main) {
    VirtualScenario scenario;
    aio::run(std::move(main), scenario.options);
    return timed_trace();
}

std::string data_file(const std::string& relative) {
    const std::string path = std::string(AIO_RUNTIME_TEST_DATA) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read test data file " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string expected_trace(const std::string& name) { return data_file("traces/" + name + ".txt"); }

std::string what_of(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace rt
