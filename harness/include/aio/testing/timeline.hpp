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

#include "aio/feedback/check.hpp"
#include "aio/feedback/render.hpp"
#include "aio/testing/activity.hpp"
#include "aio/testing/run.hpp"

namespace aio::testing {

using feedback::bar_row;
using feedback::horizon_of;
using feedback::label_row;
using feedback::open_row;
using feedback::point_row;
using feedback::render_timeline;
using feedback::Row;

// A virtual time as the feedback writes it: seconds with three decimals ("1.500").
std::string seconds_text(double t);

// Rows for a printed line / an activity (as located in `report`) / every task span.
Row line_row(double at, const std::string& text);
std::vector<Row> activity_rows(const RunReport& report, const std::vector<Activity>& activities);
std::vector<Row> task_rows(const RunReport& report);
std::vector<Row> line_rows(const RunReport& report);
// What a run looked like: the given activities, then every task span, then every printed line.
std::vector<Row> run_rows(const RunReport& report, const std::vector<Activity>& activities = {});

}  // namespace aio::testing
