#include "collect.hpp"

#include <fmt/format.h>

#include <boost/process.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <stdexcept>

namespace grader {
namespace bp = boost::process;

namespace {

constexpr std::size_t kMaxEntries = 20000;
constexpr int kMaxDepth = 8;

bool skipped_dir(const std::string& name) {
    return name == ".git" || name == "__MACOSX" || name == "node_modules" || name == ".cache" ||
           starts_with(name, "build") || starts_with(name, "cmake-build");
}

// Every regular file below root (relative, '/'-separated), never following symlinks.
void walk(const fs::path& root, const fs::path& rel, int depth, std::vector<std::string>& out) {
    std::error_code ec;
    for (fs::directory_iterator it(root / rel, ec), end; !ec && it != end; it.increment(ec)) {
        if (out.size() >= kMaxEntries) return;
        const fs::path child = rel / it->path().filename();
        auto st = it->symlink_status(ec);
        if (ec) continue;
        if (fs::is_directory(st)) {
            if (depth < kMaxDepth && !skipped_dir(it->path().filename().string())) walk(root, child, depth + 1, out);
        } else if (fs::is_regular_file(st)) {
            out.push_back(child.generic_string());
        }
    }
}

// Lower is better: the student-pack layout first, then loose files, then anything nested.
std::optional<int> rank(const std::string& path, const std::string& exercise, const std::string& file) {
    if (path == "exercises/" + exercise + "/" + file) return 0;
    if (path == exercise + "/" + file) return 1;
    if (path == file) return 2;
    if (path.size() > file.size() && path.ends_with("/" + file)) {
        if (path.ends_with("/exercises/" + exercise + "/" + file)) return 3;
        if (path.ends_with("/" + exercise + "/" + file)) return 4;
        return 5 + int(std::count(path.begin(), path.end(), '/'));
    }
    return std::nullopt;
}

std::optional<std::string> best_match(const std::vector<std::string>& paths, const std::string& exercise,
                                      const std::string& file) {
    std::optional<std::pair<int, std::string>> best;
    for (const auto& p : paths) {
        auto r = rank(p, exercise, file);
        if (r && (!best || std::make_pair(*r, p) < *best)) best = std::make_pair(*r, p);
    }
    if (!best) return std::nullopt;
    return best->second;
}

// unzip(1) runs as a child so a hostile archive cannot crash the grader; `-p` streams one entry
// to a pipe, so nothing is ever extracted to disk (no symlinks, no path traversal, no zip bombs).
std::string run_unzip(const std::vector<std::string>& args, std::size_t max_bytes, bool& too_large) {
    bp::ipstream out;
    std::error_code ec;
    bp::child c(bp::search_path("unzip"), bp::args(args), bp::std_out > out, bp::std_err > bp::null,
                bp::std_in < bp::null, ec);
    if (ec) throw std::runtime_error("cannot run unzip: " + ec.message());
    std::string data;
    char buf[65536];
    too_large = false;
    while (out.read(buf, sizeof buf) || out.gcount() > 0) {
        data.append(buf, std::size_t(out.gcount()));
        if (data.size() > max_bytes) {
            too_large = true;
            c.terminate();
            break;
        }
    }
    if (c.running()) c.wait();
    else if (!too_large) c.wait();
    if (!too_large && c.exit_code() != 0 && c.exit_code() != 1)  // 1 = warnings only
        throw std::runtime_error(fmt::format("unzip exited with {}", c.exit_code()));
    return data;
}

std::string unzip_pattern(const std::string& entry) {
    std::string out;
    for (char ch : entry) {
        if (ch == '[' || ch == '*' || ch == '?') out += std::string("[") + ch + "]";
        else out += ch;
    }
    return out;
}

}  // namespace

const char* to_string(FileProblem p) {
    switch (p) {
        case FileProblem::none: return "ok";
        case FileProblem::missing: return "missing_file";
        case FileProblem::not_utf8: return "not_utf8";
        case FileProblem::not_text: return "not_text";
        case FileProblem::too_large: return "not_text";
    }
    return "?";
}

bool ExerciseFiles::usable() const {
    return std::all_of(files.begin(), files.end(), [](const StudentFile& f) { return f.problem == FileProblem::none; });
}

std::vector<SubmissionRef> list_submissions(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw std::runtime_error(dir.string() + " is not a directory");
    std::map<std::string, SubmissionRef> by_id;
    std::vector<SubmissionRef> zips;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        auto st = e.symlink_status();
        if (fs::is_directory(st)) by_id[name] = SubmissionRef{name, e.path(), false};
        else if (fs::is_regular_file(st) && e.path().extension() == ".zip")
            zips.push_back(SubmissionRef{e.path().stem().string(), e.path(), true});
    }
    for (auto& z : zips) {
        if (by_id.count(z.id)) z.id = z.path.filename().string();  // "alice" and "alice.zip" both exist
        by_id[z.id] = z;
    }
    std::vector<SubmissionRef> out;
    for (auto& [id, ref] : by_id) out.push_back(ref);
    return out;
}

std::vector<SubmissionRef> shard(const std::vector<SubmissionRef>& all, int index, int count) {
    if (count < 1 || index < 1 || index > count) throw std::runtime_error("--shard must be i/n with 1 <= i <= n");
    std::vector<SubmissionRef> out;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (int(i % std::size_t(count)) == index - 1) out.push_back(all[i]);
    return out;
}

