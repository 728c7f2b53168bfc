// Self-tests of the line-based expectations and counts (aio/testing/lines.hpp).
#include <stdexcept>
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

using namespace aio::testing;

namespace {

aio::task<void> request(std::string url, double seconds) {
    aio::print("{} 요청 시작", url);
    co_await aio::sleep(seconds);
    aio::print("{} 응답", url);
}

// `limit` requests at a time, in waves: the next wave starts when the whole previous one is done.
aio::task<void> in_waves(int limit) {
    const std::vector<double> seconds = {1.0, 0.5, 0.75, 0.25, 1.5};
    for (std::size_t i = 0; i < seconds.size(); i += std::size_t(limit)) {
        std::vector<aio::task<void>> wave;
        for (std::size_t j = i; j < seconds.size() && j < i + std::size_t(limit); ++j)
            wave.push_back(request(fmt::format("/{}", j), seconds[j]));
        co_await aio::gather(std::move(wave));
    }
}

const Counted kRequests{"진행 중인 요청", ends_with(" 요청 시작"), ends_with(" 응답")};

}  // namespace

TEST_CASE("traced: the --trace format, blank lines around it ignored, empty texts kept") {
    const auto lines = traced(R"(
        [  0.000] 시작
        [  0.000] 
        [ 12.250] /a 응답 (0.50초)
    )");
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].at == 0.0);
    CHECK(lines[0].text == "시작");
    CHECK(lines[1].text.empty());
    CHECK(lines[2].at == 12.25);
    CHECK(lines[2].text == "/a 응답 (0.50초)");
    CHECK_THROWS_AS(traced("[  1.000] a\nno time here"), std::invalid_argument);
    CHECK_THROWS_AS(traced("[ x ] a"), std::invalid_argument);
}

TEST_CASE("traced output passes printed_exactly on the run that printed it") {
    auto r = run_virtual(request("/a", 0.5));
    CHECK(printed_exactly(r, traced("[  0.000] /a 요청 시작\n[  0.500] /a 응답")).ok);
    CHECK_FALSE(printed_exactly(r, traced("[  0.000] /a 요청 시작\n[  0.600] /a 응답")).ok);
}

TEST_CASE("peak_count: at most and exactly the limit, a slot freed and taken in one instant counts once") {
    auto two = run_virtual(in_waves(2));
    CHECK(measure_peak(two, kRequests) == 2);
    CHECK(peak_count(two, kRequests, 2).ok);
    // Too many: says when the limit was passed and by which line.
    auto three = run_virtual(in_waves(3));
    const Verdict over = peak_count(three, kRequests, 2);
    CHECK_FALSE(over.ok);
    CHECK_THAT(over.message, Catch::Contains("0.000초에 2개가 넘었습니다") && Catch::Contains("/2 요청 시작"));
    // Too few: one at a time never reaches the limit.
    auto one = run_virtual(in_waves(1));
    const Verdict under = peak_count(one, kRequests, 2);
    CHECK_FALSE(under.ok);
    CHECK_THAT(under.message, Catch::Contains("최대 1개: 한꺼번에 2개인 순간이 없습니다"));
    REQUIRE(under.hint_ids.size() >= 1);
    CHECK(under.hint_ids[0] == "sequential_awaits");  // "/1 요청 시작" only after "/0 응답"
    CHECK_THAT(under.message, Catch::Contains("\"/1 요청 시작\" 줄부터의 일은(는) \"/0 응답\" 줄까지의") &&
                                   Catch::Contains("끝난 뒤인 1.000초에야"));
    CHECK(over.hint_ids.empty());
    // Consecutive waves of 2 close and open at the same instant: still 2, not 4.
    CHECK(measure_peak(two, kRequests) == 2);
}

TEST_CASE("peak_count: a run that did not return fails even at the right peak") {
    auto r = run_virtual([]() -> aio::task<void> {
        co_await request("/a", 1);
        throw std::runtime_error("끝");
    }());
    CHECK(measure_peak(r, kRequests) == 1);
    CHECK_FALSE(peak_count(r, kRequests, 1).ok);
    CHECK(contains("요청")("/a 요청 시작"));
    CHECK_FALSE(ends_with("응답")("응답 없음"));
}
