// SPDX-License-Identifier: MIT
#include "report/calendar.hpp"

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string_view>

namespace limber::report {

std::tm local_tm(std::int64_t utc_s) {
    const std::time_t t = static_cast<std::time_t>(utc_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

namespace {

void add_hours(Calendar& cal, CalendarDay& day) {
    day.first_hour = cal.hours.size();
    const std::tm at_start = local_tm(day.start_s);
    const std::tm at_end = local_tm(day.end_s - 1);
    if (day.end_s - day.start_s == 86400 && at_start.tm_gmtoff == at_end.tm_gmtoff) {
        // An ordinary day: no need to ask the zone 24 times.
        for (int h = 0; h < 24; ++h) cal.hours.push_back({day.start_s + h * 3600, h});
    } else {
        // A DST day (or a zone that moved): follow the local clock.
        for (std::int64_t t = day.start_s; t < day.end_s;) {
            const std::tm tm = local_tm(t);
            cal.hours.push_back({t, tm.tm_hour});
            t += 3600 - (tm.tm_min * 60 + tm.tm_sec);
        }
    }
    day.hour_count = cal.hours.size() - day.first_hour;
}

}  // namespace

int Calendar::day_index(std::int64_t utc_s) const {
    if (days.empty() || utc_s < start_s() || utc_s >= end_s()) return -1;
    const auto it = std::upper_bound(days.begin(), days.end(), utc_s,
                                     [](std::int64_t t, const CalendarDay& d) { return t < d.start_s; });
    return static_cast<int>(it - days.begin()) - 1;
}

std::int64_t local_midnight(Date d) {
    const Ymd ymd = to_ymd(d);
    std::tm tm{};
    tm.tm_year = ymd.year - 1900;
    tm.tm_mon = ymd.month - 1;
    tm.tm_mday = ymd.day;
    tm.tm_isdst = -1;  // let the zone say whether DST is on at that midnight
    return static_cast<std::int64_t>(std::mktime(&tm));
}

Date local_date(std::int64_t utc_s) {
    const std::tm tm = local_tm(utc_s);
    return from_ymd({tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday});
}

std::string zone_name() {
    if (const char* tz = std::getenv("TZ"); tz && *tz) return tz[0] == ':' ? tz + 1 : tz;
    std::error_code ec;
    const std::string target = std::filesystem::read_symlink("/etc/localtime", ec).string();
    if (const auto at = target.find("zoneinfo/"); !ec && at != std::string::npos) return target.substr(at + 9);
    const std::tm tm = local_tm(static_cast<std::int64_t>(std::time(nullptr)));
    return tm.tm_zone ? tm.tm_zone : "local time";
}

Calendar make_calendar(Date first, Date last) {
    Calendar cal;
    if (last < first) return cal;
    cal.days.reserve(static_cast<std::size_t>(last - first + 1));
    cal.hours.reserve(static_cast<std::size_t>(last - first + 1) * 24);
    std::int64_t start = local_midnight(first);
    for (Date d = first; d <= last; d = d + 1) {
        CalendarDay day;
        day.date = d;
        day.start_s = start;
        day.end_s = local_midnight(d + 1);
        start = day.end_s;
        add_hours(cal, day);
        cal.days.push_back(day);
    }
    return cal;
}

}  // namespace limber::report
