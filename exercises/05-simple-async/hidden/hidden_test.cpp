// Exercise 05, hidden tests: seeds where the connection check fails (and where it only just
// succeeds or fails), one draw per check, other files, sizes, rates and durations.
// Every draw below is CPython's:  python3 -c "import random; random.seed(S); print([random.random() for _ in range(3)])"
#include "../tests/expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace simple_async_test;

namespace {
// Three connection checks in a row, 0.25 s each: "정상" / "실패" per check.
aio::task<std::vector<std::string>> three_checks() {
    std::vector<std::string> out;
    for (int i = 0; i < 3; ++i) out.push_back(co_await check_internet_connection(0.25) ? "정상" : "실패");
    co_return out;
}
}  // namespace

TEST_CASE("연결 실패(숨김): 시드 31 이면 연결 실패 - 그래도 다운로드와 알림은 이어진다") {
    // seed 31: 0.01227824739797545 (실패)
    const Steps steps = {"문서.pdf", 3, "다운로드가 완료되었습니다!", false, 1.0, 2.5, 3.0};
    auto r = run_virtual(async_main(), {.seed = 31});
    AIO_CHECK(printed_exactly(r, whole_output(steps)));
    check_one_after_another(r, steps);
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("연결 확인(숨김): 0.1 보다 조금 큰 값은 정상이고 조금 작은 값은 실패다") {
    // seed 568: 0.10200718816435783 (> 0.1: 정상)
    auto above = run_virtual(check_internet_connection(1), {.seed = 568});
    AIO_CHECK(printed_exactly(above, {{0.0, check_start}, {1.0, check_ok}}));
    AIO_CHECK(returned(above, true));
    // seed 164: 0.09533490047837367 (<= 0.1: 실패)
    auto below = run_virtual(check_internet_connection(1), {.seed = 164});
    AIO_CHECK(printed_exactly(below, {{0.0, check_start}, {1.0, check_failed}}));
    AIO_CHECK(returned(below, false));
}

TEST_CASE("연결 확인(숨김): 확인 한 번에 난수를 한 번만 뽑는다 (시드 15와 57)") {
    // seed 15: 0.965 0.0117 0.736 -> 정상 실패 정상
    auto r15 = run_virtual(three_checks(), {.seed = 15});
    AIO_CHECK(printed_in_order(r15, {check_start, check_ok, check_start, check_failed, check_start, check_ok}));
    AIO_CHECK(printed_at(r15, check_failed, 0.5));
    AIO_CHECK(returned(r15, {"정상", "실패", "정상"}));
    // seed 57: 0.0426 0.590 0.0193 -> 실패 정상 실패
    auto r57 = run_virtual(three_checks(), {.seed = 57});
    AIO_CHECK(printed_in_order(r57, {check_start, check_failed, check_start, check_ok, check_start, check_failed}));
    AIO_CHECK(printed_at(r57, check_ok, 0.5));
    AIO_CHECK(returned(r57, {"실패", "정상", "실패"}));
    AIO_CHECK(took(r57, 0.75));
}

TEST_CASE("다른 입력(숨김): 사진.zip 5MB 는 1.0 → 3.5 → 4.0초 (시드 139 는 연결 실패)") {
    // seed 139: 0.0015101727801708487 (실패)
    const Steps steps = {"사진.zip", 5, "사진이 도착했습니다", false, 1.0, 3.5, 4.0};
    auto r = run_virtual(async_main("사진.zip", 5, "사진이 도착했습니다"), {.seed = 139});
    AIO_CHECK(printed_exactly(r, whole_output(steps)));
    check_one_after_another(r, steps);
    AIO_CHECK(took(r, 4.0));
}

TEST_CASE("다른 입력(숨김): 보고서.hwp 8MB 는 1.0 → 5.0 → 5.5초 (시드 2 는 연결 정상)") {
    // seed 2: 0.9560342718892494 (정상)
    const Steps steps = {"보고서.hwp", 8, "보고서 받기 끝", true, 1.0, 5.0, 5.5};
    auto r = run_virtual(async_main("보고서.hwp", 8, "보고서 받기 끝"), {.seed = 2});
    AIO_CHECK(printed_exactly(r, whole_output(steps)));
    check_one_after_another(r, steps);
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("download_file(숨김): MB당 0.25초로 7MB 를 받으면 1.75초") {
    auto r = run_virtual(download_file("영상.mp4", 7, 0.25));
    AIO_CHECK(printed_exactly(r, {{0.0, download_start("영상.mp4", 7)}, {1.75, download_done("영상.mp4")}}));
    AIO_CHECK(returned(r, "영상.mp4 (완료)"));
}

TEST_CASE("download_file(숨김): 0MB 파일은 기다리지 않고 끝난다") {
    auto r = run_virtual(download_file("빈파일.txt", 0));
    AIO_CHECK(printed_exactly(r, {{0.0, download_start("빈파일.txt", 0)}, {0.0, download_done("빈파일.txt")}}));
    AIO_CHECK(returned(r, "빈파일.txt (완료)"));
}

TEST_CASE("확인 시간과 알림 시간(숨김): 0.25초 확인과 1.5초 알림") {
    // seed 3: 0.23796462709189137 (정상)
    auto check = run_virtual(check_internet_connection(0.25), {.seed = 3});
    AIO_CHECK(printed_exactly(check, {{0.0, check_start}, {0.25, check_ok}}));
    AIO_CHECK(returned(check, true));
    auto notify = run_virtual(send_notification("회의 10분 전", 1.5));
    AIO_CHECK(printed_exactly(notify, {{0.0, notify_start("회의 10분 전")}, {1.5, notify_done}}));
    AIO_CHECK(finished_cleanly(notify));
}