std::vector<std::string> parse_csv_line(const std::string& line) {
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char ch = line[i];
        if (quoted) {
            if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') cur += '"', ++i;
            else if (ch == '"') quoted = false;
            else cur += ch;
        } else if (ch == '"') {
            quoted = true;
        } else if (ch == ',') {
            fields.push_back(trim(cur));
            cur.clear();
        } else {
            cur += ch;
        }
    }
    fields.push_back(trim(cur));
    return fields;
}

RosterTable load_roster_table(const fs::path& csv) {
    auto text = read_file(csv);
    if (!text) throw std::runtime_error("cannot read roster " + csv.string());
    std::string body = *text;
    if (starts_with(body, "\xEF\xBB\xBF")) body = body.substr(3);  // spreadsheet exports add a BOM
    auto lines = split_lines(body);
    RosterTable table;
    if (lines.empty()) return table;
    table.header = parse_csv_line(lines[0]);
    for (auto& h : table.header) std::transform(h.begin(), h.end(), h.begin(), ::tolower);
    const int key = table.column({"directory", "submission", "github_username", "login", "identifier", "id"});
    const int name = table.column({"name", "full_name", "student_name"});
    if (key < 0 || name < 0)
        throw std::runtime_error("roster " + csv.string() + ": need a header with a directory and a name column");
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (trim(lines[i]).empty()) continue;
        auto f = parse_csv_line(lines[i]);
        if (int(f.size()) <= std::max(key, name) || f[std::size_t(key)].empty()) continue;
        f.resize(table.header.size());
        table.rows[f[std::size_t(key)]] = std::move(f);
    }
    table.name_column = name;
    return table;
}

int RosterTable::column(std::initializer_list<const char*> names) const {
    for (const char* n : names)
        for (std::size_t i = 0; i < header.size(); ++i)
            if (header[i] == n) return int(i);
    return -1;
}

std::map<std::string, std::string> load_roster(const fs::path& csv) {
    const RosterTable table = load_roster_table(csv);
    std::map<std::string, std::string> out;
    for (const auto& [id, row] : table.rows) out[id] = row[std::size_t(table.name_column)];
    return out;
}

StudentFile check_file(std::string name, std::string found_at, std::string content) {
    StudentFile f;
    f.name = std::move(name);
    f.found_at = std::move(found_at);
    if (content.size() > kMaxStudentFileBytes) {
        f.problem = FileProblem::too_large;
        f.detail = fmt::format("{} bytes (limit {})", content.size(), kMaxStudentFileBytes);
        return f;
    }
    // Control bytes first: a binary file is "not text" even though it is also not UTF-8.
    if (auto bin = binary_byte_offset(content)) {
        f.problem = FileProblem::not_text;
        f.detail = fmt::format("control byte 0x{:02x} at byte {}", static_cast<unsigned char>(content[*bin]), *bin);
    } else if (auto off = invalid_utf8_offset(content)) {
        f.problem = FileProblem::not_utf8;
        f.detail = fmt::format("invalid UTF-8 at byte {}", *off);
    } else {
        f.content = std::move(content);
    }
    return f;
}

Submission collect(const SubmissionRef& ref, const Kit& kit, const std::map<std::string, std::string>& roster) {
    Submission s;
    s.ref = ref;
    auto it = roster.find(ref.id);
    s.name = it != roster.end() ? it->second : ref.id;

    std::vector<std::string> paths;
    try {
        if (ref.zip) {
            bool too_large = false;
            std::string listing = run_unzip({"-Z1", ref.path.string()}, 8 << 20, too_large);
            for (auto& line : split_lines(listing))
                if (!line.empty() && line.back() != '/' && !contains(line, "__MACOSX/")) paths.push_back(line);
            if (paths.size() > kMaxEntries) paths.resize(kMaxEntries);
        } else {
            walk(ref.path, "", 0, paths);
        }
    } catch (const std::exception& e) {
        s.collect_error = e.what();
    }

    for (const auto& ex : kit.exercises) {
        ExerciseFiles ef;
        ef.exercise = ex.id;
        for (const auto& file : ex.student_files) {
            auto where = best_match(paths, ex.id, file);
            if (!where) {
                StudentFile f;
                f.name = file;
                f.problem = FileProblem::missing;
                f.detail = s.collect_error.empty() ? "not in the submission" : s.collect_error;
                ef.files.push_back(std::move(f));
                continue;
            }
            std::string content;
            bool too_large = false;
            if (ref.zip) {
                try {
                    content = run_unzip({"-p", ref.path.string(), unzip_pattern(*where)}, kMaxStudentFileBytes, too_large);
                } catch (const std::exception& e) {
                    StudentFile f;
                    f.name = file;
                    f.problem = FileProblem::missing;
                    f.detail = e.what();
                    ef.files.push_back(std::move(f));
                    continue;
                }
            } else {
                content = read_file(ref.path / *where, kMaxStudentFileBytes + 1).value_or("");
                too_large = content.size() > kMaxStudentFileBytes;
            }
            if (too_large) content.resize(kMaxStudentFileBytes + 1);
            ef.files.push_back(check_file(file, *where, std::move(content)));
        }
        s.exercises.push_back(std::move(ef));
    }
    return s;
}

}  // namespace grader
