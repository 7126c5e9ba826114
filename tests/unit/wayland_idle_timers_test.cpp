// SPDX-License-Identifier: MIT
// The threshold logic both Wayland idle protocols share, with the compositor
// played by hand: a fake factory whose objects the test fires. The real
// compositors are in tests/integration/test_wayland.py.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "desktop/wayland_idle_timers.hpp"

namespace limber::desktop {
namespace {

using namespace std::chrono_literals;

struct FakeCompositor final : IdleTimers::Factory {
    std::map<int, std::pair<std::uint32_t, IdleTimers::Timer*>> live;  // handle -> (timeout, timer)
    int next = 1;
    int created = 0;
    int destroyed = 0;

    void* create(std::uint32_t timeout_ms, IdleTimers::Timer& timer) override {
        ++created;
        live[next] = {timeout_ms, &timer};
        return reinterpret_cast<void*>(static_cast<std::intptr_t>(next++));
    }
    void destroy(void* handle) override {
        ++destroyed;
        live.erase(static_cast<int>(reinterpret_cast<std::intptr_t>(handle)));
    }
    IdleTimers::Timer& timer(std::uint32_t timeout) {
        for (auto& [h, t] : live) {
            if (t.first == timeout) return *t.second;
        }
        throw std::runtime_error("no timer of " + std::to_string(timeout) + " ms");
    }
    std::vector<std::uint32_t> timeouts() const {
        std::vector<std::uint32_t> out;
        for (auto& [h, t] : live) out.push_back(t.first);
        return out;
    }
};

struct Recorder final : IdleListener {
    std::vector<std::string> heard;
    void on_idle(Millis idle_for) override { heard.push_back("idle " + std::to_string(idle_for.count())); }
    void on_active() override { heard.push_back("active"); }
    void on_source_lost(const std::string& why) override { heard.push_back("lost " + why); }
};

using Heard = std::vector<std::string>;
using Timeouts = std::vector<std::uint32_t>;

// One IdleTimers on a compositor the test plays.
struct Compositor {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers{compositor, listener};
};

TEST_CASE_METHOD(Compositor, "wayland idle: one object per threshold with the threshold as idle time",
                 "[wayland-idle]") {
    timers.watch({300000ms, 60000ms, 60000ms, 0ms});
    CHECK(compositor.timeouts() == Timeouts{1, 60000, 300000});

    compositor.timer(1).idled();
    compositor.timer(60000).idled();
    compositor.timer(300000).idled();
    CHECK(listener.heard == Heard{"idle 1", "idle 60000", "idle 300000"});
}

TEST_CASE_METHOD(Compositor, "wayland idle: every idle timer resumes but active is reported once", "[wayland-idle]") {
    timers.watch({60000ms, 300000ms});
    compositor.timer(60000).idled();
    compositor.timer(300000).idled();
    compositor.timer(60000).resumed();
    compositor.timer(300000).resumed();
    CHECK(listener.heard == Heard{"idle 60000", "idle 300000", "active"});

    // A new idle stretch reports both thresholds again.
    compositor.timer(60000).idled();
    CHECK(listener.heard.back() == "idle 60000");
}

TEST_CASE_METHOD(Compositor, "wayland idle: a longer timer firing first reports the shorter too", "[wayland-idle]") {
    timers.watch({60000ms, 300000ms});
    compositor.timer(300000).idled();
    compositor.timer(60000).idled();  // already reported with the longer one
    CHECK(listener.heard == Heard{"idle 300000", "idle 300000"});
}

TEST_CASE_METHOD(Compositor, "wayland idle: awaiting activity reports the next input and drops its timer",
                 "[wayland-idle]") {
    timers.watch({60000ms});
    timers.await_activity();
    timers.await_activity();  // one timer is enough
    CHECK(compositor.created == 2);

    IdleTimers::Timer& probe = compositor.timer(1);
    probe.idled();  // a millisecond without input: only arms it
    CHECK(listener.heard.empty());
    probe.resumed();
    CHECK(listener.heard == Heard{"active"});
    CHECK(compositor.timeouts() == Timeouts{60000});
}

TEST_CASE_METHOD(Compositor, "wayland idle: a resume without idle or await is not activity", "[wayland-idle]") {
    timers.watch({60000ms});
    compositor.timer(60000).resumed();
    CHECK(listener.heard.empty());
}

TEST_CASE_METHOD(Compositor, "wayland idle: watch keeps unchanged thresholds and replaces the rest", "[wayland-idle]") {
    timers.watch({60000ms, 300000ms});
    timers.watch({60000ms, 600000ms});
    CHECK(compositor.created == 3);
    CHECK(compositor.destroyed == 1);
    CHECK(compositor.timeouts() == Timeouts{60000, 600000});
}

TEST_CASE_METHOD(Compositor, "wayland idle: idle when the idle timer is replaced still hears the next input",
                 "[wayland-idle]") {
    timers.watch({60000ms});
    compositor.timer(60000).idled();
    timers.watch({120000ms});  // the idle timer is gone: its resume never comes
    compositor.timer(1).resumed();
    CHECK(listener.heard == Heard{"idle 60000", "active"});
}

TEST_CASE("wayland idle: the timers destroy every object they made", "[wayland-idle]") {
    FakeCompositor compositor;
    Recorder listener;
    {
        IdleTimers timers(compositor, listener);
        timers.watch({60000ms, 300000ms});
        timers.await_activity();
    }
    CHECK(compositor.created == compositor.destroyed);
    CHECK(compositor.live.empty());
}

}  // namespace
}  // namespace limber::desktop
