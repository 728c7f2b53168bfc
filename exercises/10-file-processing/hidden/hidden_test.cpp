// 연습문제 2 숨은 테스트: 다른 파일 목록과 MB당 시간, 크기 0, 같은 크기, 파일 하나.
#include "../tests/expected.hpp"

using namespace aio::testing;
using namespace file_processing_test;

namespace {
// Each file's time in order, the whole output, the total and the results in argument order.
void check_all(const std::vector<Expected>& cases, double seconds_per_mb) {
    auto r = run_virtual(process_files(files_of(cases), seconds_per_mb));
    AIO_CHECK(took(r, longest(cases), all_processing(cases)));
    AIO_CHECK(max_in_flight(r, cases.size(), "process_file"));
    AIO_CHECK(printed_exactly(r, whole_output(cases)));
    AIO_CHECK(returned(r, results_of(cases)));
    AIO_CHECK(finished_cleanly(r));
}
}  // namespace

TEST_CASE("파일 처리(숨김): 큰 파일이 앞에 오는 목록 (MB당 0.25초)") {
    check_all({{{"큰파일.iso", 8}, 2.0}, {{"중간파일.doc", 2.4}, 0.6}, {{"작은파일.txt", 0.4}, 0.1}}, 0.25);
}

TEST_CASE("파일 처리(숨김): 파일 다섯 개 - 크기가 두 배면 시간도 두 배") {
    check_all({{{"a.bin", 4}, 0.5}, {{"b.bin", 1}, 0.125}, {{"c.bin", 16}, 2.0}, {{"d.bin", 2}, 0.25}, {{"e.bin", 8}, 1.0}},
              0.125);
}

TEST_CASE("파일 처리(숨김): 크기가 0 인 파일은 기다리지 않고 0초에 끝난다") {
    const std::vector<Expected> cases = {{{"빈파일.txt", 0}, 0.0}, {{"자료.csv", 2}, 2.0}};
    auto r = run_virtual(process_files(files_of(cases), 1.0));
    // Whether the empty file's "완료" line comes before or after the other file's "시작" line
    // depends on whether the solution sleeps 0 seconds or not at all: only times are fixed.
    AIO_CHECK(took(r, 2.0));
    for (const Expected& c : cases) {
        AIO_CHECK(printed_at(r, start_line(c), 0.0));
        AIO_CHECK(printed_at(r, done_line(c), c.seconds));
    }
    AIO_CHECK(printed_at(r, "모든 파일 처리 완료! 총 2.0초 걸렸습니다.", 2.0));
    AIO_CHECK(returned(r, results_of(cases)));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("파일 처리(숨김): 파일이 하나뿐이어도 된다") { check_all({{{"보고서.pdf", 5}, 1.5}}, 0.3); }

TEST_CASE("파일 처리(숨김): 크기가 같은 파일 네 개는 모두 같은 시각에 끝난다") {
    const std::vector<Expected> cases = {
        {{"1월.log", 2}, 1.0}, {{"2월.log", 2}, 1.0}, {{"3월.log", 2}, 1.0}, {{"4월.log", 2}, 1.0}};
    auto r = run_virtual(process_files(files_of(cases), 0.5));
    AIO_CHECK(took(r, 1.0, all_processing(cases)));
    AIO_CHECK(max_in_flight(r, 4, "process_file"));
    for (const Expected& c : cases) AIO_CHECK(printed_at(r, done_line(c), 1.0));
    AIO_CHECK(printed_at(r, "모든 파일 처리 완료! 총 1.0초 걸렸습니다.", 1.0));
    AIO_CHECK(returned(r, results_of(cases)));
}
