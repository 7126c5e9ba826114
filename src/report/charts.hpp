// SPDX-License-Identifier: MIT
// The html page's charts, each an inline <svg> string.
#pragma once

#include <string>

#include "report/report.hpp"
#include "util/i18n.hpp"

namespace limber::report::charts {

// What became of the reminders, best first: the name in the JSON, the CSS
// class, the field, and how the page's legend says it.
struct Outcome {
    const char* name;
    const char* cls;
    int Reminders::*field;
    const char* words;
};
inline constexpr Outcome kOutcomes[] = {
    // TRANSLATORS: what became of reminders, after a count: "3 led to a routine".
    {"acted", "o-acted", &Reminders::acted, tr_noop("led to a routine")},
    {"took_break", "o-break", &Reminders::took_break, tr_noop("to a break")},
    {"skipped", "o-skip", &Reminders::skipped, tr_noop("skipped")},
    {"paused", "o-paused", &Reminders::paused, tr_noop("paused")},
    {"unanswered", "o-none", &Reminders::unanswered, tr_noop("unanswered")},
};

// charts_days.cpp
// Ranges longer than two months are drawn a column per week, not per day.
bool weekly(const Report& r);
std::string daily_sitting(const Report& r);  // a column per day; the part in sittings past the limit on top
std::string timeline(const Report& r);       // up to 31 days: each day's sittings on the clock
std::string longest_trend(const Report& r);  // longest sitting per day (a day's report: each sitting) vs the limit

// charts_more.cpp
std::string hour_label(int h);  // 9 -> "09:00"
std::string heat_map(const Report& r);
std::string reminder_outcomes(const Report& r);  // what became of the reminders, as one bar
std::string reminders_per_day(const Report& r);  // the same per day (up to 31 days)
std::string goal_ring(const Report& r);
std::string weeks_strip(const Report& r);        // one square per week: goal met or not

// html_style.cpp
const char* page_style();

}  // namespace limber::report::charts
