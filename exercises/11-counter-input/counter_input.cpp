// 연습문제 3: 카운터와 입력을 동시에 (README.md 를 먼저 읽으세요. 막히면 README 의 힌트를 하나씩 펼쳐 보세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
// 어떻게 만들지는 여러분이 정합니다: 아래 TODO 는 무엇이 일어나야 하는지만 말합니다.
#include "api.hpp"

// 카운터: interval 초마다 한 번씩 ticks 번 셉니다.
aio::task<void> count_up([[maybe_unused]] int ticks, [[maybe_unused]] double interval) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - interval, 2 × interval, ..., ticks × interval 초에 "카운트: {i}" 를 한 줄씩 출력합니다.
    //   - 기다리는 동안 입력 작업이 진행되어야 합니다: 이벤트 루프 전체를 멈추는 기다림은 안 됩니다.
    //   테스트는 카운트가 정확히 interval 초 간격으로 찍히는지 가상 시계로 봅니다.
    co_return;
}

// 입력 작업: 한 줄씩 받아 inputs 에 모읍니다.
aio::task<void> read_inputs([[maybe_unused]] std::vector<std::string>& inputs,
                            [[maybe_unused]] std::string quit_word) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일 (README 의 "입력 규칙" 표)
    //   - 줄이 들어오는 대로 그 시각에 받아 "입력 받음: {줄}" 을 출력하고 inputs 뒤에 붙입니다.
    //   - 종료 단어가 들어오거나 입력이 끝나면 "입력을 마칩니다." 를 출력하고 끝냅니다 (종료 단어는 넣지 않음).
    //   - 입력을 기다리는 동안 카운터가 멈추면 안 됩니다: std::cin 처럼 이벤트 루프 전체를 멈추는 입력은
    //     쓸 수 없습니다. api.hpp 에 이 키트의 비동기 입력이 적혀 있습니다.
    //   - 언제든 취소될 수 있습니다: 그때까지 받은 줄은 inputs 에 남아 있어야 합니다.
    co_return;
}

// 카운터와 입력 작업을 함께 돌리고, 카운터가 끝나면 정리해서 결과를 돌려줍니다.
aio::task<CounterResult> run_counter([[maybe_unused]] int ticks, [[maybe_unused]] double interval,
                                     [[maybe_unused]] std::string quit_word) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일 (출력 문장은 api.hpp)
    //   - 시작 안내를 출력하고, 카운터와 입력 작업이 0초부터 동시에 진행되게 합니다.
    //   - 끝나는 시각은 카운터가 정합니다: 입력과 상관없이 정확히 ticks × interval 초에 끝납니다.
    //     종료 단어나 입력 끝은 입력 작업만 끝낼 뿐, 카운터는 끝까지 셉니다.
    //   - 카운터가 끝났을 때 입력 작업이 아직 입력을 기다리고 있으면 그 작업을 멈추게 하고, 정말 멈춘 것을
    //     확인한 뒤 "입력 대기를 취소했습니다." 를 출력하고 input_cancelled 를 true 로 합니다.
    //     이미 끝난 입력 작업은 건드리지 않습니다. 어느 쪽이든 기다리지 않고 남겨 둔 작업이 있으면 안 됩니다.
    //   - 받은 줄들을 받은 순서대로 ", " 로 이어 마지막 문장을 출력하고 결과를 돌려줍니다.
    co_return CounterResult{};  // 자리만 채운 값입니다
}
