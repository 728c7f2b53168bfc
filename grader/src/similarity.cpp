#include "similarity.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <boost/process.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <numeric>
#include <regex>
#include <stdexcept>

#include "pipeline.hpp"
#include "report.hpp"

namespace grader {
namespace bp = boost::process;

namespace {

// sim_c++ in `dir` with relative file names (its output repeats them on every line).
std::string run_sim(const fs::path& dir, const std::vector<std::string>& args) {
    // A string: Boost.Process's path type is boost::filesystem's before Boost 1.77 (Ubuntu 22.04).
    const std::string sim = bp::search_path("sim_c++").string();
    if (sim.empty()) throw std::runtime_error("sim_c++ not found: apt-get install similarity-tester");
    bp::ipstream out;
    bp::child c(bp::exe = sim, bp::args(args), bp::start_dir(dir.string()), bp::std_out > out, bp::std_err > bp::null, bp::std_in < bp::null);
    std::string text, line;
    while (std::getline(out, line)) text += line + "\n";
    c.wait();
    if (c.exit_code() != 0) throw std::runtime_error(fmt::format("sim_c++ exited with {}", c.exit_code()));
    return text;
}

struct RunLine {
    std::string a, b;
    int a_first, a_last, b_first, b_last, tokens;
};
// -n output: "s001.cpp: line 4-19     |s000.cpp: line 3-18     [116]"
std::vector<RunLine> parse_runs(const std::string& text) {
    static const std::regex re(R"(^(\S+): line (\d+)-(\d+)\s*\|(\S+): line (\d+)-(\d+)\s*\[(\d+)\])");
    std::vector<RunLine> out;
    for (const auto& line : split_lines(text)) {
        std::smatch m;
        if (std::regex_search(line, m, re))
            out.push_back({m[1], m[4], std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[5]), std::stoi(m[6]), std::stoi(m[7])});
    }
    return out;
}

// The student's files as one text (a comment line between files: sim_c++ ignores comments).
std::string joined(const ExerciseFiles& files) {
    std::string text;
    for (const auto& f : files.files) {
        if (files.files.size() > 1) text += "// ==== " + f.name + "\n";
        text += f.content;
        if (!text.empty() && text.back() != '\n') text += '\n';
    }
    return text;
}

std::string blank_lines(const std::string& text, const std::vector<std::pair<int, int>>& ranges) {
    auto lines = split_lines(text);
    for (auto [first, last] : ranges)
        for (int i = first; i <= last && i <= int(lines.size()); ++i) lines[std::size_t(i - 1)].clear();
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

}  // namespace

std::vector<SimilarityPair> find_similar(const Kit& kit, const std::vector<Submission>& subs, const SimilarityOptions& options) {
    const char* tmp = std::getenv("TMPDIR");
    const fs::path work = fs::path(tmp && *tmp ? tmp : "/tmp") / fmt::format("aio-grader-sim-{}-{}", ::getpid(), random_hex(4));
    struct Cleanup {
        fs::path p;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(p, ec);
        }
    } cleanup{work};
    const std::string run = fmt::format("-r{}", options.min_run);
    std::vector<SimilarityPair> pairs;
    for (std::size_t e = 0; e < kit.exercises.size(); ++e) {
        const Exercise& ex = kit.exercises[e];
        const fs::path dir = work / ex.id;
        fs::create_directories(dir);
        std::string stub;
        for (const auto& f : ex.student_files) stub += read_file(ex.dir / f).value_or("") + "\n";
        write_file_atomic(dir / "stub.cpp", stub);
        std::vector<std::size_t> who;  // file i: submission who[i]
        std::vector<std::string> names, texts;
        for (std::size_t s = 0; s < subs.size(); ++s) {
            if (e >= subs[s].exercises.size() || !subs[s].exercises[e].usable()) continue;
            who.push_back(s);
            names.push_back(fmt::format("s{:04}.cpp", names.size()));
            texts.push_back(joined(subs[s].exercises[e]));
            write_file_atomic(dir / names.back(), texts.back());
        }
        if (names.size() < 2) continue;
        // The baseline: every run of a submission that is also in the stub is blanked (-S: new
        // files against the old file only), keeping line numbers for the side-by-side view.
        std::vector<std::string> args{"-n", "-e", "-S", "-T", run, "-w", "200"};
        args.insert(args.end(), names.begin(), names.end());
        args.insert(args.end(), {"/", "stub.cpp"});
        std::map<std::string, std::vector<std::pair<int, int>>> starter;
        for (const auto& r : parse_runs(run_sim(dir, args))) starter[r.a].push_back({r.a_first, r.a_last});
        const fs::path reduced = dir / "reduced";
        fs::create_directories(reduced);
        for (std::size_t i = 0; i < names.size(); ++i) write_file_atomic(reduced / names[i], blank_lines(texts[i], starter[names[i]]));
        // Percentages both ways (-a), each pair on its own (-e), never a file with itself.
        args = {"-p", "-e", "-a", "-s", "-T", run, "-t", fmt::format("{}", int(options.threshold))};
        args.insert(args.end(), names.begin(), names.end());
        std::map<std::pair<std::string, std::string>, int> percent;  // (x, y): x consists for N % of y
        static const std::regex pct(R"(^(\S+) consists for (\d+) % of (\S+) material)");
        for (const auto& line : split_lines(run_sim(reduced, args))) {
            std::smatch m;
            if (std::regex_search(line, m, pct)) {
                int& p = percent[{m[1], m[3]}];
                p = std::max(p, std::stoi(m[2]));
            }
        }
        std::map<std::pair<std::size_t, std::size_t>, SimilarityPair> found;
        auto index_of = [&](const std::string& n) { return std::size_t(std::find(names.begin(), names.end(), n) - names.begin()); };
        for (const auto& [xy, p] : percent) {
            std::size_t x = index_of(xy.first), y = index_of(xy.second);
            if (x >= names.size() || y >= names.size() || x == y) continue;
            const bool swap = subs[who[x]].ref.id > subs[who[y]].ref.id;
            const std::size_t a = swap ? y : x, b = swap ? x : y;
            SimilarityPair& pair = found[{a, b}];
            pair.exercise = ex.id;
            pair.a = subs[who[a]].ref.id;
            pair.b = subs[who[b]].ref.id;
            (swap ? pair.b_in_a : pair.a_in_b) = p;
        }
        for (auto& [ab, pair] : found) {
            if (pair.percent() < options.threshold) continue;
            for (const auto& r : parse_runs(run_sim(reduced, {"-n", "-s", "-T", run, "-w", "200", names[ab.first], names[ab.second]})))
                if (r.a == names[ab.first] && r.b == names[ab.second])
                    pair.runs.push_back({r.a_first, r.a_last, r.b_first, r.b_last, r.tokens});
            pairs.push_back(std::move(pair));
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const SimilarityPair& x, const SimilarityPair& y) {
        return std::make_tuple(-x.percent(), x.exercise, x.a, x.b) < std::make_tuple(-y.percent(), y.exercise, y.a, y.b);
    });
    return pairs;
}

