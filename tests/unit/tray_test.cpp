// The tray's model: for each daemon state, the icon, the tooltip, which menu
// items exist and which are enabled, and what clicking them asks for. Plain
// status JSON in, values out.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <sstream>

#include "tray/icons.hpp"
#include "tray/menu.hpp"
#include "tray/model.hpp"

using namespace limber::tray;
using namespace std::chrono_literals;

namespace {

// 2024-05-02 10:00:00 UTC, in a zone two hours ahead (local 12:00).
const Now kNow{Millis(1714644000000), 2h};

std::string iso(Millis wall) {
    const std::time_t t = static_cast<std::time_t>(wall.count() / 1000);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

// A status as limberd sends it: `sat` into a sitting, sit_limit 45 min.
Json status(const std::string& state, std::optional<Millis> sat = 10min) {
    Json j = {{"state", state},
              {"sitting_since", sat ? Json(iso(kNow.wall - *sat)) : Json(nullptr)},
              {"sitting_seconds", sat ? sat->count() / 1000 : 0},
              {"next_reminder_at", sat ? Json(iso(kNow.wall - *sat + 45min)) : Json(nullptr)},
              {"snoozes", 0},
              {"paused", state == "paused"},
              {"paused_until", nullptr},
              {"routine", nullptr},
              {"sit_limit_seconds", 45 * 60},
              {"snooze_seconds", 10 * 60},
              {"idle_backend", "x11"},
              {"notifier", "freedesktop"}};
    if (state == "routine")
        j["routine"] = {{"id", "desk"},   {"name", "Desk stretch"}, {"step", 2},
                        {"of", 6},        {"step_name", "Seated hamstring"}, {"side", "left"},
                        {"step_ends_at", iso(kNow.wall + 30s)}};
    return j;
}

Snapshot snapshot(std::optional<Json> s) {
    Snapshot snap;
    snap.status = std::move(s);
    snap.routines = Json::parse(R"([{"id": "desk", "name": "Desk stretch", "seconds": 180},
                                    {"id": "floor", "name": "Floor routine", "seconds": 420}])");
    return snap;
}

const MenuItem* find(const std::vector<MenuItem>& items, const std::string& key) {
    for (const MenuItem& item : items) {
        if (item.key == key) return &item;
        if (const MenuItem* inner = find(item.children, key)) return inner;
    }
    return nullptr;
}

// The top level's keys in order, separators left out.
std::vector<std::string> top_keys(const std::vector<MenuItem>& items) {
    std::vector<std::string> keys;
    for (const MenuItem& item : items)
        if (!item.separator) keys.push_back(item.key);
    return keys;
}

std::vector<std::string> labels(const MenuItem* item) {
    std::vector<std::string> out;
    if (item)
        for (const MenuItem& child : item->children) out.push_back(child.label);
    return out;
}

using Keys = std::vector<std::string>;

TEST(TrayIcon, FollowsTheState) {
    EXPECT_EQ(choose_icon(snapshot(std::nullopt), kNow), Icon::not_running);
    EXPECT_EQ(choose_icon(snapshot(status("active", 10min)), kNow), Icon::fresh);
    EXPECT_EQ(choose_icon(snapshot(status("idle", 10min)), kNow), Icon::fresh);
    EXPECT_EQ(choose_icon(snapshot(status("away", std::nullopt)), kNow), Icon::fresh);
    EXPECT_EQ(choose_icon(snapshot(status("reminding", 46min)), kNow), Icon::over_limit);
    EXPECT_EQ(choose_icon(snapshot(status("snoozed", 50min)), kNow), Icon::snoozed);
    EXPECT_EQ(choose_icon(snapshot(status("paused", 50min)), kNow), Icon::paused);
    EXPECT_EQ(choose_icon(snapshot(status("routine", 30min)), kNow), Icon::routine);
}

TEST(TrayIcon, GetsLongPastThreeQuartersOfTheLimit) {
    // 75 % of 45 min is 33 min 45 s.
    EXPECT_EQ(choose_icon(snapshot(status("active", 33min + 44s)), kNow), Icon::fresh);
    EXPECT_EQ(choose_icon(snapshot(status("active", 33min + 45s)), kNow), Icon::getting_long);
    // Over the limit with the reminder held (quiet hours, a lock).
    EXPECT_EQ(choose_icon(snapshot(status("active", 45min)), kNow), Icon::over_limit);
    // A daemon too old to say its limit: never "long", never wrong.
    Json old = status("active", 44min);
    old.erase("sit_limit_seconds");
    EXPECT_EQ(choose_icon(snapshot(old), kNow), Icon::fresh);
}

TEST(TrayIcon, NextChangeIsWhenTheClockCrossesAThreshold) {
    const Millis since = kNow.wall - 10min;
    EXPECT_EQ(next_icon_change(snapshot(status("active", 10min)), kNow), since + 33min + 45s);
    EXPECT_EQ(next_icon_change(snapshot(status("active", 40min)), kNow), kNow.wall - 40min + 45min);
    EXPECT_EQ(next_icon_change(snapshot(status("active", 50min)), kNow), std::nullopt);
    // States the daemon announces itself need no timer.
    for (const char* state : {"reminding", "snoozed", "paused", "routine"})
        EXPECT_EQ(next_icon_change(snapshot(status(state, 10min)), kNow), std::nullopt) << state;
    EXPECT_EQ(next_icon_change(snapshot(status("away", std::nullopt)), kNow), std::nullopt);
    EXPECT_EQ(next_icon_change(snapshot(std::nullopt), kNow), std::nullopt);
}

TEST(TrayMenu, NotRunningOffersOnlyQuit) {
    const auto menu = build_menu(snapshot(std::nullopt), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "quit"}));
    EXPECT_EQ(find(menu, "header")->label, "Limber is not running");
    EXPECT_FALSE(find(menu, "header")->enabled);
}

