// X11IdleSource under a real Xvfb (xdotool makes the input) and the
// factory's choices. Run through tests/run-under-x.sh (see desktop.cmake).
// Every wait is "until this is true, or fail at a deadline".
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "desktop_test_util.hpp"
#include "desktop/factory.hpp"
#include "desktop/x11_idle.hpp"


namespace limber::desktop {
namespace {

using namespace std::chrono_literals;


void move_mouse() { ASSERT_EQ(std::system("xdotool mousemove_relative 5 5"), 0); }

struct IdleRecorder : IdleListener {
    struct Event {
        bool idle;
        Millis idle_for;
    };
    std::vector<Event> events;
    std::string lost;
    void on_idle(Millis idle_for) override { events.push_back({true, idle_for}); }
    void on_active() override { events.push_back({false, {}}); }
    void on_source_lost(const std::string& why) override { lost = why; }
};

struct IgnoreNotifications : NotifierListener {
    void on_action(const std::string&, const std::string&) override {}
    void on_server(bool) override {}
};

struct X11Test : ::testing::Test {
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    IdleRecorder idle;
    IgnoreNotifications notes;
};
using FactoryTest = X11Test;

TEST(X11Idle, SaysWhyItCannotStart) {
    const std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
    boost::asio::io_context io;
    IdleRecorder rec;
    unsetenv("DISPLAY");
    auto none = X11IdleSource::create(io, rec);
    setenv("DISPLAY", ":4711", 1);
    auto wrong = X11IdleSource::create(io, rec);
    if (display.empty()) unsetenv("DISPLAY"); else setenv("DISPLAY", display.c_str(), 1);

    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().message, "DISPLAY is not set");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().message, "cannot open display :4711");
}

TEST_F(X11Test, ReportsEachThresholdThenInputThenIdleAgain) {
    REQUIRE_TEST_DESKTOP();
    auto source = X11IdleSource::create(io, idle);
    ASSERT_TRUE(source.ok()) << source.error().message;
    move_mouse();  // Xvfb has been idle since it started
    (*source)->watch({600ms, 200ms});

    for (int round = 0; round < 2; ++round) {
        const size_t base = idle.events.size();
        ASSERT_TRUE(run_until(io, [&] { return idle.events.size() >= base + 2; }));
        EXPECT_TRUE(idle.events[base].idle);
        EXPECT_GE(idle.events[base].idle_for, 200ms);
        EXPECT_TRUE(idle.events[base + 1].idle);
        EXPECT_GE(idle.events[base + 1].idle_for, 600ms);

        move_mouse();
        ASSERT_TRUE(run_until(io, [&] { return idle.events.size() >= base + 3; }));
        EXPECT_FALSE(idle.events[base + 2].idle) << "input after idleness is on_active";
    }
    EXPECT_EQ(idle.events.size(), 6u) << "nothing reported twice";
    EXPECT_EQ(idle.lost, "");
}

TEST_F(X11Test, WatchReportsThresholdsAlreadyBehindAtOnce) {
    REQUIRE_TEST_DESKTOP();
    auto source = X11IdleSource::create(io, idle);
    ASSERT_TRUE(source.ok()) << source.error().message;
    move_mouse();
    (*source)->watch({100ms});
    ASSERT_TRUE(run_until(io, [&] { return idle.events.size() == 1; }));

    (*source)->watch({1h, 50ms, 100ms});  // replaces; 50 and 100 are behind us
    ASSERT_TRUE(run_until(io, [&] { return idle.events.size() == 3; }));
    EXPECT_TRUE(idle.events[1].idle && idle.events[2].idle);
    EXPECT_GE(idle.events[1].idle_for, 100ms);
}

