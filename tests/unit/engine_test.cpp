// Scenario tests for the engine: whole stretches of a day as timestamps.
// The helper below plays the shell: it applies effects the way the store and
// notifier would, and fires the single timer at next_deadline().
#include <gtest/gtest.h>

#include "core/engine.hpp"
#include "sample_routine.hpp"

using namespace std::chrono_literals;
using namespace limber;
using namespace limber::core;

namespace {

constexpr Millis kEpoch{1'700'000'000'000};  // some UTC instant, 22:13 UTC

struct SpanRec {
    SpanKind kind;
    std::string reason;
    Millis start, end;
    bool open;
};

class World {
public:
    explicit World(Settings settings = {}, bool tracks = true, std::vector<Routine> routines = default_routines())
        : engine(std::move(settings), std::move(routines), tracks) {
        apply(engine.begin(at(0ms)));
    }

    static std::vector<Routine> default_routines() {
        return {test_support::sample_routine("desk", 3, 30s), test_support::sample_routine("floor", 2, 60s, true)};
    }

    // mono runs from 0; wall = epoch + mono + shift (a clock jump changes shift).
    Stamp at(Millis mono) const { return {mono, kEpoch + mono + wall_shift, utc_offset}; }

    // Fires the timer at each deadline up to t, then sets now = t.
    void run_until(Millis t) {
        for (int guard = 0; guard < 100000; ++guard) {
            const auto d = engine.next_deadline(at(now));
            if (!d || *d > t) break;
            now = std::max(now, *d);
            apply(engine.tick(at(now)));
        }
        now = t;
    }

    Effects apply(Effects fx) {
        for (auto& e : fx.list) {
            if (auto* o = std::get_if<OpenSpan>(&e)) {
                EXPECT_TRUE(spans.empty() || !spans.back().open) << "two open spans";
                spans.push_back({o->kind, o->reason, o->start_wall, o->start_wall, true});
            } else if (auto* c = std::get_if<CheckpointSpan>(&e)) {
                if (spans.empty() || !spans.back().open) { ADD_FAILURE() << "checkpoint without open span"; continue; }
                spans.back().end = c->end_wall;
                ++checkpoints;
            } else if (auto* cl = std::get_if<CloseSpan>(&e)) {
                if (spans.empty() || !spans.back().open) { ADD_FAILURE() << "close without open span"; continue; }
                spans.back().end = cl->end_wall;
                spans.back().open = false;
            } else if (auto* r = std::get_if<ShowReminder>(&e)) {
                reminders.push_back(*r);
                reminder_times.push_back(now);
            } else if (std::holds_alternative<WithdrawReminder>(e)) {
                ++withdrawn;
            } else if (auto* s = std::get_if<ShowStep>(&e)) {
                steps.push_back(*s);
            } else if (auto* end = std::get_if<RoutineEnded>(&e)) {
                ended.push_back(*end);
            } else if (auto* rec = std::get_if<Record>(&e)) {
                records.push_back(rec->type);
            } else if (std::holds_alternative<AwaitActivity>(e)) {
                ++awaits;
            }
        }
        return fx;
    }

    // Input helpers: each moves time to t first.
    Effects activity(Millis t) { run_until(t); return apply(engine.activity(at(t))); }
    Effects idle(Millis t, Millis idle_for) { run_until(t); return apply(engine.idle(at(t), idle_for)); }
    // A command with its default arguments, at time t.
    template <class F>
    Effects cmd(Millis t, F f) { run_until(t); return apply(f(engine, at(t))); }

    Millis total(SpanKind kind, const std::string& reason = "*") const {
        Millis sum{0};
        for (const auto& s : spans)
            if (s.kind == kind && (reason == "*" || s.reason == reason)) sum += s.end - s.start;
        return sum;
    }
    State state() const { return engine.status(at(now)).state; }
    int count(const std::string& type) const {
        return static_cast<int>(std::count(records.begin(), records.end(), type));
    }

