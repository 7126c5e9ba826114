// SPDX-License-Identifier: MIT
#include "util/human.hpp"

#include <cstdio>
#include <ctime>

namespace limber {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string human_duration(Millis d, DurationStyle style) {
    const bool words = style == DurationStyle::words;
    const long long s = d.count() > 0 ? (d.count() + 500) / 1000 : 0;
    if (s < 60) return std::to_string(s) + (words ? " s" : "s");
    const long long minutes = (s + 30) / 60;
    if (minutes < 60) return std::to_string(minutes) + (words ? " min" : "m");
    const long long h = minutes / 60, m = minutes % 60;
    char buf[48];
    if (words) {
        if (m == 0) std::snprintf(buf, sizeof buf, "%lld h", h);
        else std::snprintf(buf, sizeof buf, "%lld h %lld min", h, m);
    } else {
        std::snprintf(buf, sizeof buf, "%lldh %02lldm", h, m);
    }
    return buf;
}

std::string human_list(const std::vector<std::string>& items) {
    std::string list;
    for (std::size_t i = 0; i < items.size(); ++i)
        list += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
    return list;
}

std::string human_clock(Millis wall, Millis now, Millis utc_offset) {
    // Both instants on the same local calendar: the offset at `wall` also
    // places `now`, which is off by an hour only around a DST change at night.
    const std::int64_t local = wall.count() + utc_offset.count();
    const std::int64_t days = floor_div(local, kDayMs) - floor_div(now.count() + utc_offset.count(), kDayMs);
    const std::time_t t = static_cast<std::time_t>(floor_div(local, 1000));
    std::tm tm{};
    gmtime_r(&t, &tm);
    // English names, like every other word Limber says, whatever LC_TIME is.
    static const char* const weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char clock[8];
    std::snprintf(clock, sizeof clock, "%02d:%02d", tm.tm_hour, tm.tm_min);
    if (days == 0) return clock;
    if (days == 1) return std::string("tomorrow ") + clock;
    if (days == -1) return std::string("yesterday ") + clock;
    std::string day = weekdays[tm.tm_wday];
    if (days < 2 || days >= 7) day += " " + std::to_string(tm.tm_mday) + " " + months[tm.tm_mon];
    return day + " " + clock;
}

Millis local_utc_offset(Millis wall) {
    const std::time_t t = static_cast<std::time_t>(floor_div(wall.count(), 1000));
    std::tm tm{};
    localtime_r(&t, &tm);
    return Millis(std::int64_t{tm.tm_gmtoff} * 1000);
}

}  // namespace limber
