// 연습문제 1 숨은 테스트: 다른 시드, 다른 개수, 다른 범위. 값은 모두 CPython 의 random 으로 뽑은 것입니다.
#include "../tests/expected.hpp"

#include "api.hpp"

using namespace aio::testing;
using namespace random_waits_test;

namespace {
// python3 -c "import random; random.seed(S); print([random.uniform(A, B) for _ in range(N)])"
const std::vector<double> kSeed42 = {3.557707193831535, 1.1000430208906677, 2.100117273476477, 1.892842952595291,
                                     3.9458848566560496};
const std::vector<double> kSeed7 = {2.2953310593326495, 1.6033966956980077, 3.603737892159415, 1.289745146670171,
                                    3.143528017226757};
const std::vector<double> kSeed3Eight = {0.7379646270918914, 1.0442292252959517, 0.8699551665480793,
                                         1.1039200385961945, 1.1257203041080541, 0.5655288592398131,
                                         0.5131679915548741, 1.3374690820964599};  // uniform(0.5, 1.5) x 8
const std::vector<double> kSeed2024One = {2.8803628737242826};

void check_all(const Run<std::vector<double>>& r, const std::vector<double>& delays) {
    AIO_CHECK(took(r, longest(delays), wait_activities(delays)));
    AIO_CHECK(max_in_flight(r, delays.size(), "random_wait"));
    AIO_CHECK(printed_exactly(r, whole_output(delays)));
    AIO_CHECK(returned(r, delays));
    AIO_CHECK(finished_cleanly(r));
}
}  // namespace

TEST_CASE("임의 대기(숨김): 시드 42 로도 파이썬과 같은 시간에 함께 끝난다") {
    check_all(run_virtual(run_random_waits(42, 5, 1, 5)), kSeed42);
}

TEST_CASE("임의 대기(숨김): 시드 7 - 끝나는 순서는 짧은 순이고 돌려주는 순서는 작업 번호 순") {
    check_all(run_virtual(run_random_waits(7, 5, 1, 5)), kSeed7);
}

TEST_CASE("임의 대기(숨김): 작업 8개 0.5초에서 1.5초 (시드 3) - 여덟 개가 한꺼번에 진행된다") {
    check_all(run_virtual(run_random_waits(3, 8, 0.5, 1.5)), kSeed3Eight);
}

TEST_CASE("임의 대기(숨김): 작업이 하나뿐이어도 된다 (시드 2024)") {
    check_all(run_virtual(run_random_waits(2024, 1, 1, 5)), kSeed2024One);
}
