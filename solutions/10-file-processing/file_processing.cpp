#include "api.hpp"

aio::task<std::string> process_file(std::string name, double size_mb, double seconds_per_mb) {
    aio::print("{} 처리 시작... ({}MB)", name, size_mb);
    double processing_time = size_mb * seconds_per_mb;  // time proportional to size
    co_await aio::sleep(processing_time);
    aio::print("{} 처리 완료! ({:.1f}초)", name, processing_time);
    co_return name + " (처리 완료)";
}

aio::task<std::vector<std::string>> process_files(std::vector<FileInfo> files, double seconds_per_mb) {
    aio::print("파일 {}개를 동시에 처리합니다.", files.size());
    double start_time = aio::loop_time();

    std::vector<aio::task<std::string>> jobs;
    for (const FileInfo& file : files) jobs.push_back(process_file(file.name, file.size_mb, seconds_per_mb));
    // gather returns the results in argument order, whichever file finished first.
    std::vector<std::string> results = co_await aio::gather(std::move(jobs));

    double end_time = aio::loop_time();
    aio::print("모든 파일 처리 완료! 총 {:.1f}초 걸렸습니다.", end_time - start_time);
    co_return results;
}
