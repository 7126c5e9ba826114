// SPDX-License-Identifier: MIT
// Scenario tests for the engine: whole stretches of a day as timestamps.
#include "engine_world.hpp"
#include "core/vocabulary.hpp"

namespace {

// ---- sitting and natural breaks -----------------------------------------------

TEST_CASE("engine: the reminder comes exactly at the sitting limit with the sitting time", "[engine][sitting]") {
    World w;
    w.run_until(44min + 59s);
    CHECK(w.reminders.empty());
    CHECK(w.state() == State::active);
    w.run_until(45min);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminder_times[0] == 45min);
    CHECK(w.reminders[0].sitting_for == 45min);
    CHECK(w.reminders[0].routine_id == "desk");
    CHECK_FALSE(w.reminders[0].critical);
    CHECK(w.state() == State::reminding);
    CHECK(w.engine.status(w.at(45min)).sitting_for == 45min);
}

TEST_CASE("engine: a short idle is still sitting", "[engine][sitting]") {
    World w;
    w.idle(20min, 60s);
    CHECK(w.state() == State::idle);
    w.activity(23min);
    CHECK(w.state() == State::active);
    w.run_until(45min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.total(SpanKind::brk) == 0ms);
}

TEST_CASE("engine: a natural break starts at the last input and resets sitting", "[engine][sitting]") {
    World w;
    w.idle(35min, 5min);  // last input at 30 min
    CHECK(w.state() == State::away);
    REQUIRE(w.spans.size() == 2u);
    CHECK(w.spans[0].end - w.spans[0].start == 30min);
    CHECK(w.spans[1].reason == "idle");
    CHECK(w.spans[1].open);
    w.run_until(45min);
    UNSCOPED_INFO("no reminder while away");
    CHECK(w.reminders.empty());
    w.activity(50min);
    CHECK(w.total(SpanKind::brk) == 20min);
    w.run_until(94min);
    CHECK(w.reminders.empty());
    w.run_until(95min);
    UNSCOPED_INFO("the limit counts from the return");
    CHECK(w.reminders.size() == 1u);
}

TEST_CASE("engine: a break withdraws the pending reminder", "[engine][sitting]") {
    World w;
    w.run_until(45min);
    REQUIRE(w.reminders.size() == 1u);
    w.idle(52min, 5min);
    CHECK(w.withdrawn == 1);
    CHECK(w.count("reminder_withdrawn") == 1);
    CHECK(w.total(SpanKind::sitting) == 47min);
    CHECK(w.state() == State::away);
}

TEST_CASE("engine: nothing wakes the daemon during a break", "[engine][sitting]") {
    World w;
    w.idle(10min, 5min);
    CHECK_FALSE(w.engine.next_deadline(w.at(10min)).has_value());
}

TEST_CASE("engine: the open span is checkpointed once a minute while sitting", "[engine][sitting]") {
    World w;
    w.run_until(10min);
    CHECK(w.checkpoints == 10);
    CHECK(w.spans.back().end - w.spans.back().start == 10min);
    w.idle(15min, 5min);
    const int before = w.checkpoints;
    w.run_until(40min);
    UNSCOPED_INFO("breaks are not checkpointed");
    CHECK(w.checkpoints == before);
}

// ---- reminders ----------------------------------------------------------------

TEST_CASE("engine: an ignored reminder comes back after the repeat time", "[engine][reminder]") {
    World w;
    w.run_until(49min);
    CHECK(w.reminders.size() == 1u);
    w.run_until(50min);
    REQUIRE(w.reminders.size() == 2u);
    CHECK(w.reminders[1].sitting_for == 50min);
    CHECK(w.reminders[1].snoozes == 0);
}

TEST_CASE("engine: a chain of snoozes turns critical after the last one allowed", "[engine][reminder]") {
    World w;
    w.run_until(45min);
    for (int i = 1; i <= 3; ++i) {
        INFO("snooze " << i);
        w.cmd(w.now, [](Engine& e, const Stamp& s) { return e.snooze(s); });
        CHECK(w.state() == State::snoozed);
        const auto before = w.reminders.size();
        w.run_until(w.now + 10min - 1s);
        CHECK(w.reminders.size() == before);
        w.run_until(w.now + 1s);
        REQUIRE(w.reminders.size() == before + 1);
        CHECK(w.reminders.back().snoozes == i);
        CHECK(w.reminders.back().critical == (i >= 3));
    }
    CHECK(w.count("reminder_snoozed") == 3);
}

TEST_CASE("engine: a snooze takes a length", "[engine][reminder]") {
    World w;
    w.run_until(45min);
    w.run_until(46min);
    w.apply(w.engine.snooze(w.at(46min), 2min));
    w.run_until(48min);
    CHECK(w.reminders.size() == 2u);
    CHECK(w.engine.snooze(w.at(48min), 0ms).refused.has_value());
}

TEST_CASE("engine: a snooze before any reminder postpones it", "[engine][reminder]") {
    World w;
    w.apply(w.engine.snooze(w.at(40min), 20min));
    CHECK(w.state() == State::snoozed);
    w.run_until(59min);
    CHECK(w.reminders.empty());
    w.run_until(60min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.reminders[0].snoozes == 0);
}

