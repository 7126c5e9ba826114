// SPDX-License-Identifier: MIT
// The status message: what the daemon writes is what limberctl and the tray
// read back, and its wire form is the one docs/protocol.md names.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include <catch2/catch.hpp>

#include "ipc/status_message.hpp"

using namespace limber::ipc;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// 2026-03-16 09:00:00 UTC: whole seconds, as the wire carries them.
constexpr Millis kAt{1773651600000};

StatusMessage full() {
    StatusMessage s;
    s.state = "routine";
    s.sitting_since = kAt - 40min;
    s.sitting_for = 40min;
    s.next_reminder_at = kAt + 5min;
    s.snoozes = 2;
    s.paused = true;
    s.paused_until = kAt + 1h;
    s.routine = RoutineProgress{"desk", "Desk stretch", 3, 6, "Seated reach", "left", "Seated reach (left leg)", kAt + 30s};
    s.locked = true;
    s.quiet = true;
    s.suggested_routine = "floor";
    s.idle_backend = "x11";
    s.notifier = "libnotify (no server)";
    s.sit_limit = 45min;
    s.snooze = 10min;
    s.idle_inhibited = true;
    s.idle_inhibitors = "Video call: Meeting";
    s.idle_inhibited_note = "counted as sitting";
    s.history_error = "/tmp/limber.db: database is locked";
    s.busy = {"microphone: Firefox", "dnd"};
    s.held = HoldProgress{"microphone", kAt - 10min, kAt + 2min};
    return s;
}

}  // namespace

TEST_CASE("status message: every field survives the trip through JSON") {
    const StatusMessage sent = full();
    const auto read = status_from_json(json::parse(to_json(sent).dump()));
    REQUIRE(read.has_value());
    CHECK(*read == sent);

    StatusMessage plain;
    plain.state = "away";
    const auto back = status_from_json(to_json(plain));
    REQUIRE(back.has_value());
    CHECK(*back == plain);
}

TEST_CASE("status message: the wire form is the documented one") {
    const json j = to_json(full());
    CHECK(j["state"] == "routine");
    CHECK(j["sitting_since"] == "2026-03-16T08:20:00Z");
    CHECK(j["sitting_seconds"] == 2400);
    CHECK(j["next_reminder_at"] == "2026-03-16T09:05:00Z");
    CHECK(j["paused_until"] == "2026-03-16T10:00:00Z");
    CHECK(j["routine"] == json{{"id", "desk"}, {"name", "Desk stretch"}, {"step", 3}, {"of", 6},
                               {"step_name", "Seated reach"}, {"side", "left"},
                               {"step_title", "Seated reach (left leg)"},
                               {"step_ends_at", "2026-03-16T09:00:30Z"}});
    CHECK(j["sit_limit_seconds"] == 2700);
    CHECK(j["snooze_seconds"] == 600);
    CHECK(j["idle_inhibited_note"] == "counted as sitting");
    CHECK(j["history_error"] == "/tmp/limber.db: database is locked");

    StatusMessage active;
    active.state = "active";
    const json none = to_json(active);
    for (const char* key : {"sitting_since", "next_reminder_at", "paused_until", "routine", "history_error"})
        CHECK(none[key].is_null());
    CHECK_FALSE(none.contains("idle_inhibited_note"));  // only while inhibited
}

TEST_CASE("status message: odd input reads without throwing") {
    CHECK_FALSE(status_from_json(json::array()).has_value());
    CHECK_FALSE(status_from_json(json{{"sitting_seconds", 5}}).has_value());  // no state
    const auto odd = status_from_json(json{{"state", "active"},
                                           {"sitting_since", "yesterday"},
                                           {"sitting_seconds", "many"},
                                           {"routine", 7},
                                           {"snoozes", 1.9},
                                           {"history_error", false},
                                           {"future_field", {1, 2}}});
    REQUIRE(odd.has_value());
    CHECK(odd->sitting_since == std::nullopt);
    CHECK(odd->sitting_for == 0ms);
    CHECK(odd->routine == std::nullopt);
    CHECK(odd->snoozes == 1);
    CHECK(odd->history_error == std::nullopt);
}
