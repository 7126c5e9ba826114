// SPDX-License-Identifier: MIT
// The terminal face: a row and a bar per day, then the range in sentences,
// then when in the week the sitting happens. Fits 80 columns.
#include <algorithm>
#include <cctype>
#include <sstream>

#include "report/render.hpp"
#include "report/text.hpp"
#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber::report {
namespace {

constexpr int kBarWidth = 14;
constexpr int kLabelWidth = 14;

struct Paint {
    bool on = false;
    std::string operator()(const char* code, const std::string& s) const {
        return on ? std::string("\033[") + code + "m" + s + "\033[0m" : s;
    }
};
constexpr const char* kBold = "1";
constexpr const char* kDim = "2";
constexpr const char* kCalm = "36";   // cyan: sitting inside the limit
constexpr const char* kWarm = "33";   // yellow: sittings past the limit
constexpr const char* kGood = "32";   // green: stretch days, goals met

// Padding counts characters, not bytes: "März" is four columns wide.
std::string pad_left(const std::string& s, std::size_t width, std::size_t shown = std::string::npos) {
    const std::size_t len = shown == std::string::npos ? display_width(s) : shown;
    return len >= width ? s : std::string(width - len, ' ') + s;
}

std::string pad_right(const std::string& s, std::size_t width) {
    const std::size_t len = display_width(s);
    return len >= width ? s : s + std::string(width - len, ' ');
}

// Eighths of a cell, so short days still show.
std::string blocks(std::int64_t eighths) {
    static const char* const part[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    std::string out;
    for (std::int64_t i = 0; i < eighths / 8; ++i) out += "█";
    return out + part[eighths % 8];
}

// The day's sitting as a bar: the part spent in sittings past the limit is
// drawn last, in a warm colour, or shaded ▓ when there is no colour.
std::string bar(const Figures& f, std::int64_t scale, const Paint& paint, int& shown) {
    shown = 0;
    if (scale <= 0 || f.sitting_s <= 0) return "";
    const std::int64_t total = std::max<std::int64_t>(1, f.sitting_s * kBarWidth * 8 / scale);
    const std::int64_t over = std::min(total, f.over_limit_s * kBarWidth * 8 / scale);
    if (over == 0) {
        shown = static_cast<int>((total + 7) / 8);
        return paint(kCalm, blocks(total));
    }
    // Whole cells for the calm part, so the two colours meet without a notch.
    std::int64_t calm_cells = (total - over + 4) / 8;
    if (calm_cells * 8 > total) calm_cells = total / 8;
    const std::int64_t warm = total - calm_cells * 8;
    std::string warm_text;
    if (paint.on) {
        warm_text = blocks(warm);
    } else {
        for (std::int64_t i = 0; i < (warm + 7) / 8; ++i) warm_text += "▓";
    }
    shown = static_cast<int>(calm_cells + (warm + 7) / 8);
    return paint(kCalm, blocks(calm_cells * 8)) + paint(kWarm, warm_text);
}

// Wraps "label  words..." to the width with a hanging indent.
void paragraph(std::ostringstream& o, const Paint& paint, const std::string& label, const std::string& body, int width) {
    std::istringstream words(body);
    std::string word, line;
    bool first = true;
    auto flush = [&] {
        o << (first ? paint(kBold, pad_right(label, kLabelWidth)) : std::string(kLabelWidth, ' ')) << line << '\n';
        first = false;
        line.clear();
    };
    while (words >> word) {
        // Keep "6h 05m" on one line.
        if (word.size() >= 2 && word.back() == 'h' && std::isdigit(static_cast<unsigned char>(word[word.size() - 2]))) {
            std::string minutes;
            if (words >> minutes) word += " " + minutes;
        }
        if (!line.empty() && static_cast<int>(kLabelWidth + display_width(line) + 1 + display_width(word)) > width) flush();
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty() || first) flush();
}

// How sittings end, as report.cpp's to_string(BreakReason) spells them, so
// that tr() finds them: "idle 30 (7h 13m)".
// TRANSLATORS: how a sitting ended, before a count: idle (the user got up),
// lock (screen locked), suspend (asleep), routine (stretching), shutdown.
[[maybe_unused]] constexpr const char* kReasonWords[] = {tr_noop("idle"), tr_noop("lock"), tr_noop("suspend"),
                                                         tr_noop("routine"), tr_noop("shutdown"), tr_noop("other")};

std::string reminders_line(const Reminders& m) {
    if (m.shown + m.shown_again + m.snoozed + m.skipped + m.acted == 0) return tr("none");
    // TRANSLATORS: {0} counts reminders ("12 reminders"), then what became of them, then {6} counts snoozes.
    std::string s = trf("{0}: {1} led to a routine, {2} to a break, {3} skipped, {4} paused, {5} unanswered; {6}.",
                        text::plural(m.shown, "{} reminder", "{} reminders"), m.acted, m.took_break, m.skipped, m.paused,
                        m.unanswered, text::plural(m.snoozed, "{} snooze", "{} snoozes"));
    if (m.answered > 0)
        s += " " + trf("Answered after {0} typically (longest wait {1}).", text::hm(m.wait_median_s), text::hm(m.wait_max_s));
    return s;
}

std::string holds_line(const Holds& h) {
    std::string s = trnf("{0} reminder waited for the end of a call, {1} in all:",
                         "{0} reminders waited for the end of a call, {1} in all:", h.count, h.count, text::hm(h.seconds));
    for (const auto& [kind, c] : h.by_kind) s += " " + human_busy(kind) + " " + std::to_string(c.count) + " (" + text::hm(c.seconds) + "),";
    s.back() = '.';
    return s;
}

std::string routines_line(const Routines& r) {
    if (r.started == 0 && r.completed == 0) return tr("none");
    std::string s = trf("{0} completed, {1} stretched", r.completed, text::hm(r.stretched_s));
    std::string which;
    for (const auto& [id, use] : r.by_routine)
        if (use.completed > 0) which += (which.empty() ? "" : ", ") + id + " " + std::to_string(use.completed);
    if (!which.empty()) s += ": " + which;
    if (r.stopped > 0) s += " " + trf("({} stopped early)", r.stopped);
    return s;
}

void heat_map(std::ostringstream& o, const Report& r, const Paint& paint) {
    std::int64_t peak = 0;
    for (const auto& row : r.heat) peak = std::max(peak, *std::max_element(row.begin(), row.end()));
    if (peak == 0) return;
    static const char* const shade[] = {"··", "░░", "▒▒", "▓▓", "██"};
    o << '\n' << paint(kBold, tr("When you sit")) << paint(kDim, std::string("  ") + tr("(hour of the day; darker is more sitting)")) << '\n';
    o << "     ";
    std::string axis;
    for (int h = 0; h < 24; h += 3) axis += pad_right(h < 10 ? "0" + std::to_string(h) : std::to_string(h), 6);
    o << paint(kDim, axis.substr(0, axis.find_last_not_of(' ') + 1)) << '\n';
    for (int wd = 0; wd < 7; ++wd) {
        o << pad_right(weekday_label(wd), 3) << "  ";
        for (std::int64_t v : r.heat[static_cast<std::size_t>(wd)]) {
            const int level = v <= 0 ? 0 : static_cast<int>(1 + std::min<std::int64_t>(3, v * 4 / (peak + 1)));
            o << (level == 0 ? paint(kDim, shade[0]) : paint(kCalm, shade[level]));
        }
        o << '\n';
    }
}

}  // namespace

std::string render_table(const Report& r, const TableStyle& style) {
    const Paint paint{style.colour};
    std::ostringstream o;
    const Figures& t = r.totals;
    o << paint(kBold, text::range_title(r)) << paint(kDim, "  ·  " + trf("sit limit {}", text::hm(r.sit_limit_s))) << "\n\n";

    std::int64_t scale = 0;
    for (const Day& d : r.days) scale = std::max(scale, d.figures.sitting_s);
    // Day, sitting, bar, then right-aligned counts: 79 columns with the "…" of an open sitting.
    // TRANSLATORS: the table's column headings have room for 11, 7, 7, 4, 6, 5, 5 and 8 characters.
    const std::string header = pad_right(tr("Day"), 12) + pad_left(tr("Sitting"), 8) + "  " +
                               std::string(static_cast<std::size_t>(kBarWidth), ' ') + pad_left(tr("Longest"), 8) +
                               pad_left(tr("Over"), 5) + pad_left(tr("Breaks"), 7) + pad_left(tr("Shown"), 6) +
                               pad_left(tr("Acted"), 6) + pad_left(tr("Stretch"), 9);
    o << paint(kBold, header) << '\n';
    for (const Day& d : r.days) {
        const Figures& f = d.figures;
        int shown = 0;
        const std::string b = bar(f, scale, paint, shown);
        std::string line = pad_right(short_label(d.date), 12) + pad_left(text::hm(f.sitting_s), 8) + "  " + b +
                           std::string(static_cast<std::size_t>(kBarWidth - shown), ' ') +
                           pad_left(f.sittings ? text::hm(f.longest_s) : "-", 8) +
                           pad_left(std::to_string(f.over_limit), 5) + pad_left(std::to_string(f.breaks_total().count), 7) +
                           pad_left(std::to_string(f.reminders.shown), 6) + pad_left(std::to_string(f.reminders.acted), 6);
        const std::string stretch = d.stretch_day ? "✓ " + text::hm(f.routines.stretched_s) : "";
        line += pad_left(stretch.empty() ? "" : paint(kGood, stretch), 9, display_width(stretch));
        if (f.ongoing) line += paint(kDim, " …");
        line.erase(line.find_last_not_of(' ') + 1);
        o << (f.sitting_s == 0 && f.breaks_total().count == 0 ? paint(kDim, line) : line) << '\n';
    }
    o << paint(kDim, trf("Over: sittings longer than {}", text::hm(r.sit_limit_s)) + " " +
                         (paint.on ? tr("(yellow in the bar).") : tr("(▓ in the bar).")) + " " + tr("Shown: reminders."))
      << '\n' << paint(kDim, tr("Acted: reminders that led to a routine. Stretch: time stretched that day.")) << "\n\n";

    const int width = style.width;
    const int sat_days = r.days_with_sitting();
    // TRANSLATORS: {0} is the time sat, {1} the days sat on, {2} the days in the report ("3 days").
    std::string sitting = trf("{0} on {1} of {2}", text::hm(t.sitting_s), sat_days,
                              text::plural(static_cast<std::int64_t>(r.days.size()), "{} day", "{} days"));
    if (sat_days) sitting += ", " + trf("{} a day", text::hm(t.sitting_s / sat_days));
    if (t.ongoing) sitting += " " + std::string(tr("(still sitting)"));
    paragraph(o, paint, tr("Sitting"), sitting, width);
    // TRANSLATORS: {0} is how long, {1} a clock time, {2} a day: "1h 20m unbroken, from 09:14 on Mon 16 Mar".
    paragraph(o, paint, tr("Longest"),
              t.sittings ? trf("{0} unbroken, from {1} on {2}", text::hm(t.longest_s), text::clock(t.longest_start_s),
                               short_label(text::day_of(r, t.longest_start_s)))
                         : tr("no sitting"),
              width);
    // TRANSLATORS: {0} counts sittings over the limit, {1} all sittings ("12 sittings"), {2} a share ("38%").
    paragraph(o, paint, trf("Over {}", text::hm(r.sit_limit_s)),
              trf("{0} of {1}, {2} of the sitting time", t.over_limit, text::plural(t.sittings, "{} sitting", "{} sittings"),
                  text::percent(t.over_limit_share())),
              width);
    paragraph(o, paint, tr("Average"), trf("{} a sitting", text::hm(t.average_s())), width);
    std::string breaks = text::plural(t.breaks_total().count, "{} break", "{} breaks") + ":";
    for (std::size_t i = 0; i < kBreakReasons; ++i) {
        if (t.breaks[i].count == 0) continue;
        breaks += " " + std::string(tr(to_string(static_cast<BreakReason>(i)))) + " " + std::to_string(t.breaks[i].count) +
                  " (" + text::hm(t.breaks[i].seconds) + "),";
    }
    if (breaks.back() == ',') breaks.pop_back();
    paragraph(o, paint, tr("Breaks"), breaks, width);
    paragraph(o, paint, tr("Reminders"), reminders_line(t.reminders), width);
    if (t.holds.count > 0) paragraph(o, paint, tr("Held"), holds_line(t.holds), width);
    paragraph(o, paint, tr("Routines"), routines_line(t.routines), width);
    const Goal& g = r.goal;
    // TRANSLATORS: {0} counts stretch days ("3 stretch days"), {1} is a day, {2} the goal, {3} met, not yet or
    // missed, {4} counts weeks ("2 weeks").
    const std::string goal = trf("{0} in the week of {1} (goal {2}): {3}; {4} in a row met it",
                                 text::plural(g.stretch_days, "{} stretch day", "{} stretch days"), short_label(g.week),
                                 g.per_week, g.met ? tr("met") : g.in_progress ? tr("not yet") : tr("missed"),
                                 text::plural(g.streak_weeks, "{} week", "{} weeks"));
    paragraph(o, paint, tr("Stretch goal"), goal, width);
    if (r.days.size() > 1) heat_map(o, r, paint);
    return o.str();
}

}  // namespace limber::report