TEST_CASE("engine: skip dismisses the reminder until another full limit", "[engine][reminder]") {
    World w;
    CHECK(refusal(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.skip(s); })) == "not_now");
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    CHECK(w.withdrawn == 1);
    CHECK(w.state() == State::active);
    w.run_until(91min - 1s);
    CHECK(w.reminders.size() == 1u);
    w.run_until(91min);
    CHECK(w.reminders.size() == 2u);
    UNSCOPED_INFO("a skip is not a break");
    CHECK(w.total(SpanKind::brk) == 0ms);
}

TEST_CASE("engine: a pause holds reminders and they return at its end", "[engine][reminder]") {
    World w;
    w.run_until(30min);
    w.apply(w.engine.pause(w.at(30min), 1h));
    CHECK(w.state() == State::paused);
    CHECK(w.engine.status(w.at(30min)).paused_until_wall == kEpoch + 90min);
    w.run_until(90min - 1s);
    CHECK(w.reminders.empty());
    UNSCOPED_INFO("tracking goes on while paused (to the last checkpoint)");
    CHECK(w.total(SpanKind::sitting) == 89min);
    w.run_until(90min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.count("resumed") == 1);
}

TEST_CASE("engine: a pause without an end lasts until resume", "[engine][reminder]") {
    World w;
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& s) { return e.pause(s); });
    CHECK(w.withdrawn == 1);
    w.run_until(5h);
    CHECK(w.reminders.size() == 1u);
    w.cmd(5h, [](Engine& e, const Stamp& s) { return e.resume(s); });
    w.run_until(5h);  // the shell re-arms its timer after every input
    UNSCOPED_INFO("long over the limit: remind at once");
    CHECK(w.reminders.size() == 2u);
    CHECK(refusal(w.cmd(5h, [](Engine& e, const Stamp& s) { return e.resume(s); })) == "not_now");
}

TEST_CASE("engine: quiet hours hold reminders until they end", "[engine][reminder]") {
    Settings s;
    // kEpoch is 22:13:20 UTC; at UTC+1 that is 23:13:20 local.
    s.quiet = {{23 * 60, 23 * 60 + 30}};  // 23:00-23:30
    World w(s);
    w.utc_offset = 60min;
    w.run_until(15min);
    CHECK(w.engine.status(w.at(15min)).quiet);
    const auto d = w.engine.next_deadline(w.at(15min));
    w.run_until(16min + 40s - 1s);  // 23:29:59 local
    CHECK(w.reminders.empty());
    w.run_until(45min);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminder_times[0] == 45min);
    REQUIRE(d.has_value());
}

TEST_CASE("engine: a reminder due inside quiet hours shows when they end", "[engine][reminder]") {
    Settings s;
    s.quiet = {{22 * 60 + 30, 23 * 60}};  // 22:30-23:00 UTC
    World w(s);
    // Start 22:13:20; the limit falls at 22:58:20, inside; quiet ends 23:00.
    w.run_until(46min + 40s - 1s);
    CHECK(w.reminders.empty());
    w.run_until(46min + 40s);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminder_times[0] == 46min + 40s);
}

// ---- routines -----------------------------------------------------------------

TEST_CASE("engine: a routine started from a reminder runs its steps and counts as a break", "[engine][routine]") {
    World w;
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& s) { return e.start(s); });
    CHECK(w.state() == State::routine);
    CHECK(w.withdrawn == 1);
    REQUIRE(w.steps.size() == 1u);
    CHECK(w.steps[0].routine_id == "desk");
    CHECK(w.steps[0].safety == "Stop if it hurts.");
    CHECK(w.steps[0].remaining == 30s);
    auto st = w.engine.status(w.at(46min));
    REQUIRE(st.routine.has_value());
    CHECK(st.routine->step == 1);
    CHECK(st.routine->of == 3);
    w.run_until(46min + 30s);
    UNSCOPED_INFO("steps move on by themselves");
    CHECK(w.steps.size() == 2u);
    w.idle(46min + 40s, 40s);    // standing still, stretching
    CHECK(w.state() == State::routine);
    w.cmd(46min + 45s, [](Engine& e, const Stamp& s) { return e.next(s); });
    CHECK(w.steps.size() == 3u);
    w.run_until(47min + 15s);
    REQUIRE(w.ended.size() == 1u);
    CHECK(w.ended[0].completed);
    CHECK(w.state() == State::active);
    CHECK(w.total(SpanKind::brk, "routine") == 1min + 15s);
    CHECK(w.total(SpanKind::sitting) == 46min);
    w.run_until(47min + 15s + 45min - 1s);
    CHECK(w.reminders.size() == 1u);
    w.run_until(47min + 15s + 45min);
    UNSCOPED_INFO("sitting starts over after a routine");
    CHECK(w.reminders.size() == 2u);
}

TEST_CASE("engine: two-sided steps run once per side", "[engine][routine]") {
    World w;
    w.apply(w.engine.start(w.at(1min), "floor"));
    auto st = w.engine.status(w.at(1min));
    REQUIRE(st.routine.has_value());
    CHECK(st.routine->step_name == "step 1");
    CHECK(st.routine->side == "left");
    w.run_until(1min + 4min);
    REQUIRE(w.steps.size() == 4u);
    CHECK(w.steps[0].side == "left");
    CHECK(w.steps[1].side == "right");
    CHECK(w.steps[3].of == 4);
    CHECK(w.ended.at(0).completed);
}

