// The chapter's breakfast, made in exercises 01 (blocking) and 02 (gather): both print the same
// lines, so both exercises' tests judge the two kinds of work through them. Here rather than in
// one exercise's tests so that each exercise's tests stand alone (a student pack or a grader run
// may hold one exercise only).
//   #include <aio/testing/breakfast.hpp>   using namespace aio::testing::breakfast;
#pragma once
#include <string>

#include "aio/testing/testing.hpp"

namespace aio::testing::breakfast {

inline const std::string coffee_start = "커피를 끓이기 시작합니다...";
inline const std::string coffee_done = "커피가 완성되었습니다!";
inline const std::string toast_start = "토스트를 굽기 시작합니다...";
inline const std::string toast_done = "토스트가 완성되었습니다!";

inline const Activity coffee = between_lines("커피 끓이기", coffee_start, coffee_done);
inline const Activity toast = between_lines("토스트 굽기", toast_start, toast_done);

inline std::string summary(double seconds) { return fmt::format("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", seconds); }

}  // namespace aio::testing::breakfast
