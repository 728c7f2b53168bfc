// 연습문제 4 공개 테스트: API 요청 2초, 파일 읽기 3초, 데이터베이스 조회 1초 (README 의 예시).
#include "expected.hpp"

using namespace aio::testing;
using namespace sync_vs_async_test;

namespace {
const std::vector<Job> kJobs = {{"API 요청", 2}, {"파일 읽기", 3}, {"데이터베이스 조회", 1}};
const auto kActivities = job_activities(kJobs);
}  // namespace

TEST_CASE("동기 vs 비동기: 동기 버전은 작업을 하나씩 차례로 실행해 합인 6.0초가 걸린다") {
    // ::run_sync is the student's function; aio::testing::run_sync runs it on the virtual clock.
    auto r = aio::testing::run_sync([] { return ::run_sync(kJobs); });
    AIO_CHECK(one_after_another(r, kActivities[0], kActivities[1]));
    AIO_CHECK(one_after_another(r, kActivities[1], kActivities[2]));
    AIO_CHECK(took(r, 6.0));
    AIO_CHECK(returned(r, 6.0));
    AIO_CHECK(printed_exactly(r, sync_lines(kJobs, 6.0)));
}

TEST_CASE("동기 vs 비동기: 비동기 버전은 모든 작업을 함께 실행해 최댓값인 3.0초가 걸린다") {
    auto r = run_virtual(run_async(kJobs));
    AIO_CHECK(took(r, 3.0, kActivities));
    AIO_CHECK(max_in_flight(r, 3));
    AIO_CHECK(returned(r, 3.0));
    AIO_CHECK(printed_exactly(r, async_lines(kJobs, 3.0)));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("동기 vs 비동기: compare 의 출력 전체가 README 의 예시와 같다") {
    auto r = aio::testing::run_sync([] { return compare(kJobs); });
    AIO_CHECK(printed_exactly(r, compare_lines(kJobs, 6.0, 3.0)));
}

TEST_CASE("동기 vs 비동기: compare 는 잰 시간 두 개(6.0초와 3.0초)를 돌려준다") {
    auto r = aio::testing::run_sync([] { return compare(kJobs); });
    AIO_CHECK(returned_member(r, "sync_seconds", &Timing::sync_seconds, 6.0));
    AIO_CHECK(returned_member(r, "async_seconds", &Timing::async_seconds, 3.0));
}
