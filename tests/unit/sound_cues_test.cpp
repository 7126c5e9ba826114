// SPDX-License-Identifier: MIT
// Which cue each moment of a routine gets, from the engine's real effects.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/engine.hpp"
#include "daemon/sound_cues.hpp"
#include "sample_routine.hpp"

using namespace std::chrono_literals;
using namespace limber;
using limber::daemon::cue_for_end;
using limber::daemon::cue_for_step;
using limber::daemon::tick_offsets;

namespace {

// A desk routine: one plain step, one done on both sides, one in reps.
Routine mixed_routine() {
    Routine r = test_support::sample_routine("mixed", 3, 20s);
    r.steps[1].both_sides = true;
    r.steps[2].hold = 0ms;
    r.steps[2].reps = 5;
    r.steps[2].duration = 20s;
    return r;
}

Stamp at(Millis mono) { return {mono, Millis{1'700'000'000'000} + mono, std::chrono::minutes{0}}; }

// Every step and end the engine shows while a routine runs on its own
// timer, and the theme event id each one sounds (or "-" for none).
struct Played {
    std::vector<std::string> cues;
    std::vector<core::ShowStep> steps;
};

std::string id_of(const std::optional<desktop::Cue>& cue) {
    return cue ? std::string(desktop::event_id(*cue)) : "-";
}

Played run(core::Engine& engine, Millis from) {
    Played p;
    auto take = [&](const core::Effects& fx) {
        for (const auto& e : fx.list) {
            if (const auto* s = std::get_if<core::ShowStep>(&e)) {
                p.cues.push_back(id_of(cue_for_step(p.steps.empty() ? nullptr : &p.steps.back(), *s)));
                p.steps.push_back(*s);
            } else if (const auto* end = std::get_if<core::RoutineEnded>(&e)) {
                p.cues.push_back(id_of(cue_for_end(*end)));
            }
        }
    };
    take(engine.start(at(from), "mixed"));
    Millis now = from;
    while (engine.status(at(now)).state == core::State::routine) {
        now = *engine.next_deadline(at(now));
        take(engine.tick(at(now)));
    }
    return p;
}

}  // namespace

TEST_CASE("sound cues: each step chimes, the second side rings, the end completes") {
    core::Engine engine(Settings{}, {mixed_routine()}, true);
    engine.begin(at(0ms));
    const Played p = run(engine, 1min);
    // step 1, step 2 left, step 2 right, step 3, done
    CHECK(p.cues == std::vector<std::string>{"message", "message", "bell", "message", "complete"});
}

TEST_CASE("sound cues: the four cues are distinct sounds of the freedesktop theme") {
    const std::vector<desktop::Cue> all{desktop::Cue::step, desktop::Cue::switch_sides, desktop::Cue::tick,
                                        desktop::Cue::complete};
    for (std::size_t i = 0; i < all.size(); ++i)
        for (std::size_t j = i + 1; j < all.size(); ++j) CHECK(desktop::event_id(all[i]) != desktop::event_id(all[j]));
}

TEST_CASE("sound cues: a stopped routine ends without a sound") {
    core::Engine engine(Settings{}, {mixed_routine()}, true);
    engine.begin(at(0ms));
    engine.start(at(1min), "mixed");
    const core::Effects fx = engine.stop(at(1min + 5s));
    bool ended = false;
    for (const auto& e : fx.list)
        if (const auto* end = std::get_if<core::RoutineEnded>(&e)) {
            ended = true;
            CHECK_FALSE(cue_for_end(*end).has_value());
        }
    CHECK(ended);
}

TEST_CASE("sound cues: the same step shown again does not chime twice") {
    core::Engine engine(Settings{}, {mixed_routine()}, true);
    engine.begin(at(0ms));
    const Played p = run(engine, 1min);
    CHECK_FALSE(cue_for_step(&p.steps[1], p.steps[1]).has_value());
}

TEST_CASE("sound cues: a step after a two-sided step chimes, even when it is two-sided too") {
    Routine r = test_support::sample_routine("mixed", 2, 20s, true);
    core::Engine engine(Settings{}, {r}, true);
    engine.begin(at(0ms));
    const Played p = run(engine, 1min);
    CHECK(p.cues == std::vector<std::string>{"message", "bell", "message", "bell", "complete"});
}

TEST_CASE("sound cues: a hold counts down its last three seconds, a step in reps does not") {
    core::Engine engine(Settings{}, {mixed_routine()}, true);
    engine.begin(at(0ms));
    const Played p = run(engine, 1min);
    CHECK(tick_offsets(p.steps[0], true) == std::vector<Millis>{17s, 18s, 19s});
    CHECK(tick_offsets(p.steps[3], false).empty());  // reps

    core::ShowStep short_hold = p.steps[0];
    short_hold.remaining = 3s;  // the first tick would fall on the step's own cue
    CHECK(tick_offsets(short_hold, false) == std::vector<Millis>{1s, 2s});
}

TEST_CASE("sound cues: with rep_ticks a step in reps ticks as each repetition begins") {
    core::Engine engine(Settings{}, {mixed_routine()}, true);
    engine.begin(at(0ms));
    const Played p = run(engine, 1min);
    const core::ShowStep reps = p.steps[3];  // 5 times 4 s
    REQUIRE(reps.step.reps == 5);
    CHECK(tick_offsets(reps, true) == std::vector<Millis>{4s, 8s, 12s, 16s});
    core::ShowStep late = reps;  // shown 6 s into the step (a restart): only what is still to come
    late.remaining = 14s;
    CHECK(tick_offsets(late, true) == std::vector<Millis>{2s, 6s, 10s});
    core::ShowStep untimed = p.steps[0];
    untimed.step.hold = 0ms;
    untimed.step.until_next = true;
    CHECK(tick_offsets(untimed, true).empty());
}
