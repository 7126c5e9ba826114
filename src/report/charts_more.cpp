// SPDX-License-Identifier: MIT
// The week's shape, the reminders and the stretch goal.
#include <algorithm>
#include <cmath>

#include "report/charts.hpp"
#include "report/svg.hpp"
#include "report/text.hpp"
#include "util/i18n.hpp"

namespace limber::report::charts {
namespace {

constexpr double kWidth = 1040;

}  // namespace

std::string hour_label(int h) { return (h < 10 ? "0" : "") + std::to_string(h) + ":00"; }

std::string heat_map(const Report& r) {
    const double left = 52, top = 28, gap = 4;
    const double cell_w = (kWidth - left - 8) / 24 - gap, cell_h = 30;
    const double height = top + 7 * (cell_h + gap) + 4;
    std::int64_t peak = 0;
    for (const auto& row : r.heat) peak = std::max(peak, *std::max_element(row.begin(), row.end()));
    svg::Canvas c(kWidth, height, tr("When you sit: hour of the day by weekday"));
    for (int h = 0; h < 24; h += 3) c.text(left + h * (cell_w + gap), top - 10, hour_label(h), "lbl dim");
    for (int wd = 0; wd < 7; ++wd) {
        const double y = top + wd * (cell_h + gap);
        c.text(left - 10, y + cell_h / 2 + 4, weekday_label(wd), wd >= 5 ? "lbl wk" : "lbl", "end");
        for (int h = 0; h < 24; ++h) {
            const std::int64_t v = r.heat[static_cast<std::size_t>(wd)][static_cast<std::size_t>(h)];
            const int level = v <= 0 || peak <= 0 ? 0 : static_cast<int>(std::ceil(5.0 * static_cast<double>(v) / static_cast<double>(peak)));
            const std::string tip = weekday_label(wd) + " " + hour_label(h) + "–" + hour_label((h + 1) % 24) + ": " +
                                    trf("{} of sitting", text::hm(v));
            c.rect(left + h * (cell_w + gap), y, cell_w, cell_h, "h" + std::to_string(level), 5, tip,
                   {"heatmap.sitting_s." + std::to_string(wd) + "." + std::to_string(h), v});
        }
    }
    return c.str();
}

std::string reminder_outcomes(const Report& r) {
    const Reminders& m = r.totals.reminders;
    int total = 0;
    for (const auto& o : kOutcomes) total += m.*o.field;
    const double height = 56;
    svg::Canvas c(kWidth, height, tr("What became of the reminders"), "chart bar1");
    if (total == 0) {
        c.rect(0, 8, kWidth, 40, "lane", 20);
        c.text(kWidth / 2, 33, tr("no reminders in this range"), "lbl dim", "middle");
        return c.str();
    }
    double x = 0;
    for (const auto& o : kOutcomes) {
        const int v = m.*o.field;
        if (v == 0) continue;
        const double w = kWidth * v / total;
        c.rect(x, 8, w, 40, o.cls, 0, std::to_string(v) + " " + tr(o.words),
               {std::string("totals.reminders.") + o.name, v});
        if (w > 28) c.text(x + w / 2, 33, std::to_string(v), "inbar", "middle");
        x += w;
    }
    // Round only the ends of the whole bar: a clip would need ids; a mask of
    // the page colour over the corners is enough.
    c.path("M0 8 h20 a20 20 0 0 0 -20 20 z M0 48 h20 a20 20 0 0 1 -20 -20 z", "corner");
    c.path("M" + svg::num(kWidth) + " 8 h-20 a20 20 0 0 1 20 20 z M" + svg::num(kWidth) + " 48 h-20 a20 20 0 0 0 20 -20 z",
           "corner");
    return c.str();
}

std::string reminders_per_day(const Report& r) {
    const std::size_t n = r.days.size();
    const double height = 150, left = 8, right = kWidth - 8, top = 10, bottom = height - 30;
    int peak = 1;
    for (const Day& d : r.days) {
        int t = 0;
        for (const auto& o : kOutcomes) t += d.figures.reminders.*o.field;
        peak = std::max(peak, t);
    }
    svg::Canvas c(kWidth, height, tr("Reminders per day and what became of them"));
    const double slot = (right - left) / static_cast<double>(std::max<std::size_t>(1, n));
    const double bar = std::min(40.0, slot * 0.6), unit = (bottom - top) / peak;
    c.line(left, bottom, right, bottom, "axis");
    for (std::size_t i = 0; i < n; ++i) {
        const Reminders& m = r.days[i].figures.reminders;
        const double x = left + slot * (static_cast<double>(i) + 0.5) - bar / 2;
        double y = bottom;
        for (const auto& o : kOutcomes) {
            const int v = m.*o.field;
            if (v == 0) continue;
            y -= v * unit;
            c.rect(x, y, bar, v * unit - 1.5, o.cls, 2, short_label(r.days[i].date) + ": " + std::to_string(v) + " " + tr(o.words),
                   {"days." + std::to_string(i) + ".reminders." + o.name, v});
        }
        const Date d = r.days[i].date;
        c.text(x + bar / 2, bottom + 18, n <= 7 ? weekday_label(weekday(d)) : std::to_string(to_ymd(d).day),
               weekday(d) >= 5 ? "lbl wk" : "lbl", "middle");
    }
    return c.str();
}

std::string goal_ring(const Report& r) {
    const Goal& g = r.goal;
    const double size = 180, cx = 90, cy = 90, radius = 70;
    svg::Canvas c(size, size, "Stretch days this week", "ring");
    c.circle(cx, cy, radius, "ring-track");
    const double frac = g.per_week > 0 ? std::min(1.0, static_cast<double>(g.stretch_days) / g.per_week) : 1.0;
    if (frac >= 1.0) {
        c.circle(cx, cy, radius, "ring-fill done");
    } else if (frac > 0) {
        const double a = frac * 2 * M_PI;
        const double x = cx + radius * std::sin(a), y = cy - radius * std::cos(a);
        c.path("M" + svg::num(cx) + " " + svg::num(cy - radius) + " A" + svg::num(radius) + " " + svg::num(radius) +
                   " 0 " + (frac > 0.5 ? "1" : "0") + " 1 " + svg::num(x) + " " + svg::num(y),
               "ring-fill");
    }
    c.text(cx, cy + 8, std::to_string(g.stretch_days) + "/" + std::to_string(g.per_week), "ring-num", "middle");
    c.text(cx, cy + 32, "stretch days", "lbl dim", "middle");
    return c.str();
}

std::string weeks_strip(const Report& r) {
    const std::size_t n = r.weeks.size();
    const double cell = std::min(34.0, (kWidth - 8) / static_cast<double>(std::max<std::size_t>(1, n)) - 3);
    const double height = cell + 26;
    svg::Canvas c(kWidth, height, tr("Weeks that met the stretch goal"));
    for (std::size_t i = 0; i < n; ++i) {
        const Week& w = r.weeks[i];
        const double x = static_cast<double>(i) * (cell + 3);
        c.rect(x, 4, cell, cell, w.met ? "wk-met" : w.stretch_days > 0 ? "wk-some" : "wk-none", cell / 5,
               trf("week of {}", short_label(w.monday)) + ": " + text::plural(w.stretch_days, "{} stretch day", "{} stretch days"),
               {"weeks." + std::to_string(i) + ".stretch_days", w.stretch_days});
        if (cell >= 22) c.text(x + cell / 2, 4 + cell / 2 + 5, std::to_string(w.stretch_days), "inbar", "middle");
    }
    if (n > 0) {
        c.text(0, height - 2, short_label(r.weeks.front().monday), "lbl dim");
        if (n > 4) c.text(static_cast<double>(n - 1) * (cell + 3) + cell, height - 2, short_label(r.weeks.back().monday), "lbl dim", "end");
    }
    return c.str();
}

}  // namespace limber::report::charts
