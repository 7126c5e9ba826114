// SPDX-License-Identifier: MIT
// The daemon's pure pieces: notification texts, status JSON, options.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "daemon/engine_call.hpp"
#include "daemon/messages.hpp"
#include "daemon/options.hpp"
#include "daemon/status_json.hpp"
#include "daemon/step_progress.hpp"

using namespace std::chrono_literals;
using namespace limber;
using namespace limber::daemon;
using Catch::Matchers::Contains;

// A reminder after 47 minutes that suggests a three-minute desk routine.
core::ShowReminder desk_reminder() {
    core::ShowReminder r;
    r.sitting_for = 47min;
    r.routine_id = "desk";
    r.routine_name = "Desk hamstring reset";
    r.routine_length = 3min;
    r.snooze_for = 10min;
    return r;
}

TEST_CASE("daemon: a reminder names sitting time and routine and offers three actions", "[daemon]") {
    core::ShowReminder r = desk_reminder();

    SECTION("the first reminder is normal") {
        const auto n = reminder_notification(r);
        CHECK(n.tag == "reminder");
        CHECK_THAT(n.summary, Contains("47 min"));
        CHECK_THAT(n.body, Contains("Desk hamstring reset"));
        CHECK_THAT(n.body, Contains("3 min"));
        REQUIRE(n.actions.size() == 3u);
        CHECK(n.actions[0].key == "start");
        CHECK(n.actions[0].label == "Start routine");
        CHECK(n.actions[1].label == "Snooze 10 min");
        CHECK(n.actions[2].label == "Skip");
        CHECK(n.urgency == desktop::Urgency::normal);
    }
    SECTION("one snoozed three times is critical and says how often") {
        r.critical = true;
        r.snoozes = 3;
        const auto c = reminder_notification(r);
        CHECK(c.urgency == desktop::Urgency::critical);
        CHECK_THAT(c.body, Contains("3 times"));
    }
}

TEST_CASE("daemon: a reminder's words fit where its routine is done and say what it needs", "[daemon]") {
    core::ShowReminder r = desk_reminder();
    SECTION("a seated routine does not ask anyone to stand") {
        r.routine_place = "seated";
        const auto n = reminder_notification(r);
        CHECK_THAT(n.body, Contains("Stay in your chair"));
        CHECK_THAT(n.body, !Contains("Stand"));
        CHECK_THAT(n.body, !Contains("You need"));
    }
    SECTION("a desk routine") {
        r.routine_place = "desk";
        CHECK_THAT(reminder_notification(r).body, Contains("beside your desk"));
    }
    SECTION("a floor routine says so and lists what to fetch") {
        r.routine_place = "floor";
        r.routine_needs = {"a mat or rug", "a strap or towel", "a foam roller"};
        const auto n = reminder_notification(r);
        CHECK_THAT(n.body, Contains("floor"));
        CHECK_THAT(n.body, Contains("You need a mat or rug, a strap or towel and a foam roller."));
    }
}

TEST_CASE("daemon: a routine step names side and how and hold or reps", "[daemon]") {
    core::ShowStep s;
    s.routine_name = "Floor";
    s.index = 1;
    s.of = 6;
    s.side = "left";
    s.step.name = "Strap lift";
    s.step.how = "Lift the straight leg.";
    s.step.reps = 15;

    SECTION("a step with repetitions") {
        const auto n = step_notification(s, {});
        CHECK(n.tag == "routine");
        CHECK(n.summary == "Floor · 2/6 · Strap lift (left leg)");
        CHECK_THAT(n.body, Contains("Lift the straight leg."));
        CHECK_THAT(n.body, Contains("Rep 1 of 15."));
        CHECK(n.actions.at(0).label == "Next");
    }
    SECTION("as the stage goes on: the rep it is at, and a bar of what is left") {
        const auto n = step_notification(s, daemon::StepPoint{40, 9});
        CHECK_THAT(n.body, Contains("Rep 9 of 15."));
        CHECK(n.progress == 40);
        CHECK(n.expires == std::chrono::milliseconds{0});  // until the step ends, whatever the server's default
        CHECK_FALSE(step_notification(s, {}).progress.has_value());
    }
    SECTION("a name in parentheses takes the side inside them") {
        s.step.name = "Foam roller (optional)";
        CHECK(step_notification(s, {}).summary == "Floor · 2/6 · Foam roller (optional, left leg)");
    }
    SECTION("an untimed step says it waits for the user") {
        s.step.reps = 0;
        s.step.until_next = true;
        const auto n = step_notification(s, {});
        CHECK_THAT(n.body, Contains("No timer: press Next when you are ready."));
        CHECK_THAT(n.body, !Contains("Hold for"));
    }
    SECTION("the last step with a hold and a safety note") {
        s.index = 5;
        s.step.reps = 0;
        s.step.hold = 30s;
        s.safety = "Stop if it hurts.";
        const auto n = step_notification(s, {});
        CHECK_THAT(n.body, Contains("Hold for 30 s"));
        CHECK_THAT(n.body, Contains("Stop if it hurts."));
        INFO("the last step finishes the routine");
        CHECK(n.actions.at(0).label == "Done");
    }
}

