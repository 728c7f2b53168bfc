// ATTACK a07: a Catch2 listener of the student's own, registered with init_priority(101) so it
// is created before the runner's GraderListener and sees every event first. Through const_cast
// it turns failed assertions into passed ones in the TestCaseStats that the runner's listener
// reads next (so the runner itself reports "passed":true), and an atexit handler makes the exit
// status 0. Started from the untouched stub.
#include "api.hpp"

// The untouched stub of exercise 03: an honest score would be 0.
aio::task<std::string> hello_async([[maybe_unused]] std::string result) {
    co_return "";  // TODO: 지우고 위 내용을 작성하세요
}

#define CATCH_CONFIG_EXTERNAL_INTERFACES  // TestEventListenerBase, ListenerRegistrar
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>

namespace {

struct ZeroFailures : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseEnded(Catch::TestCaseStats const& stats) override {
        auto& s = const_cast<Catch::TestCaseStats&>(stats);
        s.totals.assertions.passed += s.totals.assertions.failed;
        s.totals.assertions.failed = 0;
        s.totals.assertions.failedButOk = 0;
        s.totals.testCases.failed = 0;
        s.aborting = false;
        TestEventListenerBase::testCaseEnded(stats);
    }
    void testRunEnded(Catch::TestRunStats const& stats) override {
        auto& s = const_cast<Catch::TestRunStats&>(stats);
        s.totals.testCases.passed += s.totals.testCases.failed;
        s.totals.testCases.failed = 0;
        TestEventListenerBase::testRunEnded(stats);
    }
};

void exit_zero() { ::_exit(0); }

__attribute__((init_priority(101))) Catch::ListenerRegistrar<ZeroFailures> early_listener;
const int registered = (std::atexit(exit_zero), 0);

}  // namespace
