// Self-tests of the expected-output builders (aio/testing/expected.hpp).
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

using namespace aio::testing;

namespace {
struct Item {
    std::string name;
    double seconds;
};
const std::vector<Item> kItems = {{"가", 2.0}, {"나", 0.5}, {"다", 2.0}, {"라", 1.0}};
std::string done(const Item& item) { return item.name + " 끝"; }
}  // namespace

TEST_CASE("finish_lines: shortest first from the start time, ties in list order, index if asked") {
    const auto lines = finish_lines(kItems, 10.0, &Item::seconds, done);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].text == "나 끝");
    CHECK(lines[0].at == 10.5);
    CHECK(lines[1].text == "라 끝");
    CHECK(lines[2].text == "가 끝");  // 가 and 다 tie: list order
    CHECK(lines[3].text == "다 끝");
    CHECK(lines[3].at == 12.0);
    const std::vector<double> waits = {3.0, 1.0};
    const auto numbered = finish_lines(waits, 0.0, [](double d) { return d; },
                                       [](std::size_t i, double) { return "작업 " + std::to_string(i + 1); });
    CHECK(numbered[0].text == "작업 2");
    CHECK(numbered[1].text == "작업 1");
}

TEST_CASE("longest and activities") {
    CHECK(longest(kItems, &Item::seconds) == 2.0);
    CHECK(longest(std::vector<double>{0.25, 4.5, 1.0}) == 4.5);
    CHECK(longest(std::vector<double>{}) == 0.0);
    const auto acts = activities(kItems, [](std::size_t i, const Item& item) {
        return between_lines(std::to_string(i) + item.name, item.name + " 시작", done(item));
    });
    REQUIRE(acts.size() == 4);
    CHECK(acts[2].label == "2다");
    CHECK(acts[2].last_line == "다 끝");
}