// A private Xvfb that dies under a live source: one clear line, status 1.
void lose_display() {
    int fds[2];
    if (pipe(fds) != 0) std::exit(10);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_adddup2(&files, fds[1], 3);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);  // probing taken displays
    const pid_t xvfb = spawn({"Xvfb", "-displayfd", "3", "-nolisten", "tcp"}, &files);
    close(fds[1]);
    char number[16] = {};
    if (xvfb <= 0) std::exit(11);
    if (read(fds[0], number, sizeof number - 1) <= 0) {
        kill(xvfb, SIGTERM);
        std::exit(11);
    }
    setenv("DISPLAY", (":" + std::string(number, strcspn(number, "\n"))).c_str(), 1);

    boost::asio::io_context io;
    IdleRecorder rec;
    auto source = X11IdleSource::create(io, rec);
    if (source.ok()) (*source)->watch({1h});
    kill(xvfb, SIGTERM);
    waitpid(xvfb, nullptr, 0);
    if (!source.ok()) std::exit(12);
    io.run_for(10s);  // the socket turns readable (EOF); Xlib finds out in drain()
    std::exit(13);  // still alive: the test fails
}

TEST(X11Idle, LosingTheDisplayExitsWithOneClearLine) {
    REQUIRE_TEST_DESKTOP();
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(lose_display(), ::testing::ExitedWithCode(1), "lost the X display :[0-9]+: ");
}

TEST_F(FactoryTest, PicksX11UnderXvfb) {
    REQUIRE_TEST_DESKTOP();
    auto d = make_desktop(io, "auto", idle, notes);
    ASSERT_NE(d.idle, nullptr);
    EXPECT_EQ(d.idle->name(), "x11");
    ASSERT_NE(d.notifier, nullptr);
    ASSERT_EQ(d.probes.size(), 5u);
    EXPECT_EQ(d.probes[0].name, "wayland");
    EXPECT_EQ(d.probes[0].why, "WAYLAND_DISPLAY is not set");
    EXPECT_EQ(d.probes[1].name, "gnome");
    EXPECT_EQ(d.probes[1].why, "org.gnome.Mutter.IdleMonitor is not on the session bus (not GNOME, or Mutter is not running)");
    EXPECT_TRUE(d.probes[2].name == "x11" && d.probes[2].used);
    EXPECT_TRUE(d.probes[3].name == "none" && !d.probes[3].used);
    EXPECT_TRUE(d.probes[4].kind == "notifier" && d.probes[4].used);
}

TEST_F(FactoryTest, NeverUsesX11UnderWayland) {
    setenv("WAYLAND_DISPLAY", "wayland-limber-test", 1);
    auto d = make_desktop(io, "x11", idle, notes);
    unsetenv("WAYLAND_DISPLAY");
    EXPECT_EQ(d.idle, nullptr);
    ASSERT_EQ(d.probes.size(), 5u);
    EXPECT_EQ(d.probes[0].name, "x11");
    EXPECT_EQ(d.probes[0].why, "WAYLAND_DISPLAY is set; X11 would only see XWayland clients");
    EXPECT_EQ(d.probes[1].name, "wayland");
    EXPECT_EQ(d.probes[1].why.rfind("cannot connect to Wayland display wayland-limber-test: ", 0), 0u)
        << d.probes[1].why;
    EXPECT_TRUE(d.probes[3].name == "none" && d.probes[3].used);
}

TEST_F(FactoryTest, FallsBackToNone) {
    const std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
    unsetenv("DISPLAY");
    {
        auto d = make_desktop(io, "none", idle, notes);
        EXPECT_EQ(d.idle, nullptr);
        EXPECT_TRUE(d.probes[0].name == "none" && d.probes[0].used);
        EXPECT_EQ(d.probes[1].why, "not needed: none is in use");
    }
    auto fallback = make_desktop(io, "bogus", idle, notes);
    if (!display.empty()) setenv("DISPLAY", display.c_str(), 1);

    EXPECT_EQ(fallback.idle, nullptr);
    EXPECT_TRUE(fallback.probes[0].name == "bogus" && !fallback.probes[0].used);
    EXPECT_EQ(fallback.probes[3].why, "DISPLAY is not set");
    EXPECT_TRUE(fallback.probes[4].name == "none" && fallback.probes[4].used);
}

}  // namespace
}  // namespace limber::desktop
