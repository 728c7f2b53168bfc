// The timeline drawing, checked against literal pictures.
#include <aio/testing/testing.hpp>

using namespace aio::testing;

TEST_CASE("timeline: bars, points and open rows on a one-second scale") {
    const std::vector<Row> rows{bar_row("A", 0, 3), bar_row("B", 3, 5), point_row("p", 2), open_row("C", 1)};
    // 26 columns (5 per second); labels start 3 columns after the drawing area.
    const std::string expected =
        "  0    1    2    3    4    5\n"
        "  +----+----+----+----+----+ 초\n"
        "  |==============|             A\n"
        "                 |=========|   B\n"
        "            *                  p\n"
        "       |===================>   C\n";
    CHECK(render_timeline(rows, horizon_of(rows), 2) == expected);
}

TEST_CASE("timeline: long runs switch to a coarser scale") {
    const std::string drawn = render_timeline({bar_row("long", 0, 100)}, 100, 0);
    CHECK(drawn.rfind("0    10   20", 0) == 0);  // ten-second ticks, at most 12 of them
    CHECK(drawn.find("100") != std::string::npos);
}

TEST_CASE("timeline: everything at 0 still gets an axis") {
    const std::string drawn = render_timeline({point_row("x", 0)}, 0, 0);
    CHECK(drawn == "0    0.2  0.4  0.6  0.8  1\n+----+----+----+----+----+ 초\n*                            x\n");
}

TEST_CASE("timeline: at most 40 rows are drawn") {
    std::vector<Row> rows;
    for (int i = 0; i < 45; ++i) rows.push_back(point_row("r", i));
    CHECK(render_timeline(rows, 45).find("(5개 행 생략)") != std::string::npos);
}

TEST_CASE("verdict: a failure always shows an expected timeline, its 기대 lines if none was drawn") {
    const RunReport report;  // returned at 0 s, nothing printed
    const Verdict v = Failure(report, "제목").expected("첫 줄\n          둘째 줄").verdict();
    const auto expected_at = v.message.find("기대한 타임라인 (가상 시간):");
    const auto actual_at = v.message.find("실제 타임라인 (가상 시간):");
    REQUIRE(expected_at != std::string::npos);
    REQUIRE(actual_at != std::string::npos);
    const std::string expected = v.message.substr(expected_at, actual_at - expected_at);
    CHECK(expected.find("   첫 줄\n") != std::string::npos);
    CHECK(expected.find("둘째 줄") == std::string::npos);  // one row per 기대 line: its first line
    CHECK(v.message.find("(출력도 작업도 없음)", actual_at) != std::string::npos);
}
