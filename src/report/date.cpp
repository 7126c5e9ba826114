// SPDX-License-Identifier: MIT
#include "report/date.hpp"

#include <chrono>
#include <cstdio>

namespace limber::report {
namespace {

namespace chr = std::chrono;

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

}  // namespace

Date from_ymd(Ymd ymd) {
    const chr::year_month_day date{chr::year{ymd.year}, chr::month{static_cast<unsigned>(ymd.month)},
                                   chr::day{static_cast<unsigned>(ymd.day)}};
    return Date{static_cast<int>(chr::sys_days{date}.time_since_epoch().count())};
}

Ymd to_ymd(Date d) {
    const chr::year_month_day date{chr::sys_days{chr::days{d.days}}};
    return Ymd{static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
               static_cast<int>(static_cast<unsigned>(date.day()))};
}

int weekday(Date d) {
    // 1970-01-01 was a Thursday (3 counting from Monday = 0).
    return ((d.days % 7) + 7 + 3) % 7;
}

Date monday_of(Date d) { return d - weekday(d); }

Date first_of_month(Date d) {
    Ymd ymd = to_ymd(d);
    ymd.day = 1;
    return from_ymd(ymd);
}

Date last_of_month(Date d) {
    Ymd ymd = to_ymd(d);
    ymd.day = 1;
    if (++ymd.month > 12) {
        ymd.month = 1;
        ++ymd.year;
    }
    return from_ymd(ymd) - 1;
}

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    const chr::year_month_day date{chr::year{number(y)}, chr::month{static_cast<unsigned>(number(m))},
                                   chr::day{static_cast<unsigned>(number(d))}};
    if (!date.ok()) return std::nullopt;
    return Date{static_cast<int>(chr::sys_days{date}.time_since_epoch().count())};
}

std::optional<Date> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    const auto y = text.substr(0, 4), m = text.substr(5, 2);
    if (!digits(y) || !digits(m) || number(m) < 1 || number(m) > 12) return std::nullopt;
    return from_ymd({number(y), number(m), 1});
}

std::string iso(Date d) {
    const Ymd ymd = to_ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
    return buf;
}

const char* weekday_name(int wd) {
    static const char* const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[((wd % 7) + 7) % 7];
}

const char* month_name(int month) {
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return names[(month - 1) % 12];
}

std::string short_label(Date d) {
    const Ymd ymd = to_ymd(d);
    return std::string(weekday_name(weekday(d))) + " " + std::to_string(ymd.day) + " " + month_name(ymd.month);
}

}  // namespace limber::report