TEST_CASE("engine: a routine clicked through in no time is no stretch and no break", "[engine][routine]") {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });
    for (int i = 0; i < 6 && w.state() == State::routine; ++i)
        w.cmd(45min, [](Engine& e, const Stamp& s) { return e.next(s); });
    REQUIRE(w.ended.size() == 1u);
    CHECK(w.ended[0].completed);
    CHECK(w.count(vocab::event::routine_completed) == 1);  // the report counts its 0 s as no stretch
    UNSCOPED_INFO("the sitting goes on: no routine break, the clock is not reset");
    CHECK(w.total(SpanKind::brk) == 0ms);
    CHECK(w.spans.size() == 1u);
    CHECK(w.engine.status(w.at(45min)).sitting_for == 45min);
    UNSCOPED_INFO("and the reminder comes back after the repeat time, as after a stop");
    w.run_until(50min);
    CHECK(w.reminder_times == std::vector<Millis>{45min, 50min});
    SECTION("a minute on the steps is a stretch, and a break") {
        World v;
        v.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });  // 3 steps of 30 s
        v.cmd(45min + 40s, [](Engine& e, const Stamp& s) { return e.next(s); });
        v.cmd(46min, [](Engine& e, const Stamp& s) { return e.next(s); });
        v.cmd(46min, [](Engine& e, const Stamp& s) { return e.next(s); });
        REQUIRE(v.ended.size() == 1u);
        CHECK(v.total(SpanKind::brk, "routine") == 1min);
        CHECK(v.engine.status(v.at(46min)).sitting_for == 0ms);
    }
}

TEST_CASE("engine: a stopped routine is no break and reminds after the repeat time", "[engine][routine]") {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });
    w.cmd(45min + 10s, [](Engine& e, const Stamp& s) { return e.stop(s); });
    REQUIRE(w.ended.size() == 1u);
    CHECK_FALSE(w.ended[0].completed);
    CHECK(w.total(SpanKind::brk) == 0ms);
    w.run_until(50min + 10s);
    CHECK(w.reminders.size() == 2u);
    CHECK(w.reminder_times[1] == 50min + 10s);
}

// Found by fuzz/ (corpus/dispatch/regression-routine-ends-behind-lock): the
// screen locked during a floor routine; at its end sitting began although
// nobody was at the keyboard, and the lock break then started back at the
// lock, overlapping the routine's break and that sitting span.
TEST_CASE("engine: a routine ending behind the lock screen keeps the break going", "[engine][routine]") {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s, "desk"); });
    w.apply(w.engine.locked(w.at(45min + 10s)));
    w.run_until(60min);  // the routine's 90 s end behind the lock
    REQUIRE(w.ended.size() == 1u);
    CHECK(w.ended[0].completed);
    CHECK(w.state() == State::away);
    w.apply(w.engine.unlocked(w.at(60min)));
    CHECK(w.state() == State::active);

    REQUIRE(w.spans.size() == 4u);
    for (std::size_t i = 1; i < w.spans.size(); ++i) {
        INFO("span " << i << " against the one before");
        CHECK(w.spans[i].start == w.spans[i - 1].end);
        CHECK(w.spans[i].end >= w.spans[i].start);
    }
    CHECK(w.spans[1].reason == "routine");
    CHECK(w.spans[1].end - w.spans[1].start == 90s);
    CHECK(w.spans[2].reason == "lock");
    CHECK(w.spans[2].end - w.spans[2].start == 60min - 46min - 30s);
    CHECK(w.total(SpanKind::sitting) == 45min);
    CHECK(w.spans[3].kind == SpanKind::sitting);
    CHECK(w.spans[3].open);
}

TEST_CASE("engine: a routine ending after the user walked off starts no sitting", "[engine][routine]") {
    Settings s;
    s.natural_break = 2min;
    World w(s);
    w.apply(w.engine.start(w.at(10min), "floor"));  // four stages of a minute
    w.idle(12min + 30s, 2min);  // no input since the start: they are on the floor, or gone
    w.run_until(14min);
    REQUIRE(w.ended.size() == 1u);
    CHECK(w.ended[0].completed);
    UNSCOPED_INFO("nobody has sat back down");
    CHECK(w.state() == State::away);
    CHECK(w.awaits == 1);
    w.run_until(3h);
    UNSCOPED_INFO("no reminders for an empty chair");
    CHECK(w.reminders.empty());
    w.activity(3h);
    CHECK(w.state() == State::active);
    CHECK(w.total(SpanKind::brk, "routine") == 3h - 10min);
}

TEST_CASE("engine: input during a routine means the user is still there", "[engine][routine]") {
    Settings s;
    s.natural_break = 2min;
    World w(s);
    w.apply(w.engine.start(w.at(10min), "floor"));
    w.idle(12min + 30s, 2min);
    w.activity(13min);  // clicked Next, or touched the mouse
    w.run_until(14min);
    CHECK(w.state() == State::active);
}

TEST_CASE("engine: a suspend stops the routine and is a break", "[engine][routine]") {
    World w;
    w.apply(w.engine.start(w.at(10min), "floor"));
    w.now = 1h + 10min;
    w.apply(w.engine.slept(w.at(1h + 10min), 1h));
    REQUIRE(w.ended.size() == 1u);
    UNSCOPED_INFO("an hour asleep is not an hour of stretching");
    CHECK_FALSE(w.ended[0].completed);
    CHECK(w.count("routine_completed") == 0);
    w.activity(1h + 11min);
    CHECK(w.total(SpanKind::brk, "suspend") == 61min);
}

