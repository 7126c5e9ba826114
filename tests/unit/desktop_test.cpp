// SPDX-License-Identifier: MIT
// X11IdleSource under a real Xvfb (xdotool makes the input) and the
// factory's choices. Run through tests/run-under-x.sh (see desktop.cmake).
// Every wait is "until this is true, or fail at a deadline".
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <optional>
#include <regex>
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
using Catch::Matchers::StartsWith;

void move_mouse() { REQUIRE(std::system("xdotool mousemove_relative 5 5") == 0); }

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

struct X11Test {
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    IdleRecorder idle;
    IgnoreNotifications notes;
};
using FactoryTest = X11Test;

// Sets or unsets an environment variable for one scope: a failed REQUIRE
// must not leave the tests after it with another DISPLAY or WAYLAND_DISPLAY.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr) {
            setenv(name, value, 1);
        } else {
            unsetenv(name);
        }
    }
    ~ScopedEnv() {
        if (old_) {
            setenv(name_, old_->c_str(), 1);
        } else {
            unsetenv(name_);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

TEST_CASE("desktop: X11 idle says why it cannot start", "[desktop]") {
    boost::asio::io_context io;
    IdleRecorder rec;
    const auto create_on = [&](const char* display) {
        const ScopedEnv env("DISPLAY", display);
        return X11IdleSource::create(io, rec);
    };
    auto none = create_on(nullptr);
    auto wrong = create_on(":4711");

    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "DISPLAY is not set");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().message == "cannot open display :4711");
}

TEST_CASE_METHOD(X11Test, "desktop: X11 idle reports each threshold then input then idle again", "[desktop]") {
    REQUIRE_TEST_DESKTOP();
    auto source = X11IdleSource::create(io, idle);
    if (!source.ok()) FAIL(source.error().message);
    move_mouse();  // Xvfb has been idle since it started
    (*source)->watch({600ms, 200ms});

    for (int round = 0; round < 2; ++round) {
        CAPTURE(round);
        const size_t base = idle.events.size();
        REQUIRE(run_until(io, [&] { return idle.events.size() >= base + 2; }));
        CHECK(idle.events[base].idle);
        CHECK(idle.events[base].idle_for >= 200ms);
        CHECK(idle.events[base + 1].idle);
        CHECK(idle.events[base + 1].idle_for >= 600ms);

        move_mouse();
        REQUIRE(run_until(io, [&] { return idle.events.size() >= base + 3; }));
        INFO("input after idleness is on_active");
        CHECK_FALSE(idle.events[base + 2].idle);
    }
    INFO("nothing reported twice");
    CHECK(idle.events.size() == 6u);
    CHECK(idle.lost == "");
}

TEST_CASE_METHOD(X11Test, "desktop: X11 idle watch reports thresholds already behind at once", "[desktop]") {
    REQUIRE_TEST_DESKTOP();
    auto source = X11IdleSource::create(io, idle);
    if (!source.ok()) FAIL(source.error().message);
    move_mouse();
    (*source)->watch({100ms});
    REQUIRE(run_until(io, [&] { return idle.events.size() == 1; }));

    (*source)->watch({1h, 50ms, 100ms});  // replaces; 50 and 100 are behind us
    REQUIRE(run_until(io, [&] { return idle.events.size() == 3; }));
    CHECK(idle.events[1].idle);
    CHECK(idle.events[2].idle);
    CHECK(idle.events[1].idle_for >= 100ms);
}

// A private Xvfb that dies under a live source: one clear line, status 1.
// Runs in a forked copy of the test binary: _exit, not exit, so that the
// copy does not run the test binary's static destructors.
void lose_display() {
    int fds[2];
    if (pipe(fds) != 0) _exit(10);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_adddup2(&files, fds[1], 3);
    posix_spawn_file_actions_addopen(&files, 2, "/dev/null", O_WRONLY, 0);  // probing taken displays
    const pid_t xvfb = spawn({"Xvfb", "-displayfd", "3", "-nolisten", "tcp"}, &files);
    close(fds[1]);
    char number[16] = {};
    if (xvfb <= 0) _exit(11);
    if (read(fds[0], number, sizeof number - 1) <= 0) {
        kill(xvfb, SIGTERM);
        _exit(11);
    }
    setenv("DISPLAY", (":" + std::string(number, strcspn(number, "\n"))).c_str(), 1);

    boost::asio::io_context io;
    IdleRecorder rec;
    auto source = X11IdleSource::create(io, rec);
    if (source.ok()) (*source)->watch({1h});
    kill(xvfb, SIGTERM);
    waitpid(xvfb, nullptr, 0);
    if (!source.ok()) _exit(12);
    io.run_for(10s);  // the socket turns readable (EOF); Xlib finds out in drain()
    _exit(13);  // still alive: the test fails
}

struct Ended {
    int status;       // as waitpid reports it
    std::string err;  // everything the child wrote to stderr
};

// Runs `child` in a forked process that must end by exiting, and collects
// how it ended and its stderr.
template <class Child>
Ended fork_and_wait(Child child) {
    int err[2];
    REQUIRE(pipe(err) == 0);
    std::fflush(nullptr);  // else output still buffered here is written twice
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        dup2(err[1], STDERR_FILENO);
        close(err[0]);
        close(err[1]);
        child();
        _exit(14);
    }
    close(err[1]);
    Ended ended{0, {}};
    char buf[4096];
    for (ssize_t n; (n = read(err[0], buf, sizeof buf)) != 0;) {
        if (n > 0) ended.err.append(buf, static_cast<size_t>(n));
        else if (errno != EINTR) break;
    }
    close(err[0]);
    REQUIRE(waitpid(pid, &ended.status, 0) == pid);
    return ended;
}

