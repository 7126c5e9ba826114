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
#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber::report {
namespace {

using svg::esc;

// A sentence in the user's language with values in it, for the page: the
// translation is escaped (a translator's "&" must not break the page) and
// the values go in as they are, since they may be markup (tagged numbers).
template <typename... Args>
std::string say(const char* msgid, const Args&... args) {
    return format_translated(esc(tr(msgid)).c_str(), esc(msgid).c_str(), fmt::make_format_args(args...));
}
template <typename... Args>
std::string sayn(const char* one, const char* many, std::int64_t n, const Args&... args) {
    return format_translated(esc(trn(one, many, static_cast<unsigned long>(n))).c_str(), esc(n == 1 ? one : many).c_str(),
                             fmt::make_format_args(args...));
}
std::string say(const char* msgid) { return esc(tr(msgid)); }

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
    if (t.sitting_s == 0) return say("No sitting recorded in this range. A quiet stretch, or the daemon was not running.");
    const std::string sat = "<b>" + esc(text::hm(t.sitting_s)) + "</b>";
    // TRANSLATORS: the report's headline; {0} is how long the user sat, {1} how many days, {2} the time a day.
    std::string s = r.days.size() > 1 ? sayn("You sat for {0} over {1} day, {2} a day.", "You sat for {0} over {1} days, {2} a day.",
                                             sat_days, sat, sat_days, "<b>" + esc(text::hm(t.sitting_s / sat_days)) + "</b>")
                                      : say("You sat for {}.", sat);
    s += " ";
    const std::string limit = esc(text::hm(r.sit_limit_s));
    if (t.over_limit == 0) s += say("Not one sitting ran past {}.", limit) + " ";
    else s += sayn("{0} sitting ran past {1}.", "{0} sittings ran past {1}.", t.over_limit, t.over_limit, limit) + " ";
    if (r.stretch_days == 0) s += say("No stretching yet: the next reminder is a good moment.");
    // One day: the time stretched, the figure that made it a stretch day. A
    // count of completed routines would also count ones clicked through in
    // seconds, which are no stretching (report.hpp).
    else if (r.days.size() == 1)
        s += say("You stretched for {}.",
                 tagged("b", "", "totals.routines.stretched_s", t.routines.stretched_s, text::hm(t.routines.stretched_s)));
    else s += sayn("You stretched on {} day.", "You stretched on {} days.", r.stretch_days, r.stretch_days);
    return s;
}

// The goal at a glance, top right: the one thing to feel good (or nudged) about.
std::string badge(const Report& r) {
    const Goal& g = r.goal;
    const std::string state = g.met ? say("goal met") : g.in_progress ? say("the week is not over") : say("goal missed");
    return "<div class=\"badge" + std::string(g.met ? " met" : "") + "\"><div class=\"k\">" +
           say("stretch days, week of {}", esc(short_label(g.week))) + "</div><b>" + std::to_string(g.stretch_days) +
           "<small> / " + std::to_string(g.per_week) + "</small></b><span>" + state + " · " +
           sayn("{} week in a row", "{} weeks in a row", g.streak_weeks, g.streak_weeks) + "</span></div>";
}