namespace {

// Groups: submissions linked by pairs of one exercise (connected components).
std::vector<std::vector<std::string>> groups_of(const std::vector<SimilarityPair>& pairs, const std::string& exercise) {
    std::map<std::string, std::string> parent;
    std::function<std::string(const std::string&)> root = [&](const std::string& x) {
        auto it = parent.find(x);
        if (it == parent.end() || it->second == x) return x;
        return it->second = root(it->second);
    };
    for (const auto& p : pairs) {
        if (p.exercise != exercise) continue;
        parent.try_emplace(p.a, p.a);
        parent.try_emplace(p.b, p.b);
        parent[root(p.a)] = root(p.b);
    }
    std::map<std::string, std::vector<std::string>> by_root;
    for (const auto& [x, _] : parent) by_root[root(x)].push_back(x);
    std::vector<std::vector<std::string>> out;
    for (auto& [_, members] : by_root) out.push_back(members);
    return out;
}

std::string side(const std::string& text, const std::vector<std::pair<int, int>>& marked) {
    std::string out = "<pre class=\"code\">";
    int n = 0;
    for (const auto& line : split_lines(text)) {
        ++n;
        const bool hit = std::any_of(marked.begin(), marked.end(), [&](auto r) { return n >= r.first && n <= r.second; });
        out += fmt::format("<span class=\"{}\"><i>{:3}</i> {}</span>\n", hit ? "hit" : "", n, html_escape(line));
    }
    return out + "</pre>";
}

}  // namespace