TEST(TrayMenu, SittingOffersRoutinesSnoozeAndPause) {
    const auto menu = build_menu(snapshot(status("active", 42min)), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "start", "snooze", "pause", "quit"}));
    EXPECT_EQ(find(menu, "header")->label, "Sitting for 42 min");
    EXPECT_FALSE(find(menu, "header")->enabled);
    EXPECT_EQ(labels(find(menu, "start")), (Keys{"Desk stretch (3 min)", "Floor routine (7 min)"}));
    EXPECT_EQ(labels(find(menu, "snooze")), (Keys{"10 min", "20 min", "30 min"}));
    EXPECT_EQ(labels(find(menu, "pause")), (Keys{"30 minutes", "1 hour", "Until tomorrow"}));
    for (const char* key : {"start/desk", "snooze/10m", "pause/1h", "quit"}) {
        ASSERT_NE(find(menu, key), nullptr) << key;
        EXPECT_TRUE(find(menu, key)->enabled) << key;
    }
}

TEST(TrayMenu, ReminderOutAddsSkip) {
    const auto menu = build_menu(snapshot(status("reminding", 46min)), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "start", "snooze", "skip", "pause", "quit"}));
}

TEST(TrayMenu, SnoozedCanBeSnoozedAgainButNotSkippedFromTheMenu) {
    const auto menu = build_menu(snapshot(status("snoozed", 50min)), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "start", "snooze", "pause", "quit"}));
}

TEST(TrayMenu, PausedOffersResumeInsteadOfPauseAndNoSnooze) {
    const auto menu = build_menu(snapshot(status("paused", 20min)), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "start", "resume", "quit"}));
}

TEST(TrayMenu, RoutineOffersNextAndStopOnly) {
    const auto menu = build_menu(snapshot(status("routine", 30min)), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "next", "stop", "quit"}));
}

TEST(TrayMenu, OnABreakThereIsNothingToSnooze) {
    const auto menu = build_menu(snapshot(status("away", std::nullopt)), kNow);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "start", "pause", "quit"}));
    EXPECT_EQ(find(menu, "header")->label, "On a break");
}

TEST(TrayMenu, NoRoutinesNoStartMenu) {
    Snapshot s = snapshot(status("active"));
    s.routines = Json::array();
    EXPECT_EQ(find(build_menu(s, kNow), "start"), nullptr);
}

// What `report` with {"range": "day"} answers, cut to what the tray reads.
Json day_report(const std::string& date, bool ongoing) {
    return {{"report_version", 1},
            {"range", {{"kind", "day"}, {"from", date}, {"to", date}, {"days", 1}}},
            {"generated_at", iso(kNow.wall)},
            {"totals", {{"sitting_s", 11520}, {"breaks", {{"count", 4}, {"seconds", 1800}}}, {"ongoing", ongoing}}}};
}

