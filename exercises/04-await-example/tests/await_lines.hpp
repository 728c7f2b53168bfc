// The lines exercise 04's tests look for, and the program's full output for a given wait.
#pragma once
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

namespace await_lines {

inline const std::string main_start = "메인 함수 시작";
inline const std::string work_start = "시간이 오래 걸리는 작업을 시작합니다...";
inline const std::string work_done = "작업이 완료되었습니다!";
inline const std::string received = "받은 결과: 결과";
inline const std::string main_end = "메인 함수 종료";

// What async_main(seconds) prints, and when: main waits at the await until the work is done.
inline std::vector<aio::testing::TimedLine> program_output(double seconds) {
    return {{0.0, main_start}, {0.0, work_start}, {seconds, work_done}, {seconds, received}, {seconds, main_end}};
}

}  // namespace await_lines