std::vector<SimilarityPair> write_similarity(const Kit& kit, const std::vector<Submission>& subs, const fs::path& out,
                                             const SimilarityOptions& options) {
    const auto pairs = find_similar(kit, subs, options);
    std::map<std::pair<std::string, std::string>, std::string> text;  // (exercise, id) -> as submitted
    for (const auto& s : subs)
        for (std::size_t e = 0; e < s.exercises.size() && e < kit.exercises.size(); ++e)
            text[{kit.exercises[e].id, s.ref.id}] = joined(s.exercises[e]);
    json j = {{"threshold", options.threshold}, {"min_run", options.min_run}, {"pairs", json::array()}, {"groups", json::object()}};
    std::string b = fmt::format("<p><a href=\"index.html\">← 전체 결과</a></p>\n<h1>코드 유사도</h1>\n"
                                "<p class=\"note\">sim_c++ (similarity-tester), 이 컴퓨터에서만 비교했습니다 (업로드 없음). "
                                "시작 코드(과제 stub)와 같은 부분은 빼고 비교했습니다. 기준: {:g}% 이상, 최소 {} 토큰.</p>\n",
                                options.threshold, options.min_run);
    b += "<h2>묶음</h2>\n<table><tr><th>과제</th><th>학생</th></tr>\n";
    for (const auto& ex : kit.exercises)
        for (const auto& g : groups_of(pairs, ex.id)) {
            j["groups"][ex.id].push_back(g);
            std::string members;
            for (const auto& m : g) members += (members.empty() ? "" : ", ") + html_escape(m);
            b += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", html_escape(ex.id), members);
        }
    b += "</table>\n<h2>쌍 (유사도 순)</h2>\n<table><tr><th>#</th><th>과제</th><th>A</th><th>B</th><th>A 중 B와 같은 부분</th>"
         "<th>B 중 A와 같은 부분</th></tr>\n";
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto& p = pairs[i];
        b += fmt::format("<tr class=\"pair\"><td><a href=\"#p{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}%</td>"
                         "<td class=\"num\">{}%</td></tr>\n",
                         i + 1, i + 1, html_escape(p.exercise), html_escape(p.a), html_escape(p.b), p.a_in_b, p.b_in_a);
        json runs = json::array();
        for (const auto& r : p.runs) runs.push_back({r.a_first, r.a_last, r.b_first, r.b_last, r.tokens});
        j["pairs"].push_back({{"exercise", p.exercise}, {"a", p.a}, {"b", p.b}, {"a_in_b", p.a_in_b}, {"b_in_a", p.b_in_a},
                              {"runs", runs}});
    }
    b += "</table>\n";
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto& p = pairs[i];
        std::vector<std::pair<int, int>> ra, rb;
        std::string runs;
        for (const auto& r : p.runs) {
            ra.push_back({r.a_first, r.a_last});
            rb.push_back({r.b_first, r.b_last});
            runs += fmt::format("{}: {}–{}행 ↔ {}: {}–{}행 ({} 토큰)<br>", html_escape(p.a), r.a_first, r.a_last, html_escape(p.b),
                                r.b_first, r.b_last, r.tokens);
        }
        b += fmt::format("<section class=\"match\" id=\"p{}\"><h3>{}. {} — {} ↔ {} ({}%)</h3><p class=\"note\">{}</p>\n"
                         "<div class=\"sides\"><div><b>{}</b>{}</div><div><b>{}</b>{}</div></div></section>\n",
                         i + 1, i + 1, html_escape(p.exercise), html_escape(p.a), html_escape(p.b), p.percent(), runs,
                         html_escape(p.a), side(text[{p.exercise, p.a}], ra), html_escape(p.b), side(text[{p.exercise, p.b}], rb));
    }
    b += "<style>.sides{display:grid;grid-template-columns:1fr 1fr;gap:8px}.code{background:#fff;border:1px solid #ddd;"
         "font-size:.8rem;overflow-x:auto;padding:6px}.code .hit{background:#fff3b0;display:block}.code i{color:#999;"
         "font-style:normal}</style>\n";
    write_json_atomic(out / "similarity.json", j);
    write_file_atomic(out / "report" / "similarity.html", html_page("코드 유사도", b));
    return pairs;
}

int run_similarity(const Config& config, const Kit& kit, const fs::path& submissions, const fs::path& out,
                   const SimilarityOptions& options, const std::optional<fs::path>& roster, int jobs) {
    const auto refs = list_submissions(submissions);
    const auto names = roster ? load_roster(*roster) : std::map<std::string, std::string>{};
    std::vector<Submission> subs(refs.size());
    parallel_for(refs.size(), jobs, [&](std::size_t i) { subs[i] = collect(refs[i], kit, names); });
    fs::create_directories(out / "report");
    const auto pairs = write_similarity(kit, subs, out, options);
    if (auto records = load_records({out}); !records.empty()) write_reports(out, records, ReportOptions{config.hidden_visibility, roster});
    std::fprintf(stderr, "%zu pairs at or above %g%%: %s\n", pairs.size(), options.threshold, (out / "report" / "similarity.html").c_str());
    for (std::size_t i = 0; i < pairs.size() && i < 10; ++i)
        std::printf("%3d%%  %s  %s  %s\n", pairs[i].percent(), pairs[i].exercise.c_str(), pairs[i].a.c_str(), pairs[i].b.c_str());
    return 0;
}

}  // namespace grader
