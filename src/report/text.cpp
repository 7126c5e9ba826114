// SPDX-License-Identifier: MIT
#include "report/text.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "report/calendar.hpp"
#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber::report::text {

std::string hm(std::int64_t seconds) { return human_duration(Millis(seconds * 1000), DurationStyle::compact); }

std::string clock(std::int64_t utc_s) {
    const std::tm tm = local_tm(utc_s);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

std::int64_t seconds_of_day(std::int64_t utc_s) {
    const std::tm tm = local_tm(utc_s);
    return tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

std::string local_stamp(std::int64_t utc_s) {
    const std::tm tm = local_tm(utc_s);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

std::string percent(double share) { return std::to_string(static_cast<long long>(std::lround(share * 100))) + "%"; }

double share4(double share) { return std::round(share * 10000.0) / 10000.0; }

std::string plural(std::int64_t n, const char* one, const char* many) {
    return trnf(one, many, static_cast<unsigned long>(n), n);
}

Date day_of(const Report& r, std::int64_t utc_s) {
    for (const Day& d : r.days)
        if (utc_s >= d.start_s && utc_s < d.end_s) return d.date;
    return r.first;
}

std::string range_title(const Report& r) {
    const Ymd a = to_ymd(r.first), b = to_ymd(r.last);
    const std::string year = std::to_string(b.year);
    switch (r.kind) {
        case RangeKind::day: return short_label(r.first) + " " + year;
        // TRANSLATORS: a report's title: {0} is a day ("Mon 16 Mar"), {1} the year.
        case RangeKind::week: return trf("Week of {0} {1}", short_label(r.first), a.year);
        case RangeKind::month: return month_year_label(r.first);
        case RangeKind::custom: break;
    }
    const std::string from = std::to_string(a.day) + " " + month_label(a.month) +
                             (a.year != b.year ? " " + std::to_string(a.year) : "");
    return from + " – " + std::to_string(b.day) + " " + month_label(b.month) + " " + year;
}

}  // namespace limber::report::text
