// What process_files must print and return (shared by the public and hidden tests). Every case
// states each file's processing time as a literal, so no expected time comes from the code under
// test.
#pragma once
#include <string>
#include <vector>

#include <aio/testing/testing.hpp>

#include "api.hpp"

namespace file_processing_test {

struct Expected {
    FileInfo file;
    double seconds;  // size_mb * seconds_per_mb, written out by hand
};

inline std::vector<FileInfo> files_of(const std::vector<Expected>& cases) {
    std::vector<FileInfo> out;
    for (const Expected& c : cases) out.push_back(c.file);
    return out;
}

inline std::string start_line(const Expected& c) { return fmt::format("{} 처리 시작... ({}MB)", c.file.name, c.file.size_mb); }
inline std::string done_line(const Expected& c) { return fmt::format("{} 처리 완료! ({:.1f}초)", c.file.name, c.seconds); }

inline aio::testing::Activity processing(const Expected& c) {
    return aio::testing::between_lines(c.file.name, start_line(c), done_line(c));
}
inline std::vector<aio::testing::Activity> all_processing(const std::vector<Expected>& cases) {
    return aio::testing::activities(cases, processing);
}

inline double longest(const std::vector<Expected>& cases) { return aio::testing::longest(cases, &Expected::seconds); }

inline std::vector<std::string> results_of(const std::vector<Expected>& cases) {
    std::vector<std::string> out;
    for (const Expected& c : cases) out.push_back(c.file.name + " (처리 완료)");
    return out;
}

// The whole output when every file starts at 0 (processing times must be distinct, so the order
// of the "완료" lines is the order of the times).
inline std::vector<aio::testing::TimedLine> whole_output(const std::vector<Expected>& cases) {
    std::vector<aio::testing::TimedLine> lines{{0.0, fmt::format("파일 {}개를 동시에 처리합니다.", cases.size())}};
    for (const Expected& c : cases) lines.push_back({0.0, start_line(c)});
    for (auto& l : aio::testing::finish_lines(cases, 0.0, &Expected::seconds, done_line)) lines.push_back(l);
    const double total = longest(cases);
    lines.push_back({total, fmt::format("모든 파일 처리 완료! 총 {:.1f}초 걸렸습니다.", total)});
    return lines;
}

}  // namespace file_processing_test
