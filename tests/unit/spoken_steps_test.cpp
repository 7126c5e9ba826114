// SPDX-License-Identifier: MIT
// What is said aloud at each moment of a routine, from the engine's real
// effects, and that the speech backend hears it only when speak is on.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/engine.hpp"
#include "daemon/spoken_steps.hpp"
#include "sample_routine.hpp"

using namespace std::chrono_literals;
using namespace limber;
using limber::daemon::spoken_duration;
using limber::daemon::words_for_end;
using limber::daemon::words_for_step;

namespace {

// Three steps: one plain, one on both sides, one in reps.
Routine routine() {
    Routine r = test_support::sample_routine("mixed", 3, 20s);
    r.name = "Mixed";
    r.steps[0].name = "Hinge";
    r.steps[1].name = "Heel dig";
    r.steps[1].both_sides = true;
    r.steps[2].name = "Good mornings";
    r.steps[2].hold = 0ms;
    r.steps[2].reps = 5;
    r.steps[2].duration = 20s;
    return r;
}

Stamp at(Millis mono) { return {mono, Millis{1'700'000'000'000} + mono, std::chrono::minutes{0}}; }

// Records what it was asked to say.
class Recorder final : public desktop::Speech {
public:
    std::string_view name() const override { return "recorder"; }
    void open() override { ++opened; }
    void say(std::string text) override { said.push_back(std::move(text)); }
    void hush() override { said.push_back("(hushed)"); }
    void release() override { ++released; }
    std::string problem() const override { return {}; }
    int opened = 0, released = 0;
    std::vector<std::string> said;
};

// Hands the engine's steps, ends and hushes to `spoken`, as the daemon does.
void take(daemon::SpokenSteps& spoken, const core::Effects& fx, bool enabled) {
    for (const auto& e : fx.list) {
        if (const auto* s = std::get_if<core::ShowStep>(&e)) spoken.step(*s, enabled);
        if (const auto* end = std::get_if<core::RoutineEnded>(&e)) spoken.ended(*end, enabled);
        if (std::holds_alternative<core::Hush>(e)) spoken.hush();
    }
}

// Runs the routine on its own timer up to `until` (or its end), handing
// everything to `spoken`; returns the time it got to.
Millis run_until(core::Engine& engine, daemon::SpokenSteps& spoken, Millis now, Millis until, bool enabled) {
    while (engine.status(at(now)).state == core::State::routine) {
        const Millis next = *engine.next_deadline(at(now));
        if (next > until) return until;
        now = next;
        take(spoken, engine.tick(at(now)), enabled);
    }
    return now;
}

// Runs the routine to its end on its own timer, handing every step and the
// end to `spoken`.
void run(daemon::SpokenSteps& spoken, bool enabled) {
    core::Engine engine(Settings{}, {routine()}, true);
    engine.begin(at(0ms));
    take(spoken, engine.start(at(1min), "mixed"), enabled);
    run_until(engine, spoken, 1min, 1h, enabled);
}

}  // namespace

TEST_CASE("speech: each stage is named, the other side says switch, the last says last one") {
    Recorder speech;
    daemon::SpokenSteps spoken(speech);
    run(spoken, true);
    CHECK(speech.said == std::vector<std::string>{
                             "Hinge. Hold for 20 seconds.",
                             "Heel dig, left leg. Hold for 20 seconds.",
                             "Switch sides: right leg. Hold for 20 seconds.",
                             "Last one. Good mornings. 5 times.",
                             "Mixed done. Well done.",
                         });
    CHECK(speech.opened >= 1);
    CHECK(speech.released == 1);
}

TEST_CASE("speech: with speak off nothing is said and nothing connects") {
    Recorder speech;
    daemon::SpokenSteps spoken(speech);
    run(spoken, false);
    CHECK(speech.said.empty());
    CHECK(speech.opened == 0);
}

TEST_CASE("speech: a call that starts mid-step cuts the words short and nothing is said until it ends") {
    Recorder speech;
    daemon::SpokenSteps spoken(speech);
    core::Engine engine(Settings{}, {routine()}, true);  // [hold] counts the microphone by default
    engine.begin(at(0ms));
    take(spoken, engine.start(at(1min), "mixed"), true);
    REQUIRE(speech.said == std::vector<std::string>{"Hinge. Hold for 20 seconds."});
    // Two seconds into the first step, while "Hinge" is still being said.
    take(spoken, engine.busy(at(1min + 2s), {core::BusyKind::microphone}), true);
    CHECK(speech.said.back() == "(hushed)");
    // The call outlasts two stages: shown, not said.
    Millis now = run_until(engine, spoken, 1min + 2s, 1min + 50s, true);
    CHECK(engine.status(at(now)).routine->step == 3);
    CHECK(speech.said == std::vector<std::string>{"Hinge. Hold for 20 seconds.", "(hushed)"});
    SECTION("the call ends: the next stage is said again") {
        take(spoken, engine.busy(at(now), {}), true);
        run_until(engine, spoken, now, 1h, true);
        CHECK(speech.said == std::vector<std::string>{"Hinge. Hold for 20 seconds.", "(hushed)",
                                                      "Last one. Good mornings. 5 times.", "Mixed done. Well done."});
    }
    SECTION("the routine ends during the call: no words at the end either") {
        run_until(engine, spoken, now, 1h, true);
        CHECK(speech.said == std::vector<std::string>{"Hinge. Hold for 20 seconds.", "(hushed)"});
        CHECK(speech.released == 1);
    }
}

TEST_CASE("speech: the same stage shown again is not said twice, a stopped routine ends in silence") {
    core::ShowStep s;
    s.routine_id = "r";
    s.index = 0;
    s.of = 2;
    s.step.name = "Quarter dog";
    s.step.until_next = true;
    CHECK(words_for_step(nullptr, s) == "Quarter dog. No timer: press Next when you are ready.");
    CHECK_FALSE(words_for_step(&s, s).has_value());
    CHECK_FALSE(words_for_end(core::RoutineEnded{"r", "R", false, 10s}).has_value());
}

TEST_CASE("speech: durations are written out for the voice") {
    CHECK(spoken_duration(1s) == "1 second");
    CHECK(spoken_duration(30s) == "30 seconds");
    CHECK(spoken_duration(60s) == "1 minute");
    CHECK(spoken_duration(90s) == "1 minute 30 seconds");
    CHECK(spoken_duration(2min) == "2 minutes");
}
