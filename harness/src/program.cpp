#include "aio/program.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

#include "aio/clock.hpp"
#include "aio/errors.hpp"
#include "aio/io.hpp"
#include "aio/random.hpp"
#include "aio/trace.hpp"

namespace aio {
namespace {
ProgramOptions g_options;

std::vector<ScriptedLine> read_script(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw CLI::ValidationError("--input-script", "cannot open " + path);
    std::vector<ScriptedLine> lines;
    std::string row;
    while (std::getline(in, row)) {
        if (row.empty() || row[0] == '#') continue;
        std::istringstream fields(row);
        ScriptedLine line{};
        fields >> line.at;
        if (!fields) throw CLI::ValidationError("--input-script", "bad line (want '<seconds> <text>'): " + row);
        std::getline(fields >> std::ws, line.text);
        lines.push_back(std::move(line));
    }
    return lines;
}
}  // namespace

const ProgramOptions& program_options() { return g_options; }

int program_main(int argc, char** argv, const std::function<void()>& body) {
    CLI::App app{"A chapter-16 program on the aio runtime"};
    std::string script;
    app.add_flag("--virtual", g_options.virtual_clock, "run on the deterministic virtual clock");
    app.add_flag("--trace", g_options.trace, "prefix each printed line with [%7.3f] seconds");
    // A string, not a long long: Python seeds with integers of any size (random.seed(2**64 + 1)).
    app.add_option("--seed", g_options.seed_text, "seed for random: any integer, as Python's random.seed(N)")
        ->check(CLI::Validator(
            [](std::string& text) {
                try {
                    PyRandom().seed(text);
                } catch (const std::invalid_argument&) {
                    return "not an integer: '" + text + "'";
                }
                return std::string();
            },
            "INTEGER"));
    app.add_option("--input-script", script, "virtual clock: file of '<seconds> <text>' input lines");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    g_options.seeded = app.count("--seed") > 0;
    try {
        g_options.seed = std::stoll(g_options.seed_text);
    } catch (const std::out_of_range&) {
        g_options.seed.reset();
    }
    clock::set_mode(g_options.virtual_clock ? clock::Mode::virtual_time : clock::Mode::real);
    clock::reset(0.0);
    trace::set_prefix_times(g_options.trace);
    // Virtual runs must be reproducible, so they default to seed 1 like the reference runner.
    if (g_options.seeded || g_options.virtual_clock) random::seed(g_options.seed_text);
    try {
        if (!script.empty()) set_scripted_input(read_script(script));
        body();
    } catch (const CLI::ValidationError& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "Traceback: 처리되지 않은 예외: %s\n", e.what());
        return 1;
    }
    return 0;
}

}  // namespace aio
