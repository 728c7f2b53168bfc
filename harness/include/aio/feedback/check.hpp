// One failed check, as data: what was checked, what was expected, what happened, the expected
// and actual timelines, and the hints. The harness fills it where the assertion fails; the
// student's ctest and the grader render it with the same functions (render.hpp).
#pragma once
#include <string>
#include <vector>

#include "aio/feedback/hint.hpp"

namespace aio::feedback {

// One row of an ASCII timeline over virtual seconds: a task span, an activity or a printed line.
struct Row {
    // open: started at `start`, never finished; label_only: nothing to draw (did not happen)
    enum class Shape { bar, point, open, label_only };
    Shape shape = Shape::bar;
    double start = 0.0;
    double end = 0.0;
    std::string label;
};

Row bar_row(std::string label, double start, double end);
Row point_row(std::string label, double at);
Row open_row(std::string label, double start);
Row label_row(std::string label);

struct Check {
    std::string title;                  // "\"커피가 완성되었습니다!\" 이(가) 3.000초에 출력되어야 합니다"
    std::vector<std::string> expected;  // `기대:` lines
    std::vector<std::string> actual;    // `실제:` lines
    std::string ending;                 // how the run ended when it did not return normally, or empty
    std::vector<Row> expected_rows, actual_rows;  // empty: no timelines (a check outside a run)
    std::vector<Hint> hints;            // most relevant first, no duplicates
};

}  // namespace aio::feedback
