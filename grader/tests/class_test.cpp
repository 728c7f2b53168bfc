// Checks the grader's outputs for the sample class against grader/examples/expected.toml:
// every student's verdict and scores, and the shape of every output file.
// Environment: GRADER_OUT (the `grade` output), GRADER_EXAMPLES (grader/examples), GRADER_KIT.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cstdlib>
#include <map>

#include "feedback.hpp"
#include "util.hpp"

using namespace grader;

namespace {

fs::path env_path(const char* name) {
    const char* v = std::getenv(name);
    if (!v) throw std::runtime_error(std::string(name) + " is not set");
    return v;
}

struct KitPoints {
    std::map<std::string, int> max_points;         // from each exercise.toml
    std::map<std::string, int> test_count, hidden_count;
};

KitPoints read_kit(const toml::table& config) {
    KitPoints k;
    const fs::path kit = env_path("GRADER_KIT");
    for (const auto& node : *config["exercises"].as_array()) {
        const std::string id = *node.value<std::string>();
        toml::table t = toml::parse_file((kit / "exercises" / id / "exercise.toml").string());
        int points = 0, tests = 0, hidden = 0;
        for (const auto& test : *t["tests"].as_array()) {
            points += (*test.as_table())["points"].value_or(0);
            ++tests;
            hidden += (*test.as_table())["visibility"].value_or(std::string()) == "hidden";
        }
        k.max_points[id] = points;
        k.test_count[id] = tests;
        k.hidden_count[id] = hidden;
    }
    return k;
}

std::map<std::string, std::vector<std::string>> read_csv(const fs::path& p) {
    std::map<std::string, std::vector<std::string>> rows;
    auto lines = split_lines(*read_file(p));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::vector<std::string> cells;
        std::string cur;
        for (char c : lines[i]) {
            if (c == ',') cells.push_back(cur), cur.clear();
            else cur += c;
        }
        cells.push_back(cur);
        rows[cells[0]] = cells;
    }
    return rows;
}

}  // namespace

