// Self-tests of aio::todo() (aio/todo.hpp): a stub's call is recorded in the trace, survives the
// replay judge's encoding and leads the hints as not_implemented; a written function gets none.
#include <string>

#include <aio/testing/testing.hpp>

using namespace aio::testing;

namespace {
// Stubs as the exercises ship them: aio::todo() first, then a placeholder that fails.
aio::task<std::string> make_coffee_stub() {
    aio::todo();
    co_return "";
}
int count_stub() {
    aio::todo();
    return 0;
}
aio::task<std::vector<std::string>> breakfast_stub() {
    auto [a, b] = co_await aio::gather(make_coffee_stub(), make_coffee_stub());
    co_return std::vector<std::string>{a, b};
}
aio::task<std::string> make_coffee() {
    co_await aio::sleep(1);
    co_return "커피";
}
}  // namespace

TEST_CASE("aio::todo: recorded with the function's name, task and time") {
    auto r = run_virtual(breakfast_stub());
    REQUIRE(r.trace.todos.size() == 2);
    CHECK(r.trace.todos[0].function == "make_coffee_stub");
    CHECK(r.trace.todos[0].task_id != 0);
    CHECK(r.trace.todos[0].time == 0.0);
    CHECK(r.kept.todos == 2);
    CHECK(aio::testing::detail::edited(r) == nullptr);
    auto s = run_sync([] { return count_stub(); });
    REQUIRE(s.trace.todos.size() == 1);
    CHECK(s.trace.todos[0].function == "count_stub");
    CHECK(s.trace.todos[0].task_id == 0);  // outside any task
}

TEST_CASE("aio::todo: a stub's failure leads with not_implemented, naming each function once") {
    auto r = run_virtual(breakfast_stub());
    const Verdict v = returned(r, std::vector<std::string>{"커피", "커피"});
    REQUIRE_FALSE(v.ok);
    REQUIRE_FALSE(v.hint_ids.empty());
    CHECK(v.hint_ids.front() == "not_implemented");
    CHECK(v.message.find("아직 구현하지 않음") != std::string::npos);
    CHECK(v.message.find("make_coffee_stub, make_coffee_stub") == std::string::npos);
    CHECK(v.message.find("make_coffee_stub") != std::string::npos);
    CHECK(v.message.find("aio::todo()") != std::string::npos);
    CHECK(diagnose(r).front().id == aio::feedback::HintId::not_implemented);
    // Also before a hint the assertion itself adds (no_value for a run that did not return).
    auto s = run_sync([] { return count_stub(); });
    CHECK(returned(s, 3).hint_ids.front() == "not_implemented");
}

TEST_CASE("aio::todo: a written function that fails gets no not_implemented hint") {
    auto r = run_virtual(make_coffee());
    CHECK(r.trace.todos.empty());
    const Verdict v = returned(r, std::string("토스트"));
    REQUIRE_FALSE(v.ok);
    CHECK_FALSE(v.has_hint("not_implemented"));
    CHECK(diagnose(r).empty());
}

TEST_CASE("aio::todo: the record/replay encoding keeps the todos and their count") {
    auto r = run_virtual(breakfast_stub());
    aio::testing::wire::Encoder e;
    aio::testing::detail::encode_report(e, r);
    const std::string bytes = e.take();
    RunReport back;
    aio::testing::wire::Decoder d(bytes);
    aio::testing::detail::decode_report(d, back);
    CHECK(d.at_end());
    REQUIRE(back.trace.todos.size() == 2);
    CHECK(back.trace.todos[1].function == "make_coffee_stub");
    CHECK(back.trace.todos[1].task_id == r.trace.todos[1].task_id);
    CHECK(back.trace.todos[1].time == r.trace.todos[1].time);
    CHECK(back.kept == r.kept);
    CHECK(aio::testing::detail::edited(back) == nullptr);
    // A replayed trace whose todos were dropped no longer matches what the runtime counted.
    back.trace.todos.clear();
    CHECK(aio::testing::detail::edited(back) != nullptr);
}