void cards(std::ostringstream& o, const Report& r, int sat_days) {
    const Figures& t = r.totals;
    const std::int64_t share = static_cast<std::int64_t>(text::share4(t.over_limit_share()) * 100 + 0.5);
    o << "<section class=\"cards\">";
    o << card("calm", say("Sitting").c_str(), tagged("b", "big", "totals.sitting_s", t.sitting_s, text::hm(t.sitting_s)),
              r.days.size() > 1 && sat_days
                  ? sayn("{0} a day on {1} day", "{0} a day on {1} days", sat_days, esc(text::hm(t.sitting_s / sat_days)), sat_days)
                  : sayn("{} sitting", "{} sittings", t.sittings, t.sittings));
    o << card("", say("Longest unbroken").c_str(), tagged("b", "big", "totals.longest_sitting_s", t.longest_s, text::hm(t.longest_s)),
              t.sittings ? say("{0}, from {1}", esc(short_label(text::day_of(r, t.longest_start_s))), text::clock(t.longest_start_s))
                         : say("no sitting"));
    // TRANSLATORS: a heading: sittings longer than the limit, {} ("50m").
    o << card("warm", say("Over {}", esc(text::hm(r.sit_limit_s))).c_str(),
              tagged("b", "big", "totals.over_limit.count", t.over_limit, std::to_string(t.over_limit)),
              // TRANSLATORS: under the count of sittings over the limit: "of 12 sittings, 38% of the time".
              sayn("of {0} sitting, {1} of the time", "of {0} sittings, {1} of the time", t.sittings,
                   tagged("span", "", "totals.sittings", t.sittings, std::to_string(t.sittings)),
                   esc(text::percent(t.over_limit_share()))),
              "<div class=\"meter\"><span style=\"width:" + std::to_string(share) + "%\"></span></div>");
    o << card("green", say("Stretched").c_str(),
              tagged("b", "big", "totals.routines.stretched_s", t.routines.stretched_s, text::hm(t.routines.stretched_s)),
              sayn("{} routine completed", "{} routines completed", t.routines.completed,
                   tagged("span", "", "totals.routines.completed", t.routines.completed, std::to_string(t.routines.completed))));
    o << "</section>";
}

void panel(std::ostringstream& o, const std::string& title, const std::string& note, const std::string& body,
           const char* cls = "panel") {
    o << "<section class=\"" << cls << "\"><h2>" << esc(title) << "</h2>";
    if (!note.empty()) o << "<p class=\"note\">" << note << "</p>";
    o << body << "</section>";
}

// Reminders that waited for a busy time to end, by what kept the user
// busy; nothing when none did. The same sentence as the table's.
std::string holds_line(const Holds& h) {
    if (h.count == 0) return "";
    std::string s = "<p class=\"held\">" +
                    sayn("{0} reminder waited for the end of a call, {1} in all:",
                         "{0} reminders waited for the end of a call, {1} in all:", h.count,
                         tagged("b", "", "totals.held.count", h.count, std::to_string(h.count)),
                         tagged("b", "", "totals.held.seconds", h.seconds, text::hm(h.seconds)));
    const char* separator = " ";
    for (const auto& [kind, c] : h.by_kind) {
        const std::string key = "totals.held.by_kind." + kind;
        s += separator + esc(human_busy(kind)) + " " + tagged("b", "", key + ".count", c.count, std::to_string(c.count)) +
             " (" + tagged("span", "", key + ".seconds", c.seconds, text::hm(c.seconds)) + ")";
        separator = ", ";
    }
    return s + ".</p>";
}

std::string reminders_body(const Report& r) {
    const Reminders& m = r.totals.reminders;
    std::ostringstream o;
    o << charts::reminder_outcomes(r);
    o << "<div class=\"legend\">";
    for (const auto& k : charts::kOutcomes) {
        const int v = m.*k.field;
        o << "<span><i class=\"key " << k.cls << "\"></i>"
          << tagged("b", "", std::string("totals.reminders.") + k.name, v, std::to_string(v)) << say(k.words) << "</span>";
    }
    o << "</div><div class=\"stats\"><span>"
      << sayn("{} reminder", "{} reminders", m.shown, tagged("b", "", "totals.reminders.shown", m.shown, std::to_string(m.shown)))
      << "</span><span>"
      << sayn("{} shown again", "{} shown again", m.shown_again,
              tagged("b", "", "totals.reminders.shown_again", m.shown_again, std::to_string(m.shown_again)))
      << "</span><span>"
      << sayn("{} snooze", "{} snoozes", m.snoozed, tagged("b", "", "totals.reminders.snoozed", m.snoozed, std::to_string(m.snoozed)))
      << "</span>";
    if (m.answered > 0)
        // TRANSLATORS: {0} is the usual wait before a reminder was answered, {1} the longest.
        o << "<span>"
          << say("answered after {0} typically, {1} at most",
                 tagged("b", "", "totals.reminders.wait_median_s", m.wait_median_s, text::hm(m.wait_median_s)),
                 tagged("b", "", "totals.reminders.wait_max_s", m.wait_max_s, text::hm(m.wait_max_s)))
          << "</span>";
    o << "</div>" << holds_line(r.totals.holds);
    if (r.days.size() > 1 && r.days.size() <= 31) o << charts::reminders_per_day(r);
    return o.str();
}

