// Small ASCII timelines over virtual seconds: one row per task span, activity or printed line.
// Bars come first and labels after them, so Korean labels (two columns wide in a terminal)
// cannot push the bars out of alignment.
//
//        0    1    2    3
//        +----+----+----+ 초
//        |==============|   작업 make_coffee  0.000~3.000초
//        |=========|        작업 make_toast  0.000~2.000초
//                  *        2.000초 "토스트가 완성되었습니다!"
#pragma once
#include <string>
#include <vector>

#include "aio/testing/activity.hpp"
#include "aio/testing/run.hpp"

namespace aio::testing {

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

// Rows for a printed line / an activity (as located in `report`) / every task span.
Row line_row(double at, const std::string& text);
std::vector<Row> activity_rows(const RunReport& report, const std::vector<Activity>& activities);
std::vector<Row> task_rows(const RunReport& report);
std::vector<Row> line_rows(const RunReport& report);
// What a run looked like: the given activities, then every task span, then every printed line.
std::vector<Row> run_rows(const RunReport& report, const std::vector<Activity>& activities = {});

// The latest time any row reaches.
double horizon_of(const std::vector<Row>& rows);
// The timeline of `rows` drawn up to `horizon` seconds (use the same horizon for timelines that
// are meant to be compared); every line starts with `indent` spaces.
std::string render_timeline(const std::vector<Row>& rows, double horizon, int indent = 4);

}  // namespace aio::testing
