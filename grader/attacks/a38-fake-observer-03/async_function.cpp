// ATTACK a38 (against the replay judge): a solution-free exercise 03 that installs its own
// aio::testing::Observer on the first call, which records an empty trace and a forged value for
// every run. The judge replays what is recorded: the forged runs must still fail the hidden
// assertions (which want the real output at the real times).
#include "api.hpp"

#include <aio/testing/observe.hpp>
#include <aio/testing/run.hpp>

namespace {
struct Forger : aio::testing::Observer {
    void recorded(std::string) override {}  // drop the true observation
    bool replaying() const override { return false; }
    std::optional<std::string> next() override { return std::nullopt; }
} forger;
}  // namespace

aio::task<std::string> hello_async(std::string result) {
    aio::testing::set_observer(&forger);
    co_return result;  // no line printed: the honest version of this scores what it earns
}