std::string goal_body(const Report& r) {
    const Goal& g = r.goal;
    std::ostringstream o;
    o << "<div class=\"row\">" << charts::goal_ring(r) << "<div><div class=\"k\">" << say("week of {}", esc(short_label(g.week)))
      << "</div><p>"
      // TRANSLATORS: {0} is the number of stretch days, {1} the goal: "3 stretch days of the 4 you aim for: goal met."
      << sayn("{0} stretch day of the {1} you aim for:", "{0} stretch days of the {1} you aim for:", g.stretch_days,
              tagged("b", "", "goal.stretch_days", g.stretch_days, std::to_string(g.stretch_days)),
              tagged("b", "", "goal.stretch_days_per_week", g.per_week, std::to_string(g.per_week)))
      << " " << (g.met ? say("goal met.") : g.in_progress ? say("the week is not over yet.") : say("missed this time.")) << "</p>"
      << "<div class=\"streak\">" << tagged("span", "", "goal.streak_weeks", g.streak_weeks, std::to_string(g.streak_weeks))
      // TRANSLATORS: under a big number of weeks: "3 | weeks in a row on goal".
      << "</div><div class=\"k\">" << esc(trn("week in a row on goal", "weeks in a row on goal", g.streak_weeks)) << "</div>";
    // The goal week's days, when the report holds all seven.
    const auto first = std::find_if(r.days.begin(), r.days.end(), [&](const Day& d) { return d.date == g.week; });
    if (first != r.days.end() && r.days.end() - first >= 7) {
        o << "<div class=\"days7\">";
        for (int i = 0; i < 7; ++i)
            o << "<span class=\"" << (first[i].stretch_day ? "on" : "") << "\">" << esc(weekday_label(i)) << "</span>";
        o << "</div>";
    }
    o << "</div></div>";
    if (r.weeks.size() > 1) o << "<p class=\"note\">" << say("Every week in the range") << "</p>" << charts::weeks_strip(r);
    return o.str();
}

std::string routines_body(const Report& r) {
    const Routines& rt = r.totals.routines;
    if (rt.by_routine.empty()) return "<p class=\"empty\">" + say("No routines in this range.") + "</p>";
    int peak = 1;
    for (const auto& [id, use] : rt.by_routine) peak = std::max(peak, use.completed);
    std::ostringstream o;
    for (const auto& [id, use] : rt.by_routine) {
        o << "<div class=\"rt\"><span class=\"name\">" << esc(id) << "</span><div class=\"bar\"><span style=\"width:"
          << use.completed * 100 / peak << "%\"></span></div><span class=\"n\">"
          << tagged("b", "", "totals.routines.by_routine." + id + ".completed", use.completed, std::to_string(use.completed))
          << " · " << esc(text::hm(use.seconds)) << "</span></div>";
    }
    if (rt.stopped > 0)
        o << "<p class=\"note\">" << sayn("{} routine stopped early.", "{} routines stopped early.", rt.stopped, rt.stopped) << "</p>";
    return o.str();
}