    Engine engine;
    Millis now{0};
    Millis wall_shift{0};
    std::chrono::minutes utc_offset{0};
    std::vector<SpanRec> spans;
    std::vector<ShowReminder> reminders;
    std::vector<Millis> reminder_times;
    std::vector<ShowStep> steps;
    std::vector<RoutineEnded> ended;
    std::vector<std::string> records;
    int withdrawn = 0;
    int checkpoints = 0;
    int awaits = 0;
};

// ---- sitting and natural breaks -----------------------------------------------

TEST(Sitting, ReminderComesExactlyAtTheLimitWithTheSittingTime) {
    World w;
    w.run_until(44min + 59s);
    EXPECT_TRUE(w.reminders.empty());
    EXPECT_EQ(w.state(), State::active);
    w.run_until(45min);
    ASSERT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.reminder_times[0], 45min);
    EXPECT_EQ(w.reminders[0].sitting_for, 45min);
    EXPECT_EQ(w.reminders[0].routine_id, "desk");
    EXPECT_FALSE(w.reminders[0].critical);
    EXPECT_EQ(w.state(), State::reminding);
    EXPECT_EQ(w.engine.status(w.at(45min)).sitting_for, 45min);
}

TEST(Sitting, ShortIdleIsStillSitting) {
    World w;
    w.idle(20min, 60s);
    EXPECT_EQ(w.state(), State::idle);
    w.activity(23min);
    EXPECT_EQ(w.state(), State::active);
    w.run_until(45min);
    EXPECT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.total(SpanKind::brk), 0ms);
}

TEST(Sitting, NaturalBreakStartsAtLastInputAndResetsSitting) {
    World w;
    w.idle(35min, 5min);  // last input at 30 min
    EXPECT_EQ(w.state(), State::away);
    ASSERT_EQ(w.spans.size(), 2u);
    EXPECT_EQ(w.spans[0].end - w.spans[0].start, 30min);
    EXPECT_EQ(w.spans[1].reason, "idle");
    EXPECT_TRUE(w.spans[1].open);
    w.run_until(45min);
    EXPECT_TRUE(w.reminders.empty()) << "no reminder while away";
    w.activity(50min);
    EXPECT_EQ(w.total(SpanKind::brk), 20min);
    w.run_until(94min);
    EXPECT_TRUE(w.reminders.empty());
    w.run_until(95min);
    EXPECT_EQ(w.reminders.size(), 1u) << "the limit counts from the return";
}

TEST(Sitting, BreakWithdrawsThePendingReminder) {
    World w;
    w.run_until(45min);
    ASSERT_EQ(w.reminders.size(), 1u);
    w.idle(52min, 5min);
    EXPECT_EQ(w.withdrawn, 1);
    EXPECT_EQ(w.count("reminder_withdrawn"), 1);
    EXPECT_EQ(w.total(SpanKind::sitting), 47min);
    EXPECT_EQ(w.state(), State::away);
}

TEST(Sitting, NothingWakesTheDaemonDuringABreak) {
    World w;
    w.idle(10min, 5min);
    EXPECT_FALSE(w.engine.next_deadline(w.at(10min)).has_value());
}

TEST(Sitting, OpenSpanIsCheckpointedOnceAMinuteWhileSitting) {
    World w;
    w.run_until(10min);
    EXPECT_EQ(w.checkpoints, 10);
    EXPECT_EQ(w.spans.back().end - w.spans.back().start, 10min);
    w.idle(15min, 5min);
    const int before = w.checkpoints;
    w.run_until(40min);
    EXPECT_EQ(w.checkpoints, before) << "breaks are not checkpointed";
}

// ---- reminders ----------------------------------------------------------------

TEST(Reminder, IgnoredReminderComesBackAfterRepeat) {
    World w;
    w.run_until(49min);
    EXPECT_EQ(w.reminders.size(), 1u);
    w.run_until(50min);
    ASSERT_EQ(w.reminders.size(), 2u);
    EXPECT_EQ(w.reminders[1].sitting_for, 50min);
    EXPECT_EQ(w.reminders[1].snoozes, 0);
}

TEST(Reminder, SnoozeChainTurnsCriticalAfterMaxSnoozes) {
    World w;
    w.run_until(45min);
    for (int i = 1; i <= 3; ++i) {
        w.cmd(w.now, [](Engine& e, const Stamp& s) { return e.snooze(s); });
        EXPECT_EQ(w.state(), State::snoozed);
        const auto before = w.reminders.size();
        w.run_until(w.now + 10min - 1s);
        EXPECT_EQ(w.reminders.size(), before);
        w.run_until(w.now + 1s);
        ASSERT_EQ(w.reminders.size(), before + 1);
        EXPECT_EQ(w.reminders.back().snoozes, i);
        EXPECT_EQ(w.reminders.back().critical, i >= 3);
    }
    EXPECT_EQ(w.count("reminder_snoozed"), 3);
}

