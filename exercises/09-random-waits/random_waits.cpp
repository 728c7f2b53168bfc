// 연습문제 1: 임의 시간 기다리기 (README.md 를 먼저 읽으세요. 막히면 README 의 힌트를 하나씩 펼쳐 보세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
// 어떻게 만들지는 여러분이 정합니다: 아래 TODO 는 무엇이 일어나야 하는지만 말합니다.
#include "api.hpp"

// 작업 하나: 임의의 시간 동안 기다렸다가 그 시간을 돌려줍니다.
aio::task<double> random_wait([[maybe_unused]] int number, [[maybe_unused]] double min_seconds,
                              [[maybe_unused]] double max_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 기다릴 시간 delay 는 min_seconds 이상 max_seconds 이하의 난수입니다. api.hpp 에 적힌 난수 함수를
    //     작업마다 정확히 한 번만 부르세요: 그래야 시드가 같을 때 파이썬과 똑같은 시간이 나옵니다.
    //   - 기다리기 전과 기다린 뒤에 api.hpp 의 두 문장을 출력합니다 (delay 는 소수 둘째 자리까지).
    //   - 기다리는 동안 다른 작업들도 진행되어야 합니다: 이벤트 루프 전체를 멈추는 기다림은 안 됩니다.
    //   테스트는 가상 시계로 각 작업이 정확히 delay 초 뒤에 끝나는지 봅니다.
    co_return 0.0;  // 자리만 채운 값입니다
}

// 작업 count 개를 동시에 실행하고, 각 작업의 대기 시간을 돌려줍니다.
aio::task<std::vector<double>> run_random_waits([[maybe_unused]] std::int64_t seed,
                                                [[maybe_unused]] int count,
                                                [[maybe_unused]] double min_seconds,
                                                [[maybe_unused]] double max_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 난수를 뽑기 전에 seed 로 초기화합니다 (같은 seed 면 언제나 같은 대기 시간).
    //   - 안내 문장을 출력하고, 작업 1 ~ count 가 모두 0초에 함께 시작해 한꺼번에 진행되게 합니다.
    //     전체 시간은 대기 시간의 합이 아니라 가장 긴 대기 시간이어야 합니다.
    //   - 모두 끝나면 가장 긴 대기 시간과 총 소요 시간(이벤트 루프의 시계로 잰 것)을 출력합니다.
    //   - 대기 시간들을 끝난 순서가 아니라 작업 번호 순서로 돌려줍니다.
    //   count, min_seconds, max_seconds 는 매개변수입니다: 숨은 테스트는 다른 값으로도 부릅니다.
    co_return std::vector<double>{};  // 자리만 채운 값입니다
}