TEST_CASE("daemon: a step's title names the leg once and reads as one phrase", "[daemon]") {
    CHECK(stage_title("Heel on the chair", "") == "Heel on the chair");
    CHECK(stage_title("Heel on the chair", "left") == "Heel on the chair (left leg)");
    INFO("not: Foam roller (optional) (left leg)");
    CHECK(stage_title("Foam roller (optional)", "right") == "Foam roller (optional, right leg)");
}

TEST_CASE("daemon: the routine-done notification counts only time on the steps", "[daemon]") {
    CHECK_THAT(routine_done_notification("Desk", 4min).body, Contains("Well done: 4 min of stretching."));
    CHECK_THAT(routine_done_notification("Desk", 4min).body, Contains("Your sitting time starts over."));
    INFO("clicked through in no time: no \"0 s of stretching\", and the sitting goes on, as in the engine");
    for (const Millis quick : {Millis{0}, Millis{59'000}}) {
        const auto none = routine_done_notification("Desk", quick).body;
        CHECK_THAT(none, Contains("none of it counts"));
        CHECK_THAT(none, Contains("your sitting time goes on"));
        CHECK_THAT(none, !Contains("0 s"));
    }
}

TEST_CASE("daemon: the status message carries the engine's status", "[daemon]") {
    core::Status s;
    s.state = core::State::snoozed;
    s.sitting_since_wall = Millis{1'700'000'000'000};
    s.sitting_for = 50min;
    s.snoozes = 2;
    const auto j = to_json(status_message(s, {"x11", "freedesktop"}));
    CHECK(j["state"] == "snoozed");
    CHECK(j["sitting_since"] == "2023-11-14T22:13:20Z");
    CHECK(j["sitting_seconds"] == 3000);
    CHECK(j["next_reminder_at"].is_null());
    CHECK(j["routine"].is_null());
    CHECK(j["snoozes"] == 2);
    CHECK(j["idle_backend"] == "x11");
    CHECK(j["notifier"] == "freedesktop");
}

TEST_CASE("daemon: options parse every flag both ways", "[daemon]") {
    auto o = parse_options({"--config", "a.toml", "--socket=/s", "--db", "h.db", "--idle-backend", "none",
                            "--log-level", "debug", "--check-config"});
    if (!o.ok()) FAIL(o.error().message);
    CHECK(o->config == "a.toml");
    CHECK(o->socket == "/s");
    CHECK(o->db == "h.db");
    CHECK(o->idle_backend == "none");
    CHECK(o->check_config);
}

TEST_CASE("daemon: options refuse what they do not know", "[daemon]") {
    // error() throws on a Result that succeeded, which CHECK reports as a failure.
    CHECK_THAT(parse_options({"--frob"}).error().message, Contains("--frob"));
    CHECK_THAT(parse_options({"--config"}).error().message, Contains("needs a value"));
    CHECK_THAT(parse_options({"--idle-backend", "mir"}).error().message, Contains("auto, x11"));
}

namespace {

// The socket commands that are engine calls (fuzz/dispatch_fuzz.cpp drives them too).
Result<std::optional<EngineCall>> call(const char* cmd, ipc::Json args) {
    return parse_engine_call(ipc::Request{1, cmd, std::move(args)});
}

}  // namespace

TEST_CASE("daemon: engine calls read their arguments", "[daemon]") {
    SECTION("snooze for a duration string") {
        auto snooze = call("snooze", {{"for", "10m"}});
        REQUIRE(snooze.ok());
        REQUIRE(snooze->has_value());
        CHECK((*snooze)->verb == EngineCall::Verb::snooze);
        CHECK((*snooze)->length == Millis{600'000});
    }
    SECTION("pause for null is pause with no length") {
        auto pause = call("pause", {{"for", nullptr}});
        REQUIRE(pause.ok());
        REQUIRE(pause->has_value());
        INFO("null is the same as absent");
        CHECK_FALSE((*pause)->length.has_value());
    }
    SECTION("start a named routine") {
        auto start = call("start", {{"routine", "desk"}});
        REQUIRE(start.ok());
        REQUIRE(start->has_value());
        CHECK((*start)->routine == "desk");
    }
}

TEST_CASE("daemon: engine calls say what is wrong with their arguments", "[daemon]") {
    const char* cmd = nullptr;
    ipc::Json args;
    const char* says = nullptr;
    std::tie(cmd, args, says) = GENERATE(table<const char*, ipc::Json, const char*>({
        {"snooze", {{"for", 10}}, "duration string like \"10m\""},
        {"pause", {{"for", "10"}}, "bad duration"},
        {"start", {{"routine", 7}}, "routine id string"},
    }));
    CAPTURE(cmd, args);
    CHECK_THAT(call(cmd, args).error().message, Contains(says));
}

TEST_CASE("daemon: commands that are not engine calls are left alone", "[daemon]") {
    const char* other = GENERATE("status", "hello", "report", "frob");
    CAPTURE(other);
    auto r = call(other, ipc::Json::object());
    REQUIRE(r.ok());
    CHECK_FALSE(r->has_value());
}

TEST_CASE("daemon: an engine call runs the engine command", "[daemon]") {
    core::Engine engine(Settings{}, {}, true);
    const Stamp t{Millis{1000}, Millis{1'700'000'000'000}, {}};
    (void)engine.begin(t);
    auto skip = parse_engine_call(ipc::Request{nullptr, "skip", ipc::Json::object()});
    REQUIRE(skip.ok());
    REQUIRE(skip->has_value());
    const auto refused = run_engine_call(engine, t, **skip);
    REQUIRE(refused.refused);
    CHECK(refused.refused->code == "not_now");
    auto pause = parse_engine_call(ipc::Request{nullptr, "pause", {{"for", "1h"}}});
    REQUIRE(pause.ok());
    REQUIRE(pause->has_value());
    CHECK_FALSE(run_engine_call(engine, t, **pause).refused);
    CHECK(engine.status(t).paused);
}

// A button runs the socket command named by its key (Daemon::on_action), so
// every key we put on a notification must be a command the socket knows.
TEST_CASE("daemon: every notification button is a socket verb", "[daemon]") {
    core::ShowReminder r;
    r.routine_id = "desk";
    r.routine_name = "Desk";
    core::ShowStep s;
    s.routine_name = "Desk";
    s.of = 2;
    std::vector<desktop::Action> buttons = reminder_notification(r).actions;
    for (const auto& a : step_notification(s, {}).actions) buttons.push_back(a);
    REQUIRE(buttons.size() == 5u);
    for (const auto& button : buttons) {
        INFO(button.key);
        const auto call = parse_engine_call(ipc::Request{nullptr, button.key, ipc::Json::object()});
        REQUIRE(call.ok());
        CHECK(call->has_value());
    }
}

TEST_CASE("daemon: a popup is a short glance with what the client sent", "[daemon]") {
    const auto popup = popup_notification({{"title", "Limber"},
                                           {"body", "Sitting for 12 min\nNext reminder at 14:05"},
                                           {"icon", "limber-fresh"}});
    REQUIRE(popup.ok());
    CHECK(popup->tag == "popup");
    CHECK(popup->summary == "Limber");
    CHECK(popup->body == "Sitting for 12 min\nNext reminder at 14:05");
    CHECK(popup->icon == "limber-fresh");
    CHECK(popup->transient);
    REQUIRE(popup->expires.has_value());
    CHECK(*popup->expires == 6s);
    CHECK(popup->actions.empty());
}

TEST_CASE("daemon: a popup refuses what is not a title and an icon name", "[daemon]") {
    const auto [args, why] = GENERATE(table<ipc::Json, std::string>({
        {ipc::Json::object(), "'title' is required"},
        {{{"title", 7}}, "'title' must be a string"},
        {{{"title", std::string(201, 'x')}}, "'title' is longer than 200 bytes"},
        {{{"title", "t"}, {"body", std::string(2001, 'x')}}, "'body' is longer than 2000 bytes"},
        {{{"title", "t"}, {"icon", "/etc/passwd"}}, "'icon' must be an icon name"},
        {{{"title", "t"}, {"icon", "../../x"}}, "'icon' must be an icon name"},
    }));
    INFO(args.dump());
    const auto popup = popup_notification(args);
    REQUIRE_FALSE(popup.ok());
    CHECK_THAT(popup.error().message, Contains(why));
}
