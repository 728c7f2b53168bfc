#include "api.hpp"

#include <iostream>

aio::task<void> count_up(int ticks, double interval) {
    for (int i = 1; i <= ticks; ++i) {
        co_await aio::sleep(interval);
        aio::print("카운트: {}", i);
    }
}

aio::task<void> read_inputs(std::vector<std::string>& inputs, std::string quit_word) {
    while (true) {
        std::string line;
        try {
            if (!std::getline(std::cin, line)) throw aio::EofError();
        } catch (const aio::EofError&) {
            break;
        }
        if (line == quit_word) break;
        aio::print("입력 받음: {}", line);
        inputs.push_back(line);
    }
    aio::print("입력을 마칩니다.");
}

aio::task<CounterResult> run_counter(int ticks, double interval, std::string quit_word) {
    aio::print("카운터를 시작합니다: {}초마다 {}번 셉니다. (입력 종료: {})", interval, ticks, quit_word);
    CounterResult result;
    aio::Task<void> counter = aio::create_task(count_up(ticks, interval));
    aio::Task<void> reader = aio::create_task(read_inputs(result.inputs, quit_word));

    co_await counter;
    if (!reader.done()) {
        // Nobody will type the line the reader is waiting for in time: stop it, and wait until it
        // has really unwound so no task outlives run_counter.
        reader.cancel();
        try {
            co_await reader;
        } catch (const aio::CancelledError&) {
        }
        result.input_cancelled = true;
        aio::print("입력 대기를 취소했습니다.");
    }
    aio::print("카운트 종료! 받은 입력 {}개: [{}]", result.inputs.size(), fmt::join(result.inputs, ", "));
    co_return result;
}
