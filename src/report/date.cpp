// SPDX-License-Identifier: MIT
#include "report/date.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "util/i18n.hpp"

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

namespace {

// strftime in the user's LC_TIME; a one-digit %e leaves a double space,
// which is closed up ("Sun 5 Mar", not "Sun  5 Mar").
std::string time_label(const char* format, const std::tm& tm) {
    char buf[96];
    if (std::strftime(buf, sizeof buf, format, &tm) == 0) return "";
    std::string out = buf;
    for (std::size_t at; (at = out.find("  ")) != std::string::npos;) out.erase(at, 1);
    if (!out.empty() && out.front() == ' ') out.erase(0, 1);
    return out;
}

std::tm tm_of(Date d) {
    const Ymd ymd = to_ymd(d);
    std::tm tm{};
    tm.tm_year = ymd.year - 1900;
    tm.tm_mon = ymd.month - 1;
    tm.tm_mday = ymd.day;
    tm.tm_wday = (weekday(d) + 1) % 7;  // tm counts from Sunday, we from Monday
    return tm;
}

}  // namespace

std::string weekday_label(int wd) {
    std::tm tm{};
    tm.tm_wday = (((wd % 7) + 7) % 7 + 1) % 7;
    return time_label("%a", tm);
}

std::string month_label(int month) {
    std::tm tm{};
    tm.tm_mon = (month - 1) % 12;
    return time_label("%b", tm);
}

std::string month_year_label(Date d) {
    // TRANSLATORS: a month and its year for strftime(3): "March 2026".
    // xgettext:no-c-format
    return time_label(tr("%B %Y"), tm_of(d));
}

std::string short_label(Date d) {
    // TRANSLATORS: a day for strftime(3): weekday, day, month, "Sun 29 Mar".
    // xgettext:no-c-format
    return time_label(tr("%a %e %b"), tm_of(d));
}

}  // namespace limber::report
