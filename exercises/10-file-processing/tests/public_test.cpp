// 연습문제 2 공개 테스트: 메모.txt 1MB, 사진.jpg 3MB, 동영상.mp4 6MB, MB당 0.5초 (README 의 예시).
#include "expected.hpp"

using namespace aio::testing;
using namespace file_processing_test;

namespace {
const std::vector<Expected> kSample = {{{"메모.txt", 1}, 0.5}, {{"사진.jpg", 3}, 1.5}, {{"동영상.mp4", 6}, 3.0}};

auto run_sample() { return run_virtual(process_files(files_of(kSample), 0.5)); }
}  // namespace

TEST_CASE("파일 처리: 세 파일이 0초에 함께 시작해 가장 큰 파일의 처리 시간(3.0초)에 끝난다") {
    auto r = run_sample();
    AIO_CHECK(took(r, 3.0, all_processing(kSample)));
    AIO_CHECK(printed_at(r, start_line(kSample[2]), 0.0));  // the last one to start: all of them at 0
}

TEST_CASE("파일 처리: 각 파일은 크기에 비례하는 시간(0.5초 1.5초 3.0초) 뒤에 끝난다") {
    auto r = run_sample();
    for (const Expected& c : kSample) AIO_CHECK(printed_at(r, done_line(c), c.seconds));
}

TEST_CASE("파일 처리: 세 파일이 한꺼번에 처리된다") {
    auto r = run_sample();
    AIO_CHECK(max_in_flight(r, 3, "process_file"));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("파일 처리: 출력 전체가 README 의 예시와 같다") {
    auto r = run_sample();
    AIO_CHECK(printed_exactly(r, whole_output(kSample)));
}

TEST_CASE("파일 처리: 결과를 넘겨받은 파일 순서대로 돌려준다") {
    auto r = run_sample();
    AIO_CHECK(returned(r, {"메모.txt (처리 완료)", "사진.jpg (처리 완료)", "동영상.mp4 (처리 완료)"}));
}
