#pragma once
#include <aio/aio.hpp>
#include <string>
#include <vector>

// 연습문제 2: 크기가 서로 다른 파일 3개를 동시에 처리합니다. 처리 시간은 파일 크기에 비례합니다.

// 처리할 파일 하나: 이름과 크기(MB).
struct FileInfo {
    std::string name;
    double size_mb;
};

// 문제의 기본 파일 세 개: 메모.txt 1MB, 사진.jpg 3MB, 동영상.mp4 6MB.
inline std::vector<FileInfo> sample_files() { return {{"메모.txt", 1}, {"사진.jpg", 3}, {"동영상.mp4", 6}}; }

// "{name} 처리 시작... ({size_mb}MB)" 를 출력하고 (크기는 {} 형식: 3 → "3", 2.5 → "2.5"),
// size_mb * seconds_per_mb 초를 (비동기로) 기다린 뒤 "{name} 처리 완료! ({처리 시간:.1f}초)" 를
// 출력하고 "{name} (처리 완료)" 를 돌려줍니다. 크기가 0 인 파일은 0초 만에 끝납니다.
aio::task<std::string> process_file(std::string name, double size_mb, double seconds_per_mb = 0.5);

// "파일 {n}개를 동시에 처리합니다." 를 출력하고, 모든 파일의 process_file 을 aio::gather 로 동시에
// 실행합니다. 모두 끝나면 "모든 파일 처리 완료! 총 {걸린 시간:.1f}초 걸렸습니다." 를 출력하고
// 각 파일의 결과를 files 와 같은 순서로 돌려줍니다 (끝난 순서가 아닙니다).
// 걸린 시간은 aio::loop_time() 으로 잽니다.
aio::task<std::vector<std::string>> process_files(std::vector<FileInfo> files = sample_files(),
                                                  double seconds_per_mb = 0.5);