TEST_CASE("engine: no reminder time is promised during a routine", "[engine][routine]") {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });
    CHECK_FALSE(w.engine.status(w.at(46min)).next_reminder_wall.has_value());
}

TEST_CASE("engine: routine commands refuse clearly", "[engine][routine]") {
    World w;
    SECTION("next and stop need a running routine") {
        CHECK(refusal(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.next(s); })) == "not_now");
        CHECK(refusal(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.stop(s); })) == "not_now");
    }
    SECTION("an unknown routine is a bad argument") {
        CHECK(refusal(w.engine.start(w.at(1min), "nope")) == "bad_args");
    }
    SECTION("a running routine refuses another start and a snooze") {
        w.apply(w.engine.start(w.at(1min), "desk"));
        CHECK(refusal(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.start(s); })) == "not_now");
        CHECK(refusal(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.snooze(s); })) == "not_now");
    }
}

TEST_CASE("engine: reminders offer each routine in turn", "[engine][routine]") {
    Settings settings;
    settings.places = {"desk", "floor"};
    World w(settings);
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    w.run_until(90min);
    REQUIRE(w.reminders.size() == 2u);
    CHECK(w.reminders[0].routine_id == "desk");
    CHECK(w.reminders[1].routine_id == "floor");
    w.cmd(90min, [](Engine& e, const Stamp& s) { return e.start(s); });
    UNSCOPED_INFO("start takes the routine the reminder offered");
    CHECK(w.steps.at(0).routine_id == "floor");
}

