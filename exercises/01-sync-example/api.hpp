#pragma once
#include <string>
#include <vector>

// 커피와 토스트를 차례로(동기적으로) 준비합니다 (챕터: sync_example.py).
// 코루틴이 아닌 평범한 함수입니다. 기다릴 때는 std::this_thread::sleep_for 를, 시간을 잴 때는
// std::chrono::steady_clock 을 씁니다 (--virtual 에서는 둘 다 가상 시계를 따릅니다).

// "커피를 끓이기 시작합니다..." 를 출력하고 brew_seconds 초 동안 멈춰 있다가
// "커피가 완성되었습니다!" 를 출력한 뒤 "커피" 를 돌려줍니다.
std::string make_coffee(double brew_seconds = 3);

// "토스트를 굽기 시작합니다..." 를 출력하고 toast_seconds 초 동안 멈춰 있다가
// "토스트가 완성되었습니다!" 를 출력한 뒤 "토스트" 를 돌려줍니다.
std::string make_toast(double toast_seconds = 2);

// make_coffee 가 끝난 다음에 make_toast 를 부르고, 걸린 시간을
// "아침식사 준비 완료! 총 {:.1f}초 걸렸습니다." 로 출력한 뒤 {커피, 토스트} 를 돌려줍니다.
std::vector<std::string> prepare_breakfast(double brew_seconds = 3, double toast_seconds = 2);
