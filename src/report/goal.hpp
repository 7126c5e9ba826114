// SPDX-License-Identifier: MIT
// Stretch days against goals.stretch_days_per_week, and the streak of weeks
// that met it. Pure: the history before the range comes through a callback,
// asked for as little as the streak needs.
#pragma once

#include <functional>
#include <vector>

#include "report/report.hpp"
#include "util/result.hpp"

namespace limber::report {

// Local dates with a completed routine in [from, to), in any order, repeats allowed.
using StretchDates = std::function<Result<std::vector<Date>>(Date from, Date to)>;

// Fills report.weeks and report.goal. "This week" is the week of the range's
// last day, or of today when the range reaches past it. A week that is not
// over yet does not break the streak before it meets the goal.
Result<void> fill_goal(Report& report, Date today, int per_week, const StretchDates& stretch_dates);

}  // namespace limber::report