TEST_CASE("engine: snoozing ahead does not offer the same routine twice", "[engine][routine]") {
    Settings settings;
    settings.places = {"desk", "floor"};
    World w(settings);
    w.apply(w.engine.snooze(w.at(40min), 10min));
    w.run_until(50min);
    w.cmd(50min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    w.run_until(95min);
    REQUIRE(w.reminders.size() == 2u);
    CHECK(w.reminders[0].routine_id == "desk");
    CHECK(w.reminders[1].routine_id == "floor");
}

TEST_CASE("engine: the default routine is always offered", "[engine][routine]") {
    Settings s;
    s.default_routine = "floor";
    World w(s);
    w.run_until(45min);
    CHECK(w.reminders.at(0).routine_id == "floor");
}

// Four reminders in a row, each skipped; the ids they offered.
std::vector<std::string> offered(World& w) {
    std::vector<std::string> ids;
    for (int i = 1; i <= 4; ++i) {
        w.run_until(i * 46min);
        if (w.reminders.size() < static_cast<std::size_t>(i)) break;
        ids.push_back(w.reminders.back().routine_id);
        w.cmd(i * 46min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    }
    return ids;
}

TEST_CASE("engine: rotate offers only routines for the places the user allows", "[engine][routine]") {
    Routine seated = test_support::sample_routine("seated", 2, 30s);
    seated.place = "seated";
    Routine anywhere = test_support::sample_routine("walk", 1, 60s);
    anywhere.place = "anywhere";
    std::vector<Routine> routines = World::default_routines();  // desk, floor
    routines.push_back(seated);
    routines.push_back(anywhere);

    SECTION("by default a reminder never sends anyone to the floor") {
        World w(Settings{}, true, routines);
        CHECK(offered(w) == std::vector<std::string>{"desk", "seated", "walk", "desk"});
    }
    SECTION("a user who asks for the floor gets it") {
        Settings s;
        s.places = {"floor"};
        World w(s, true, routines);
        CHECK(offered(w) == std::vector<std::string>{"floor", "walk", "floor", "walk"});
    }
    SECTION("when no routine fits, all of them take turns") {
        Settings s;
        s.places = {"seated"};
        World w(s, true, World::default_routines());
        CHECK(offered(w) == std::vector<std::string>{"desk", "floor", "desk", "floor"});
    }
    SECTION("a chosen default is offered wherever it is done") {
        Settings s;
        s.default_routine = "floor";
        World w(s, true, routines);
        CHECK(offered(w) == std::vector<std::string>{"floor", "floor", "floor", "floor"});
    }
}

TEST_CASE("engine: the reminder says where the routine is done and what it needs", "[engine][routine]") {
    std::vector<Routine> routines = World::default_routines();
    routines[0].needs = {"a steady chair"};
    World w(Settings{}, true, routines);
    w.run_until(45min);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminders[0].routine_place == "desk");
    CHECK(w.reminders[0].routine_needs == std::vector<std::string>{"a steady chair"});
}

TEST_CASE("engine: an untimed step waits for next however long it takes", "[engine][routine]") {
    Routine r = test_support::sample_routine("rest", 2, 30s);
    r.steps[1].until_next = true;
    r.steps[1].hold = 0s;
    r.steps[1].duration = 0s;
    World w(Settings{}, true, {r});
    w.apply(w.engine.start(w.at(1min), "rest"));
    w.run_until(1min + 30s);
    REQUIRE(w.steps.size() == 2u);
    CHECK(w.steps[1].remaining == 0s);
    auto st = w.engine.status(w.at(1min + 30s));
    REQUIRE(st.routine.has_value());
    CHECK_FALSE(st.routine->step_ends_wall.has_value());
    UNSCOPED_INFO("nothing ends the resting step on a timer");
    w.run_until(1min + 30s + 20min);
    CHECK(w.state() == State::routine);
    CHECK(w.ended.empty());
    w.cmd(1min + 30s + 20min, [](Engine& e, const Stamp& s) { return e.next(s); });
    REQUIRE(w.ended.size() == 1u);
    CHECK(w.ended[0].completed);
}

TEST_CASE("engine: every step carries the safety note", "[engine][routine]") {
    World w;
    w.apply(w.engine.start(w.at(1min), "floor"));
    w.run_until(1min + 4min);
    REQUIRE(w.steps.size() == 4u);
    for (const ShowStep& s : w.steps) CHECK(s.safety == "Stop if it hurts.");
}

// ---- lock, suspend, clock -------------------------------------------------------

TEST_CASE("engine: a long lock is a break from the lock and unlock starts sitting", "[engine][away]") {
    World w;
    w.run_until(20min);
    w.apply(w.engine.locked(w.at(20min)));
    w.run_until(24min);
    CHECK(w.total(SpanKind::brk) == 0ms);
    w.run_until(25min);
    REQUIRE(w.spans.back().open);
    CHECK(w.spans.back().reason == "lock");
    CHECK(w.spans.back().start == kEpoch + 20min);
    w.run_until(40min);
    w.apply(w.engine.unlocked(w.at(40min)));
    CHECK(w.state() == State::active);
    CHECK(w.total(SpanKind::brk, "lock") == 20min);
    CHECK(w.total(SpanKind::sitting) == 20min);
    w.run_until(85min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.reminder_times[0] == 85min);
}

TEST_CASE("engine: a short lock is no break and holds reminders", "[engine][away]") {
    World w;
    w.apply(w.engine.locked(w.at(43min)));
    w.run_until(46min);
    CHECK(w.reminders.empty());
    w.apply(w.engine.unlocked(w.at(46min)));
    w.run_until(46min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.total(SpanKind::brk) == 0ms);
}

TEST_CASE("engine: a suspend longer than a natural break is a break", "[engine][away]") {
    World w;
    w.run_until(40min);
    // The machine slept from 40 min to 100 min; the shell notices on waking.
    w.now = 100min;
    w.apply(w.engine.slept(w.at(100min), 60min));
    CHECK(w.total(SpanKind::brk, "suspend") == 0ms);  // still open
    CHECK(w.awaits == 1);
    w.run_until(100min);
    UNSCOPED_INFO("no reminder on stale sitting time");
    CHECK(w.reminders.empty());
    w.activity(101min);
    CHECK(w.total(SpanKind::brk, "suspend") == 61min);
    CHECK(w.total(SpanKind::sitting) == 40min);
}

TEST_CASE("engine: a short suspend is no break", "[engine][away]") {
    World w;
    w.run_until(10min);
    w.now = 12min;
    w.apply(w.engine.slept(w.at(12min), 2min));
    CHECK(w.state() == State::active);
    w.run_until(45min);
    CHECK(w.reminders.size() == 1u);
}

TEST_CASE("engine: wall clock jumps do not change sitting time", "[engine][away]") {
    const Millis jump = GENERATE(Millis{60min}, Millis{-60min});
    CAPTURE(jump);
    World w;
    w.run_until(20min);
    w.wall_shift = jump;  // NTP or the user moved the clock
    w.run_until(45min);
    CHECK(w.reminders.size() == 1u);
    w.idle(50min, 5min);
    w.activity(60min);
    w.run_until(70min);
    CHECK(w.total(SpanKind::sitting) == 45min + 10min);
    CHECK(w.total(SpanKind::brk) == 15min);
}

TEST_CASE("engine: without an activity source session time counts and a resume restarts it", "[engine][away]") {
    World w({}, false);
    w.idle(10min, 30min);  // nobody reports this, but if they did it is ignored
    w.run_until(45min);
    CHECK(w.reminders.size() == 1u);
    w.now = 2h;
    w.apply(w.engine.slept(w.at(2h), 70min));
    CHECK(w.state() == State::active);
    CHECK(w.total(SpanKind::brk, "suspend") == 70min);
    CHECK_FALSE(w.engine.status(w.at(2h)).tracks_activity);
}

// ---- restarts -------------------------------------------------------------------

namespace {

// What a restarted daemon reads back from what `w` wrote: the newest span,
// closed at its last checkpoint, and the newest event of each remembered type.
Previous history_of(const World& w) {
    Previous p;
    if (!w.spans.empty()) p.last_span = Previous::Span{w.spans.back().kind, w.spans.back().start, w.spans.back().end};
    for (const std::string& type : Engine::remembered_events()) {
        const auto it = std::find_if(w.events.rbegin(), w.events.rend(), [&](const Record& r) { return r.type == type; });
        if (it != w.events.rend()) p.events.push_back(*it);
    }
    std::stable_sort(p.events.begin(), p.events.end(), [](const Record& a, const Record& b) { return a.wall < b.wall; });
    return p;
}

// A new daemon started at `t` (on the same clocks) after `before` stopped.
World restarted(const World& before, Millis t, Effects* fx = nullptr, Settings settings = {}) {
    World w(settings, true, World::default_routines(), false);
    w.spans = before.spans;  // the store, with every span closed by the restart
    for (auto& span : w.spans) span.open = false;
    w.now = t;
    const Effects begun = w.apply(w.engine.begin(w.at(t), history_of(before)));
    if (fx) *fx = begun;
    return w;
}

bool has_reopen(const Effects& fx) {
    return std::any_of(fx.list.begin(), fx.list.end(), [](const Effect& e) { return std::holds_alternative<ReopenSpan>(e); });
}

}  // namespace

TEST_CASE("engine: a restart inside natural_break goes on with the sitting", "[engine][startup]") {
    World before;
    before.run_until(20min + 30s);  // checkpointed at 20 min; stopped (or crashed) here
    Effects fx;
    World after = restarted(before, 22min, &fx);
    UNSCOPED_INFO("the store reopens the span; no new one, no break");
    CHECK(has_reopen(fx));
    CHECK(after.spans.size() == before.spans.size());
    CHECK(after.spans.back().open);
    CHECK(after.engine.status(after.at(22min)).sitting_for == 22min);
    const auto next = after.engine.next_deadline(after.at(22min));
    REQUIRE(next.has_value());
    UNSCOPED_INFO("the next checkpoint comes first");
    CHECK(*next == 23min);
    after.run_until(45min);
    UNSCOPED_INFO("the reminder still comes at the limit of the whole sitting");
    CHECK(after.reminder_times == std::vector<Millis>{45min});
}

TEST_CASE("engine: a restart after natural_break records the time away as a shutdown break", "[engine][startup]") {
    World before;
    before.run_until(20min + 30s);
    Effects fx;
    World after = restarted(before, 40min, &fx);
    CHECK_FALSE(has_reopen(fx));
    const std::size_t n = before.spans.size();
    REQUIRE(after.spans.size() == n + 2);
    CHECK(after.spans[n].kind == SpanKind::brk);
    CHECK(after.spans[n].reason == "shutdown");
    UNSCOPED_INFO("from the last checkpoint to now");
    CHECK(after.spans[n].start == kEpoch + 20min);
    CHECK(after.spans[n].end == kEpoch + 40min);
    CHECK(after.spans[n + 1].kind == SpanKind::sitting);
    CHECK(after.spans[n + 1].start == kEpoch + 40min);
    CHECK(after.engine.status(after.at(40min)).sitting_for == 0ms);
}

TEST_CASE("engine: a clock set back before the last checkpoint starts fresh without a break", "[engine][startup]") {
    World before;
    before.run_until(20min);
    World after = restarted(before, 10min);
    REQUIRE(after.spans.size() == before.spans.size() + 1);
    CHECK(after.spans.back().kind == SpanKind::sitting);
    CHECK(after.spans.back().start == kEpoch + 10min);
}

TEST_CASE("engine: a pause survives a restart and a crash until its end", "[engine][startup]") {
    World before;
    before.cmd(10min, [](Engine& e, const Stamp& s) { return e.pause(s, 1h); });
    before.run_until(15min);
    const auto until = before.engine.status(before.at(15min)).paused_until_wall;
    REQUIRE(until.has_value());
    SECTION("a restart inside natural_break") {
        World after = restarted(before, 16min);
        const Status s = after.engine.status(after.at(16min));
        CHECK(s.state == State::paused);
        CHECK(s.paused_until_wall == until);
        after.run_until(70min);
        UNSCOPED_INFO("it ends on time, and the held reminder shows then");
        CHECK(after.count("resumed") == 1);
        CHECK(after.reminder_times == std::vector<Millis>{70min});
    }
    SECTION("a long gap is a break, and the pause still holds") {
        World after = restarted(before, 40min);
        CHECK(after.engine.status(after.at(40min)).paused_until_wall == until);
    }
    SECTION("a pause that ended while nothing ran is over") {
        World after = restarted(before, 2h);
        CHECK_FALSE(after.engine.status(after.at(2h)).paused);
    }
    SECTION("a pause the user resumed is over") {
        before.cmd(20min, [](Engine& e, const Stamp& s) { return e.resume(s); });
        World after = restarted(before, 21min);
        CHECK(after.state() == State::active);
    }
}

TEST_CASE("engine: a pause without an end survives any restart", "[engine][startup]") {
    World before;
    before.cmd(10min, [](Engine& e, const Stamp& s) { return e.pause(s); });
    World after = restarted(before, 3h);
    const Status s = after.engine.status(after.at(3h));
    CHECK(s.state == State::paused);
    CHECK_FALSE(s.paused_until_wall.has_value());
}

TEST_CASE("engine: a snooze survives a restart only while the sitting goes on", "[engine][startup]") {
    World before;
    before.run_until(45min);
    REQUIRE(before.reminders.size() == 1u);
    before.cmd(46min, [](Engine& e, const Stamp& s) { return e.snooze(s); });  // until 56 min
    before.run_until(47min);
    SECTION("a restart inside natural_break keeps the snooze and its count") {
        World after = restarted(before, 48min);
        const Status s = after.engine.status(after.at(48min));
        CHECK(s.state == State::snoozed);
        CHECK(s.snoozes == 1);
        CHECK(s.next_reminder_wall == std::optional<Millis>(kEpoch + 56min));
        after.run_until(56min);
        REQUIRE(after.reminders.size() == 1u);
        CHECK(after.reminders[0].snoozes == 1);
    }
    SECTION("a long gap was a break, which ends any snooze") {
        World after = restarted(before, 58min);
        CHECK(after.state() == State::active);
        CHECK(after.engine.status(after.at(58min)).snoozes == 0);
    }
    SECTION("a snooze already answered is over") {
        before.run_until(56min);  // it came back
        World after = restarted(before, 57min);
        CHECK(after.state() == State::active);
    }
}

TEST_CASE("engine: the quiet time after a skip survives a restart only while the sitting goes on", "[engine][startup]") {
    World before;
    before.run_until(45min);
    REQUIRE(before.reminders.size() == 1u);
    before.cmd(46min, [](Engine& e, const Stamp& s) { return e.skip(s); });  // none before 91 min
    before.run_until(47min);
    SECTION("a restart inside natural_break keeps it") {
        World after = restarted(before, 48min);
        CHECK(after.engine.status(after.at(48min)).next_reminder_wall == std::optional<Millis>(kEpoch + 91min));
        after.run_until(92min);
        UNSCOPED_INFO("not at once for the sitting past its limit, but a whole limit after the skip");
        CHECK(after.reminder_times == std::vector<Millis>{91min});
    }
    SECTION("a long gap was a break: a new sitting, a whole limit from now") {
        World after = restarted(before, 58min);
        after.run_until(104min);
        CHECK(after.reminder_times == std::vector<Millis>{58min + 45min});
    }
    SECTION("a skip from before a break is over") {
        before.idle(55min, 5min);
        before.activity(70min);  // a 20 min break from 50 min; a new sitting from 70 min
        before.run_until(71min);
        World after = restarted(before, 72min);
        after.run_until(116min);
        CHECK(after.reminder_times == std::vector<Millis>{70min + 45min});
    }
}

TEST_CASE("engine: the wait after a stopped routine survives a restart", "[engine][startup]") {
    World before;
    before.run_until(45min);
    before.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });
    before.cmd(45min + 10s, [](Engine& e, const Stamp& s) { return e.stop(s); });  // none before 50:10
    World after = restarted(before, 46min);
    after.run_until(51min);
    CHECK(after.reminder_times == std::vector<Millis>{50min + 10s});
}