TEST(Reminder, SnoozeTakesALength) {
    World w;
    w.run_until(45min);
    w.run_until(46min);
    w.apply(w.engine.snooze(w.at(46min), 2min));
    w.run_until(48min);
    EXPECT_EQ(w.reminders.size(), 2u);
    EXPECT_TRUE(w.engine.snooze(w.at(48min), 0ms).refused.has_value());
}

TEST(Reminder, SnoozeBeforeAnyReminderPostponesIt) {
    World w;
    w.apply(w.engine.snooze(w.at(40min), 20min));
    EXPECT_EQ(w.state(), State::snoozed);
    w.run_until(59min);
    EXPECT_TRUE(w.reminders.empty());
    w.run_until(60min);
    EXPECT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.reminders[0].snoozes, 0);
}

TEST(Reminder, SkipDismissesUntilAnotherFullLimit) {
    World w;
    EXPECT_EQ(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.skip(s); }).refused->code, "not_now");
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    EXPECT_EQ(w.withdrawn, 1);
    EXPECT_EQ(w.state(), State::active);
    w.run_until(91min - 1s);
    EXPECT_EQ(w.reminders.size(), 1u);
    w.run_until(91min);
    EXPECT_EQ(w.reminders.size(), 2u);
    EXPECT_EQ(w.total(SpanKind::brk), 0ms) << "a skip is not a break";
}

TEST(Reminder, PauseHoldsRemindersAndTheirReturnIsImmediate) {
    World w;
    w.run_until(30min);
    w.apply(w.engine.pause(w.at(30min), 1h));
    EXPECT_EQ(w.state(), State::paused);
    EXPECT_EQ(w.engine.status(w.at(30min)).paused_until_wall, kEpoch + 90min);
    w.run_until(90min - 1s);
    EXPECT_TRUE(w.reminders.empty());
    EXPECT_EQ(w.total(SpanKind::sitting), 89min) << "tracking goes on while paused (to the last checkpoint)";
    w.run_until(90min);
    EXPECT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.count("resumed"), 1);
}

TEST(Reminder, PauseWithoutEndUntilResume) {
    World w;
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& s) { return e.pause(s); });
    EXPECT_EQ(w.withdrawn, 1);
    w.run_until(5h);
    EXPECT_EQ(w.reminders.size(), 1u);
    w.cmd(5h, [](Engine& e, const Stamp& s) { return e.resume(s); });
    w.run_until(5h);  // the shell re-arms its timer after every input
    EXPECT_EQ(w.reminders.size(), 2u) << "long over the limit: remind at once";
    EXPECT_EQ(w.cmd(5h, [](Engine& e, const Stamp& s) { return e.resume(s); }).refused->code, "not_now");
}

TEST(Reminder, QuietHoursHoldRemindersUntilTheyEnd) {
    Settings s;
    // kEpoch is 22:13:20 UTC; at UTC+1 that is 23:13:20 local.
    s.quiet = {{23 * 60, 23 * 60 + 30}};  // 23:00-23:30
    World w(s);
    w.utc_offset = 60min;
    w.run_until(15min);
    EXPECT_TRUE(w.engine.status(w.at(15min)).quiet);
    const auto d = w.engine.next_deadline(w.at(15min));
    w.run_until(16min + 40s - 1s);  // 23:29:59 local
    EXPECT_TRUE(w.reminders.empty());
    w.run_until(45min);
    ASSERT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.reminder_times[0], 45min);
    ASSERT_TRUE(d.has_value());
}

TEST(Reminder, DueInsideQuietHoursShowsWhenTheyEnd) {
    Settings s;
    s.quiet = {{22 * 60 + 30, 23 * 60}};  // 22:30-23:00 UTC
    World w(s);
    // Start 22:13:20; the limit falls at 22:58:20, inside; quiet ends 23:00.
    w.run_until(46min + 40s - 1s);
    EXPECT_TRUE(w.reminders.empty());
    w.run_until(46min + 40s);
    ASSERT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.reminder_times[0], 46min + 40s);
}

// ---- routines -----------------------------------------------------------------

