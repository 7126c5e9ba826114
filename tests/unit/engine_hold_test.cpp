// SPDX-License-Identifier: MIT
// Scenario tests for reminders held while the user is busy: a call, a
// shared screen, do-not-disturb. Plain timestamps, as in engine_test.cpp.
#include "engine_world.hpp"

#include "core/vocabulary.hpp"

namespace {

const BusySet kMic{BusyKind::microphone};
const BusySet kNone{};

std::string text_detail(const Record& r, const std::string& name) {
    for (const auto& [k, v] : r.detail)
        if (k == name)
            if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
}

std::int64_t number_detail(const Record& r, const std::string& name) {
    for (const auto& [k, v] : r.detail)
        if (k == name)
            if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    return -1;
}

const Record* last_of(const World& w, const char* type) {
    for (auto it = w.events.rbegin(); it != w.events.rend(); ++it)
        if (it->type == type) return &*it;
    return nullptr;
}

}  // namespace

TEST_CASE("hold: a reminder due during a call waits and comes after the grace", "[engine][hold]") {
    World w;
    w.busy(40min, kMic);
    w.run_until(45min);
    CHECK(w.reminders.empty());
    CHECK(w.state() == State::held);
    CHECK(w.count(vocab::event::reminder_held) == 1);
    const auto status = w.engine.status(w.at(50min));
    REQUIRE(status.hold);
    CHECK(status.hold->kind == BusyKind::microphone);
    CHECK(status.hold->since_wall == kEpoch + 45min);
    CHECK_FALSE(status.hold->release_wall);

    w.busy(70min, kNone);
    CHECK(w.engine.status(w.at(70min)).hold->release_wall == kEpoch + 72min);
    w.run_until(72min - 1ms);
    CHECK(w.reminders.empty());
    w.run_until(72min);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminders[0].sitting_for == 72min);
    CHECK(w.reminders[0].held_for == 27min);
    CHECK_FALSE(w.reminders[0].quiet);
    CHECK(w.state() == State::reminding);

    const Record* released = last_of(w, vocab::event::reminder_released);
    REQUIRE(released);
    CHECK(text_detail(*released, vocab::key::kind) == "microphone");
    CHECK(number_detail(*released, vocab::key::held_s) == 27 * 60);
    CHECK(text_detail(*released, vocab::key::why) == vocab::why::grace);
}

TEST_CASE("hold: a call that resumes during the grace keeps holding", "[engine][hold]") {
    World w;
    w.busy(40min, kMic);
    w.busy(50min, kNone);
    w.busy(51min, BusySet{BusyKind::camera});
    w.run_until(80min);
    CHECK(w.reminders.empty());
    w.busy(80min, kNone);
    w.run_until(82min);
    CHECK(w.reminders.size() == 1u);
}

TEST_CASE("hold: nothing is held while the user is not busy, or for sources [hold] leaves out", "[engine][hold]") {
    Settings s;
    s.hold_sources = BusySet{BusyKind::camera};
    World w(s);
    w.busy(40min, kMic);
    w.run_until(45min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.count(vocab::event::reminder_held) == 0);
    CHECK(w.engine.status(w.at(45min)).busy.empty());
}

TEST_CASE("hold: the ceiling shows the reminder anyway, quietly", "[engine][hold]") {
    Settings s;
    s.hold_ceiling = 90min;
    World w(s);
    w.busy(30min, kMic);
    w.run_until(45min + 90min - 1ms);
    CHECK(w.reminders.empty());
    w.run_until(45min + 90min);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminders[0].quiet);
    CHECK(w.reminders[0].held_for == 90min);
    CHECK(text_detail(*last_of(w, vocab::event::reminder_released), vocab::key::why) == vocab::why::ceiling);

    SECTION("its repeats during the same call are quiet too, and not held again") {
        w.run_until(45min + 95min);
        REQUIRE(w.reminders.size() == 2u);
        CHECK(w.reminders[1].quiet);
        CHECK(w.count(vocab::event::reminder_held) == 1);
    }
    SECTION("after the call, repeats have their sound again") {
        w.busy(45min + 91min, kNone);
        w.run_until(45min + 95min);
        REQUIRE(w.reminders.size() == 2u);
        CHECK_FALSE(w.reminders[1].quiet);
    }
}

TEST_CASE("hold: a break during the hold leaves nothing to show", "[engine][hold]") {
    World w;
    w.busy(40min, kMic);
    w.run_until(50min);
    REQUIRE(w.state() == State::held);
    w.idle(62min, 5min);  // walked off at 57 min, the call still open (a forgotten tab)
    CHECK(w.state() == State::away);
    CHECK(text_detail(*last_of(w, vocab::event::reminder_released), vocab::key::why) == vocab::why::brk);
    w.busy(65min, kNone);
    w.run_until(70min);
    CHECK(w.reminders.empty());
    w.activity(70min);
    w.run_until(70min + 45min - 1ms);
    CHECK(w.reminders.empty());
    w.run_until(70min + 45min);
    CHECK(w.reminders.size() == 1u);
}

