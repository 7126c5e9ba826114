// SPDX-License-Identifier: MIT
// The page to look at: a few big numbers, then pictures. Every number that
// comes from the report carries data-key (its place in the JSON, dotted) and
// data-value, so tests hold the page to the JSON.
#include <algorithm>
#include <sstream>

#include "report/charts.hpp"
#include "report/render.hpp"
#include "report/style.hpp"
#include "report/svg.hpp"
#include "report/text.hpp"

namespace limber::report {
namespace {

using svg::esc;

std::string tagged(const char* tag, const std::string& cls, const std::string& key, std::int64_t value,
                   const std::string& shown) {
    return std::string("<") + tag + (cls.empty() ? "" : " class=\"" + cls + "\"") + " data-key=\"" + esc(key) +
           "\" data-value=\"" + std::to_string(value) + "\">" + esc(shown) + "</" + tag + ">";
}

std::string card(const char* tone, const char* label, const std::string& big, const std::string& sub,
                 const std::string& extra = "") {
    return std::string("<div class=\"card tone-") + tone + "\"><div class=\"k\">" + label + "</div>" + big +
           "<div class=\"s\">" + sub + "</div>" + extra + "</div>";
}

std::string headline(const Report& r, int sat_days) {
    const Figures& t = r.totals;
    if (t.sitting_s == 0) return "No sitting recorded in this range. A quiet stretch, or the daemon was not running.";
    std::string s = "You sat for <b>" + esc(text::hm(t.sitting_s)) + "</b>";
    if (r.days.size() > 1) s += " over " + text::plural(sat_days, "day", "days") + ", <b>" + text::hm(t.sitting_s / sat_days) + "</b> a day";
    s += ". ";
    if (t.over_limit == 0) s += "Not one sitting ran past " + text::hm(r.sit_limit_s) + ". ";
    else s += text::plural(t.over_limit, "sitting", "sittings") + " ran past " + text::hm(r.sit_limit_s) + ". ";
    if (r.stretch_days == 0) s += "No stretching yet: the next reminder is a good moment.";
    // One day: the time stretched, the figure that made it a stretch day. A
    // count of completed routines would also count ones clicked through in
    // seconds, which are no stretching (report.hpp).
    else if (r.days.size() == 1)
        s += "You stretched for " +
             tagged("b", "", "totals.routines.stretched_s", t.routines.stretched_s, text::hm(t.routines.stretched_s)) + ".";
    else s += "You stretched on " + text::plural(r.stretch_days, "day", "days") + ".";
    return s;
}

// The goal at a glance, top right: the one thing to feel good (or nudged) about.
std::string badge(const Report& r) {
    const Goal& g = r.goal;
    const std::string state = g.met ? "goal met" : g.in_progress ? "the week is not over" : "goal missed";
    return "<div class=\"badge" + std::string(g.met ? " met" : "") + "\"><div class=\"k\">stretch days, week of " +
           esc(short_label(g.week)) + "</div><b>" + std::to_string(g.stretch_days) + "<small> / " +
           std::to_string(g.per_week) + "</small></b><span>" + state + " · " +
           text::plural(g.streak_weeks, "week", "weeks") + " in a row</span></div>";
}

void cards(std::ostringstream& o, const Report& r, int sat_days) {
    const Figures& t = r.totals;
    const std::int64_t share = static_cast<std::int64_t>(text::share4(t.over_limit_share()) * 100 + 0.5);
    o << "<section class=\"cards\">";
    o << card("calm", "Sitting", tagged("b", "big", "totals.sitting_s", t.sitting_s, text::hm(t.sitting_s)),
              r.days.size() > 1 && sat_days ? text::hm(t.sitting_s / sat_days) + " a day on " + text::plural(sat_days, "day", "days")
                                            : text::plural(t.sittings, "sitting", "sittings"));
    o << card("", "Longest unbroken", tagged("b", "big", "totals.longest_sitting_s", t.longest_s, text::hm(t.longest_s)),
              t.sittings ? esc(short_label(text::day_of(r, t.longest_start_s))) + ", from " + text::clock(t.longest_start_s)
                         : "no sitting");
    o << card("warm", ("Over " + text::hm(r.sit_limit_s)).c_str(),
              tagged("b", "big", "totals.over_limit.count", t.over_limit, std::to_string(t.over_limit)),
              "of " + tagged("span", "", "totals.sittings", t.sittings, text::plural(t.sittings, "sitting", "sittings")) + ", " +
                  esc(text::percent(t.over_limit_share())) + " of the time",
              "<div class=\"meter\"><span style=\"width:" + std::to_string(share) + "%\"></span></div>");
    o << card("green", "Stretched", tagged("b", "big", "totals.routines.stretched_s", t.routines.stretched_s, text::hm(t.routines.stretched_s)),
              tagged("span", "", "totals.routines.completed", t.routines.completed,
                     text::plural(t.routines.completed, "routine", "routines")) + " completed");
    o << "</section>";
}

void panel(std::ostringstream& o, const std::string& title, const std::string& note, const std::string& body,
           const char* cls = "panel") {
    o << "<section class=\"" << cls << "\"><h2>" << esc(title) << "</h2>";
    if (!note.empty()) o << "<p class=\"note\">" << note << "</p>";
    o << body << "</section>";
}

std::string reminders_body(const Report& r) {
    const Reminders& m = r.totals.reminders;
    std::ostringstream o;
    o << charts::reminder_outcomes(r);
    o << "<div class=\"legend\">";
    for (const auto& k : charts::kOutcomes) {
        const int v = m.*k.field;
        o << "<span><i class=\"key " << k.cls << "\"></i>"
          << tagged("b", "", std::string("totals.reminders.") + k.name, v, std::to_string(v)) << k.words << "</span>";
    }
    o << "</div><div class=\"stats\"><span>" << tagged("b", "", "totals.reminders.shown", m.shown, std::to_string(m.shown))
      << " reminders</span><span>" << tagged("b", "", "totals.reminders.shown_again", m.shown_again, std::to_string(m.shown_again))
      << " shown again</span><span>" << tagged("b", "", "totals.reminders.snoozed", m.snoozed, std::to_string(m.snoozed))
      << " snoozes</span>";
    if (m.answered > 0)
        o << "<span>answered after " << tagged("b", "", "totals.reminders.wait_median_s", m.wait_median_s, text::hm(m.wait_median_s))
          << " typically, " << tagged("b", "", "totals.reminders.wait_max_s", m.wait_max_s, text::hm(m.wait_max_s)) << " at most</span>";
    o << "</div>";
    if (r.days.size() > 1 && r.days.size() <= 31) o << charts::reminders_per_day(r);
    return o.str();
}

std::string goal_body(const Report& r) {
    const Goal& g = r.goal;
    std::ostringstream o;
    o << "<div class=\"row\">" << charts::goal_ring(r) << "<div><div class=\"k\">week of " << esc(short_label(g.week))
      << "</div><p>" << tagged("b", "", "goal.stretch_days", g.stretch_days, text::plural(g.stretch_days, "stretch day", "stretch days"))
      << " of the " << tagged("b", "", "goal.stretch_days_per_week", g.per_week, std::to_string(g.per_week)) << " you aim for: "
      << (g.met ? "goal met." : g.in_progress ? "the week is not over yet." : "missed this time.") << "</p>"
      << "<div class=\"streak\">" << tagged("span", "", "goal.streak_weeks", g.streak_weeks, std::to_string(g.streak_weeks))
      << "</div><div class=\"k\">" << (g.streak_weeks == 1 ? "week" : "weeks") << " in a row on goal</div>";
    // The goal week's days, when the report holds all seven.
    const auto first = std::find_if(r.days.begin(), r.days.end(), [&](const Day& d) { return d.date == g.week; });
    if (first != r.days.end() && r.days.end() - first >= 7) {
        o << "<div class=\"days7\">";
        for (int i = 0; i < 7; ++i) o << "<span class=\"" << (first[i].stretch_day ? "on" : "") << "\">" << weekday_name(i) << "</span>";
        o << "</div>";
    }
    o << "</div></div>";
    if (r.weeks.size() > 1) o << "<p class=\"note\">Every week in the range</p>" << charts::weeks_strip(r);
    return o.str();
}

std::string routines_body(const Report& r) {
    const Routines& rt = r.totals.routines;
    if (rt.by_routine.empty()) return "<p class=\"empty\">No routines in this range.</p>";
    int peak = 1;
    for (const auto& [id, use] : rt.by_routine) peak = std::max(peak, use.completed);
    std::ostringstream o;
    for (const auto& [id, use] : rt.by_routine) {
        o << "<div class=\"rt\"><span class=\"name\">" << esc(id) << "</span><div class=\"bar\"><span style=\"width:"
          << use.completed * 100 / peak << "%\"></span></div><span class=\"n\">"
          << tagged("b", "", "totals.routines.by_routine." + id + ".completed", use.completed, std::to_string(use.completed))
          << " · " << esc(text::hm(use.seconds)) << "</span></div>";
    }
    if (rt.stopped > 0) o << "<p class=\"note\">" << text::plural(rt.stopped, "routine", "routines") << " stopped early.</p>";
    return o.str();
}

std::string breaks_body(const Report& r) {
    std::ostringstream o;
    o << "<div class=\"chips\">";
    static const char* const what[] = {"got up", "screen locked", "asleep", "stretching", "Limber not running", "other"};
    for (std::size_t i = 0; i < kBreakReasons; ++i) {
        const Count& c = r.totals.breaks[i];
        if (c.count == 0 && i == kBreakReasons - 1) continue;
        const std::string name = to_string(static_cast<BreakReason>(i));
        o << "<div class=\"chip" << (c.count == 0 ? " zero" : "") << "\"><div class=\"k\">" << name << " · " << what[i] << "</div>"
          << tagged("b", "", "totals.breaks." + name + ".count", c.count, text::plural(c.count, "break", "breaks"))
          << tagged("span", "", "totals.breaks." + name + ".seconds", c.seconds, text::hm(c.seconds)) << "</div>";
    }
    o << "</div>";
    return o.str();
}

}  // namespace

std::string render_html(const Report& r) {
    const int sat_days = r.days_with_sitting();
    const std::string limit = text::hm(r.sit_limit_s);
    const std::string legend = "<i class=\"key calm\"></i>sitting<i class=\"key warm\"></i>in sittings longer than " + limit;

    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
      << "<title>Limber · " << esc(text::range_title(r)) << "</title><style>" << base_style() << charts::page_style() << "</style></head><body><main>";
    o << "<header class=\"hero\"><div><div class=\"brand\">Limber · sitting report</div><h1>" << esc(text::range_title(r))
      << "</h1><p class=\"sub\">" << esc(short_label(r.first)) << (r.first == r.last ? "" : " – " + esc(short_label(r.last)))
      << " · sit limit " << esc(limit) << " · " << esc(r.zone) << "</p><p class=\"headline\">" << headline(r, sat_days)
      << "</p></div>" << badge(r) << "</header>";
    cards(o, r, sat_days);

    const std::size_t n = r.days.size();
    const bool weekly = charts::weekly(r);
    // A single day is its timeline; the per-day columns and the week's heat
    // map would be one bar and one row.
    if (n > 1)
        panel(o, weekly ? "Sitting per week" : "Sitting per day", legend + "; the dashed line is your average",
              charts::daily_sitting(r));
    if (n <= 31)
        panel(o, n == 1 ? "Your day on the clock" : "Your days on the clock",
              "<i class=\"key calm\"></i>sitting<i class=\"key warm\"></i>past " + limit +
                  " without a break<i class=\"key stretch\"></i>stretching",
              charts::timeline(r));
    if (n > 1) panel(o, "When you sit", "Hour of the day by weekday; darker is more sitting.", charts::heat_map(r));
    panel(o, n == 1 ? "Each sitting" : "Longest unbroken sitting",
          n == 1 ? "Every sitting of the day against the " + limit + " limit."
                 : std::string(weekly ? "Per week" : "Per day") + ", against the " + limit + " limit.",
          charts::longest_trend(r));
    panel(o, "Reminders and what you did", "What became of each reminder.", reminders_body(r));
    o << "<div class=\"two\">";
    panel(o, "Stretch goal", "", goal_body(r), "panel goal");
    panel(o, "Routines", "Completed runs and the time they took.", routines_body(r));
    o << "</div>";
    panel(o, "Breaks", "How the sittings ended.", breaks_body(r));
    o << "<footer>Made by Limber from the history on this computer, " << esc(text::local_stamp(r.generated_s))
      << ". Nothing on this page came from the network.</footer>";
    o << "</main></body></html>\n";
    return o.str();
}

}  // namespace limber::report
