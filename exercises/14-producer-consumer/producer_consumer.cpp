// 연습 14: 생산자와 소비자 (README.md 를 먼저 읽으세요. 막히면 README 의 힌트를 하나씩 펼쳐 보세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)과 Producer 는 api.hpp 에 있습니다.
// 어떻게 만들지는 여러분이 정합니다: 아래 TODO 는 무엇이 일어나야 하는지만 말합니다.
#include "api.hpp"

// 생산자 한 명: 물건을 만들어 대기열에 넣습니다.
aio::task<void> producer([[maybe_unused]] int number, [[maybe_unused]] aio::Queue<std::string>& queue,
                         [[maybe_unused]] int items, [[maybe_unused]] double make_seconds) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 물건을 하나씩 make_seconds 초 걸려 만들고 (이벤트 루프를 멈추지 않고) 대기열에 넣은 뒤 넣음 문장을 출력합니다.
    //   - 대기열이 꽉 차 있으면 자리가 날 때까지 기다려야 합니다: 대기열에는 maxsize 개보다 많이 들어갈 수 없습니다.
    //   - 다 넣으면 마지막 문장을 출력합니다 (문장은 api.hpp).
    co_return;
}

// 소비자 한 명: 대기열에서 물건을 꺼내 처리하기를 끝없이 되풀이합니다.
aio::task<void> consumer([[maybe_unused]] int number, [[maybe_unused]] aio::Queue<std::string>& queue,
                         [[maybe_unused]] double work_seconds, [[maybe_unused]] std::vector<std::string>& processed) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 물건을 꺼내면 꺼냄 문장, work_seconds 초 처리한 뒤 처리 완료 문장을 출력하고 processed 에 덧붙입니다.
    //   - 물건 하나를 다 처리했다는 것을 대기열에 알려야 합니다: 그래야 "모든 일이 끝났다" 를 기다리는 쪽이 깨어납니다.
    //   - 스스로 끝나지 않습니다. 대기열이 비면 다음 물건을 기다립니다.
    co_return;
}

// 생산자와 소비자를 함께 돌리고, 일이 다 끝나면 소비자들을 깨끗이 멈춥니다.
aio::task<std::vector<std::string>> run_pipeline([[maybe_unused]] int maxsize,
                                                 [[maybe_unused]] std::vector<Producer> producers,
                                                 [[maybe_unused]] std::vector<double> consumers) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 안내 문장과 빈 줄을 출력하고, 크기 maxsize 인 대기열을 만들고, 소비자들을 먼저, 생산자들을 그다음에
    //     작업으로 시작합니다 (번호는 1 부터, 목록 순서). 모두 한꺼번에 진행되어야 합니다.
    //   - 모든 물건이 만들어지고 모두 처리될 때까지 기다립니다 (대기열이 잠깐 빈 것만으로는 끝이 아닙니다).
    //   - 그다음 소비자들을 멈추고, 정말 멈출 때까지 기다립니다: 끝날 때 남은 작업이 없어야 합니다.
    //   - 마지막 문장 (개수와 이벤트 루프의 시계로 잰 걸린 시간) 을 출력하고, 처리가 끝난 순서대로 물건을 돌려줍니다.
    //   maxsize, producers, consumers 는 매개변수입니다: 숨은 테스트는 다른 값으로도 부릅니다.
    co_return std::vector<std::string>{};  // 자리만 채운 값입니다
}
