// 연습문제 4 숨은 테스트: 코루틴 안의 블로킹 sleep, 다른 작업 목록, 작업 하나, 시간이 같은 작업들, 0초 작업.
#include "../tests/expected.hpp"

using namespace aio::testing;
using namespace sync_vs_async_test;

namespace {
const std::vector<Job> kFour = {{"로그인", 0.5}, {"목록 조회", 2.5}, {"이미지 받기", 1.75}, {"알림", 0.75}};
}  // namespace

TEST_CASE("동기 vs 비동기(숨김): 비동기 버전의 코루틴 안에서는 블로킹 sleep 을 쓰지 않는다") {
    auto r = run_virtual(run_async(kFour));
    AIO_CHECK(finished_cleanly(r));  // names the coroutine and the time of a blocking sleep
    AIO_CHECK(max_in_flight(r, 4));
}

TEST_CASE("동기 vs 비동기(숨김): 작업 네 개 - 동기는 합 5.5초이고 비동기는 최댓값 2.5초") {
    auto r = aio::testing::run_sync([] { return compare(kFour); });
    AIO_CHECK(printed_exactly(r, compare_lines(kFour, 5.5, 2.5)));
    AIO_CHECK(returned_member(r, "sync_seconds", &Timing::sync_seconds, 5.5));
    AIO_CHECK(returned_member(r, "async_seconds", &Timing::async_seconds, 2.5));
}

TEST_CASE("동기 vs 비동기(숨김): 작업이 하나면 두 방식의 시간이 같다") {
    const std::vector<Job> one = {{"백업", 4}};
    auto r = aio::testing::run_sync([&] { return compare(one); });
    AIO_CHECK(printed_exactly(r, compare_lines(one, 4.0, 4.0)));
    AIO_CHECK(returned_member(r, "sync_seconds", &Timing::sync_seconds, 4.0));
    AIO_CHECK(returned_member(r, "async_seconds", &Timing::async_seconds, 4.0));
}

TEST_CASE("동기 vs 비동기(숨김): 시간이 같은 작업 세 개 - 동기는 4.5초이고 비동기는 셋 다 1.5초에 끝난다") {
    // By hand: sync 1.5 + 1.5 + 1.5 = 4.5 s (each ends 1.5 s after the previous one), async max = 1.5 s
    // (all three start at 0 and end together at 1.5 s; the order of lines printed at the same time
    // is not fixed, only their times).
    const std::vector<Job> same = {{"메일 보내기", 1.5}, {"문자 보내기", 1.5}, {"푸시 알림", 1.5}};
    auto sync = aio::testing::run_sync([&] { return ::run_sync(same); });
    AIO_CHECK(printed_exactly(sync, sync_lines(same, 4.5)));
    AIO_CHECK(returned(sync, 4.5));
    auto async = run_virtual(run_async(same));
    for (const Job& job : same) {
        AIO_CHECK(printed_at(async, start_line(job), 0.0));
        AIO_CHECK(printed_at(async, done_line(job), 1.5));
    }
    AIO_CHECK(printed_at(async, "비동기 실행: 1.5초", 1.5));
    AIO_CHECK(took(async, 1.5, job_activities(same)));
    AIO_CHECK(max_in_flight(async, 3));
    AIO_CHECK(returned(async, 1.5));
    AIO_CHECK(finished_cleanly(async));
}

TEST_CASE("동기 vs 비동기(숨김): 0초 작업이 섞여 있어도 잰 시간은 합과 최댓값이다") {
    const std::vector<Job> jobs = {{"캐시 확인", 0}, {"다운로드", 1.5}, {"압축 풀기", 1}};
    auto sync = aio::testing::run_sync([&] { return ::run_sync(jobs); });
    AIO_CHECK(returned(sync, 2.5));
    AIO_CHECK(printed_at(sync, "압축 풀기 완료", 2.5));
    auto async = run_virtual(run_async(jobs));
    AIO_CHECK(returned(async, 1.5));
    // A 0-second job may finish before or after the others start; only the times are fixed.
    AIO_CHECK(printed_at(async, "캐시 확인 완료", 0.0));
    AIO_CHECK(printed_at(async, "압축 풀기 완료", 1.0));
    AIO_CHECK(printed_at(async, "다운로드 완료", 1.5));
    AIO_CHECK(printed_at(async, "비동기 실행: 1.5초", 1.5));
}