TEST(Routine, FromReminderRunsStepsAndCountsAsABreak) {
    World w;
    w.run_until(45min);
    w.cmd(46min, [](Engine& e, const Stamp& s) { return e.start(s); });
    EXPECT_EQ(w.state(), State::routine);
    EXPECT_EQ(w.withdrawn, 1);
    ASSERT_EQ(w.steps.size(), 1u);
    EXPECT_EQ(w.steps[0].routine_id, "desk");
    EXPECT_EQ(w.steps[0].safety, "Stop if it hurts.");
    EXPECT_EQ(w.steps[0].remaining, 30s);
    auto st = w.engine.status(w.at(46min));
    ASSERT_TRUE(st.routine);
    EXPECT_EQ(st.routine->step, 1);
    EXPECT_EQ(st.routine->of, 3);
    w.run_until(46min + 30s);
    EXPECT_EQ(w.steps.size(), 2u) << "steps move on by themselves";
    w.idle(46min + 40s, 40s);    // standing still, stretching
    EXPECT_EQ(w.state(), State::routine);
    w.cmd(46min + 45s, [](Engine& e, const Stamp& s) { return e.next(s); });
    EXPECT_EQ(w.steps.size(), 3u);
    w.run_until(47min + 15s);
    ASSERT_EQ(w.ended.size(), 1u);
    EXPECT_TRUE(w.ended[0].completed);
    EXPECT_EQ(w.state(), State::active);
    EXPECT_EQ(w.total(SpanKind::brk, "routine"), 1min + 15s);
    EXPECT_EQ(w.total(SpanKind::sitting), 46min);
    w.run_until(47min + 15s + 45min - 1s);
    EXPECT_EQ(w.reminders.size(), 1u);
    w.run_until(47min + 15s + 45min);
    EXPECT_EQ(w.reminders.size(), 2u) << "sitting starts over after a routine";
}

TEST(Routine, TwoSidedStepsRunOncePerSide) {
    World w;
    w.apply(w.engine.start(w.at(1min), "floor"));
    w.run_until(1min + 4min);
    ASSERT_EQ(w.steps.size(), 4u);
    EXPECT_EQ(w.steps[0].side, "left");
    EXPECT_EQ(w.steps[1].side, "right");
    EXPECT_EQ(w.steps[3].of, 4);
    EXPECT_TRUE(w.ended.at(0).completed);
}

TEST(Routine, StopIsNotABreakAndRemindsAfterRepeat) {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });
    w.cmd(45min + 10s, [](Engine& e, const Stamp& s) { return e.stop(s); });
    ASSERT_EQ(w.ended.size(), 1u);
    EXPECT_FALSE(w.ended[0].completed);
    EXPECT_EQ(w.total(SpanKind::brk), 0ms);
    w.run_until(50min + 10s);
    EXPECT_EQ(w.reminders.size(), 2u);
    EXPECT_EQ(w.reminder_times[1], 50min + 10s);
}

// Found by fuzz/ (corpus/dispatch/regression-routine-ends-behind-lock): the
// screen locked during a floor routine; at its end sitting began although
// nobody was at the keyboard, and the lock break then started back at the
// lock, overlapping the routine's break and that sitting span.
TEST(Routine, EndingBehindTheLockScreenKeepsTheBreakGoing) {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s, "desk"); });
    w.apply(w.engine.locked(w.at(45min + 10s)));
    w.run_until(60min);  // the routine's 90 s end behind the lock
    ASSERT_EQ(w.ended.size(), 1u);
    EXPECT_TRUE(w.ended[0].completed);
    EXPECT_EQ(w.state(), State::away);
    w.apply(w.engine.unlocked(w.at(60min)));
    EXPECT_EQ(w.state(), State::active);

    ASSERT_EQ(w.spans.size(), 4u);
    for (std::size_t i = 1; i < w.spans.size(); ++i) {
        EXPECT_EQ(w.spans[i].start, w.spans[i - 1].end) << "span " << i << " is not contiguous";
        EXPECT_GE(w.spans[i].end, w.spans[i].start);
    }
    EXPECT_EQ(w.spans[1].reason, "routine");
    EXPECT_EQ(w.spans[1].end - w.spans[1].start, 90s);
    EXPECT_EQ(w.spans[2].reason, "lock");
    EXPECT_EQ(w.spans[2].end - w.spans[2].start, 60min - 46min - 30s);
    EXPECT_EQ(w.total(SpanKind::sitting), 45min);
    EXPECT_EQ(w.spans[3].kind, SpanKind::sitting);
    EXPECT_TRUE(w.spans[3].open);
}