TEST_CASE("hold: a lock during a call", "[engine][hold]") {
    World w;
    w.busy(40min, kMic);
    w.run_until(50min);
    REQUIRE(w.state() == State::held);

    SECTION("a short lock: still held, and the grace runs from the call's end") {
        w.run_until(55min);
        w.apply(w.engine.locked(w.at(55min)));
        w.busy(56min, kNone);
        w.run_until(58min);
        CHECK(w.reminders.empty());  // the grace ended behind the lock screen
        w.run_until(59min);
        w.apply(w.engine.unlocked(w.at(59min)));
        w.run_until(59min);
        REQUIRE(w.reminders.size() == 1u);
        CHECK(w.reminder_times[0] == 59min);
    }
    SECTION("a long lock is a break: nothing to show") {
        w.run_until(55min);
        w.apply(w.engine.locked(w.at(55min)));
        w.run_until(61min);
        CHECK(w.count(vocab::event::reminder_released) == 1);
        w.busy(62min, kNone);
        w.apply(w.engine.unlocked(w.at(63min)));
        w.run_until(63min + 44min);
        CHECK(w.reminders.empty());
    }
}

TEST_CASE("hold: do-not-disturb releases as soon as it is turned off", "[engine][hold]") {
    World w;
    w.busy(40min, BusySet{BusyKind::dnd});
    w.run_until(60min);
    CHECK(w.reminders.empty());
    w.busy(60min, kNone);
    w.run_until(60min);
    REQUIRE(w.reminders.size() == 1u);
    CHECK(w.reminder_times[0] == 60min);
}

TEST_CASE("hold: a snoozed reminder returning during a call is held too", "[engine][hold]") {
    World w;
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& t) { return e.snooze(t); });
    w.busy(50min, kMic);
    w.run_until(70min);
    CHECK(w.reminders.size() == 1u);
    CHECK(w.state() == State::held);
    w.busy(70min, kNone);
    w.run_until(72min);
    CHECK(w.reminders.size() == 2u);
}

TEST_CASE("hold: commands answer a held reminder", "[engine][hold]") {
    World w;
    w.busy(40min, kMic);
    w.run_until(50min);
    SECTION("skip") {
        CHECK(refusal(w.cmd(50min, [](Engine& e, const Stamp& t) { return e.skip(t); })) == "accepted");
        CHECK(w.state() == State::active);
        CHECK(text_detail(*last_of(w, vocab::event::reminder_released), vocab::key::why) == vocab::why::user);
        w.busy(51min, kNone);
        w.run_until(60min);
        CHECK(w.reminders.empty());
    }
    SECTION("pause") {
        w.cmd(50min, [](Engine& e, const Stamp& t) { return e.pause(t); });
        CHECK(w.state() == State::paused);
        CHECK(text_detail(*last_of(w, vocab::event::reminder_released), vocab::key::why) == vocab::why::paused);
    }
    SECTION("start") {
        w.cmd(50min, [](Engine& e, const Stamp& t) { return e.start(t); });
        CHECK(w.state() == State::routine);
        CHECK(w.count(vocab::event::reminder_released) == 1);
    }
}

TEST_CASE("hold: a routine goes quiet when a call starts", "[engine][hold]") {
    World w;
    w.cmd(10min, [](Engine& e, const Stamp& t) { return e.start(t, "desk"); });
    REQUIRE(w.steps.size() == 1u);
    CHECK_FALSE(w.steps[0].quiet);
    w.busy(10min + 10s, kMic);
    CHECK(w.hushes == 1);
    w.run_until(10min + 30s);
    REQUIRE(w.steps.size() == 2u);
    CHECK(w.steps[1].quiet);
    w.run_until(12min);
    REQUIRE(w.ended.size() == 1u);
    CHECK(w.ended[0].quiet);
}

TEST_CASE("hold: reload with a source turned off releases what it held", "[engine][hold]") {
    World w;
    w.busy(40min, kMic);
    w.run_until(50min);
    Settings s;
    s.hold_sources = BusySet{BusyKind::dnd};
    s.hold_grace = 1min;
    w.apply(w.engine.reconfigure(w.at(50min), s, w.engine.routines()));
    w.run_until(51min);
    CHECK(w.reminders.size() == 1u);
}

TEST_CASE("hold: busy names are the vocabulary's", "[engine][hold]") {
    for (BusyKind k : kBusyKinds) CHECK(busy_kind(to_string(k)) == k);
    CHECK_FALSE(busy_kind("speaker"));
    CHECK(to_string(BusyKind::dnd) == std::string(vocab::busy::dnd));
}