TEST_CASE("every sample student gets the verdict and score it should") {
    const fs::path out = env_path("GRADER_OUT"), examples = env_path("GRADER_EXAMPLES");
    const toml::table expected = toml::parse_file((examples / "expected.toml").string());
    const toml::table config = toml::parse_file((examples / "grader.toml").string());
    const KitPoints kit = read_kit(config);
    const std::string hidden_visibility = config["hidden_visibility"].value_or(std::string("after_published"));
    const auto gradebook = read_csv(out / "gradebook.csv");
    CHECK(split_lines(*read_file(out / "gradebook.csv")).front().ends_with(",total,max,verdict,flags"));
    int max_total = 0;
    for (auto& [id, p] : kit.max_points) max_total += p;

    REQUIRE(expected.size() >= 15);
    CHECK(gradebook.size() == expected.size());
    for (const auto& [key, node] : expected) {
        const std::string student(key.str());
        const toml::table& want = *node.as_table();
        INFO("student " << student);
        const fs::path dir = out / "students" / student;
        REQUIRE(fs::exists(dir / "grade.json"));
        const json grade = read_json(dir / "grade.json");

        // Verdict.
        const std::string verdict = grade["verdict"];
        std::vector<std::string> allowed{*want["verdict"].value<std::string>()};
        if (const toml::array* also = want["also"].as_array())
            for (const auto& a : *also) allowed.push_back(*a.value<std::string>());
        INFO("verdict " << verdict);
        CHECK(std::find(allowed.begin(), allowed.end(), verdict) != allowed.end());

        // Scores per exercise, and the total.
        int total = 0;
        for (const auto& [ex_key, score_node] : *want["scores"].as_table()) {
            const std::string ex(ex_key.str());
            const int expected_score = score_node.is_string() ? kit.max_points.at(ex) : int(*score_node.value<int64_t>());
            total += expected_score;
            auto it = std::find_if(grade["exercises"].begin(), grade["exercises"].end(),
                                   [&](const json& e) { return e["id"] == ex; });
            REQUIRE(it != grade["exercises"].end());
            INFO("exercise " << ex);
            CHECK((*it)["score"].get<int>() == expected_score);
            CHECK((*it)["max_score"].get<int>() == kit.max_points.at(ex));
            if (expected_score == kit.max_points.at(ex)) CHECK((*it)["verdict"] == "passed");
            if (const toml::table* msg = want["message"].as_table(); msg && msg->contains(ex)) {
                const std::string needle = *(*msg)[ex].value<std::string>();
                std::string all = (*it)["message"].get<std::string>();
                // What a student reads about each test (every check, every hint).
                Shown shown;
                for (const auto& t : (*it)["tests"]) all += "\n" + test_feedback(test_from_json(t), Detail::full, shown);
                INFO("looking for: " << needle);
                CHECK(all.find(needle) != std::string::npos);
            }
        }
        CHECK(grade["score"].get<int>() == total);
        CHECK(grade["max_score"].get<int>() == max_total);

        // gradebook.csv: student,name,<exercises...>,total,max,verdict,flags
        REQUIRE(gradebook.count(student));
        const auto& row = gradebook.at(student);
        CHECK(row[row.size() - 4] == std::to_string(total));
        CHECK(row[row.size() - 3] == std::to_string(max_total));
        CHECK(row[row.size() - 2] == verdict);
        // Instructor flags: the forger's raw fd writes are flagged, the perfect student has none.
        if (student == "s14-fake-output") CHECK(row.back().find("03-async-function:fd3/4") != std::string::npos);
        if (student == "s01-perfect") CHECK(row.back().empty());

        // Gradescope results.json.
        const json gs = read_json(dir / "results.json");
        CHECK(gs["score"].get<int>() == total);
        std::size_t tests = 0, hidden = 0;
        for (auto& [id, n] : kit.test_count) tests += std::size_t(n);
        for (auto& [id, n] : kit.hidden_count) hidden += std::size_t(n);
        // Hidden tests with points: the top level is hidden with them, and a 0-point summary
        // test (shown with the hidden tests) carries the full totals.
        const bool hides = hidden > 0 && hidden_visibility != "visible";
        REQUIRE(gs["tests"].size() == tests + (hides ? 1 : 0));
        if (hides) {
            CHECK(gs["visibility"] == hidden_visibility);
            const json& summary = gs["tests"].back();
            CHECK(summary["max_score"] == 0);
            CHECK(summary["visibility"] == hidden_visibility);
            CHECK(summary["output"].get<std::string>().find(fmt::format("총점 {}/{}점", total, max_total)) == 0);
            CHECK(gs["output"].get<std::string>().find(fmt::format("{}/{}", total, max_total)) == std::string::npos);
        }
        std::size_t hidden_seen = 0;
        int score_sum = 0;
        for (const auto& t : gs["tests"]) {
            if (hides && &t == &gs["tests"].back()) continue;  // the summary
            CHECK(t.contains("name"));
            CHECK((t["status"] == "passed" || t["status"] == "failed"));
            CHECK(t["score"].get<int>() <= t["max_score"].get<int>());
            if (t["status"] == "failed") CHECK_FALSE(t["output"].get<std::string>().empty());
            hidden_seen += t["visibility"] == hidden_visibility;
            score_sum += t["score"].get<int>();
        }
        CHECK(hidden_seen == hidden);
        CHECK(score_sum == total);

        // GitHub Classroom grader result.
        const json cl = read_json(dir / "classroom.json");
        CHECK(cl["version"] == 1);
        CHECK(cl["max_score"].get<int>() == max_total);
        CHECK(cl["status"] == (verdict == "passed" ? "pass" : "fail"));
        REQUIRE(cl["tests"].size() == tests);
        for (const auto& t : cl["tests"]) CHECK((t["status"] == "pass" || t["status"] == "fail"));

        // The student's report page.
        CHECK(fs::exists(out / "report" / "students" / (student + ".html")));
    }
    CHECK(fs::exists(out / "report" / "index.html"));
    const json summary = read_json(out / "summary.json");
    CHECK(summary["students"].get<std::size_t>() == expected.size());
}
