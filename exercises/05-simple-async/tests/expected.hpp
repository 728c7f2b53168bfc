// What the simple_async functions print (shared by the public and hidden tests). Every time a
// test expects is a literal in the test itself; these helpers only spell out the lines.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <aio/testing/testing.hpp>

namespace simple_async_test {

inline const std::string check_start = "인터넷 연결 상태 확인 중...";
inline const std::string check_ok = "인터넷 연결 정상!";
inline const std::string check_failed = "인터넷 연결 실패!";
inline const std::string notify_done = "알림 전송 완료!";

inline std::string download_start(std::string_view file, int size_mb) {
    return fmt::format("{} 다운로드 시작... ({}MB)", file, size_mb);
}
inline std::string download_done(std::string_view file) { return fmt::format("{} 다운로드 완료!", file); }
inline std::string notify_start(std::string_view message) { return fmt::format("알림 전송 중: {}", message); }

// The three steps as stretches between their lines (async_main awaits them inline: no tasks).
inline aio::testing::Activity connection_check(bool connected) {
    return aio::testing::between_lines("연결 확인", check_start, connected ? check_ok : check_failed);
}
inline aio::testing::Activity download(std::string_view file, int size_mb) {
    return aio::testing::between_lines("다운로드", download_start(file, size_mb), download_done(file));
}
inline aio::testing::Activity notification(std::string_view message) {
    return aio::testing::between_lines("알림 전송", notify_start(message), notify_done);
}

// One async_main run: what it was given, what the connection check draws, and when each step
// ends (written out by hand in every test).
struct Steps {
    std::string file;
    int size_mb;
    std::string message;
    bool connected;
    double check_end;
    double download_end;
    double notify_end;
};

// The whole output of async_main: each step starts when the previous one ended.
inline std::vector<aio::testing::TimedLine> whole_output(const Steps& s) {
    return {{0.0, check_start},
            {s.check_end, s.connected ? check_ok : check_failed},
            {s.check_end, download_start(s.file, s.size_mb)},
            {s.download_end, download_done(s.file)},
            {s.download_end, notify_start(s.message)},
            {s.notify_end, notify_done}};
}

// Each step ran only after the previous one had finished.
inline void check_one_after_another(const aio::testing::RunReport& r, const Steps& s) {
    AIO_CHECK(aio::testing::one_after_another(r, connection_check(s.connected), download(s.file, s.size_mb)));
    AIO_CHECK(aio::testing::one_after_another(r, download(s.file, s.size_mb), notification(s.message)));
}

}  // namespace simple_async_test
