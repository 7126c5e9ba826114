// SPDX-License-Identifier: MIT
// From spans and events to figures: pure, no clock, no I/O. The calendar
// carries the local days (calendar.cpp asked the zone); everything here is
// arithmetic on UTC seconds, so a test can feed a hand-made history.
#pragma once

#include <cstdint>
#include <vector>

#include "report/calendar.hpp"
#include "report/report.hpp"
#include "store/store.hpp"

namespace limber::report {

// Spans and events as the store returns them (oldest first); spans may reach
// outside the calendar and are clipped to it. Fills every field of Report
// except kind, zone, generated_s, weeks and goal (see goal.hpp).
Report aggregate(const Calendar& calendar, const std::vector<store::Span>& spans,
                 const std::vector<store::Event>& events, std::int64_t sit_limit_s);

// The time a routine_completed event says was spent on the routine's steps
// (0 when it says nothing sensible).
std::int64_t completed_seconds(const store::Event& routine_completed);

}  // namespace limber::report