TEST_CASE("engine: a restart soon after a crash during a short idle reopens the sitting", "[engine][startup]") {
    Settings s;
    s.natural_break = 30s;
    World before(s);
    before.activity(10min + 40s);           // the last input
    before.idle(10min + 55s, 15s);          // the short threshold (half of natural_break)
    before.run_until(10min + 58s);          // SIGKILL here: the store keeps the last checkpoint
    Effects fx;
    World after = restarted(before, 11min + 5s, &fx, s);  // 25 s after the last input
    UNSCOPED_INFO("no shutdown break that never happened");
    CHECK(has_reopen(fx));
    CHECK(after.spans.size() == before.spans.size());
    CHECK(after.engine.status(after.at(11min + 5s)).sitting_for == 11min + 5s);
}

// A clean stop writes the span's end and daemon_stop at its last moment,
// as Daemon::stop does.
void stop_cleanly(World& w, Millis t) {
    w.run_until(t);
    w.apply(w.engine.shutdown(w.at(t)));
    w.events.push_back(Record{vocab::event::daemon_stop, w.at(t).wall, {}});
}

TEST_CASE("engine: a restart anywhere inside natural_break after a crash reopens the sitting", "[engine][startup]") {
    Settings s;
    s.natural_break = 30s;  // checkpoints every 15 s
    SECTION("a crash just before a checkpoint, while typing") {
        World before(s);
        before.run_until(10min + 14s);  // checkpointed at 10:00; SIGKILL at 10:14
        Effects fx;
        World after = restarted(before, 10min + 14s + 29s, &fx, s);
        CHECK(has_reopen(fx));
        CHECK(after.spans.size() == before.spans.size());
    }
    SECTION("a crash soon after coming back from a short idle") {
        World before(s);
        before.activity(10min + 40s);
        before.idle(10min + 55s, 15s);  // written: the last input, 10:40
        before.activity(10min + 58s);   // back; the next checkpoint would be at 11:10
        before.run_until(11min + 5s);   // SIGKILL
        CHECK(before.spans.back().end == kEpoch + 10min + 58s);
        Effects fx;
        World after = restarted(before, 11min + 5s + 29s, &fx, s);
        CHECK(has_reopen(fx));
    }
    SECTION("after a clean stop the time away is measured from the stop itself") {
        World before(s);
        stop_cleanly(before, 10min + 14s);
        Effects fx;
        World after = restarted(before, 10min + 14s + 31s, &fx, s);
        CHECK_FALSE(has_reopen(fx));
        REQUIRE(after.spans.size() == before.spans.size() + 2);
        CHECK(after.spans[before.spans.size()].start == kEpoch + 10min + 14s);
    }
    SECTION("a crash and a restart a natural_break later is a break from the last checkpoint") {
        World before(s);
        before.run_until(10min + 14s);
        Effects fx;
        World after = restarted(before, 10min + 14s + 31s, &fx, s);
        CHECK_FALSE(has_reopen(fx));
        CHECK(after.spans[before.spans.size()].start == kEpoch + 10min);
    }
}

