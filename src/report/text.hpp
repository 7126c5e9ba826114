// SPDX-License-Identifier: MIT
// Small formatting helpers shared by the renderers.
#pragma once

#include <cstdint>
#include <string>

#include "report/report.hpp"

namespace limber::report::text {

// Whole seconds as util/human.hpp's human_duration says them in columns:
// "30s", "45m", "6h 05m" (the nearest minute from a minute on).
std::string hm(std::int64_t seconds);
// Local wall clock "09:14" at a UTC instant.
std::string clock(std::int64_t utc_s);
// Seconds since local midnight by the wall clock (0-86399).
std::int64_t seconds_of_day(std::int64_t utc_s);
// "2026-03-16 09:14" local
std::string local_stamp(std::int64_t utc_s);
// 0.3827 -> "38%"
std::string percent(double share);
// The share as the report's files carry it: four decimals.
double share4(double share);
// "week of Mon 16 Mar 2026", "March 2026", "Sun 29 Mar 2026", "1 Jan – 31 Dec 2026"
std::string range_title(const Report& r);
// The count in words in the user's language: plural(3, "{} day", "{} days")
// is "3 days". The two forms are msgids (xgettext's keyword plural:2,3).
std::string plural(std::int64_t n, const char* one, const char* many);
// The report's day holding a UTC instant (the first day when outside).
Date day_of(const Report& r, std::int64_t utc_s);

}  // namespace limber::report::text
