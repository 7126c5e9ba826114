// The daemon's pure pieces: notification texts, status JSON, options.
#include <gtest/gtest.h>

#include "daemon/engine_call.hpp"
#include "daemon/messages.hpp"
#include "daemon/options.hpp"
#include "daemon/status_json.hpp"

using namespace std::chrono_literals;
using namespace limber;
using namespace limber::daemon;

TEST(Messages, HumanDurationsRoundToWhatPeopleSay) {
    EXPECT_EQ(human_duration(30s), "30 s");
    EXPECT_EQ(human_duration(44min + 50s), "45 min");
    EXPECT_EQ(human_duration(65min), "1 h 5 min");
    EXPECT_EQ(human_duration(2h), "2 h");
}

TEST(Messages, ReminderNamesSittingTimeRoutineAndThreeActions) {
    core::ShowReminder r;
    r.sitting_for = 47min;
    r.routine_id = "desk";
    r.routine_name = "Desk hamstring reset";
    r.routine_length = 3min;
    r.snooze_for = 10min;
    const auto n = reminder_notification(r);
    EXPECT_EQ(n.tag, "reminder");
    EXPECT_NE(n.summary.find("47 min"), std::string::npos);
    EXPECT_NE(n.body.find("Desk hamstring reset"), std::string::npos);
    EXPECT_NE(n.body.find("3 min"), std::string::npos);
    ASSERT_EQ(n.actions.size(), 3u);
    EXPECT_EQ(n.actions[0].key, "start");
    EXPECT_EQ(n.actions[0].label, "Start routine");
    EXPECT_EQ(n.actions[1].label, "Snooze 10 min");
    EXPECT_EQ(n.actions[2].label, "Skip");
    EXPECT_EQ(n.urgency, desktop::Urgency::normal);

    r.critical = true;
    r.snoozes = 3;
    const auto c = reminder_notification(r);
    EXPECT_EQ(c.urgency, desktop::Urgency::critical);
    EXPECT_NE(c.body.find("3 times"), std::string::npos);
}

TEST(Messages, StepNamesSideHowAndHoldOrReps) {
    core::ShowStep s;
    s.routine_name = "Floor";
    s.index = 1;
    s.of = 6;
    s.side = "left";
    s.step.name = "Strap lift";
    s.step.how = "Lift the straight leg.";
    s.step.reps = 15;
    auto n = step_notification(s);
    EXPECT_EQ(n.tag, "routine");
    EXPECT_EQ(n.summary, "Floor · 2/6 · Strap lift (left leg)");
    EXPECT_NE(n.body.find("Lift the straight leg."), std::string::npos);
    EXPECT_NE(n.body.find("15 times"), std::string::npos);
    EXPECT_EQ(n.actions.at(0).label, "Next");

    s.index = 5;
    s.step.reps = 0;
    s.step.hold = 30s;
    s.safety = "Stop if it hurts.";
    n = step_notification(s);
    EXPECT_NE(n.body.find("Hold for 30 s"), std::string::npos);
    EXPECT_NE(n.body.find("Stop if it hurts."), std::string::npos);
    EXPECT_EQ(n.actions.at(0).label, "Done") << "the last step finishes the routine";
}

TEST(StatusJson, CarriesTheProtocolFields) {
    core::Status s;
    s.state = core::State::snoozed;
    s.sitting_since_wall = Millis{1'700'000'000'000};
    s.sitting_for = 50min;
    s.snoozes = 2;
    const auto j = status_json(s, {"x11", "freedesktop"});
    EXPECT_EQ(j["state"], "snoozed");
    EXPECT_EQ(j["sitting_since"], "2023-11-14T22:13:20Z");
    EXPECT_EQ(j["sitting_seconds"], 3000);
    EXPECT_TRUE(j["next_reminder_at"].is_null());
    EXPECT_TRUE(j["routine"].is_null());
    EXPECT_EQ(j["snoozes"], 2);
    EXPECT_EQ(j["idle_backend"], "x11");
    EXPECT_EQ(j["notifier"], "freedesktop");
}

TEST(Options, ParsesEveryFlagBothWays) {
    auto o = parse_options({"--config", "a.toml", "--socket=/s", "--db", "h.db", "--idle-backend", "none",
                            "--log-level", "debug", "--check-config"});
    ASSERT_TRUE(o.ok()) << o.error().message;
    EXPECT_EQ(o->config, "a.toml");
    EXPECT_EQ(o->socket, "/s");
    EXPECT_EQ(o->db, "h.db");
    EXPECT_EQ(o->idle_backend, "none");
    EXPECT_TRUE(o->check_config);
}

TEST(Options, RefusesWhatItDoesNotKnow) {
    EXPECT_NE(parse_options({"--frob"}).error().message.find("--frob"), std::string::npos);
    EXPECT_NE(parse_options({"--config"}).error().message.find("needs a value"), std::string::npos);
    EXPECT_NE(parse_options({"--idle-backend", "mir"}).error().message.find("auto, x11"), std::string::npos);
}

// The socket commands that are engine calls (fuzz/dispatch_fuzz.cpp drives them too).
TEST(EngineCall, ReadsArgumentsAndLeavesOtherCommandsAlone) {
    const auto call = [](const char* cmd, ipc::Json args) {
        return parse_engine_call(ipc::Request{1, cmd, std::move(args)});
    };
    auto snooze = call("snooze", {{"for", "10m"}});
    ASSERT_TRUE(snooze && *snooze);
    EXPECT_EQ((*snooze)->verb, EngineCall::Verb::snooze);
    EXPECT_EQ((*snooze)->length, Millis{600'000});
    auto pause = call("pause", {{"for", nullptr}});
    ASSERT_TRUE(pause && *pause);
    EXPECT_FALSE((*pause)->length) << "null is the same as absent";
    auto start = call("start", {{"routine", "desk"}});
    ASSERT_TRUE(start && *start);
    EXPECT_EQ((*start)->routine, "desk");

    EXPECT_NE(call("snooze", {{"for", 10}}).error().message.find("duration string like \"10m\""), std::string::npos);
    EXPECT_NE(call("pause", {{"for", "10"}}).error().message.find("bad duration"), std::string::npos);
    EXPECT_NE(call("start", {{"routine", 7}}).error().message.find("routine id string"), std::string::npos);
    for (const char* other : {"status", "hello", "report", "frob"}) {
        auto r = call(other, ipc::Json::object());
        ASSERT_TRUE(r) << other;
        EXPECT_FALSE(*r) << other;
    }
}

TEST(EngineCall, RunsTheEngineCommand) {
    core::Engine engine(Settings{}, {}, true);
    const Stamp t{Millis{1000}, Millis{1'700'000'000'000}, {}};
    (void)engine.begin(t);
    auto skip = parse_engine_call(ipc::Request{nullptr, "skip", ipc::Json::object()});
    ASSERT_TRUE(skip && *skip);
    const auto refused = run_engine_call(engine, t, **skip);
    ASSERT_TRUE(refused.refused);
    EXPECT_EQ(refused.refused->code, "not_now");
    auto pause = parse_engine_call(ipc::Request{nullptr, "pause", {{"for", "1h"}}});
    ASSERT_TRUE(pause && *pause);
    EXPECT_FALSE(run_engine_call(engine, t, **pause).refused);
    EXPECT_TRUE(engine.status(t).paused);
}
