// 연습문제 2: 파일 처리 시뮬레이션 (README.md 를 먼저 읽으세요).
// 이 파일만 고치면 됩니다. 함수의 모양(이름, 매개변수, 반환형)은 api.hpp 와 같아야 합니다.
#include "api.hpp"

aio::task<std::string> process_file([[maybe_unused]] std::string name, [[maybe_unused]] double size_mb,
                                    [[maybe_unused]] double seconds_per_mb) {
    // TODO 1: "{name} 처리 시작... ({size_mb}MB)" 를 aio::print 로 출력하세요 (크기는 "{}" 형식).
    // TODO 2: 처리 시간 = size_mb * seconds_per_mb 초 동안 co_await aio::sleep(...) 으로 기다리세요.
    // TODO 3: "{name} 처리 완료! ({처리 시간:.1f}초)" 를 출력하고 "{name} (처리 완료)" 를 co_return 하세요.
    co_return std::string{};  // TODO: 지우고 위 내용을 작성하세요
}

aio::task<std::vector<std::string>> process_files([[maybe_unused]] std::vector<FileInfo> files,
                                                  [[maybe_unused]] double seconds_per_mb) {
    // TODO 1: "파일 {files.size()}개를 동시에 처리합니다." 를 출력하고 aio::loop_time() 으로 시작 시각을 재세요.
    // TODO 2: 파일마다 process_file(...) 을 std::vector<aio::task<std::string>> 에 담고
    //         co_await aio::gather(std::move(작업들)) 로 한꺼번에 기다리세요.
    // TODO 3: "모든 파일 처리 완료! 총 {걸린 시간:.1f}초 걸렸습니다." 를 출력하고 결과들을 co_return 하세요.
    co_return std::vector<std::string>{};  // TODO: 지우고 위 내용을 작성하세요
}
