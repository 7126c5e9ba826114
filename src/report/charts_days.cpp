// SPDX-License-Identifier: MIT
// Charts along the range: a column or a point per day, or per week when the
// range is longer than two months (365 columns are noise, 52 are a picture).
#include <algorithm>
#include <cmath>
#include <vector>

#include "report/charts.hpp"
#include "report/svg.hpp"
#include "report/text.hpp"
#include "util/i18n.hpp"

namespace limber::report::charts {
namespace {

constexpr double kWidth = 1040;
constexpr std::size_t kMaxDailyColumns = 62;

// One column or point: a day, or a week of a long range.
struct Slot {
    Date date;  // the day, or the week's Monday
    std::int64_t sitting_s = 0, over_s = 0, longest_s = 0;
    bool sat = false;
    std::string key;  // "days.3" or "weeks.3"
    std::string name;
};

std::vector<Slot> slots(const Report& r) {
    std::vector<Slot> out;
    if (r.days.size() <= kMaxDailyColumns) {
        for (std::size_t i = 0; i < r.days.size(); ++i) {
            const Figures& f = r.days[i].figures;
            out.push_back({r.days[i].date, f.sitting_s, f.over_limit_s, f.longest_s, f.sittings > 0,
                           "days." + std::to_string(i), short_label(r.days[i].date)});
        }
    } else {
        for (std::size_t i = 0; i < r.weeks.size(); ++i) {
            const Week& w = r.weeks[i];
            out.push_back({w.monday, w.sitting_s, w.over_limit_s, w.longest_s, w.sitting_s > 0,
                           "weeks." + std::to_string(i), trf("week of {}", short_label(w.monday))});
        }
    }
    return out;
}

// Gridline step for a span of `top` seconds.
std::int64_t step_for(std::int64_t top) {
    for (std::int64_t step : {300, 900, 1800, 3600, 7200, 10800, 21600, 43200})
        if (top / step <= 5) return step;
    return 86400;
}

// "2h", "1h 30m", "45m"
std::string axis_label(std::int64_t v) {
    if (v == 0) return "0";
    if (v % 3600 == 0) return std::to_string(v / 3600) + "h";
    return text::hm(v);
}

// Under the columns: weekday and date for a week, day numbers for a month,
// month names where a month begins for longer ranges.
void x_labels(svg::Canvas& c, const Report& r, const std::vector<Slot>& s, double left, double slot, double y) {
    const std::size_t n = s.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double x = left + slot * (static_cast<double>(i) + 0.5);
        const Ymd ymd = to_ymd(s[i].date);
        const bool weekend = weekday(s[i].date) >= 5;
        if (weekly(r)) {
            const Ymd end = to_ymd(s[i].date + 6);
            if (end.day > 7) continue;  // the month begins in this week when its Sunday is day 1-7
            c.line(x, y - 16, x, y - 10, "tick");
            c.text(x, y, month_label(end.month) + (end.month == 1 ? " " + std::to_string(end.year) : ""), "lbl",
                   "middle");
        } else if (n <= 14) {
            c.text(x, y, weekday_label(weekday(s[i].date)), weekend ? "lbl wk" : "lbl", "middle");
            c.text(x, y + 15, std::to_string(ymd.day) + " " + month_label(ymd.month), "lbl dim", "middle");
        } else {
            c.text(x, y, std::to_string(ymd.day), weekend ? "lbl wk" : "lbl", "middle");
        }
    }
}

void y_grid(svg::Canvas& c, double left, double right, double top, double bottom, std::int64_t max_s, std::int64_t step) {
    for (std::int64_t v = 0; v <= max_s; v += step) {
        const double y = bottom - (bottom - top) * static_cast<double>(v) / static_cast<double>(max_s);
        c.line(left, y, right, y, v == 0 ? "axis" : "grid");
        c.text(left - 8, y + 4, axis_label(v), "lbl dim", "end");
    }
}

}  // namespace

bool weekly(const Report& r) { return r.days.size() > kMaxDailyColumns; }