TEST(TrayMenu, TodayLineAndReportOnlyWhenTheDaemonMakesReports) {
    Snapshot s = snapshot(status("active"));
    EXPECT_EQ(find(build_menu(s, kNow), "today"), nullptr);
    EXPECT_EQ(find(build_menu(s, kNow), "report"), nullptr);
    s.today = day_report("2024-05-02", false);
    const auto menu = build_menu(s, kNow);
    ASSERT_NE(find(menu, "today"), nullptr);
    EXPECT_EQ(find(menu, "today")->label, "Today: 3 h 12 min sitting, 4 breaks");
    EXPECT_FALSE(find(menu, "today")->enabled);
    EXPECT_EQ(top_keys(menu), (Keys{"header", "start", "snooze", "pause", "today", "report", "quit"}));
    // Something that is not a report (another daemon's idea) shows nothing.
    s.today = Json{{"error", "what"}};
    EXPECT_EQ(find(build_menu(s, kNow), "today"), nullptr);
    EXPECT_EQ(find(build_menu(s, kNow), "report"), nullptr);
}

TEST(TrayMenu, TodayCountsTheOpenSittingOnWithoutAskingAgain) {
    Snapshot s = snapshot(status("active"));
    s.today = day_report("2024-05-02", true);
    const Now later{kNow.wall + 20min, kNow.utc_offset};
    EXPECT_EQ(find(build_menu(s, later), "today")->label, "Today: 3 h 32 min sitting, 4 breaks");
    s.today = day_report("2024-05-02", false);  // on a break: the total stands
    EXPECT_EQ(find(build_menu(s, later), "today")->label, "Today: 3 h 12 min sitting, 4 breaks");
}

TEST(TrayMenu, YesterdaysReportIsNotToday) {
    Snapshot s = snapshot(status("active"));
    s.today = day_report("2024-05-01", true);
    EXPECT_FALSE(report_is_today(*s.today, kNow));
    EXPECT_EQ(find(build_menu(s, kNow), "today"), nullptr);
    // Local midnight, not UTC's: 23:30 UTC on the 1st is the 2nd at UTC+2.
    const Now early{Millis(1714606200000), 2h};
    EXPECT_TRUE(report_is_today(day_report("2024-05-02", true), early));
}

TEST(TrayMenu, SnoozeOffersTheConfiguredLengthToo) {
    Json s = status("reminding", 46min);
    s["snooze_seconds"] = 15 * 60;
    EXPECT_EQ(labels(find(build_menu(snapshot(s), kNow), "snooze")), (Keys{"10 min", "15 min", "20 min", "30 min"}));
    s["snooze_seconds"] = 3600;
    EXPECT_EQ(labels(find(build_menu(snapshot(s), kNow), "snooze")), (Keys{"10 min", "20 min", "30 min", "1 hour"}));
}

TEST(TrayMenu, TheHeaderFollowsTheClockWithoutAnEvent) {
    const Snapshot s = snapshot(status("active", 10min));
    EXPECT_EQ(find(build_menu(s, kNow), "header")->label, "Sitting for 10 min");
    const Now later{kNow.wall + 65min, kNow.utc_offset};
    EXPECT_EQ(find(build_menu(s, later), "header")->label, "Sitting for 1 h 15 min");
}

TEST(TrayActions, ItemsAskTheDaemonForWhatTheySay) {
    EXPECT_EQ(action_for("snooze/10m", kNow), (Action{"snooze", {{"for", "10m"}}}));
    EXPECT_EQ(action_for("pause/1h", kNow), (Action{"pause", {{"for", "1h"}}}));
    EXPECT_EQ(action_for("start/desk", kNow), (Action{"start", {{"routine", "desk"}}}));
    for (const char* verb : {"skip", "resume", "next", "stop", "quit", "report"})
        EXPECT_EQ(action_for(verb, kNow), Action{verb});
    EXPECT_EQ(action_for("header", kNow), std::nullopt);
    EXPECT_EQ(action_for("today", kNow), std::nullopt);
    EXPECT_EQ(action_for("snooze/ten", kNow), std::nullopt);
}

TEST(TrayActions, UntilTomorrowMeansUntilLocalMidnight) {
    // Local 12:00 (UTC+2): twelve hours to go.
    EXPECT_EQ(action_for("pause/tomorrow", kNow), (Action{"pause", {{"for", "12h"}}}));
    // 23:59:30 local: still at least a minute, in whole minutes.
    const Now late{kNow.wall + 11h + 59min + 30s, kNow.utc_offset};
    EXPECT_EQ(action_for("pause/tomorrow", late), (Action{"pause", {{"for", "1m"}}}));
}

TEST(TrayActions, LeftClickStartsARoutineOnlyWhileAReminderIsOut) {
    EXPECT_EQ(activate_action(snapshot(status("reminding", 46min))), Action{"start"});
    EXPECT_EQ(activate_action(snapshot(status("active"))), Action{"show"});
    EXPECT_EQ(activate_action(snapshot(std::nullopt)), Action{"show"});
}