TEST_CASE("engine: a short natural_break is checkpointed twice as often, the default once a minute",
          "[engine][startup]") {
    Settings s;
    s.natural_break = 30s;
    World fast(s);
    fast.run_until(10min);
    CHECK(fast.checkpoints == 40);
    World usual;
    usual.run_until(10min);
    CHECK(usual.checkpoints == 10);
}

TEST_CASE("engine: nothing wakes the daemon between a short idle and the natural break", "[engine][sitting]") {
    World w;
    w.idle(10min + 30s, 25s);  // a late report: the last input at 10:05, after the checkpoint at 10:00
    REQUIRE(w.state() == State::idle);
    UNSCOPED_INFO("the idle report wrote the span's end down: the last input");
    CHECK(w.spans.back().end == kEpoch + 10min + 5s);
    UNSCOPED_INFO("the next thing to do is the reminder, not a checkpoint");
    CHECK(w.engine.next_deadline(w.at(10min + 30s)) == std::optional<Millis>(45min));
    w.activity(12min);
    UNSCOPED_INFO("back at the keyboard: the return is written, and checkpoints go on from there");
    CHECK(w.spans.back().end == kEpoch + 12min);
    CHECK(w.engine.next_deadline(w.at(12min)) == std::optional<Millis>(13min));
}

