// aio_explain: the compile-error translator (explain.hpp) as a command, for the student's ctest
// build step (exercises/build_step.cmake).
//   aio_explain --log FILE [--root DIR...] [--student CPP...]
// Prints the Korean explanation and the trimmed first error of the compiler output in FILE.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "explain.hpp"

int main(int argc, char** argv) {
    grader::explain::Options options;
    std::string log, current;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a.rfind("--", 0) == 0) current = a.substr(2);
        else if (current == "log") log = a;
        else if (current == "root") options.roots.push_back(a);
        else if (current == "student") options.student_files.push_back(a);
    }
    std::ifstream in(log, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "aio_explain: cannot read %s\n", log.c_str());
        return 2;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string out = grader::explain::translate(text, options);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