std::string daily_sitting(const Report& r) {
    const std::vector<Slot> s = slots(r);
    const double height = 250, left = 56, right = kWidth - 12, top = 26, bottom = height - 40;
    const std::size_t n = s.size();
    std::int64_t peak = 3600;
    for (const Slot& x : s) peak = std::max(peak, x.sitting_s);
    const std::int64_t step = step_for(peak);
    const std::int64_t max_s = (peak + step - 1) / step * step;
    svg::Canvas c(kWidth, height, weekly(r) ? tr("Sitting per week") : tr("Sitting per day"));
    y_grid(c, left, right, top, bottom, max_s, step);

    const double slot = (right - left) / static_cast<double>(std::max<std::size_t>(1, n));
    const double bar = std::min(48.0, slot * 0.66);
    const double scale = (bottom - top) / static_cast<double>(max_s);
    const char* sitting_key = ".sitting_s";
    const char* over_key = weekly(r) ? ".over_limit_s" : ".over_limit.seconds";
    for (std::size_t i = 0; i < n; ++i) {
        const Slot& x = s[i];
        const double left_x = left + slot * (static_cast<double>(i) + 0.5) - bar / 2;
        const double h = static_cast<double>(x.sitting_s) * scale;
        const double over = static_cast<double>(std::min(x.over_s, x.sitting_s)) * scale;
        // TRANSLATORS: a chart's tooltip: {0} a day, {1} time sat, {2} the part of it in long sittings, {3} the limit.
        const std::string tip = trf("{0}: {1} sitting, {2} of it in sittings over {3}", x.name, text::hm(x.sitting_s),
                                    text::hm(x.over_s), text::hm(r.sit_limit_s));
        c.rect(left_x, bottom - h, bar, h, "calm", 4, tip, {x.key + sitting_key, x.sitting_s});
        if (over > 0) c.rect(left_x, bottom - h, bar, over, "warm", 4, tip, {x.key + over_key, x.over_s});
        if (n <= 14 && x.sitting_s > 0) c.text(left_x + bar / 2, bottom - h - 7, text::hm(x.sitting_s), "val", "middle");
    }
    int sat = 0;
    std::int64_t total = 0;
    for (const Slot& x : s) {
        sat += x.sat ? 1 : 0;
        total += x.sitting_s;
    }
    if (sat > 1) {
        const std::int64_t avg = total / sat;
        const double y = bottom - static_cast<double>(avg) * scale;
        c.line(left, y, right, y, "avg");
        c.text(right, y - 6, weekly(r) ? trf("average {} a week", text::hm(avg)) : trf("average {} on days you sat", text::hm(avg)),
               "lbl halo", "end");
    }
    x_labels(c, r, s, left, slot, bottom + 18);
    return c.str();
}

std::string timeline(const Report& r) {
    const std::size_t n = r.days.size();
    // The hours that saw any sitting, widened to at least eight.
    std::int64_t lo = 24 * 3600, hi = 0;
    for (const Day& d : r.days)
        for (const Piece& p : d.pieces) {
            if (!p.sitting) continue;
            const std::int64_t s = text::seconds_of_day(p.start_s);
            lo = std::min(lo, s);
            hi = std::max(hi, std::min<std::int64_t>(24 * 3600, s + (p.end_s - p.start_s)));
        }
    if (hi <= lo) lo = 8 * 3600, hi = 18 * 3600;
    lo = lo / 3600 * 3600;
    hi = std::min<std::int64_t>(24 * 3600, (hi + 3599) / 3600 * 3600);
    while (hi - lo < 8 * 3600) {
        if (lo > 0) lo -= 3600;
        if (hi - lo < 8 * 3600 && hi < 24 * 3600) hi += 3600;
    }

    const double row = n == 1 ? 56 : n <= 7 ? 34 : 20, gap = n <= 7 ? 12 : 6;
    const double left = 96, right = kWidth - 84, top = 30;
    const double height = top + static_cast<double>(n) * (row + gap) + 8;
    const double per_s = (right - left) / static_cast<double>(hi - lo);
    svg::Canvas c(kWidth, height, "Your days on the clock");
    const std::int64_t tick = hi - lo > 12 * 3600 ? 7200 : 3600;
    for (std::int64_t t = lo; t <= hi; t += tick) {
        const double x = left + static_cast<double>(t - lo) * per_s;
        c.line(x, top - 6, x, height - 8, "grid");
        c.text(x, top - 12, hour_label(static_cast<int>((t / 3600) % 24)), "lbl dim", "middle");
    }
    for (std::size_t i = 0; i < n; ++i) {
        const Day& d = r.days[i];
        const double y = top + static_cast<double>(i) * (row + gap);
        c.rect(left, y, right - left, row, "lane", std::min(row / 2.5, 12.0));
        c.text(left - 12, y + row / 2 + 4, short_label(d.date).substr(0, n <= 7 ? std::string::npos : 6),
               weekday(d.date) >= 5 ? "lbl wk" : "lbl", "end");
        c.text(right + 12, y + row / 2 + 4, text::hm(d.figures.sitting_s), d.figures.sitting_s ? "val" : "lbl dim");
        for (const Piece& p : d.pieces) {
            const std::int64_t s = text::seconds_of_day(p.start_s);
            const auto x_of = [&](std::int64_t at) {
                const double off = static_cast<double>(std::clamp<std::int64_t>(s + (at - p.start_s), lo, hi) - lo);
                return left + off * per_s;
            };
            if (!p.sitting) {
                if (p.reason == BreakReason::routine)
                    c.rect(x_of(p.start_s) - 1, y - 3, std::max(4.0, x_of(p.end_s) - x_of(p.start_s) + 2), row + 6,
                           "stretch", 3, trf("Stretched {0} at {1}", text::hm(p.end_s - p.start_s), text::clock(p.start_s)));
                continue;
            }
            const std::int64_t limit_at = p.sitting_since_s + r.sit_limit_s;
            const std::string tip = text::clock(p.start_s) + "–" + text::clock(p.end_s) + ", " +
                                    trf("{} without a break", text::hm(p.end_s - p.sitting_since_s));
            const double x0 = x_of(p.start_s), x1 = x_of(p.end_s), xl = x_of(std::clamp(limit_at, p.start_s, p.end_s));
            c.rect(x0, y + 3, std::max(1.5, x1 - x0), row - 6, "calm", 3, tip);
            if (limit_at < p.end_s) c.rect(xl, y + 3, std::max(1.5, x1 - xl), row - 6, "warm", 3, tip);
        }
    }
    return c.str();
}

