// SPDX-License-Identifier: MIT
#include "report/goal.hpp"

#include <algorithm>
#include <map>

namespace limber::report {
namespace {

// Distinct stretch days per week (by Monday) in [from, to).
Result<std::map<Date, int>> days_per_week(Date from, Date to, const StretchDates& stretch_dates) {
    auto dates = stretch_dates(from, to);
    if (!dates) return dates.error();
    std::sort(dates->begin(), dates->end());
    dates->erase(std::unique(dates->begin(), dates->end()), dates->end());
    std::map<Date, int> weeks;
    for (Date d : *dates)
        if (d >= from && d < to) ++weeks[monday_of(d)];
    return weeks;
}

}  // namespace

Result<void> fill_goal(Report& r, Date today, int per_week, const StretchDates& stretch_dates) {
    const Date first_week = monday_of(r.first), last_week = monday_of(r.last);
    auto known = days_per_week(first_week, last_week + 7, stretch_dates);
    if (!known) return known.error();
    r.weeks.clear();
    for (Date w = first_week; w <= last_week; w = w + 7) {
        const int days = (*known)[w];
        r.weeks.push_back({w, days, per_week <= 0 || days >= per_week, 0, 0, 0});
    }
    for (const Day& d : r.days) {
        Week& week = r.weeks[static_cast<std::size_t>((monday_of(d.date) - first_week) / 7)];
        week.sitting_s += d.figures.sitting_s;
        week.over_limit_s += d.figures.over_limit_s;
        week.longest_s = std::max(week.longest_s, d.figures.longest_s);
    }

    Goal& g = r.goal;
    g = Goal{};
    g.per_week = per_week;
    g.week = monday_of(std::min(r.last, today));
    g.in_progress = today >= g.week && today < g.week + 7;
    // The weeks already counted, and then older ones in growing chunks, so a
    // long streak costs a few queries and a short one almost nothing.
    Date counted_from = first_week;
    if (g.week < first_week) {
        auto week = days_per_week(g.week, g.week + 7, stretch_dates);
        if (!week) return week.error();
        known = std::move(week);
        counted_from = g.week;
    }
    g.stretch_days = (*known)[g.week];
    g.met = per_week <= 0 || g.stretch_days >= per_week;
    if (per_week <= 0) return {};  // no goal, no streak

    Date w = g.week;
    if (!g.met && g.in_progress) w = w - 7;  // this week can still make it
    int chunk = 4;
    while (true) {
        if (w < counted_from) {
            const Date from = counted_from - 7 * chunk;
            auto older = days_per_week(from, counted_from, stretch_dates);
            if (!older) return older.error();
            known->insert(older->begin(), older->end());
            counted_from = from;
            chunk = std::min(chunk * 2, 512);
        }
        if ((*known)[w] < per_week) break;
        ++g.streak_weeks;
        w = w - 7;
    }
    return {};
}

}  // namespace limber::report
