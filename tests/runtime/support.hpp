// Shared by the runtime tests: a clean virtual-clock scenario, the trace in the reference
// runner's "[%7.3f] line" form, and access to the committed expectations under data/.
#pragma once
#include <string>

#include <aio/aio.hpp>

namespace rt {

// Everything process-global reset for one scenario: virtual clock at 0, empty trace, no echo to
// stdout, no scripted input. The destructor restores the same neutral state for the next test.
struct VirtualScenario {
    VirtualScenario();
    ~VirtualScenario();
    VirtualScenario(const VirtualScenario&) = delete;
    VirtualScenario& operator=(const VirtualScenario&) = delete;
    // Warnings are still recorded in the trace, just not written to stderr; a low step limit.
    aio::RunOptions options;
};

// The trace lines formatted exactly like vtime.py: "[%7.3f] text\n" each.
std::string timed_trace();
// Runs `main` in a fresh VirtualScenario and returns its timed_trace(): the usual reference test is
//   CHECK(rt::trace_of(scenario_main()) == rt::expected_trace("name"));
std::string trace_of(aio::task<> main);
// Contents of tests/runtime/data/<relative>; fails the test if the file cannot be read.
std::string data_file(const std::string& relative);
// The reference trace of a Python scenario (data/traces/<name>.txt, see data/README.md).
std::string expected_trace(const std::string& name);
// What an exception_ptr / current exception says (what()).
std::string what_of(const std::exception_ptr& e);
// A bool as Python prints it.
inline const char* py_bool(bool b) { return b ? "True" : "False"; }

}  // namespace rt
