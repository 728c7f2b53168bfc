// Instructor flags: what is legal in a student's file but worth a look (docs/grader.md).
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace grader::audit {

// Short ASCII tokens ("asm", "fd3/4", "include:<unistd.h>", "long:300"), from the source text.
// stub_lines: the stub's line count (0: unknown).
std::vector<std::string> source_flags(const std::string& source, std::size_t stub_lines);

}  // namespace grader::audit
