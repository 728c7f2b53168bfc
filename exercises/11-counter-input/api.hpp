#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 연습문제 3: 10초 동안 매초 카운트를 출력하면서, 동시에 사용자 입력을 받습니다.

// run_counter 가 돌려주는 결과.
struct CounterResult {
    std::vector<std::string> inputs;  // 받은 입력 줄들 (종료 단어는 빼고), 받은 순서대로
    bool input_cancelled = false;     // 카운터가 끝났을 때 아직 입력을 기다리던 중이라 취소했으면 true
};

// i = 1, 2, ..., ticks 마다 interval 초를 (비동기로) 기다린 뒤 "카운트: {i}" 를 출력합니다.
// 기본값이면 1초, 2초, ..., 10초에 한 줄씩 출력하고 10초에 끝납니다.
aio::task<void> count_up(int ticks = 10, double interval = 1);

// co_await aio::input() 으로 한 줄씩 받습니다 (프롬프트 없이). 받은 줄이 quit_word 와 같거나 입력이
// 끝나면 (aio::EofError) "입력을 마칩니다." 를 출력하고 끝납니다. 그 밖의 줄은 "입력 받음: {줄}" 을
// 출력하고 inputs 뒤에 붙입니다. inputs 는 부르는 쪽(run_counter)의 변수입니다: 이 작업이 중간에
// 취소되어도 그때까지 받은 줄은 남아 있어야 하기 때문입니다.
aio::task<void> read_inputs(std::vector<std::string>& inputs, std::string quit_word = "q");

// 1. "카운터를 시작합니다: {interval}초마다 {ticks}번 셉니다. (입력 종료: {quit_word})"
//    를 출력합니다 (interval 은 {} 형식: 1 → "1", 0.5 → "0.5").
// 2. count_up 과 read_inputs 를 aio::create_task 로 동시에 시작하고, count_up 이 끝나기를 기다립니다.
// 3. 그때 read_inputs 가 아직 입력을 기다리고 있으면 cancel() 로 취소하고, 취소가 끝나기를 기다린 뒤
//    (co_await 하면 aio::CancelledError 가 납니다) "입력 대기를 취소했습니다." 를 출력합니다.
//    이미 끝났으면 (종료 단어나 입력 끝) 아무것도 취소하지 않습니다.
// 4. "카운트 종료! 받은 입력 {개수}개: [{줄1}, {줄2}, ...]" 를 출력하고 결과를 돌려줍니다.
// 카운터는 입력과 상관없이 정확히 ticks * interval 초 동안 돌고, 프로그램도 그때 끝납니다.
aio::task<CounterResult> run_counter(int ticks = 10, double interval = 1, std::string quit_word = "q");
