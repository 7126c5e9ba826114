// The threshold logic both Wayland idle protocols share, with the compositor
// played by hand: a fake factory whose objects the test fires. The real
// compositors are in tests/integration/test_wayland.py.
#include <gtest/gtest.h>

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

TEST(WaylandIdleTimers, OneObjectPerThresholdWithTheThresholdAsIdleTime) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({300000ms, 60000ms, 60000ms, 0ms});
    EXPECT_EQ(compositor.timeouts(), (std::vector<std::uint32_t>{1, 60000, 300000}));

    compositor.timer(1).idled();
    compositor.timer(60000).idled();
    compositor.timer(300000).idled();
    EXPECT_EQ(listener.heard, (Heard{"idle 1", "idle 60000", "idle 300000"}));
}

TEST(WaylandIdleTimers, EveryIdleTimerResumesButActiveIsReportedOnce) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({60000ms, 300000ms});
    compositor.timer(60000).idled();
    compositor.timer(300000).idled();
    compositor.timer(60000).resumed();
    compositor.timer(300000).resumed();
    EXPECT_EQ(listener.heard, (Heard{"idle 60000", "idle 300000", "active"}));

    // A new idle stretch reports both thresholds again.
    compositor.timer(60000).idled();
    EXPECT_EQ(listener.heard.back(), "idle 60000");
}

TEST(WaylandIdleTimers, ALongerTimerFirstReportsTheShorterToo) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({60000ms, 300000ms});
    compositor.timer(300000).idled();
    compositor.timer(60000).idled();  // already reported with the longer one
    EXPECT_EQ(listener.heard, (Heard{"idle 300000", "idle 300000"}));
}

TEST(WaylandIdleTimers, AwaitActivityReportsTheNextInputAndDropsItsTimer) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({60000ms});
    timers.await_activity();
    timers.await_activity();  // one timer is enough
    EXPECT_EQ(compositor.created, 2);

    IdleTimers::Timer& probe = compositor.timer(1);
    probe.idled();  // a millisecond without input: only arms it
    EXPECT_TRUE(listener.heard.empty());
    probe.resumed();
    EXPECT_EQ(listener.heard, (Heard{"active"}));
    EXPECT_EQ(compositor.timeouts(), (std::vector<std::uint32_t>{60000}));
}

TEST(WaylandIdleTimers, ResumeWithoutIdleOrAwaitIsNotActivity) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({60000ms});
    compositor.timer(60000).resumed();
    EXPECT_TRUE(listener.heard.empty());
}

TEST(WaylandIdleTimers, WatchKeepsUnchangedThresholdsAndReplacesTheRest) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({60000ms, 300000ms});
    timers.watch({60000ms, 600000ms});
    EXPECT_EQ(compositor.created, 3);
    EXPECT_EQ(compositor.destroyed, 1);
    EXPECT_EQ(compositor.timeouts(), (std::vector<std::uint32_t>{60000, 600000}));
}

TEST(WaylandIdleTimers, IdleWhenTheIdleTimerIsReplacedStillHearsTheNextInput) {
    FakeCompositor compositor;
    Recorder listener;
    IdleTimers timers(compositor, listener);
    timers.watch({60000ms});
    compositor.timer(60000).idled();
    timers.watch({120000ms});  // the idle timer is gone: its resume never comes
    compositor.timer(1).resumed();
    EXPECT_EQ(listener.heard, (Heard{"idle 60000", "active"}));
}

TEST(WaylandIdleTimers, DestroysEveryObjectItMade) {
    FakeCompositor compositor;
    Recorder listener;
    {
        IdleTimers timers(compositor, listener);
        timers.watch({60000ms, 300000ms});
        timers.await_activity();
    }
    EXPECT_EQ(compositor.created, compositor.destroyed);
    EXPECT_TRUE(compositor.live.empty());
}

}  // namespace
}  // namespace limber::desktop
