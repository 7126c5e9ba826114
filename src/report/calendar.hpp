// SPDX-License-Identifier: MIT
// Local days and hours of a range, as UTC seconds. The only place the report
// asks the C library about the time zone (so TZ is honoured); everything
// after works on these boundaries and stays pure.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <vector>

#include "report/date.hpp"

namespace limber::report {

// One local hour of the clock: [start_s, next cell's start_s). On the day
// clocks go back an hour of the clock happens twice (two cells, same hour);
// on the day they go forward it does not happen at all.
struct HourCell {
    std::int64_t start_s = 0;
    int hour = 0;  // 0-23
};

struct CalendarDay {
    Date date;
    std::int64_t start_s = 0;  // local midnight, UTC seconds
    std::int64_t end_s = 0;    // the next local midnight: 23, 24 or 25 hours later
    std::size_t first_hour = 0;  // into Calendar::hours
    std::size_t hour_count = 0;
};

struct Calendar {
    std::vector<CalendarDay> days;  // consecutive, first to last
    std::vector<HourCell> hours;

    std::int64_t start_s() const { return days.empty() ? 0 : days.front().start_s; }
    std::int64_t end_s() const { return days.empty() ? 0 : days.back().end_s; }
    // The day holding utc_s, or -1 outside the calendar.
    int day_index(std::int64_t utc_s) const;
};

// Local midnight that starts `d` (where midnight does not exist, the first
// local time of the day that does).
std::int64_t local_midnight(Date d);
// The local broken-down time at a UTC instant.
std::tm local_tm(std::int64_t utc_s);
// The local date at a UTC instant.
Date local_date(std::int64_t utc_s);
// "Europe/Berlin" from TZ or /etc/localtime, else the zone's abbreviation.
std::string zone_name();

// first..last inclusive, in the local zone.
Calendar make_calendar(Date first, Date last);

}  // namespace limber::report
