// SPDX-License-Identifier: MIT
#include "tray/menu.hpp"

#include <algorithm>
#include <ctime>

#include "util/duration.hpp"
#include "util/human.hpp"
#include "util/i18n.hpp"

namespace limber::tray {
namespace {

using namespace std::chrono_literals;

MenuItem item(std::string key, std::string label, bool enabled = true) {
    return MenuItem{std::move(key), std::move(label), enabled, false, {}, std::nullopt};
}

MenuItem separator(std::string key) { return MenuItem{std::move(key), "", true, true, {}, std::nullopt}; }

// routine.speak as the daemon last said; nullopt from a daemon too old to say.
std::optional<bool> speaking(const Snapshot& s) {
    if (!s.status) return std::nullopt;
    const Json speak = field(*s.status, "speak");
    if (!speak.is_boolean()) return std::nullopt;
    return speak.get<bool>();
}

// A page per routine with every step and figure, to learn it or print it.
MenuItem sheets_menu(const Json& routines) {
    MenuItem menu = item("sheet", tr("Routine sheets"));
    if (!routines.is_array()) return menu;
    for (const Json& r : routines) {
        const Json id = field(r, "id"), name = field(r, "name");
        if (!id.is_string()) continue;
        menu.children.push_back(item("sheet/" + id.get<std::string>(),
                                     trf("How to do {}…", (name.is_string() ? name : id).get<std::string>())));
    }
    return menu;
}

MenuItem routines_menu(const Json& routines) {
    MenuItem menu = item("start", tr("Start routine"));
    for (const Json& r : routines) {
        const Json id = field(r, "id"), name = field(r, "name"), seconds = field(r, "seconds");
        if (!id.is_string()) continue;
        std::string label = name.is_string() ? name.get<std::string>() : id.get<std::string>();
        // TRANSLATORS: {0} is a routine's name, {1} how long it takes.
        if (seconds.is_number()) label = trf("{0} ({1})", label, human_duration(Millis(seconds.get<std::int64_t>() * 1000)));
        menu.children.push_back(item("start/" + id.get<std::string>(), std::move(label)));
    }
    return menu;
}

// "Today: 3 h 12 min sitting, 4 breaks", from the report's totals; nullopt
// when the answer does not look like a report or is not about today.
std::optional<std::string> today_label(const Json& report, const Now& now) {
    if (!report_is_today(report, now)) return std::nullopt;
    const Json totals = field(report, "totals");
    const Json sitting_s = field(totals, "sitting_s");
    if (!sitting_s.is_number()) return std::nullopt;
    Millis sitting(sitting_s.get<std::int64_t>() * 1000);
    // The report counts an open sitting up to when it was made; the clock
    // has run on since, and no event says so.
    if (const auto made = parse_time(field(report, "generated_at")); made && field(totals, "ongoing") == true)
        sitting += std::max(Millis{0}, now.wall - *made);
    // TRANSLATORS: the start of the tray's line about today: "Today: 3 h 12 min sitting, 4 breaks, stretched 6 min".
    std::string label = trf("Today: {} sitting", human_duration(sitting));
    if (const Json count = field(field(totals, "breaks"), "count"); count.is_number()) {
        const auto n = count.get<std::int64_t>();
        label += ", " + trnf("{} break", "{} breaks", n, n);
    }
    // Stretching as the report counts it: on a stretch day only, so that a
    // routine clicked through in seconds is not praised here either.
    const Json stretched = field(field(totals, "routines"), "stretched_s");
    if (const Json days = field(totals, "stretch_days"); days.is_number() && days.get<std::int64_t>() > 0 &&
                                                          stretched.is_number())
        label += ", " + trf("stretched {}", human_duration(Millis(stretched.get<std::int64_t>() * 1000)));
    return label;
}

// "Until tomorrow" used to end at midnight, which woke the reminders in
// the middle of the night for whoever was still up. It ends at the next
// kMorning local time instead, and says so in its label. A fixed hour, not
// a setting: quiet.hours is the setting for a night that comes every day.
// (On the night the clocks change this is an hour off, which is harmless.)
constexpr Millis kMorning = 8h;

// From now to the next kMorning, in whole minutes (a pause is in minutes).
Millis until_morning(const Now& now) {
    constexpr Millis day = 24h;
    const Millis local = now.wall + now.utc_offset;
    const Millis of_day((local.count() % day.count() + day.count()) % day.count());
    const Millis left = of_day < kMorning ? kMorning - of_day : day - of_day + kMorning;
    const auto minutes = (left.count() + 59'999) / 60'000;
    return Millis(std::max<std::int64_t>(1, minutes) * 60'000);
}

}  // namespace

bool report_is_today(const Json& report, const Now& now) {
    const std::time_t local = static_cast<std::time_t>((now.wall + now.utc_offset).count() / 1000);
    std::tm day{};
    gmtime_r(&local, &day);
    char date[16];
    std::strftime(date, sizeof date, "%Y-%m-%d", &day);
    const Json range = field(report, "range");
    return field(range, "from") == date && field(range, "to") == date;
}

std::vector<Millis> snooze_choices(const Json& status) {
    std::vector<Millis> choices{10min, 20min, 30min};
    if (const Json snooze = field(status, "snooze_seconds"); snooze.is_number_integer()) {
        const Millis configured(snooze.get<std::int64_t>() * 1000);
        if (configured > Millis{0}) choices.push_back(configured);
    }
    std::sort(choices.begin(), choices.end());
    choices.erase(std::unique(choices.begin(), choices.end()), choices.end());
    return choices;
}

std::vector<MenuItem> build_menu(const Snapshot& s, const Now& now) {
    std::vector<MenuItem> menu;
    if (!s.status) {
        menu.push_back(item("header", tr("Limber is not running"), false));
        menu.push_back(separator("sep/quit"));
        menu.push_back(item("settings", tr("Settings…")));  // a config limberd refuses is why it is down
        menu.push_back(item("quit", tr("Quit tray")));
        return menu;
    }
    const Json& status = *s.status;
    const std::string state = state_of(status);
    const bool in_routine = state == "routine";
    const bool paused = state == "paused" || field(status, "paused") == true;
    const auto sitting = sitting_for(status, now);

    menu.push_back(item("header", sitting ? trf("Sitting for {}", human_duration(*sitting)) : tr("On a break"), false));
    if (state == "held")
        if (const auto held = ipc::status_from_json(status)) menu.push_back(item("held", held_line(*held, now), false));
    menu.push_back(separator("sep/actions"));

    if (in_routine) {
        menu.push_back(item("next", tr("Next step")));
        menu.push_back(item("stop", tr("Stop routine")));
    } else if (s.routines.is_array() && !s.routines.empty()) {
        if (MenuItem start = routines_menu(s.routines); !start.children.empty()) menu.push_back(std::move(start));
    }
    // What the daemon would refuse is not offered: snoozing needs a sitting
    // and neither a routine nor a pause.
    if (!in_routine && !paused && sitting) {
        MenuItem snooze = item("snooze", tr("Snooze"));
        for (const Millis d : snooze_choices(status))
            snooze.children.push_back(item("snooze/" + format_duration(d), human_duration(d)));
        menu.push_back(std::move(snooze));
    }
    if (state == "reminding") menu.push_back(item("skip", tr("Skip this break")));
    if (paused) {
        menu.push_back(item("resume", tr("Resume reminders")));
    } else if (!in_routine) {
        MenuItem pause = item("pause", tr("Pause reminders"));
        pause.children = {item("pause/30m", human_duration(30min)), item("pause/1h", human_duration(1h)),
                          item("pause/morning", trf("Until {}", format_clock(now.wall + until_morning(now), now)))};
        menu.push_back(std::move(pause));
    }

    // A daemon that answers `report` comes with a limberctl that renders one.
    if (s.today) {
        if (auto label = today_label(*s.today, now)) {
            menu.push_back(separator("sep/today"));
            menu.push_back(item("today", *label, false));
            menu.push_back(item("report", tr("Open this week's report")));
        }
    }
    menu.push_back(separator("sep/quit"));
    // Also during a routine: "how was this one done" is a fair question then.
    if (MenuItem sheets = sheets_menu(s.routines); !sheets.children.empty()) menu.push_back(std::move(sheets));
    if (const auto speak = speaking(s)) {
        MenuItem toggle = item("speak", tr("Speak the steps"));
        toggle.checked = *speak;
        menu.push_back(std::move(toggle));
    }
    menu.push_back(item("settings", tr("Settings…")));
    menu.push_back(item("quit", tr("Quit tray")));
    return menu;
}

std::optional<Action> action_for(std::string_view key, const Snapshot& s, const Now& now) {
    const auto slash = key.find('/');
    const std::string verb(key.substr(0, slash));
    const std::string arg = slash == std::string_view::npos ? "" : std::string(key.substr(slash + 1));
    if (key == "speak") {
        const auto speak = speaking(s);
        if (!speak) return std::nullopt;
        return Action{"speak", {{"on", !*speak}}};
    }
    if (arg.empty()) {
        if (verb == "skip" || verb == "resume" || verb == "next" || verb == "stop" || verb == "quit" ||
            verb == "report" || verb == "settings")
            return Action{verb};
        return std::nullopt;
    }
    if (verb == "start" || verb == "sheet") return Action{verb, {{"routine", arg}}};
    if (verb == "pause" && arg == "morning") return Action{"pause", {{"for", format_duration(until_morning(now))}}};
    if ((verb == "snooze" || verb == "pause") && parse_duration(arg)) return Action{verb, {{"for", arg}}};
    return std::nullopt;
}

Action activate_action(const Snapshot& s) {
    if (s.status && field(*s.status, "state") == "reminding") return Action{"start"};
    return Action{"show"};
}

}  // namespace limber::tray
