// SPDX-License-Identifier: MIT
// The engine scenario tests' world: plays the shell around an Engine. It
// applies effects the way the store and notifier would, and fires the
// single timer at next_deadline().
#pragma once

// So that a failed comparison shows "2700000 ms", not "{?}".
#define CATCH_CONFIG_ENABLE_CHRONO_STRINGMAKER
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/engine.hpp"
#include "sample_routine.hpp"

using namespace std::chrono_literals;
using namespace limber;
using namespace limber::core;

// A failed state check reads "away == active", not "2 == 0".
template <>
struct Catch::StringMaker<State> {
    static std::string convert(State s) { return to_string(s); }
};

namespace limber_test {

constexpr Millis kEpoch{1'700'000'000'000};  // some UTC instant, 22:13 UTC

// The code of a refusal; "accepted" when there was none.
inline std::string refusal(const Effects& fx) { return fx.refused ? fx.refused->code : "accepted"; }

struct SpanRec {
    SpanKind kind;
    std::string reason;
    Millis start, end;
    bool open;
};

class World {
public:
    // begun: false leaves begin() to the test (a restart with a history).
    explicit World(Settings settings = {}, bool tracks = true, std::vector<Routine> routines = default_routines(),
                   bool begun = true)
        : engine(std::move(settings), std::move(routines), tracks) {
        if (begun) apply(engine.begin(at(0ms)));
    }

    static std::vector<Routine> default_routines() {
        Routine desk = test_support::sample_routine("desk", 3, 30s);
        desk.place = "desk";
        Routine floor = test_support::sample_routine("floor", 2, 60s, true);
        floor.place = "floor";
        return {desk, floor};
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
                INFO("two open spans");
                CHECK_FALSE(span_open());
                spans.push_back({o->kind, o->reason, o->start_wall, o->start_wall, true});
            } else if (auto* c = std::get_if<CheckpointSpan>(&e)) {
                if (!span_open()) { FAIL_CHECK("checkpoint without open span"); continue; }
                spans.back().end = c->end_wall;
                ++checkpoints;
            } else if (std::holds_alternative<ReopenSpan>(e)) {
                INFO("reopen while a span is open");
                CHECK_FALSE(span_open());
                if (!spans.empty()) spans.back().open = true;
            } else if (auto* cl = std::get_if<CloseSpan>(&e)) {
                if (!span_open()) { FAIL_CHECK("close without open span"); continue; }
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
                events.push_back(*rec);
            } else if (std::holds_alternative<AwaitActivity>(e)) {
                ++awaits;
            } else if (std::holds_alternative<Hush>(e)) {
                ++hushes;
            }
        }
        return fx;
    }

    // Input helpers: each moves time to t first.
    Effects activity(Millis t) { run_until(t); return apply(engine.activity(at(t))); }
    Effects idle(Millis t, Millis idle_for) { run_until(t); return apply(engine.idle(at(t), idle_for)); }
    Effects busy(Millis t, BusySet kinds) { run_until(t); return apply(engine.busy(at(t), kinds)); }
    // A command with its default arguments, at time t.
    template <class F>
    Effects cmd(Millis t, F f) { run_until(t); return apply(f(engine, at(t))); }

    bool span_open() const { return !spans.empty() && spans.back().open; }
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
    std::vector<Record> events;  // what the store would hold, for a restart
    int withdrawn = 0;
    int checkpoints = 0;
    int awaits = 0;
    int hushes = 0;
};


}  // namespace limber_test

using namespace limber_test;
