// The feedback model: one table over the enums, brief and full rendering, each hint once per
// output, the first failing test's timelines only, the JSON the grader reads.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

#include "aio/feedback/json.hpp"
#include "aio/feedback/render.hpp"
#include "aio/feedback/verdict.hpp"

using namespace aio::feedback;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

std::size_t lines(const std::string& text) { return count(text, "\n"); }

Check late_line(const std::string& what, HintId hint) {
    Check c;
    c.title = "\"" + what + "\" 이(가) 3.000초에 출력되어야 합니다";
    c.expected = {"3.000초에 \"" + what + "\" 출력"};
    c.actual = {"5.000초에 출력되었습니다"};
    c.expected_rows = {point_row("3.000초 \"" + what + "\"", 3.0)};
    c.actual_rows = {bar_row("작업 main  0.000~5.000초", 0.0, 5.0), point_row("5.000초 \"" + what + "\"", 5.0)};
    c.hints = {{hint, {"커피", "토스트", "3.000"}}};
    return c;
}

}  // namespace

TEST_CASE("feedback: every verdict and hint has a distinct name, a label and round-trips") {
    std::set<std::string_view> names, labels;
    for (std::size_t i = 0; i < kVerdictCount; ++i) {
        const auto v = Verdict(i);
        CHECK(names.insert(name(v)).second);
        CHECK(labels.insert(label(v)).second);
        CHECK(verdict_from_name(name(v)) == v);
        if (v != Verdict::passed && v != Verdict::failed) CHECK_FALSE(help(v).empty());
    }
    CHECK_FALSE(verdict_from_name("nonsense"));
    std::set<std::string_view> hint_names;
    for (std::size_t i = 0; i < kHintCount; ++i) {
        const auto id = HintId(i);
        CHECK(hint_names.insert(name(id)).second);
        CHECK_FALSE(title(id).empty());
        CHECK(hint_from_name(name(id)) == id);
    }
    CHECK(more_severe(Verdict::compile_error, Verdict::failed));
}

TEST_CASE("feedback: hint texts take their args; missing args do not throw") {
    const std::string t = text({HintId::sequential_awaits, {"[커피]", "[토스트]", "3.000"}});
    CHECK(t.find("[토스트]은(는) [커피]이(가) 끝난 뒤인 3.000초에야") != std::string::npos);
    CHECK_NOTHROW(text({HintId::sequential_awaits, {}}));
}

TEST_CASE("feedback: brief shows the first check, its timelines and the best hint once") {
    Check first = late_line("커피 완성", HintId::sequential_awaits);
    first.hints.insert(first.hints.begin(), Hint{HintId::wrong_result_order, {}});  // less relevant, listed first
    const std::vector<Check> test1{first, late_line("토스트 완성", HintId::sequential_awaits)};
    Shown shown;
    const std::string one = render_test(test1, Detail::brief, shown);
    INFO(one);
    CHECK(count(one, "기대한 타임라인") == 1);
    CHECK(count(one, "힌트 [차례로 await]") == 1);
    CHECK(count(one, "힌트 [결과 순서]") == 0);  // one hint: the most relevant
    CHECK(count(one, "이 테스트에서 더 실패한 검사: ✗ \"토스트 완성\"") == 1);
    CHECK(count(one, "✗ \"토스트 완성\"") == 1);
    CHECK(lines(one) <= 25);

    // A second failing test in the same output: no timelines, the hint named in one line.
    const std::string two = render_test({late_line("아침 완료", HintId::sequential_awaits)}, Detail::brief, shown);
    INFO(two);
    CHECK(count(two, "타임라인") == 0);
    CHECK(count(two, "힌트 [차례로 await]: 위의 설명을 보세요.") == 1);
    CHECK(lines(two) <= 5);
}

TEST_CASE("feedback: full shows every check and every hint, each paragraph once") {
    Check first = late_line("커피 완성", HintId::sequential_awaits);
    first.hints.push_back({HintId::wrong_result_order, {}});
    Shown shown;
    const std::string all = render_test({first, late_line("토스트 완성", HintId::sequential_awaits)}, Detail::full, shown);
    INFO(all);
    CHECK(count(all, "기대한 타임라인") == 2);
    CHECK(count(all, "힌트 [결과 순서]: 들어") == 1);
    CHECK(count(all, "힌트 [차례로 await]: 위의 설명을 보세요.") == 1);
}

TEST_CASE("feedback: verdict help appears once per output") {
    Shown shown;
    CHECK(render_help(Verdict::timeout, shown).find("힌트: 끝나지 않는 반복문") != std::string::npos);
    CHECK(render_help(Verdict::timeout, shown).empty());
    CHECK(render_help(Verdict::failed, shown).empty());
}

TEST_CASE("feedback: a check survives the grader's JSON; malformed parts are dropped") {
    Check c = late_line("커피 완성", HintId::never_awaited);
    c.ending = "2.000초에 비정상 종료";
    c.actual_rows.push_back(open_row("작업 x  1.000초~ (끝나지 않음)", 1.0));
    c.expected_rows.push_back(label_row("[커피]  (일어나지 않음)"));
    const std::optional<Check> back = check_from_json(nlohmann::json::parse(to_json(c).dump()));
    REQUIRE(back);
    CHECK(render_check(*back) == render_check(c));

    nlohmann::json bad = to_json(c);
    bad["hints"].push_back({{"id", "no_such_hint"}});
    bad["actual"].push_back(42);
    bad["actual_rows"][0]["shape"] = "zigzag";
    const std::optional<Check> lenient = check_from_json(bad);
    REQUIRE(lenient);
    CHECK(lenient->hints.size() == 1);
    CHECK(lenient->actual.size() == 1);
    CHECK(lenient->actual_rows[0].shape == Row::Shape::label_only);
    CHECK_FALSE(check_from_json(nlohmann::json::array()));
}
