// SPDX-License-Identifier: MIT
// The tray's model: for each daemon state, the icon, the tooltip, which menu
// items exist and which are enabled, and what clicking them asks for. Plain
// status JSON in, values out.
// Failed comparisons of optional icon times and actions print the value.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "tray/icons.hpp"
#include "tray/menu.hpp"
#include "tray/model.hpp"

using namespace limber::tray;
using namespace std::chrono_literals;

namespace Catch {
template <>
struct StringMaker<Icon> {
    static std::string convert(Icon icon) { return icon_name(icon); }
};
template <>
struct StringMaker<Action> {
    static std::string convert(const Action& a) { return a.cmd + " " + a.args.dump(); }
};
}  // namespace Catch

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

// The item with `key`: a missing one fails the test instead of crashing it.
const MenuItem& item(const std::vector<MenuItem>& items, const std::string& key) {
    if (const MenuItem* found = find(items, key)) return *found;
    throw std::runtime_error("the menu has no item " + key);
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

TEST_CASE("tray: the icon follows the state", "[tray]") {
    SECTION("a daemon that is not running") {
        CHECK(choose_icon(snapshot(std::nullopt), kNow) == Icon::not_running);
    }
    SECTION("each state the daemon reports") {
        const auto [state, sat, icon] = GENERATE(table<const char*, std::optional<Millis>, Icon>({
            {"active", 10min, Icon::fresh},
            {"idle", 10min, Icon::fresh},
            {"away", std::nullopt, Icon::fresh},
            {"reminding", 46min, Icon::over_limit},
            {"snoozed", 50min, Icon::snoozed},
            {"paused", 50min, Icon::paused},
            {"routine", 30min, Icon::routine},
        }));
        CAPTURE(state, sat);
        CHECK(choose_icon(snapshot(status(state, sat)), kNow) == icon);
    }
}

TEST_CASE("tray: the icon gets long past three quarters of the limit", "[tray]") {
    SECTION("sitting against the 45 min limit") {
        const auto [sat, icon] = GENERATE(table<Millis, Icon>({
            // 75 % of 45 min is 33 min 45 s.
            {33min + 44s, Icon::fresh},
            {33min + 45s, Icon::getting_long},
            // Over the limit with the reminder held (quiet hours, a lock).
            {45min, Icon::over_limit},
        }));
        CAPTURE(sat);
        CHECK(choose_icon(snapshot(status("active", sat)), kNow) == icon);
    }
    SECTION("a daemon too old to say its limit is never long and never wrong") {
        Json old = status("active", 44min);
        old.erase("sit_limit_seconds");
        CHECK(choose_icon(snapshot(old), kNow) == Icon::fresh);
    }
}

TEST_CASE("tray: the next icon change is when the clock crosses a threshold", "[tray]") {
    SECTION("sitting crosses three quarters then the limit") {
        CHECK(next_icon_change(snapshot(status("active", 10min)), kNow) == kNow.wall - 10min + 33min + 45s);
        CHECK(next_icon_change(snapshot(status("active", 40min)), kNow) == kNow.wall - 40min + 45min);
        CHECK(next_icon_change(snapshot(status("active", 50min)), kNow) == std::nullopt);
    }
    SECTION("states the daemon announces itself need no timer") {
        const char* state = GENERATE("reminding", "snoozed", "paused", "routine");
        CAPTURE(state);
        CHECK(next_icon_change(snapshot(status(state, 10min)), kNow) == std::nullopt);
    }
    SECTION("on a break or without a daemon nothing changes by itself") {
        CHECK(next_icon_change(snapshot(status("away", std::nullopt)), kNow) == std::nullopt);
        CHECK(next_icon_change(snapshot(std::nullopt), kNow) == std::nullopt);
    }
}

TEST_CASE("tray: the menu of a daemon that is not running offers only quit", "[tray]") {
    const auto menu = build_menu(snapshot(std::nullopt), kNow);
    CHECK(top_keys(menu) == Keys{"header", "settings", "quit"});
    CHECK(item(menu, "header").label == "Limber is not running");
    CHECK_FALSE(item(menu, "header").enabled);
}

TEST_CASE("tray: the menu while sitting offers routines snooze and pause", "[tray]") {
    const auto menu = build_menu(snapshot(status("active", 42min)), kNow);
    CHECK(top_keys(menu) == Keys{"header", "start", "snooze", "pause", "sheet", "settings", "quit"});
    CHECK(item(menu, "header").label == "Sitting for 42 min");
    CHECK_FALSE(item(menu, "header").enabled);
    CHECK(labels(find(menu, "start")) == Keys{"Desk stretch (3 min)", "Floor routine (7 min)"});
    CHECK(labels(find(menu, "snooze")) == Keys{"10 min", "20 min", "30 min"});
    CHECK(labels(find(menu, "pause")) == Keys{"30 min", "1 h", "Until tomorrow 08:00"});
    CHECK(item(menu, "sheet").label == "Routine sheets");
    CHECK(labels(find(menu, "sheet")) == Keys{"How to do Desk stretch…", "How to do Floor routine…"});
    for (const char* key : {"start/desk", "sheet/desk", "snooze/10m", "pause/1h", "quit"}) {
        CAPTURE(key);
        CHECK(item(menu, key).enabled);
    }
}

TEST_CASE("tray: the menu with a reminder out adds skip", "[tray]") {
    const auto menu = build_menu(snapshot(status("reminding", 46min)), kNow);
    CHECK(top_keys(menu) == Keys{"header", "start", "snooze", "skip", "pause", "sheet", "settings", "quit"});
}

TEST_CASE("tray: the menu when snoozed can snooze again but not skip", "[tray]") {
    const auto menu = build_menu(snapshot(status("snoozed", 50min)), kNow);
    CHECK(top_keys(menu) == Keys{"header", "start", "snooze", "pause", "sheet", "settings", "quit"});
}

TEST_CASE("tray: the menu when paused offers resume instead of pause and no snooze", "[tray]") {
    const auto menu = build_menu(snapshot(status("paused", 20min)), kNow);
    CHECK(top_keys(menu) == Keys{"header", "start", "resume", "sheet", "settings", "quit"});
}

TEST_CASE("tray: the menu during a routine offers next and stop only", "[tray]") {
    const auto menu = build_menu(snapshot(status("routine", 30min)), kNow);
    CHECK(top_keys(menu) == Keys{"header", "next", "stop", "sheet", "settings", "quit"});
}

TEST_CASE("tray: speaking the steps is a check mark that flips what the daemon says", "[tray]") {
    Json on = status("active", 5min);
    on["speak"] = true;
    Json off = status("active", 5min);
    off["speak"] = false;
    const auto ticked = build_menu(snapshot(on), kNow);
    CHECK(top_keys(ticked) == Keys{"header", "start", "snooze", "pause", "sheet", "speak", "settings", "quit"});
    CHECK(item(ticked, "speak").label == "Speak the steps");
    CHECK(item(ticked, "speak").checked == true);
    CHECK(item(build_menu(snapshot(off), kNow), "speak").checked == false);
    CHECK(action_for("speak", snapshot(on), kNow) == Action{"speak", {{"on", false}}});
    CHECK(action_for("speak", snapshot(off), kNow) == Action{"speak", {{"on", true}}});
    SECTION("a daemon too old to say gets no toggle, and no guess") {
        CHECK(find(build_menu(snapshot(status("active")), kNow), "speak") == nullptr);
        CHECK(action_for("speak", snapshot(status("active")), kNow) == std::nullopt);
        CHECK(action_for("speak", snapshot(std::nullopt), kNow) == std::nullopt);
    }
}

TEST_CASE("tray: the menu on a break has nothing to snooze", "[tray]") {
    const auto menu = build_menu(snapshot(status("away", std::nullopt)), kNow);
    CHECK(top_keys(menu) == Keys{"header", "start", "pause", "sheet", "settings", "quit"});
    CHECK(item(menu, "header").label == "On a break");
}

TEST_CASE("tray: the menu without routines has no start submenu", "[tray]") {
    Snapshot s = snapshot(status("active"));
    s.routines = Json::array();
    CHECK(find(build_menu(s, kNow), "start") == nullptr);
    CHECK(find(build_menu(s, kNow), "sheet") == nullptr);
}

// What `report` with {"range": "day"} answers, cut to what the tray reads.
Json day_report(const std::string& date, bool ongoing) {
    return {{"report_version", 1},
            {"range", {{"kind", "day"}, {"from", date}, {"to", date}, {"days", 1}}},
            {"generated_at", iso(kNow.wall)},
            {"totals", {{"sitting_s", 11520}, {"breaks", {{"count", 4}, {"seconds", 1800}}}, {"ongoing", ongoing}}}};
}

TEST_CASE("tray: the menu has a today line and report only when the daemon makes reports", "[tray]") {
    Snapshot s = snapshot(status("active"));
    SECTION("a daemon without reports") {
        CHECK(find(build_menu(s, kNow), "today") == nullptr);
        CHECK(find(build_menu(s, kNow), "report") == nullptr);
    }
    SECTION("a daemon with today's report") {
        s.today = day_report("2024-05-02", false);
        const auto menu = build_menu(s, kNow);
        CHECK(item(menu, "today").label == "Today: 3 h 12 min sitting, 4 breaks");
        CHECK_FALSE(item(menu, "today").enabled);
        CHECK(top_keys(menu) == Keys{"header", "start", "snooze", "pause", "today", "report", "sheet", "settings", "quit"});
    }
    SECTION("something that is not a report shows nothing") {
        s.today = Json{{"error", "what"}};  // another daemon's idea of one
        CHECK(find(build_menu(s, kNow), "today") == nullptr);
        CHECK(find(build_menu(s, kNow), "report") == nullptr);
    }
}

TEST_CASE("tray: today says stretched only on a day the report calls a stretch day", "[tray]") {
    Snapshot s = snapshot(status("active"));
    Json report = day_report("2024-05-02", false);
    SECTION("a routine clicked through is not stretching") {
        report["totals"]["routines"] = {{"completed", 1}, {"stretched_s", 2}};
        report["totals"]["stretch_days"] = 0;
        s.today = report;
        CHECK(item(build_menu(s, kNow), "today").label == "Today: 3 h 12 min sitting, 4 breaks");
    }
    SECTION("a routine done is, with its length said as everywhere") {
        report["totals"]["routines"] = {{"completed", 1}, {"stretched_s", 330}};
        report["totals"]["stretch_days"] = 1;
        s.today = report;
        CHECK(item(build_menu(s, kNow), "today").label == "Today: 3 h 12 min sitting, 4 breaks, stretched 6 min");
    }
}

TEST_CASE("tray: today counts the open sitting on without asking again", "[tray]") {
    Snapshot s = snapshot(status("active"));
    const Now later{kNow.wall + 20min, kNow.utc_offset};
    SECTION("while sitting") {
        s.today = day_report("2024-05-02", true);
        CHECK(item(build_menu(s, later), "today").label == "Today: 3 h 32 min sitting, 4 breaks");
    }
    SECTION("on a break the total stands") {
        s.today = day_report("2024-05-02", false);
        CHECK(item(build_menu(s, later), "today").label == "Today: 3 h 12 min sitting, 4 breaks");
    }
}

TEST_CASE("tray: yesterday's report is not today's", "[tray]") {
    Snapshot s = snapshot(status("active"));
    s.today = day_report("2024-05-01", true);
    CHECK_FALSE(report_is_today(*s.today, kNow));
    CHECK(find(build_menu(s, kNow), "today") == nullptr);
    // Local midnight, not UTC's: 23:30 UTC on the 1st is the 2nd at UTC+2.
    const Now early{Millis(1714606200000), 2h};
    CHECK(report_is_today(day_report("2024-05-02", true), early));
}

TEST_CASE("tray: snooze offers the configured length too", "[tray]") {
    const auto [snooze_seconds, offered] = GENERATE(table<int, Keys>({
        {15 * 60, {"10 min", "15 min", "20 min", "30 min"}},
        {3600, {"10 min", "20 min", "30 min", "1 h"}},
        // Under a minute: said in seconds, as everywhere else (was "0 hours").
        {30, {"30 s", "10 min", "20 min", "30 min"}},
    }));
    Json s = status("reminding", 46min);
    s["snooze_seconds"] = snooze_seconds;
    CAPTURE(snooze_seconds);
    CHECK(labels(find(build_menu(snapshot(s), kNow), "snooze")) == offered);
}

TEST_CASE("tray: the menu header follows the clock without an event", "[tray]") {
    const Snapshot s = snapshot(status("active", 10min));
    CHECK(item(build_menu(s, kNow), "header").label == "Sitting for 10 min");
    const Now later{kNow.wall + 65min, kNow.utc_offset};
    CHECK(item(build_menu(s, later), "header").label == "Sitting for 1 h 15 min");
}

TEST_CASE("tray: menu items ask the daemon for what they say", "[tray]") {
    const auto [key, action] = GENERATE(table<const char*, std::optional<Action>>({
        {"snooze/10m", Action{"snooze", {{"for", "10m"}}}},
        {"pause/1h", Action{"pause", {{"for", "1h"}}}},
        {"start/desk", Action{"start", {{"routine", "desk"}}}},
        {"sheet/floor", Action{"sheet", {{"routine", "floor"}}}},
        {"skip", Action{"skip"}},
        {"resume", Action{"resume"}},
        {"next", Action{"next"}},
        {"stop", Action{"stop"}},
        {"quit", Action{"quit"}},
        {"report", Action{"report"}},
        {"settings", Action{"settings"}},
        // Items that are only text, and a key no menu makes.
        {"header", std::nullopt},
        {"today", std::nullopt},
        {"snooze/ten", std::nullopt},
    }));
    CAPTURE(key);
    CHECK(action_for(key, snapshot(status("active")), kNow) == action);
}

TEST_CASE("tray: pause until tomorrow lasts until the next morning and says when", "[tray]") {
    const auto pause_label = [](const Now& now) {
        return labels(find(build_menu(snapshot(status("active", 5min)), now), "pause")).back();
    };
    // Local 12:00 (UTC+2): until 08:00 tomorrow, not midnight.
    CHECK(action_for("pause/morning", snapshot(status("active")), kNow) == Action{"pause", {{"for", "20h"}}});
    CHECK(pause_label(kNow) == "Until tomorrow 08:00");
    // 02:00 local, still up: the morning is today's.
    const Now night{kNow.wall + 14h, kNow.utc_offset};
    CHECK(action_for("pause/morning", snapshot(status("active")), night) == Action{"pause", {{"for", "6h"}}});
    CHECK(pause_label(night) == "Until 08:00");
    // 07:59:30 local: at least a minute, in whole minutes.
    const Now dawn{kNow.wall + 19h + 59min + 30s, kNow.utc_offset};
    CHECK(action_for("pause/morning", snapshot(status("active")), dawn) == Action{"pause", {{"for", "1m"}}});
}

TEST_CASE("tray: a left click starts a routine only while a reminder is out", "[tray]") {
    CHECK(activate_action(snapshot(status("reminding", 46min))) == Action{"start"});
    CHECK(activate_action(snapshot(status("active"))) == Action{"show"});
    CHECK(activate_action(snapshot(std::nullopt)) == Action{"show"});
}

TEST_CASE("tray: the tooltip says state and sitting and the next reminder", "[tray]") {
    SECTION("sitting") {
        // The reminder is due 33 min from now, at 10:33 UTC = 12:33 local.
        CHECK(summarize(snapshot(status("active", 12min)), kNow).lines ==
              Keys{"Sitting for 12 min", "Next reminder at 12:33 (in 33 min)"});
    }
    SECTION("in a routine") {
        const auto lines = summarize(snapshot(status("routine", 30min)), kNow).lines;
        CHECK(lines.at(0) == "Stretching: Desk stretch, step 2 of 6");
        CHECK(lines.at(1) == "Seated hamstring (left side)");
    }
    SECTION("in a routine, with the step titled by the daemon") {
        Json s = status("routine", 30min);
        s["routine"]["step_title"] = "Foam roller (optional, left leg)";
        CHECK(summarize(snapshot(s), kNow).lines.at(1) == "Foam roller (optional, left leg)");
    }
    SECTION("held for a call") {
        Json held = status("held", 50min);
        held["busy"] = Json::array({"microphone: Firefox"});
        held["held"] = {{"kind", "microphone"}, {"since", iso(kNow.wall - 5min)}, {"release_at", iso(kNow.wall + 2min)}};
        CHECK(summarize(snapshot(held), kNow).lines.at(0) == "Reminder held: microphone: Firefox, shown at 12:02");
        CHECK(choose_icon(snapshot(held), kNow) == Icon::held);
    }
    SECTION("paused") {
        Json paused = status("paused", 5min);
        paused["paused_until"] = iso(kNow.wall + 30min);
        paused["next_reminder_at"] = nullptr;
        CHECK(summarize(snapshot(paused), kNow).lines == Keys{"Paused until 12:30", "Sitting for 5 min"});
    }
    SECTION("paused past midnight: the time carries its day") {
        Json paused = status("paused", 5min);
        paused["paused_until"] = iso(kNow.wall + 24h);
        paused["next_reminder_at"] = nullptr;
        CHECK(summarize(snapshot(paused), kNow).lines.at(0) == "Paused until tomorrow 12:00");
    }
    SECTION("sitting reads the same minute as the daemon's notification") {
        // 2 min 40 s: the notification says "3 min" (util/human.hpp rounds).
        CHECK(summarize(snapshot(status("active", 2min + 40s)), kNow).lines.at(0) == "Sitting for 3 min");
    }
    SECTION("not running") {
        CHECK(summarize(snapshot(std::nullopt), kNow).lines.at(0) == "limberd is not running");
    }
    SECTION("a reminder out") {
        CHECK(summarize(snapshot(status("reminding", 46min)), kNow).lines.at(0) == "Time for a break");
    }
}

TEST_CASE("tray: odd JSON from the daemon never throws", "[tray]") {
    const char* text = GENERATE(R"({"state": 5})", R"({"state": "routine", "routine": {"step": "x"}})",
                                R"({"state": "active", "sitting_since": "yesterday", "paused": "no"})", "[]",
                                "null");
    CAPTURE(text);
    const Snapshot s = snapshot(Json::parse(text));
    CHECK_NOTHROW(build_menu(s, kNow));
    CHECK_NOTHROW(summarize(s, kNow));
    CHECK_NOTHROW(choose_icon(s, kNow));
    CHECK_NOTHROW(next_icon_change(s, kNow));
}

TEST_CASE("tray: lengths and times and markup are formatted for people", "[tray]") {
    SECTION("times from the daemon") {
        CHECK(parse_time(Json("2024-05-02T10:00:00Z")) == kNow.wall);
        CHECK(parse_time(Json("2024-05-02T10:00:00Z trailing")) == std::nullopt);
        CHECK(parse_time(Json(17)) == std::nullopt);
    }
    SECTION("markup") {
        CHECK(escape_markup("Tom & <Jerry>") == "Tom &amp; &lt;Jerry&gt;");
    }
}

TEST_CASE("tray: icon pixmaps are opaque inside and clear in the corners", "[tray]") {
    SECTION("every icon at every size") {
        const Icon icon = GENERATE(from_range(std::begin(kAllIcons), std::end(kAllIcons)));
        for (const Pixmap& p : pixmaps_of(icon)) {
            CAPTURE(icon, p.size);
            REQUIRE(p.argb.size() == static_cast<std::size_t>(p.size * p.size * 4));
            CHECK(int{p.argb[0]} == 0);  // the top-left corner is transparent
            // Near the left edge of the middle row every icon is solid: the
            // badge, or the ring of "not running".
            const std::size_t edge = (static_cast<std::size_t>(p.size / 2) * p.size + p.size / 10) * 4;
            CHECK(int{p.argb[edge]} == 255);
        }
    }
    SECTION("the badge colour carries the state") {
        // Fresh is green, over the limit red.
        const auto fresh = pixmaps_of(Icon::fresh).at(0).argb;
        const auto over = pixmaps_of(Icon::over_limit).at(0).argb;
        const std::size_t at = (11 * 22 + 2) * 4;
        CHECK(int{fresh[at + 2]} > int{fresh[at + 1]});  // G > R
        CHECK(int{over[at + 1]} > int{over[at + 2]});    // R > G
    }
}

TEST_CASE("tray: the shipped SVGs are the drawings", "[tray]") {
    // Edit icons.cpp, then run limber-tray-icons icons/hicolor/scalable/status.
    const Icon icon = GENERATE(from_range(std::begin(kAllIcons), std::end(kAllIcons)));
    const std::string path =
        std::string(LIMBER_SOURCE_DIR) + "/icons/hicolor/scalable/status/" + icon_name(icon) + ".svg";
    CAPTURE(path);
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str() == to_svg(drawing_of(icon)));
}

}  // namespace