TEST_CASE("desktop: losing the X display exits with one clear line", "[desktop]") {
    REQUIRE_TEST_DESKTOP();
    const Ended ended = fork_and_wait(lose_display);
    CAPTURE(ended.err);
    REQUIRE(WIFEXITED(ended.status));
    // 10, 11: no private Xvfb; 12: no source on it; 13: alive 10 s after the
    // display died.
    CHECK(WEXITSTATUS(ended.status) == 1);
    const std::regex lost("lost the X display :[0-9]+: ");
    CHECK(std::distance(std::sregex_iterator(ended.err.begin(), ended.err.end(), lost), std::sregex_iterator()) == 1);
}

TEST_CASE_METHOD(FactoryTest, "desktop: the factory picks X11 under Xvfb", "[desktop]") {
    REQUIRE_TEST_DESKTOP();
    auto made = make_desktop(io, "auto", idle, notes);
    REQUIRE(made);
    const Desktop& d = *made;
    REQUIRE(d.idle != nullptr);
    CHECK(d.idle->name() == "x11");
    REQUIRE(d.notifier != nullptr);
    REQUIRE(d.probes.size() == 5u);
    CHECK(d.probes[0].name == "wayland");
    CHECK(d.probes[0].why == "WAYLAND_DISPLAY is not set");
    CHECK(d.probes[1].name == "gnome");
    CHECK(d.probes[1].why ==
          "org.gnome.Mutter.IdleMonitor is not on the session bus (not GNOME, or Mutter is not running)");
    CHECK(d.probes[2].name == "x11");
    CHECK(d.probes[2].used);
    CHECK(d.probes[3].name == "none");
    CHECK_FALSE(d.probes[3].used);
    CHECK(d.probes[4].kind == "notifier");
    CHECK(d.probes[4].used);
}

TEST_CASE_METHOD(FactoryTest, "desktop: a backend asked for that cannot work is an error, not a fallback", "[desktop]") {
    REQUIRE_TEST_DESKTOP();  // X11 works: a fallback would have taken it
    const auto gnome = make_desktop(io, "gnome", idle, notes);
    REQUIRE_FALSE(gnome);
    CHECK(gnome.error().message ==
          "--idle-backend gnome cannot be used here: org.gnome.Mutter.IdleMonitor is not on the session bus (not "
          "GNOME, or Mutter is not running) (use --idle-backend auto to take the first backend that works)");
    CHECK_THAT(make_desktop(io, "wayland", idle, notes).error().message,
               StartsWith("--idle-backend wayland cannot be used here: WAYLAND_DISPLAY is not set"));
}

TEST_CASE_METHOD(FactoryTest, "desktop: the factory never uses X11 under Wayland", "[desktop]") {
    const ScopedEnv wayland("WAYLAND_DISPLAY", "wayland-limber-test");
    CHECK_THAT(make_desktop(io, "x11", idle, notes).error().message,
               StartsWith("--idle-backend x11 cannot be used here: WAYLAND_DISPLAY is set; X11 would only see "
                          "XWayland clients"));
    auto made = make_desktop(io, "auto", idle, notes);
    REQUIRE(made);
    const Desktop& d = *made;
    CHECK(d.idle == nullptr);
    REQUIRE(d.probes.size() == 5u);
    CHECK(d.probes[0].name == "wayland");
    CHECK_THAT(d.probes[0].why, StartsWith("cannot connect to Wayland display wayland-limber-test: "));
    CHECK(d.probes[2].name == "x11");
    CHECK(d.probes[2].why == "WAYLAND_DISPLAY is set; X11 would only see XWayland clients");
    CHECK(d.probes[3].name == "none");
    CHECK(d.probes[3].used);
}

TEST_CASE_METHOD(FactoryTest, "desktop: the factory falls back to none", "[desktop]") {
    const ScopedEnv no_display("DISPLAY", nullptr);
    SECTION("when asked for none") {
        auto made = make_desktop(io, "none", idle, notes);
        REQUIRE(made);
        const Desktop& d = *made;
        CHECK(d.idle == nullptr);
        REQUIRE(d.probes.size() >= 2u);
        CHECK(d.probes[0].name == "none");
        CHECK(d.probes[0].used);
        CHECK(d.probes[1].why == "not needed: none is in use");
    }
    SECTION("when asked for a backend it does not know and X11 cannot start") {
        auto made = make_desktop(io, "bogus", idle, notes);
        REQUIRE(made);
        const Desktop& fallback = *made;
        CHECK(fallback.idle == nullptr);
        REQUIRE(fallback.probes.size() >= 5u);
        CHECK(fallback.probes[0].name == "bogus");
        CHECK_FALSE(fallback.probes[0].used);
        CHECK(fallback.probes[3].why == "DISPLAY is not set");
        CHECK(fallback.probes[4].name == "none");
        CHECK(fallback.probes[4].used);
    }
}

}  // namespace
}  // namespace limber::desktop
