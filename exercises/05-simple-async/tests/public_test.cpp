// Exercise 05, public tests: the chapter's run (문서.pdf 3MB) with random seeded to 1, where the
// connection check draws 0.134... > 0.1 and succeeds.
#include "expected.hpp"

#include "../api.hpp"

using namespace aio::testing;
using namespace simple_async_test;

namespace {
// python3 -c "import random; random.seed(1); print(random.random())"   -> 0.13436424411240122 (정상)
const Steps kChapter = {"문서.pdf", 3, "다운로드가 완료되었습니다!", true, 1.0, 2.5, 3.0};
}  // namespace

TEST_CASE("차례로 실행: 연결 확인 1.0초 → 다운로드 2.5초 → 알림 3.0초") {
    auto r = run_virtual(async_main("문서.pdf", 3, "다운로드가 완료되었습니다!"), {.seed = 1});
    AIO_CHECK(printed_at(r, check_ok, 1.0));
    AIO_CHECK(printed_at(r, download_done("문서.pdf"), 2.5));
    AIO_CHECK(printed_at(r, notify_done, 3.0));
    AIO_CHECK(took(r, 3.0));
}

TEST_CASE("차례로 실행: 앞 단계가 끝나야 다음 단계가 시작된다") {
    auto r = run_virtual(async_main("문서.pdf", 3, "다운로드가 완료되었습니다!"), {.seed = 1});
    AIO_CHECK(printed_at(r, download_start("문서.pdf", 3), 1.0));
    AIO_CHECK(printed_at(r, notify_start("다운로드가 완료되었습니다!"), 2.5));
    check_one_after_another(r, kChapter);
}

TEST_CASE("연결 확인: 시드 1 이면 1초 뒤 연결 정상을 알리고 true 를 돌려준다") {
    auto r = run_virtual(check_internet_connection(1), {.seed = 1});
    AIO_CHECK(printed_exactly(r, {{0.0, check_start}, {1.0, check_ok}}));
    AIO_CHECK(returned(r, true));
}

TEST_CASE("download_file: 3MB 는 1.5초 뒤에 끝나고 결과 문자열을 돌려준다") {
    auto r = run_virtual(download_file("문서.pdf", 3));
    AIO_CHECK(printed_exactly(r, {{0.0, download_start("문서.pdf", 3)}, {1.5, download_done("문서.pdf")}}));
    AIO_CHECK(returned(r, "문서.pdf (완료)"));
}

TEST_CASE("출력 전체가 챕터의 실행 결과와 같다 (시드 1)") {
    auto r = run_virtual(async_main(), {.seed = 1});  // the defaults are the chapter's arguments
    AIO_CHECK(printed_exactly(r, whole_output(kChapter)));
}

TEST_CASE("블로킹 sleep 과 경고 없이 3.0초에 끝난다") {
    auto r = run_virtual(async_main(), {.seed = 1});
    AIO_CHECK(took(r, 3.0));
    AIO_CHECK(finished_cleanly(r));
}
