// Self-tests of the hints that diagnose() derives from a run (harness/src/testing/hints.cpp).
#include <stdexcept>
#include <vector>

#include <aio/testing/testing.hpp>

using namespace aio::testing;

namespace {
aio::task<int> answer_after(double seconds, int value) {
    co_await aio::sleep(seconds);
    co_return value;
}
aio::task<int> refuse() {
    throw std::invalid_argument("음수");
    co_return 0;
}
aio::task<int> sum_of(bool outcomes) {
    std::vector<aio::task<int>> tasks;
    tasks.push_back(answer_after(1, 10));
    tasks.push_back(refuse());
    tasks.push_back(answer_after(2, 20));
    int sum = 0;
    if (outcomes) {
        for (const auto& r : co_await aio::gather_outcomes(std::move(tasks)))
            if (r.ok()) sum += *r;
    } else {
        for (int v : co_await aio::gather(std::move(tasks))) sum += v;
    }
    co_return sum;
}
}  // namespace

TEST_CASE("a task's exception let through by gather: named hint pointing to gather_outcomes") {
    auto r = run_virtual(sum_of(false));
    CHECK(r.ending == Ending::raised);
    const Verdict v = returned(r, 30);
    INFO(v.message);
    CHECK(v.has_hint("exception"));
    CHECK(v.has_hint("task_exception"));
    CHECK_FALSE(v.has_hint("task_not_awaited"));  // the others were cancelled because of it
    CHECK(v.message.find("작업 'refuse'") != std::string::npos);
    CHECK(v.message.find("aio::gather_outcomes") != std::string::npos);
    // gather_outcomes: nothing raised, no hint.
    auto ok = run_virtual(sum_of(true));
    CHECK(returned(ok, 30).ok);
    // The main task itself throwing is not a task's exception let through.
    auto own = run_virtual(refuse());
    const Verdict mine = returned(own, 0);
    CHECK(mine.has_hint("exception"));
    CHECK_FALSE(mine.has_hint("task_exception"));
}