std::string breaks_body(const Report& r) {
    std::ostringstream o;
    o << "<div class=\"chips\">";
    // TRANSLATORS: how a sitting ended, after the break's kind ("idle · got up").
    static const char* const what[] = {tr_noop("got up"),     tr_noop("screen locked"),      tr_noop("asleep"),
                                       tr_noop("stretching"), tr_noop("Limber not running"), tr_noop("other")};
    for (std::size_t i = 0; i < kBreakReasons; ++i) {
        const Count& c = r.totals.breaks[i];
        if (c.count == 0 && i == kBreakReasons - 1) continue;
        const std::string name = to_string(static_cast<BreakReason>(i));
        o << "<div class=\"chip" << (c.count == 0 ? " zero" : "") << "\"><div class=\"k\">" << say(name.c_str()) << " · " << say(what[i])
          << "</div>" << "<b data-key=\"totals.breaks." << name << ".count\" data-value=\"" << c.count << "\">"
          << sayn("{} break", "{} breaks", c.count, c.count) << "</b>"
          << tagged("span", "", "totals.breaks." + name + ".seconds", c.seconds, text::hm(c.seconds)) << "</div>";
    }
    o << "</div>";
    return o.str();
}

}  // namespace

std::string render_html(const Report& r) {
    const int sat_days = r.days_with_sitting();
    const std::string limit = esc(text::hm(r.sit_limit_s));
    const std::string legend = "<i class=\"key calm\"></i>" + say("sitting") + "<i class=\"key warm\"></i>" +
                               say("in sittings longer than {}", limit);

    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"" << esc(i18n::language_code()) << "\"><head><meta charset=\"utf-8\"/>"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
      << "<title>Limber · " << esc(text::range_title(r)) << "</title><style>" << base_style() << charts::page_style() << "</style></head><body><main>";
    o << "<header class=\"hero\"><div><div class=\"brand\">" << say("Limber · sitting report") << "</div><h1>" << esc(text::range_title(r))
      << "</h1><p class=\"sub\">" << esc(short_label(r.first)) << (r.first == r.last ? "" : " – " + esc(short_label(r.last)))
      << " · " << say("sit limit {}", limit) << " · " << esc(r.zone) << "</p><p class=\"headline\">" << headline(r, sat_days)
      << "</p></div>" << badge(r) << "</header>";
    cards(o, r, sat_days);

    const std::size_t n = r.days.size();
    const bool weekly = charts::weekly(r);
    // A single day is its timeline; the per-day columns and the week's heat
    // map would be one bar and one row.
    if (n > 1)
        panel(o, weekly ? tr("Sitting per week") : tr("Sitting per day"), legend + "; " + say("the dashed line is your average"),
              charts::daily_sitting(r));
    if (n <= 31)
        panel(o, n == 1 ? tr("Your day on the clock") : tr("Your days on the clock"),
              "<i class=\"key calm\"></i>" + say("sitting") + "<i class=\"key warm\"></i>" + say("past {} without a break", limit) +
                  "<i class=\"key stretch\"></i>" + say("stretching"),
              charts::timeline(r));
    if (n > 1) panel(o, tr("When you sit"), say("Hour of the day by weekday; darker is more sitting."), charts::heat_map(r));
    panel(o, n == 1 ? tr("Each sitting") : tr("Longest unbroken sitting"),
          n == 1 ? say("Every sitting of the day against the {} limit.", limit)
                 : weekly ? say("Per week, against the {} limit.", limit) : say("Per day, against the {} limit.", limit),
          charts::longest_trend(r));
    panel(o, tr("Reminders and what you did"), say("What became of each reminder."), reminders_body(r));
    o << "<div class=\"two\">";
    panel(o, tr("Stretch goal"), "", goal_body(r), "panel goal");
    panel(o, tr("Routines"), say("Completed runs and the time they took."), routines_body(r));
    o << "</div>";
    panel(o, tr("Breaks"), say("How the sittings ended."), breaks_body(r));
    o << "<footer>" << say("Made by Limber from the history on this computer, {}. Nothing on this page came from the network.",
                           esc(text::local_stamp(r.generated_s)))
      << "</footer>";
    o << "</main></body></html>\n";
    return o.str();
}

}  // namespace limber::report