TEST(Routine, EndingAfterTheUserWalkedOffIsNoSitting) {
    Settings s;
    s.natural_break = 2min;
    World w(s);
    w.apply(w.engine.start(w.at(10min), "floor"));  // four stages of a minute
    w.idle(12min + 30s, 2min);  // no input since the start: they are on the floor, or gone
    w.run_until(14min);
    ASSERT_EQ(w.ended.size(), 1u);
    EXPECT_TRUE(w.ended[0].completed);
    EXPECT_EQ(w.state(), State::away) << "nobody has sat back down";
    EXPECT_EQ(w.awaits, 1);
    w.run_until(3h);
    EXPECT_TRUE(w.reminders.empty()) << "no reminders for an empty chair";
    w.activity(3h);
    EXPECT_EQ(w.state(), State::active);
    EXPECT_EQ(w.total(SpanKind::brk, "routine"), 3h - 10min);
}

TEST(Routine, InputDuringTheRoutineMeansTheUserIsStillThere) {
    Settings s;
    s.natural_break = 2min;
    World w(s);
    w.apply(w.engine.start(w.at(10min), "floor"));
    w.idle(12min + 30s, 2min);
    w.activity(13min);  // clicked Next, or touched the mouse
    w.run_until(14min);
    EXPECT_EQ(w.state(), State::active);
}

TEST(Routine, ASuspendStopsTheRoutineAndIsABreak) {
    World w;
    w.apply(w.engine.start(w.at(10min), "floor"));
    w.now = 1h + 10min;
    w.apply(w.engine.slept(w.at(1h + 10min), 1h));
    ASSERT_EQ(w.ended.size(), 1u);
    EXPECT_FALSE(w.ended[0].completed) << "an hour asleep is not an hour of stretching";
    EXPECT_EQ(w.count("routine_completed"), 0);
    w.activity(1h + 11min);
    EXPECT_EQ(w.total(SpanKind::brk, "suspend"), 61min);
}

TEST(Routine, NoReminderTimeIsPromisedDuringARoutine) {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.start(s); });
    EXPECT_FALSE(w.engine.status(w.at(46min)).next_reminder_wall.has_value());
}

TEST(Routine, CommandsRefuseClearly) {
    World w;
    EXPECT_EQ(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.next(s); }).refused->code, "not_now");
    EXPECT_EQ(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.stop(s); }).refused->code, "not_now");
    EXPECT_EQ(w.engine.start(w.at(1min), "nope").refused->code, "bad_args");
    w.apply(w.engine.start(w.at(1min), "desk"));
    EXPECT_EQ(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.start(s); }).refused->code, "not_now");
    EXPECT_EQ(w.cmd(1min, [](Engine& e, const Stamp& s) { return e.snooze(s); }).refused->code, "not_now");
}

TEST(Routine, RotateOffersEachRoutineInTurn) {
    World w;
    w.run_until(45min);
    w.cmd(45min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    w.run_until(90min);
    ASSERT_EQ(w.reminders.size(), 2u);
    EXPECT_EQ(w.reminders[0].routine_id, "desk");
    EXPECT_EQ(w.reminders[1].routine_id, "floor");
    w.cmd(90min, [](Engine& e, const Stamp& s) { return e.start(s); });
    EXPECT_EQ(w.steps.at(0).routine_id, "floor") << "start takes the routine the reminder offered";
}

TEST(Routine, SnoozingAheadDoesNotOfferTheSameRoutineTwice) {
    World w;
    w.apply(w.engine.snooze(w.at(40min), 10min));
    w.run_until(50min);
    w.cmd(50min, [](Engine& e, const Stamp& s) { return e.skip(s); });
    w.run_until(95min);
    ASSERT_EQ(w.reminders.size(), 2u);
    EXPECT_EQ(w.reminders[0].routine_id, "desk");
    EXPECT_EQ(w.reminders[1].routine_id, "floor");
}

TEST(Routine, DefaultRoutineIsAlwaysOffered) {
    Settings s;
    s.default_routine = "floor";
    World w(s);
    w.run_until(45min);
    EXPECT_EQ(w.reminders.at(0).routine_id, "floor");
}

// ---- lock, suspend, clock -------------------------------------------------------

TEST(Away, LongLockIsABreakFromTheLockAndUnlockStartsSitting) {
    World w;
    w.run_until(20min);
    w.apply(w.engine.locked(w.at(20min)));
    w.run_until(24min);
    EXPECT_EQ(w.total(SpanKind::brk), 0ms);
    w.run_until(25min);
    ASSERT_TRUE(w.spans.back().open);
    EXPECT_EQ(w.spans.back().reason, "lock");
    EXPECT_EQ(w.spans.back().start, kEpoch + 20min);
    w.run_until(40min);
    w.apply(w.engine.unlocked(w.at(40min)));
    EXPECT_EQ(w.state(), State::active);
    EXPECT_EQ(w.total(SpanKind::brk, "lock"), 20min);
    EXPECT_EQ(w.total(SpanKind::sitting), 20min);
    w.run_until(85min);
    EXPECT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.reminder_times[0], 85min);
}

