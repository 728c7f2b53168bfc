// The breakfast of exercises 01 (blocking) and 02 (gather): the chapter prints the same lines in
// both, so both judge the two kinds of work through them.
#pragma once
#include <string>

#include <aio/testing/testing.hpp>

namespace breakfast {

inline const std::string coffee_start = "커피를 끓이기 시작합니다...";
inline const std::string coffee_done = "커피가 완성되었습니다!";
inline const std::string toast_start = "토스트를 굽기 시작합니다...";
inline const std::string toast_done = "토스트가 완성되었습니다!";

inline const aio::testing::Activity coffee = aio::testing::between_lines("커피 끓이기", coffee_start, coffee_done);
inline const aio::testing::Activity toast = aio::testing::between_lines("토스트 굽기", toast_start, toast_done);

inline std::string summary(double seconds) { return fmt::format("아침식사 준비 완료! 총 {:.1f}초 걸렸습니다.", seconds); }

}  // namespace breakfast
