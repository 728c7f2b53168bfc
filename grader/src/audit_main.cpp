// aio_audit: the grader's object audit (audit.hpp) as a command, for the kit's own build (the
// student's ctest runs it in every <id>/build step, exercises/CMakeLists.txt).
//   aio_audit --kit OBJ|LIB... --tests OBJ... [--reference OBJ...] --student OBJ... --source CPP...
//             [--stamp FILE]
// Exit 0 and touches the stamp when the student's objects pass; else prints the Korean message
// the grader would give (verdict forbidden_code) and exits 1.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "audit.hpp"

int main(int argc, char** argv) {
    namespace audit = grader::audit;
    std::map<std::string, std::vector<audit::fs::path>> lists;
    std::string current, stamp;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--stamp" && i + 1 < argc) stamp = argv[++i];
        else if (a.rfind("--", 0) == 0) current = a.substr(2);
        else if (!current.empty() && !a.empty()) lists[current].push_back(a);
    }
    try {
        const auto profile = audit::make_profile(lists["kit"], lists["tests"], lists["reference"]);
        std::vector<std::string> sources;  // the student's file names, to tell their lines from headers'
        std::vector<audit::Violation> violations;
        for (const auto& src : lists["source"]) {
            sources.push_back(src.filename().string());
            std::ifstream in(src, std::ios::binary);
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            for (auto& v : audit::audit_source(text, src.filename().string())) violations.push_back(std::move(v));
        }
        for (auto& v : audit::audit_objects(lists["student"], profile, sources)) violations.push_back(std::move(v));
        if (!violations.empty()) {
            audit::locate(violations, {}, sources);  // the kit builds with -g (RelWithDebInfo, Debug)
            std::fprintf(stderr, "error: 금지된 코드 (forbidden_code)\n%s\n", audit::message_ko(violations).c_str());
            return 1;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "aio_audit: %s\n", e.what());
        return 2;
    }
    if (!stamp.empty()) std::ofstream(stamp) << "ok\n";
    return 0;
}