TEST(Away, ShortLockIsNotABreakAndHoldsReminders) {
    World w;
    w.apply(w.engine.locked(w.at(43min)));
    w.run_until(46min);
    EXPECT_TRUE(w.reminders.empty());
    w.apply(w.engine.unlocked(w.at(46min)));
    w.run_until(46min);
    EXPECT_EQ(w.reminders.size(), 1u);
    EXPECT_EQ(w.total(SpanKind::brk), 0ms);
}

TEST(Away, SuspendLongerThanNaturalBreakIsABreak) {
    World w;
    w.run_until(40min);
    // The machine slept from 40 min to 100 min; the shell notices on waking.
    w.now = 100min;
    w.apply(w.engine.slept(w.at(100min), 60min));
    EXPECT_EQ(w.total(SpanKind::brk, "suspend"), 0ms);  // still open
    EXPECT_EQ(w.awaits, 1);
    w.run_until(100min);
    EXPECT_TRUE(w.reminders.empty()) << "no reminder on stale sitting time";
    w.activity(101min);
    EXPECT_EQ(w.total(SpanKind::brk, "suspend"), 61min);
    EXPECT_EQ(w.total(SpanKind::sitting), 40min);
}

TEST(Away, ShortSuspendIsNotABreak) {
    World w;
    w.run_until(10min);
    w.now = 12min;
    w.apply(w.engine.slept(w.at(12min), 2min));
    EXPECT_EQ(w.state(), State::active);
    w.run_until(45min);
    EXPECT_EQ(w.reminders.size(), 1u);
}

TEST(Away, WallClockJumpsDoNotChangeSittingTime) {
    for (Millis jump : {60min, -60min}) {
        World w;
        w.run_until(20min);
        w.wall_shift = jump;  // NTP or the user moved the clock
        w.run_until(45min);
        EXPECT_EQ(w.reminders.size(), 1u);
        w.idle(50min, 5min);
        w.activity(60min);
        w.run_until(70min);
        EXPECT_EQ(w.total(SpanKind::sitting), 45min + 10min) << "jump " << jump.count();
        EXPECT_EQ(w.total(SpanKind::brk), 15min);
    }
}

TEST(Away, WithoutAnActivitySourceSessionTimeCountsAndResumeRestarts) {
    World w({}, false);
    w.idle(10min, 30min);  // nobody reports this, but if they did it is ignored
    w.run_until(45min);
    EXPECT_EQ(w.reminders.size(), 1u);
    w.now = 2h;
    w.apply(w.engine.slept(w.at(2h), 70min));
    EXPECT_EQ(w.state(), State::active);
    EXPECT_EQ(w.total(SpanKind::brk, "suspend"), 70min);
    EXPECT_TRUE(w.engine.status(w.at(2h)).tracks_activity == false);
}

TEST(Startup, ResumedSittingKeepsItsStart) {
    Engine e({}, World::default_routines(), true);
    const Stamp now{5h, kEpoch + 5h, 0min};
    const auto fx = e.begin(now, ResumedSitting{kEpoch + 5h - 20min});
    EXPECT_TRUE(fx.list.empty()) << "the store already reopened the span";
    EXPECT_EQ(e.status(now).sitting_for, 20min);
    EXPECT_EQ(*e.next_deadline(now), 5h + 1min) << "the next checkpoint comes first";
}

// ---- a whole day -----------------------------------------------------------------

TEST(Day, AWholeWorkingDayAddsUp) {
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

    EXPECT_EQ(w.total(SpanKind::sitting) + w.total(SpanKind::brk), 6h) << "every minute is accounted for once";
    EXPECT_EQ(w.total(SpanKind::brk, "routine"), 1min + 30s);
    EXPECT_EQ(w.total(SpanKind::brk, "idle"), 1h);
    EXPECT_EQ(w.total(SpanKind::brk, "lock"), 30min);
    EXPECT_EQ(w.count("routine_completed"), 1);
    EXPECT_EQ(w.count("reminder_skipped"), 1);
    EXPECT_FALSE(w.spans.back().open);
    for (std::size_t i = 1; i < w.spans.size(); ++i) EXPECT_EQ(w.spans[i].start, w.spans[i - 1].end);
}

}  // namespace