TEST(TrayTooltip, SaysStateSittingAndNextReminder) {
    auto lines = summarize(snapshot(status("active", 12min)), kNow).lines;
    // The reminder is due 33 min from now, at 10:33 UTC = 12:33 local.
    EXPECT_EQ(lines, (Keys{"Sitting for 12 min", "Next reminder at 12:33 (in 33 min)"}));

    lines = summarize(snapshot(status("routine", 30min)), kNow).lines;
    EXPECT_EQ(lines.at(0), "Stretching: Desk stretch, step 2 of 6");
    EXPECT_EQ(lines.at(1), "Seated hamstring (left side)");

    Json paused = status("paused", 5min);
    paused["paused_until"] = iso(kNow.wall + 30min);
    paused["next_reminder_at"] = nullptr;
    EXPECT_EQ(summarize(snapshot(paused), kNow).lines, (Keys{"Paused until 12:30", "Sitting for 5 min"}));

    EXPECT_EQ(summarize(snapshot(std::nullopt), kNow).lines.at(0), "limberd is not running");
    EXPECT_EQ(summarize(snapshot(status("reminding", 46min)), kNow).lines.at(0), "Time for a break");
}

TEST(TrayModel, OddJsonFromTheDaemonNeverThrows) {
    for (const char* text : {R"({"state": 5})", R"({"state": "routine", "routine": {"step": "x"}})",
                             R"({"state": "active", "sitting_since": "yesterday", "paused": "no"})", "[]", "null"}) {
        const Snapshot s = snapshot(Json::parse(text));
        EXPECT_NO_THROW(build_menu(s, kNow)) << text;
        EXPECT_NO_THROW(summarize(s, kNow)) << text;
        EXPECT_NO_THROW(choose_icon(s, kNow)) << text;
        EXPECT_NO_THROW(next_icon_change(s, kNow)) << text;
    }
}

TEST(TrayModel, Formats) {
    EXPECT_EQ(format_length(45s), "45 s");
    EXPECT_EQ(format_length(42min + 59s), "42 min");
    EXPECT_EQ(format_length(1h), "1 h");
    EXPECT_EQ(format_length(1h + 5min), "1 h 5 min");
    EXPECT_EQ(parse_time(Json("2024-05-02T10:00:00Z")), kNow.wall);
    EXPECT_EQ(parse_time(Json("2024-05-02T10:00:00Z trailing")), std::nullopt);
    EXPECT_EQ(parse_time(Json(17)), std::nullopt);
    EXPECT_EQ(escape_markup("Tom & <Jerry>"), "Tom &amp; &lt;Jerry&gt;");
}

TEST(TrayIcons, PixmapsAreOpaqueInsideAndClearInTheCorners) {
    for (const Icon icon : kAllIcons) {
        for (const Pixmap& p : pixmaps_of(icon)) {
            ASSERT_EQ(p.argb.size(), static_cast<std::size_t>(p.size * p.size * 4)) << icon_name(icon);
            EXPECT_EQ(p.argb[0], 0) << icon_name(icon) << " top-left corner is transparent";
            // Near the left edge of the middle row every icon is solid: the
            // badge, or the ring of "not running".
            const std::size_t edge = (static_cast<std::size_t>(p.size / 2) * p.size + p.size / 10) * 4;
            EXPECT_EQ(p.argb[edge], 255) << icon_name(icon) << " at " << p.size;
        }
    }
    // Fresh is green, over the limit red: the badge colour carries the state.
    const auto fresh = pixmaps_of(Icon::fresh).at(0).argb;
    const auto over = pixmaps_of(Icon::over_limit).at(0).argb;
    const std::size_t at = (11 * 22 + 2) * 4;
    EXPECT_GT(fresh[at + 2], fresh[at + 1]);  // G > R
    EXPECT_GT(over[at + 1], over[at + 2]);    // R > G
}

TEST(TrayIcons, ShippedSvgsAreTheDrawings) {
    // Edit icons.cpp, then run limber-tray-icons icons/hicolor/scalable/status.
    for (const Icon icon : kAllIcons) {
        const std::string path =
            std::string(LIMBER_SOURCE_DIR) + "/icons/hicolor/scalable/status/" + icon_name(icon) + ".svg";
        std::ifstream in(path);
        ASSERT_TRUE(in) << path;
        std::stringstream text;
        text << in.rdbuf();
        EXPECT_EQ(text.str(), to_svg(drawing_of(icon))) << path;
    }
}

}  // namespace
