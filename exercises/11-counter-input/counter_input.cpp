// 연습문제 3: 카운터와 입력을 동시에 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
#include "api.hpp"

aio::task<void> count_up([[maybe_unused]] int ticks, [[maybe_unused]] double interval) {
    // TODO: i = 1 부터 ticks 까지, co_await aio::sleep(interval) 로 기다린 뒤 "카운트: {i}" 를 출력하세요.
    //       (std::this_thread::sleep_for 를 쓰면 그동안 입력을 하나도 받지 못합니다!)
    co_return;  // TODO: 지우고 위 내용을 작성하세요
}

aio::task<void> read_inputs([[maybe_unused]] std::vector<std::string>& inputs,
                            [[maybe_unused]] std::string quit_word) {
    // TODO 1: 반복하면서 std::string line = co_await aio::input(); 으로 한 줄씩 받으세요.
    //         입력이 끝나면 aio::input() 이 aio::EofError 를 던집니다: try/catch 로 받아 반복을 끝내세요.
    // TODO 2: line 이 quit_word 이면 반복을 끝내세요. 아니면 "입력 받음: {line}" 을 출력하고 inputs 에 넣으세요.
    // TODO 3: 반복이 끝나면 "입력을 마칩니다." 를 출력하세요.
    co_return;  // TODO: 지우고 위 내용을 작성하세요
}

aio::task<CounterResult> run_counter([[maybe_unused]] int ticks, [[maybe_unused]] double interval,
                                     [[maybe_unused]] std::string quit_word) {
    // TODO 1: 시작 안내 문장을 출력하세요 (api.hpp 참고).
    // TODO 2: CounterResult result; 를 만들고
    //         aio::Task<void> counter = aio::create_task(count_up(ticks, interval));
    //         aio::Task<void> reader = aio::create_task(read_inputs(result.inputs, quit_word));
    //         로 두 작업을 동시에 시작한 뒤 co_await counter; 로 카운터가 끝나기를 기다리세요.
    // TODO 3: reader.done() 이 아니면 reader.cancel() 하고, try { co_await reader; } catch
    //         (const aio::CancelledError&) {} 로 취소가 끝나기를 기다린 뒤 result.input_cancelled = true;
    //         "입력 대기를 취소했습니다." 를 출력하세요.
    // TODO 4: "카운트 종료! 받은 입력 {개수}개: [{줄들을 ", " 로 이은 것}]" 을 출력하고 result 를 co_return 하세요.
    //         (줄 잇기: fmt::join(result.inputs, ", "))
    co_return CounterResult{};  // TODO: 지우고 위 내용을 작성하세요
}
