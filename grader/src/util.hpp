// Small helpers shared by every stage: hashing, files, text checks, JSON I/O.
#pragma once
#include <cstdint>
#include <functional>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace grader {

namespace fs = std::filesystem;
using json = nlohmann::json;

// SHA-256, incremental. Cache keys must not collide even for adversarial inputs, so no FNV here.
class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view data);
    // Length-prefixed field: update_field("a")+("bc") differs from ("ab")+("c").
    Sha256& field(std::string_view data);
    std::string hex();

private:
    void block(const unsigned char* p);
    std::uint32_t h_[8];
    unsigned char buf_[64];
    std::size_t buffered_ = 0;
    std::uint64_t total_ = 0;
};
std::string sha256_hex(std::string_view data);
// Hash of the running grader executable and its helpers: cached results are only reused by the
// same grader.
const std::string& grader_binary_hash();
// A helper program built with the grader and installed beside it (grader-lifeline, grader-steps);
// throws if it is missing.
const std::string& helper_program(const char* name);

std::optional<std::string> read_file(const fs::path& path, std::size_t max_bytes = SIZE_MAX);
// Writes via a temporary file in the same directory and rename(2): readers and a resumed run see
// either the old or the new content, never half a file.
void write_file_atomic(const fs::path& path, std::string_view content);
// Removes the temporary files write_file_atomic leaves when its process is killed mid-write,
// anywhere under `dir`; returns how many. `any_writer`: the directory belongs to this run alone
// (the output directory). `of_dead_writers`: it may be shared with a live run (the kit cache).
enum class StaleTemps { any_writer, of_dead_writers };
int remove_stale_temps(const fs::path& dir, StaleTemps which);
json read_json(const fs::path& path);  // throws on missing/invalid
void write_json_atomic(const fs::path& path, const json& value);
// JSON text that never throws on invalid UTF-8 (student output can contain anything).
std::string dump_json(const json& value, int indent = 2);

// Offset of the first byte that is not valid UTF-8, or nullopt.
std::optional<std::size_t> invalid_utf8_offset(std::string_view text);
// A control character other than tab/newline/CR/FF/VT (or NUL) means "not a text file".
std::optional<std::size_t> binary_byte_offset(std::string_view text);
// Replaces invalid UTF-8 sequences with U+FFFD and clips to max_bytes (at a character boundary).
std::string sanitize_text(std::string_view text, std::size_t max_bytes = SIZE_MAX);
// One line of a report: at most max_bytes, cut at a UTF-8 character boundary and ended with "..." when cut.
std::string clip_line(std::string_view text, std::size_t max_bytes);

std::string trim(std::string_view s);
std::vector<std::string> split_lines(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool contains(std::string_view s, std::string_view needle);
std::string replace_all(std::string s, std::string_view from, std::string_view to);
std::string random_hex(std::size_t bytes);
std::string format_duration(double seconds);  // "1:05", "12.3 s"

}  // namespace grader

namespace grader {
// Runs fn(0..n-1) on up to `jobs` threads; exceptions are rethrown (the first one) after all ran.
void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t)>& fn);
// A fresh directory (mkdtemp) under `parent`, default $TMPDIR or /tmp, removed with everything in
// it when the object goes.
struct TempDir {
    fs::path path;
    explicit TempDir(const std::string& prefix, const std::optional<fs::path>& parent = std::nullopt);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

}  // namespace grader
