// SPDX-License-Identifier: MIT
// Civil dates (no time zone): what a report's days are named by.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace limber::report {

// Days since 1970-01-01. Plain arithmetic: date + 1 is the next day.
struct Date {
    int days = 0;
    auto operator<=>(const Date&) const = default;
    Date operator+(int n) const { return Date{days + n}; }
    Date operator-(int n) const { return Date{days - n}; }
    int operator-(Date other) const { return days - other.days; }
};

struct Ymd {
    int year = 1970;
    int month = 1;  // 1-12
    int day = 1;    // 1-31
};

Date from_ymd(Ymd ymd);
Ymd to_ymd(Date d);
int weekday(Date d);  // 0 = Monday ... 6 = Sunday (ISO)
Date monday_of(Date d);
Date first_of_month(Date d);
Date last_of_month(Date d);

// Strict "YYYY-MM-DD" and "YYYY-MM"; nullopt for anything else, including
// dates that do not exist (2026-02-30).
std::optional<Date> parse_date(std::string_view text);
std::optional<Date> parse_month(std::string_view text);  // its first day

std::string iso(Date d);                // "2026-03-29"
const char* weekday_name(int weekday);  // "Mon", always English: for json and csv
// For people, in the user's language (LC_TIME, and the translators' order).
std::string weekday_label(int weekday);  // "Mon", "Mo."
std::string month_label(int month);      // "Mar", "mars"
std::string month_year_label(Date d);    // "March 2026", "März 2026"
std::string short_label(Date d);         // "Sun 29 Mar", "So. 29 Mär"

}  // namespace limber::report
