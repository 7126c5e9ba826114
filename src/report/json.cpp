// SPDX-License-Identifier: MIT
#include <cstdint>

#include "util/iso_time.hpp"
#include "report/render.hpp"
#include "report/text.hpp"

namespace limber::report {
namespace {

using Json = nlohmann::ordered_json;

Json count_json(const Count& c) { return Json{{"count", c.count}, {"seconds", c.seconds}}; }

Json figures_json(const Figures& f) {
    Json breaks = count_json(f.breaks_total());
    for (std::size_t i = 0; i < kBreakReasons; ++i) breaks[to_string(static_cast<BreakReason>(i))] = count_json(f.breaks[i]);

    const Reminders& m = f.reminders;
    Json reminders{{"shown", m.shown},           {"shown_again", m.shown_again}, {"snoozed", m.snoozed},
                   {"skipped", m.skipped},       {"acted", m.acted},             {"took_break", m.took_break},
                   {"paused", m.paused},         {"unanswered", m.unanswered},   {"answered", m.answered},
                   {"wait_mean_s", m.answered ? m.wait_total_s / m.answered : 0},
                   {"wait_median_s", m.wait_median_s},
                   {"wait_max_s", m.wait_max_s}};

    Json by_kind = Json::object();
    for (const auto& [kind, c] : f.holds.by_kind) by_kind[kind] = count_json(c);
    Json holds{{"count", f.holds.count}, {"seconds", f.holds.seconds}, {"by_kind", std::move(by_kind)}};

    Json by_routine = Json::object();
    for (const auto& [id, use] : f.routines.by_routine)
        by_routine[id] = Json{{"started", use.started}, {"completed", use.completed}, {"stopped", use.stopped},
                              {"seconds", use.seconds}};
    Json routines{{"started", f.routines.started},     {"completed", f.routines.completed},
                  {"stopped", f.routines.stopped},     {"stretched_s", f.routines.stretched_s},
                  {"by_routine", std::move(by_routine)}};

    return Json{{"sitting_s", f.sitting_s},
                {"sittings", f.sittings},
                {"longest_sitting_s", f.longest_s},
                {"longest_sitting_start", f.longest_s ? Json(iso_utc(f.longest_start_s)) : Json(nullptr)},
                {"average_sitting_s", f.average_s()},
                {"over_limit", Json{{"count", f.over_limit},
                                    {"seconds", f.over_limit_s},
                                    {"share", text::share4(f.over_limit_share())}}},
                {"breaks", std::move(breaks)},
                {"reminders", std::move(reminders)},
                {"held", std::move(holds)},
                {"routines", std::move(routines)},
                {"ongoing", f.ongoing}};
}

}  // namespace

Json to_json(const Report& r) {
    Json days = Json::array();
    for (const Day& d : r.days) {
        Json day{{"date", iso(d.date)}, {"weekday", weekday_name(weekday(d.date))}, {"hours", (d.end_s - d.start_s) / 3600}};
        day.update(figures_json(d.figures));
        day["stretch_day"] = d.stretch_day;
        days.push_back(std::move(day));
    }
    Json totals = figures_json(r.totals);
    totals["stretch_days"] = r.stretch_days;
    totals["days_with_sitting"] = r.days_with_sitting();

    Json weeks = Json::array();
    for (const Week& w : r.weeks)
        weeks.push_back(Json{{"week", iso(w.monday)}, {"stretch_days", w.stretch_days}, {"met", w.met},
                             {"sitting_s", w.sitting_s}, {"over_limit_s", w.over_limit_s},
                             {"longest_sitting_s", w.longest_s}});

    Json heat = Json::array();
    for (const auto& row : r.heat) heat.push_back(row);
    Json weekdays = Json::array();
    for (int i = 0; i < 7; ++i) weekdays.push_back(weekday_name(i));

    return Json{{"report_version", 1},
                {"range", Json{{"kind", to_string(r.kind)}, {"from", iso(r.first)}, {"to", iso(r.last)},
                               {"days", static_cast<int>(r.days.size())}}},
                {"timezone", r.zone},
                {"generated_at", iso_utc(r.generated_s)},
                {"sit_limit_s", r.sit_limit_s},
                {"totals", std::move(totals)},
                {"days", std::move(days)},
                {"goal", Json{{"stretch_days_per_week", r.goal.per_week},
                              {"week", iso(r.goal.week)},
                              {"stretch_days", r.goal.stretch_days},
                              {"met", r.goal.met},
                              {"in_progress", r.goal.in_progress},
                              {"streak_weeks", r.goal.streak_weeks}}},
                {"weeks", std::move(weeks)},
                {"heatmap", Json{{"weekdays", std::move(weekdays)}, {"sitting_s", std::move(heat)}}}};
}

std::string render_json(const Report& r) { return to_json(r).dump(2) + "\n"; }

}  // namespace limber::report
