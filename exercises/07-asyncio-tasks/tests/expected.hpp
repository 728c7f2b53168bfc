// What the asyncio_tasks program prints (shared by the public and hidden tests). Each test lists
// the whole expected output with literal times (checked against CPython's asyncio on a virtual
// clock); these helpers only spell the lines and the stretches between them.
#pragma once
#include <string>
#include <string_view>

#include <aio/testing/testing.hpp>

namespace asyncio_tasks_test {

inline const std::string cleanup = "데이터베이스 정리";
inline const std::string compress = "로그 파일 압축";

inline const std::string main_start = "메인 작업 시작";
inline const std::string work_start = "다른 중요한 작업을 처리합니다...";
inline const std::string work_done = "중요한 작업 완료!";
inline const std::string all_done = "모든 작업 완료: 데이터베이스 정리 완료, 로그 파일 압축 완료";

inline std::string start_line(std::string_view name) { return fmt::format("{} 백그라운드 작업 시작", name); }
inline std::string done_line(std::string_view name) { return fmt::format("{} 백그라운드 작업 완료", name); }

// The main coroutine's own work, and each background job, as the stretch between its lines.
inline const aio::testing::Activity main_work = aio::testing::between_lines("메인의 중요한 작업", work_start, work_done);
inline aio::testing::Activity background(const std::string& name) {
    return aio::testing::between_lines(name, start_line(name), done_line(name));
}

}  // namespace asyncio_tasks_test