// ---- sleep announced by logind ---------------------------------------------------

TEST_CASE("engine: an announced sleep is written down first and measured from the announcement", "[engine][away]") {
    World w;
    w.run_until(10min + 30s);
    const Effects fx = w.cmd(10min + 30s, [](Engine& e, const Stamp& s) { return e.sleeping(s); });
    REQUIRE_FALSE(fx.list.empty());
    UNSCOPED_INFO("the sitting is checkpointed to the announcement, in case the machine never wakes");
    CHECK(std::holds_alternative<CheckpointSpan>(fx.list.front()));
    CHECK(w.spans.back().end == kEpoch + 10min + 30s);
    CHECK(w.count("sleep") == 1);
    SECTION("the clocks saw a little less than the announcement") {
        w.now = 40min;
        w.apply(w.engine.slept(w.at(40min), 29min));
        w.apply(w.engine.woke(w.at(40min)));
        w.activity(41min);
        CHECK(w.total(SpanKind::brk, "suspend") == 30min + 30s);
    }
    SECTION("the clocks saw nothing: a refused or tiny sleep still counts from the announcement") {
        w.apply(w.engine.woke(w.at(16min)));
        w.activity(17min);
        CHECK(w.total(SpanKind::brk, "suspend") == 6min + 30s);
    }
    CHECK(w.count("wake") == 1);
}

TEST_CASE("engine: a stale sleep announcement does not stretch a later sleep", "[engine][away]") {
    World w;
    w.cmd(10min, [](Engine& e, const Stamp& s) { return e.sleeping(s); });
    w.now = 3h;
    w.apply(w.engine.slept(w.at(3h), 20min));
    w.activity(3h + 1min);
    CHECK(w.total(SpanKind::brk, "suspend") == 21min);
}

// ---- a routine and a walk away -----------------------------------------------------

TEST_CASE("engine: a routine stopped after the user walked away is a break from the last input",
          "[engine][routine]") {
    Settings s;
    s.natural_break = 2min;
    World w(s);
    w.apply(w.engine.start(w.at(10min), "floor"));  // four stages of a minute
    w.idle(12min + 30s, 2min);                       // gone since 10:30
    w.cmd(13min, [](Engine& e, const Stamp& t) { return e.stop(t); });
    UNSCOPED_INFO("nobody is there: the time away is no sitting");
    CHECK(w.state() == State::away);
    CHECK(w.awaits == 1);
    w.activity(30min);
    CHECK(w.total(SpanKind::sitting) == 10min + 30s);
    CHECK(w.total(SpanKind::brk, "idle") == 30min - (10min + 30s));
    CHECK(w.state() == State::active);
}

TEST_CASE("engine: a routine stopped by a user still at the desk counts as sitting", "[engine][routine]") {
    Settings s;
    s.natural_break = 2min;
    World w(s);
    w.apply(w.engine.start(w.at(10min), "floor"));
    w.idle(11min, 60s);
    w.cmd(11min + 30s, [](Engine& e, const Stamp& t) { return e.stop(t); });
    CHECK(w.state() != State::away);
    CHECK(w.spans.size() == 1u);
}

// ---- a whole day -----------------------------------------------------------------

TEST_CASE("engine: a whole working day adds up", "[engine][day]") {
    World w;
    w.idle(15min, 60s);        // reading
    w.activity(17min);
    w.run_until(45min);         // reminder
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.snooze(s); });
    w.run_until(55min);         // back
    w.cmd(56min, [](Engine& e, const Stamp& s) { return e.start(s); });
    w.run_until(60min);         // desk routine done at 57:30
    w.idle(2h + 5min, 5min);   // went for lunch at 2h
    w.activity(3h);
    w.apply(w.engine.locked(w.at(4h)));
    w.run_until(4h + 30min);
    w.apply(w.engine.unlocked(w.at(4h + 30min)));
    w.run_until(5h + 15min);
    w.cmd(5h + 15min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    w.apply(w.engine.shutdown(w.at(6h)));
    w.now = 6h;

    UNSCOPED_INFO("every minute is accounted for once");
    CHECK(w.total(SpanKind::sitting) + w.total(SpanKind::brk) == 6h);
    CHECK(w.total(SpanKind::brk, "routine") == 1min + 30s);
    CHECK(w.total(SpanKind::brk, "idle") == 1h);
    CHECK(w.total(SpanKind::brk, "lock") == 30min);
    CHECK(w.count("routine_completed") == 1);
    CHECK(w.count("reminder_skipped") == 1);
    CHECK_FALSE(w.spans.back().open);
    for (std::size_t i = 1; i < w.spans.size(); ++i) {
        CAPTURE(i);
        CHECK(w.spans[i].start == w.spans[i - 1].end);
    }
}

}  // namespace
