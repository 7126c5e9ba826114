// The html page's charts, each an inline <svg> string.
#pragma once

#include <string>

#include "report/report.hpp"

namespace limber::report::charts {

// charts_days.cpp
std::string daily_sitting(const Report& r);  // a column per day; the part in sittings past the limit on top
std::string timeline(const Report& r);       // up to 31 days: each day's sittings on the clock
std::string longest_trend(const Report& r);  // longest sitting per day (a day's report: each sitting) vs the limit

// charts_more.cpp
std::string heat_map(const Report& r);
std::string reminder_outcomes(const Report& r);  // what became of the reminders, as one bar
std::string reminders_per_day(const Report& r);  // the same per day (up to 31 days)
std::string goal_ring(const Report& r);
std::string weeks_strip(const Report& r);        // one square per week: goal met or not

// html_style.cpp
const char* page_style();

}  // namespace limber::report::charts
