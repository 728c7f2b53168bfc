// The source rewrites of `grader validate` (mistakes.hpp) on small solutions: where each standard
// mistake is found, what it is rewritten to, and why a kind does not apply.
#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mistakes.hpp"

using namespace grader;

namespace {

const char* kSolution = R"(#include "api.hpp"

// co_await aio::sleep(1); in a comment is not code
aio::task<std::string> job(std::string name, double s) {
    aio::print("co_await aio::gather(x) {}", name);
    co_await aio::sleep(s);
    co_return name;
}

aio::task<std::vector<std::string>> both(double a, double b) {
    aio::Task<std::string> t = aio::create_task(job("b", b), "named");
    auto [x, y] = co_await aio::gather(job("a", a), job("c", a));
    co_await job("d", 0);
    t.cancel();
    std::string z = co_await t;
    co_return std::vector<std::string>{x, y, z};
}
)";

const MistakeKind& kind(const std::vector<MistakeKind>& all, const std::string& name) {
    auto it = std::find_if(all.begin(), all.end(), [&](const MistakeKind& k) { return k.kind == name; });
    REQUIRE(it != all.end());
    return *it;
}

std::vector<MistakeKind> derive(const std::string& text, std::vector<PrintedLine> output = {}) {
    MistakeInputs in;
    in.solution = {{"s.cpp", text}};
    in.main_cpp = "int main(int argc, char** argv) { return aio::program_main(argc, argv, [] { aio::run(both()); }); }";
    in.program_output = std::move(output);
    in.max_sites = 0;
    return derive_mistakes(in);
}

}  // namespace

TEST_CASE("mask_code blanks comments and literals, keeping every position") {
    const std::string text = "a(\"x(\\\")\", 'y'); // c(\n/* d( */ R\"q(e()q\" b(";
    const std::string m = mask_code(text);
    REQUIRE(m.size() == text.size());
    CHECK(m.find("x") == std::string::npos);
    CHECK(m.find("c(") == std::string::npos);
    CHECK(m.find("d(") == std::string::npos);
    CHECK(m.find("e(") == std::string::npos);
    CHECK(m.find("b(") != std::string::npos);
    CHECK(std::count(m.begin(), m.end(), '\n') == 1);
}

TEST_CASE("parse_trace_output reads [time] lines and joins continuation lines") {
    auto lines = parse_trace_output("[  0.000] a\n[  1.500] b\nmore\n[ 12.250] \n");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].time == 0.0);
    CHECK(lines[1].text == "b\nmore");
    CHECK(lines[2].time == 12.25);
    CHECK(lines[2].text.empty());
}

TEST_CASE("each standard mistake is found where the solution has its construct") {
    const auto all = derive(kSolution, {{0, "a"}, {2, "b \"q\""}});
    const auto& seq = kind(all, "sequential_awaits");
    REQUIRE(seq.mutants.size() == 2);  // create_task, gather
    CHECK(seq.mutants[0].where.rfind("s.cpp:11 co_await job(\"b\", b) before create_task", 0) == 0);
    CHECK(seq.mutants[0].files[0].text.find("aio::create_task(co_await validate_mistake::run_first(job(\"b\", b)), \"named\")") !=
          std::string::npos);
    CHECK(seq.mutants[1].files[0].text.find("co_await validate_mistake::in_turn(job(\"a\", a), job(\"c\", a))") != std::string::npos);
    CHECK(seq.mutants[1].files[0].text.find("namespace validate_mistake") != std::string::npos);  // the prelude

    const auto& blocking = kind(all, "blocking_sleep");
    REQUIRE(blocking.mutants.size() == 1);  // not the comment's
    CHECK(blocking.mutants[0].files[0].text.find("co_await validate_mistake::blocked(s);") != std::string::npos);

    const auto& never = kind(all, "never_awaited");
    REQUIRE(never.mutants.size() == 2);  // job("d", 0) first, then the sleep; never `co_await t`
    CHECK(never.mutants[0].where.find("job(\"d\", 0) called without co_await") != std::string::npos);
    CHECK(never.mutants[0].files[0].text.find("auto validate_never_awaited_") != std::string::npos);

    const auto& unawaited = kind(all, "unawaited_task");
    REQUIRE(unawaited.mutants.size() == 1);
    CHECK(unawaited.mutants[0].files[0].text.find("std::string z = validate_mistake::unawaited(t);") != std::string::npos);

    const auto& cancel = kind(all, "missing_cancel");
    REQUIRE(cancel.mutants.size() == 1);
    CHECK(cancel.mutants[0].files[0].text.find("    false;\n") != std::string::npos);

    const auto& hard = kind(all, "hardcoded_output");
    REQUIRE(hard.mutants.size() == 1);
    const std::string& h = hard.mutants[0].files[0].text;
    CHECK(h.find("aio::print(\"{}\", \"a\");\n    co_await aio::sleep(2);\n    aio::print(\"{}\", \"b \\\"q\\\"\");") != std::string::npos);
    CHECK(h.find("co_return std::vector<std::string>{};") != std::string::npos);
    CHECK(h.find("co_await aio::gather(job") == std::string::npos);  // both()'s body is gone
}

TEST_CASE("a kind without its construct says why it does not apply, and --sites caps the mutants") {
    const auto all = derive("#include \"api.hpp\"\nint both() { return 1; }\n");
    for (const char* k : {"sequential_awaits", "blocking_sleep", "never_awaited", "unawaited_task", "missing_cancel"}) {
        CHECK(kind(all, k).mutants.empty());
        CHECK_FALSE(kind(all, k).not_applicable.empty());
    }
    CHECK(kind(all, "hardcoded_output").not_applicable == "the program printed nothing (or did not run)");

    MistakeInputs in;
    in.solution = {{"s.cpp", kSolution}};
    in.max_sites = 1;
    const auto capped = derive_mistakes(in);
    CHECK(kind(capped, "sequential_awaits").sites == 2);
    CHECK(kind(capped, "sequential_awaits").mutants.size() == 1);
}

TEST_CASE("gather of tasks that already run is not rewritten: awaiting them in turn is the same program") {
    const auto all = derive(R"(#include "api.hpp"
aio::task<void> job(int) { co_return; }
aio::task<void> both(int n) {
    std::vector<aio::Task<void>> running;
    for (int i = 0; i < n; ++i) running.push_back(aio::create_task(job(i)));
    co_await aio::gather(std::move(running));
    std::vector<aio::task<void>> fresh;
    for (int i = 0; i < n; ++i) fresh.push_back(job(i));
    co_await aio::gather(std::move(fresh));
}
)");
    const MistakeKind& seq = kind(all, "sequential_awaits");
    std::vector<std::string> what;
    for (const auto& m : seq.mutants) what.push_back(m.where);
    INFO(fmt::format("{}", fmt::join(what, " | ")));
    // The create_task call and the gather of coroutine objects; not the gather of running Tasks.
    CHECK(std::count_if(what.begin(), what.end(), [](const std::string& w) { return w.find("gather(std::move(running))") != std::string::npos; }) == 0);
    CHECK(std::count_if(what.begin(), what.end(), [](const std::string& w) { return w.find("gather(std::move(fresh))") != std::string::npos; }) == 1);
}
