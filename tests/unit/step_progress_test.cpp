// SPDX-License-Identifier: MIT
// A step notification's progress: where a stage is, and when it is shown
// again, from the engine's real ShowStep effects. Pure arithmetic, plus the
// mark timer on marks already due (nothing waits).
#include <catch2/catch.hpp>

#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/engine.hpp"
#include "daemon/step_progress.hpp"
#include "sample_routine.hpp"

using namespace std::chrono_literals;
using namespace limber;
using namespace limber::daemon;

namespace {

Stamp at(Millis mono) { return {mono, Millis{1'700'000'000'000} + mono, std::chrono::minutes{0}}; }

// A 30 s hold, 10 reps over 40 s, a 2-minute hold, and a step without a timer.
Routine routine() {
    Routine r = test_support::sample_routine("r", 4, 30s);
    r.steps[1].hold = 0ms;
    r.steps[1].reps = 10;
    r.steps[1].duration = 40s;
    r.steps[2].hold = r.steps[2].duration = 2min;
    r.steps[3].hold = r.steps[3].duration = 0ms;
    r.steps[3].until_next = true;
    return r;
}

// Every stage the engine shows, each as it is shown (the untimed one last:
// the routine waits there for `next`).
std::vector<core::ShowStep> stages(core::Engine& engine) {
    std::vector<core::ShowStep> out;
    auto take = [&](const core::Effects& fx) {
        for (const auto& e : fx.list)
            if (const auto* s = std::get_if<core::ShowStep>(&e)) out.push_back(*s);
    };
    take(engine.start(at(1min), "r"));
    Millis now = 1min;
    while (const auto deadline = engine.next_deadline(at(now))) {
        if (engine.status(at(now)).state != core::State::routine || out.back().step.untimed()) break;
        now = *deadline;
        take(engine.tick(at(now)));
    }
    return out;
}

}  // namespace

TEST_CASE("step progress: a few refreshes per stage, a quarter apart, at most 10 s apart") {
    CHECK(refresh_every(3s) == 1s);  // not more often than every second
    CHECK(refresh_every(30s) == 7500ms);
    CHECK(refresh_every(40s) == 10s);
    CHECK(refresh_every(2min) == 10s);
}

TEST_CASE("step progress: the engine's stages, shown again while they last") {
    core::Engine engine(Settings{}, {routine()}, true);
    engine.begin(at(0ms));
    const std::vector<core::ShowStep> s = stages(engine);
    REQUIRE(s.size() == 4);

    SECTION("a hold: the bar starts full and drains at each quarter") {
        CHECK(step_point(s[0], 0ms).percent_left == 100);
        CHECK(refresh_offsets(s[0]) == std::vector<Millis>{7500ms, 15s, 22500ms});
        std::vector<int> shown;
        for (Millis t : refresh_offsets(s[0])) shown.push_back(*step_point(s[0], t).percent_left);
        CHECK(shown == std::vector<int>{75, 50, 25});
        CHECK(step_point(s[0], 0ms).rep == 0);
    }
    SECTION("reps: the rep counts up with the time of each rep") {
        CHECK(refresh_offsets(s[1]) == std::vector<Millis>{10s, 20s, 30s});
        std::vector<int> reps{step_point(s[1], 0ms).rep};
        for (Millis t : refresh_offsets(s[1])) reps.push_back(step_point(s[1], t).rep);
        CHECK(reps == std::vector<int>{1, 3, 6, 8});
        CHECK(step_point(s[1], 40s).rep == 10);  // never past the last
        CHECK(step_point(s[1], 39999ms).percent_left == 0);
    }
    SECTION("a long hold moves every 10 s, and not in its last 5") {
        const auto offsets = refresh_offsets(s[2]);
        CHECK(offsets.size() == 11);
        CHECK(offsets.front() == 10s);
        CHECK(offsets.back() == 110s);
    }
    SECTION("an untimed stage has no bar and is never shown again") {
        CHECK_FALSE(step_point(s[3], 0ms).percent_left.has_value());
        CHECK(refresh_offsets(s[3]).empty());
    }
    SECTION("a stage shown late skips the marks already passed") {
        core::ShowStep late = s[0];
        late.remaining = 20s;  // 10 s in
        CHECK(refresh_offsets(late) == std::vector<Millis>{5s, 12500ms});
    }
}

TEST_CASE("step progress: StepProgress shows the stage now, then at its marks, until the end") {
    core::Engine engine(Settings{}, {routine()}, true);
    engine.begin(at(0ms));
    const std::vector<core::ShowStep> all = stages(engine);
    core::ShowStep s = all.front();
    s.step.duration = s.step.hold = s.remaining = 4s;  // marks 1, 2 and 3 s in
    // Shown 10 s ago by the steady clock: every mark is due, nothing waits.
    const auto long_ago = std::chrono::steady_clock::now() - 10s;
    boost::asio::io_context io;
    StepProgress progress(io);
    std::vector<std::pair<int, bool>> shown;
    auto record = [&](const StepPoint& p, bool refresh) { shown.emplace_back(*p.percent_left, refresh); };

    progress.stage(s, record, long_ago);
    CHECK(shown == std::vector<std::pair<int, bool>>{{100, false}});
    io.run();
    CHECK(shown == std::vector<std::pair<int, bool>>{{100, false}, {75, true}, {50, true}, {25, true}});

    SECTION("the end cancels what is left") {
        shown.clear();
        progress.stage(
            s,
            [&](const StepPoint& p, bool refresh) {
                record(p, refresh);
                if (shown.size() == 2) progress.ended();
            },
            long_ago);
        io.restart();
        io.run();
        CHECK(shown == std::vector<std::pair<int, bool>>{{100, false}, {75, true}});
    }
    SECTION("a new stage replaces the marks of the one before") {
        shown.clear();
        progress.stage(s, record, long_ago);
        const core::ShowStep& untimed = all.back();
        progress.stage(untimed, [&](const StepPoint& p, bool refresh) {
            CHECK_FALSE(p.percent_left.has_value());
            shown.emplace_back(-1, refresh);
        });
        io.restart();
        io.run();
        CHECK(shown == std::vector<std::pair<int, bool>>{{100, false}, {-1, false}});
    }
}
