// GitHub renderings of one student's record (the same StudentRecord grade.json holds), for the
// student pack's GitHub Actions workflow and Classroom 50's release body:
//   markdown_report   Korean Markdown: the total, a table per exercise, each failed check's Korean
//                     message, and a Mermaid gantt chart of the task spans in virtual time. The job
//                     summary ($GITHUB_STEP_SUMMARY) and release-body.md are both this text.
//   annotations       `::error file=…,line=…::…` workflow commands on the student's files
//   junit_xml         JUnit XML, one <testcase> per test with its points as properties
// docs/github.md has the formats and the limits GitHub puts on them.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "report.hpp"

namespace grader {

// Where each exercise's student files are in the checkout, by exercise id ("exercises/02-…/x.cpp"),
// for annotations; exercises not in the map are annotated on no file.
using StudentPaths = std::map<std::string, std::vector<std::string>>;

struct MarkdownOptions {
    std::string title = "채점 결과";    // the first heading
    std::string note;                  // a paragraph under it (Korean), e.g. what was not graded
    std::size_t max_bytes = 1000000;  // GitHub: 1 MiB per step summary, 125000 characters per release body
    bool charts = true;               // Mermaid gantt per exercise
};
std::string markdown_report(const StudentRecord& s, const MarkdownOptions& options = {});

// A Mermaid gantt chart (```mermaid fenced) of a trace's task spans: one row per task, waiting
// (created → started) and running (started → finished, or to the end when unfinished). Empty
// when the trace has no spans. Times are virtual seconds, drawn as milliseconds since 0.
std::string mermaid_gantt(const json& trace, const std::string& title);

struct Annotation {
    std::string file;  // relative to the checkout; empty: no file
    int line = 0;      // 0: no line
    int col = 0;
    std::string title, message;
};
// Compile errors and forbidden code at the lines the compiler or the audit named; each other failed
// check on the first line of the exercise's first student file. Most severe first.
std::vector<Annotation> annotations(const StudentRecord& s, const StudentPaths& paths);
std::string workflow_command(const std::string& kind, const Annotation& a);  // "::error file=…::…"
// Workflow-command escaping (GitHub's runner: %, CR, LF; properties also ':' and ',').
std::string escape_command_data(const std::string& text);
std::string escape_command_property(const std::string& text);

std::string junit_xml(const StudentRecord& s);

}  // namespace grader
