// 연습문제 1 공개 테스트: 시드 1, 작업 5개, 1~5초 (README 의 예시 그대로).
#include "expected.hpp"

#include "api.hpp"

using namespace aio::testing;
using namespace random_waits_test;

namespace {
// python3 -c "import random; random.seed(1); print([random.uniform(1, 5) for _ in range(5)])"
const std::vector<double> kSeed1 = {1.5374569764496049, 4.389734947748931, 4.055098475906457, 2.020276102957687,
                                    2.981740348367764};
}  // namespace

TEST_CASE("임의 대기: 다섯 작업이 0초에 함께 시작해 가장 긴 대기 시간(4.39초)에 끝난다") {
    auto r = run_virtual(run_random_waits(1, 5, 1, 5));
    AIO_CHECK(took(r, longest(kSeed1), wait_activities(kSeed1)));
    AIO_CHECK(printed_at(r, start_line(5, kSeed1[4]), 0.0));  // the last one to start: all of them at 0
}

TEST_CASE("임의 대기: 다섯 작업이 한꺼번에 진행된다") {
    auto r = run_virtual(run_random_waits(1, 5, 1, 5));
    AIO_CHECK(max_in_flight(r, 5, "random_wait"));
    AIO_CHECK(overlap(r, wait_activity(1, kSeed1[0]), wait_activity(5, kSeed1[4])));
    AIO_CHECK(finished_cleanly(r));
}

TEST_CASE("임의 대기: 출력 전체가 README 의 예시와 같다 (시드 1)") {
    auto r = run_virtual(run_random_waits(1, 5, 1, 5));
    AIO_CHECK(printed_exactly(r, whole_output(kSeed1)));
}

TEST_CASE("임의 대기: 대기 시간을 작업 번호 순서대로 돌려준다 (시드 1)") {
    auto r = run_virtual(run_random_waits(1, 5, 1, 5));
    AIO_CHECK(returned(r, kSeed1));
}
