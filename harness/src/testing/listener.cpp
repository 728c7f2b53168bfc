// Resets the runtime's process-wide state before every test case. Lives in the object library
// with the main: a listener in a static library would be dropped by the linker (nothing refers
// to its registration object).
// TestEventListenerBase is only declared with external interfaces enabled.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include "aio/testing/exercise.hpp"

namespace {

struct ResetRuntimeListener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;
    void testCaseStarting(Catch::TestCaseInfo const& info) override {
        TestEventListenerBase::testCaseStarting(info);
        aio::testing::reset_runtime_state();
    }
};

}  // namespace

CATCH_REGISTER_LISTENER(ResetRuntimeListener)