std::string longest_trend(const Report& r) {
    struct Point {
        std::string label, tip, key;
        std::int64_t value;
        bool gap;
    };
    std::vector<Point> points;
    const bool one_day = r.days.size() == 1;
    const std::vector<Slot> s = one_day ? std::vector<Slot>{} : slots(r);
    if (one_day) {  // each of the day's sittings
        for (const Piece& p : r.days[0].pieces)
            if (p.sitting && p.end_s > p.start_s)
                points.push_back({text::clock(p.start_s), text::clock(p.start_s) + ": " + text::hm(p.end_s - p.start_s), "",
                                  p.end_s - p.start_s, false});
    } else {
        for (const Slot& x : s)
            points.push_back({"", x.name + ": " + trf("longest {}", text::hm(x.longest_s)), x.key + ".longest_sitting_s", x.longest_s,
                              !x.sat});
    }
    const double height = 230, left = 56, right = kWidth - 12, top = 24, bottom = height - 40;
    std::int64_t peak = r.sit_limit_s + r.sit_limit_s / 3;
    for (const auto& p : points) peak = std::max(peak, p.value);
    const std::int64_t step = step_for(peak);
    const std::int64_t max_s = (peak + step - 1) / step * step;
    svg::Canvas c(kWidth, height,
                  one_day ? tr("Each sitting against the limit") : weekly(r) ? tr("Longest sitting per week") : tr("Longest sitting per day"));
    y_grid(c, left, right, top, bottom, max_s, step);
    const double slot = (right - left) / static_cast<double>(std::max<std::size_t>(1, points.size()));
    const auto y_of = [&](std::int64_t v) { return bottom - (bottom - top) * static_cast<double>(v) / static_cast<double>(max_s); };

    const double limit_y = y_of(r.sit_limit_s);
    c.rect(left, top, right - left, limit_y - top, "overzone");
    c.line(left, limit_y, right, limit_y, "limit");
    c.text(left + 6, limit_y - 6, trf("limit {}", text::hm(r.sit_limit_s)), "lbl limitl halo");

    // Days in a row are a trend and get a line; a day's sittings stand alone.
    std::string d;
    for (std::size_t i = 0; i < points.size() && !one_day; ++i) {
        if (points[i].gap) continue;
        const double x = left + slot * (static_cast<double>(i) + 0.5);
        const bool joined = i > 0 && !points[i - 1].gap;
        d += (joined && !d.empty() ? " L" : " M") + svg::num(x) + " " + svg::num(y_of(points[i].value));
    }
    if (!d.empty()) c.path(d, "trend");
    const double dot = points.size() > 62 ? 2.5 : 4.5;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const Point& p = points[i];
        if (p.gap) continue;
        const double x = left + slot * (static_cast<double>(i) + 0.5);
        if (one_day) c.line(x, bottom, x, y_of(p.value), p.value > r.sit_limit_s ? "stem over" : "stem");
        c.circle(x, y_of(p.value), one_day ? 6 : dot, p.value > r.sit_limit_s ? "dot over" : "dot", p.tip, {p.key, p.value});
        if (!p.label.empty()) c.text(x, bottom + 18, p.label, "lbl", "middle");
    }
    if (!one_day) x_labels(c, r, s, left, slot, bottom + 18);
    return c.str();
}

}  // namespace limber::report::charts
