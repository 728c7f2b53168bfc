// 연습문제 2: 파일 처리 시뮬레이션 (README.md 를 먼저 읽으세요. 막히면 README 의 힌트를 하나씩 펼쳐 보세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
// 어떻게 만들지는 여러분이 정합니다: 아래 TODO 는 무엇이 일어나야 하는지만 말합니다.
#include "api.hpp"

// 파일 하나를 처리하는 흉내: 크기에 비례하는 시간이 걸립니다.
aio::task<std::string> process_file([[maybe_unused]] std::string name, [[maybe_unused]] double size_mb,
                                    [[maybe_unused]] double seconds_per_mb) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 처리 시간은 size_mb * seconds_per_mb 초입니다 (크기가 0 이면 0초).
    //   - 시작할 때와 끝날 때 api.hpp 의 두 문장을 출력합니다 (크기는 "{}" 형식, 처리 시간은 소수 첫째 자리).
    //   - 처리 시간 동안 다른 파일들도 진행되어야 합니다: 이벤트 루프 전체를 멈추는 기다림은 안 됩니다.
    //   - api.hpp 에 적힌 결과 문자열을 돌려줍니다.
    co_return std::string{};  // 자리만 채운 값입니다
}

// 모든 파일을 동시에 처리하고, 결과를 files 의 순서대로 돌려줍니다.
aio::task<std::vector<std::string>> process_files([[maybe_unused]] std::vector<FileInfo> files,
                                                  [[maybe_unused]] double seconds_per_mb) {
    aio::todo();  // TODO: 이 줄을 지우고 아래 설명대로 작성하세요 (남아 있으면 테스트가 "아직 구현하지 않음" 을 알립니다)
    // TODO: 이 함수가 해야 할 일
    //   - 안내 문장을 출력하고, 모든 파일의 처리가 0초에 함께 시작해 한꺼번에 진행되게 합니다.
    //     전체 시간은 처리 시간의 합이 아니라 가장 큰 파일의 처리 시간이어야 합니다.
    //   - 모두 끝나면 걸린 시간(이벤트 루프의 시계로 잰 것)을 api.hpp 의 문장으로 출력합니다.
    //   - 결과는 끝난 순서가 아니라 files 와 같은 순서로 돌려줍니다.
    //   파일 목록은 매개변수입니다: 숨은 테스트는 파일 1개, 5개, 크기 0 인 파일 같은 목록으로도 부릅니다.
    co_return std::vector<std::string>{};  // 자리만 채운 값입니다
}
