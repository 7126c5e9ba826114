// Session sources on a real private dbus-daemon: a screen saver written
// here with sdbus-c++ plays KDE's or GNOME's, the factories say why a
// source cannot start, and several lockers unlock only together. logind
// itself is mocked in tests/integration/test_session.py (python3-dbusmock).
#include <gtest/gtest.h>

#include <stdlib.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <sdbus-c++/sdbus-c++.h>

#include "dbus/asio_bus.hpp"
#include "desktop/factory.hpp"
#include "desktop/mutter_idle.hpp"
#include "desktop/screensaver_session.hpp"
#include "desktop/session_factory.hpp"
#include "private_bus.hpp"
#include "run_until.hpp"

namespace limber::desktop {
namespace {

using namespace std::chrono_literals;

using test_support::run_until;

struct Recorder : SessionListener {
    std::vector<std::string> events;
    void on_locked() override { events.push_back("locked"); }
    void on_unlocked() override { events.push_back("unlocked"); }
    void on_prepare_sleep() override { events.push_back("prepare_sleep"); }
    void on_resumed() override { events.push_back("resumed"); }
    void on_inhibitors_changed(bool inhibited, const std::string&) override {
        events.push_back(inhibited ? "inhibited" : "uninhibited");
    }
};

struct IgnoreIdle : IdleListener {
    void on_idle(Millis) override {}
    void on_active() override {}
    void on_source_lost(const std::string&) override {}
};

struct IgnoreNotifications : NotifierListener {
    void on_action(const std::string&, const std::string&) override {}
    void on_server(bool) override {}
};

// A screen saver on its own connection: owns the name, answers GetActive,
// emits ActiveChanged.
struct FakeScreenSaver {
    dbus::AsioBus bus;
    std::unique_ptr<sdbus::IObject> object;
    std::string service;
    bool active = false;

    FakeScreenSaver(boost::asio::io_context& io, const testing::PrivateBus& daemon, const std::string& name,
                    const std::string& path)
        : bus(io, daemon.connect()), object(sdbus::createObject(bus.connection(), path)), service(name) {
        object->registerMethod("GetActive").onInterface(service).implementedAs([this] { return active; });
        object->registerSignal("ActiveChanged").onInterface(service).withParameters<bool>();
        object->finishRegistration();
        bus.connection().requestName(service);
    }
    void set_active(bool a) {
        active = a;
        object->emitSignal("ActiveChanged").onInterface(service).withArguments(a);
        bus.process();
    }
};

struct SessionTest : ::testing::Test {
    testing::PrivateBus daemon;
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    Recorder recorder;

    void SetUp() override {
        setenv("DBUS_SESSION_BUS_ADDRESS", daemon.address().c_str(), 1);
        setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/limber-test-bus", 1);
        unsetenv("DISPLAY");
        unsetenv("WAYLAND_DISPLAY");
    }
};

TEST_F(SessionTest, ActiveChangedLocksAndAScreenSaverThatQuitsUnlocks) {
    auto saver = std::make_unique<FakeScreenSaver>(io, daemon, "org.freedesktop.ScreenSaver",
                                                   "/org/freedesktop/ScreenSaver");
    dbus::AsioBus bus(io, daemon.connect());
    auto source = ScreenSaverSession::create(bus, recorder, "org.freedesktop.ScreenSaver",
                                             "/org/freedesktop/ScreenSaver");
    EXPECT_NE(source->probes().at(0).why.find("running now"), std::string::npos) << source->probes()[0].why;

    saver->set_active(true);
    ASSERT_TRUE(run_until(io, [&] { return recorder.events.size() == 1; }));
    saver.reset();  // it quits while active
    ASSERT_TRUE(run_until(io, [&] { return recorder.events.size() == 2; }));
    EXPECT_EQ(recorder.events, (std::vector<std::string>{"locked", "unlocked"}));
    EXPECT_NE(source->probes().at(0).why.find("not running now"), std::string::npos);
}

TEST_F(SessionTest, AScreenSaverThatStartsLaterIsAskedWhetherItIsActive) {
    dbus::AsioBus bus(io, daemon.connect());
    auto source = ScreenSaverSession::create(bus, recorder, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
    FakeScreenSaver saver(io, daemon, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
    saver.active = true;  // already locked when it appears: only GetActive can tell
    ASSERT_TRUE(run_until(io, [&] { return !recorder.events.empty(); }));
    EXPECT_EQ(recorder.events, std::vector<std::string>{"locked"});
}

TEST_F(SessionTest, ActiveChangedFromAnyoneButTheScreenSaverIsIgnored) {
    FakeScreenSaver saver(io, daemon, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver");
    dbus::AsioBus bus(io, daemon.connect());
    auto source = ScreenSaverSession::create(bus, recorder, "org.freedesktop.ScreenSaver",
                                             "/org/freedesktop/ScreenSaver");
    saver.set_active(true);
    ASSERT_TRUE(run_until(io, [&] { return recorder.events.size() == 1; }));

    // Another client fakes an unlock. Its own round trip to the bus after it
    // puts the fake ahead of everything the real one sends next.
    auto faker = daemon.connect();
    auto object = sdbus::createObject(*faker, "/org/freedesktop/ScreenSaver");
    object->emitSignal("ActiveChanged").onInterface("org.freedesktop.ScreenSaver").withArguments(false);
    auto driver = sdbus::createProxy(*faker, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    std::string id;
    driver->callMethod("GetId").onInterface("org.freedesktop.DBus").storeResultsTo(id);

    saver.set_active(true);   // no change, unless the fake got through
    saver.set_active(false);
    ASSERT_TRUE(run_until(io, [&] { return recorder.events.back() == "unlocked"; }));
    EXPECT_EQ(recorder.events, (std::vector<std::string>{"locked", "unlocked"}));
}

TEST_F(SessionTest, WithoutASystemBusLogindSaysWhyAndTheClockIsTheBackup) {
    auto sessions = Sessions::create(io, recorder);
    const auto probes = sessions->probes();
    int logind = 0;
    for (const auto& p : probes) {
        if (p.name == "logind") {
            ++logind;
            EXPECT_FALSE(p.used);
            EXPECT_EQ(p.why.rfind("no system bus: ", 0), 0u) << p.why;
        }
    }
    EXPECT_EQ(logind, 3) << "lock, sleep and inhibitors";
    const auto clock = std::find_if(probes.begin(), probes.end(), [](const Probe& p) { return p.name == "clock"; });
    ASSERT_NE(clock, probes.end());
    EXPECT_TRUE(clock->used);
    EXPECT_EQ(clock->kind, "sleep");
    const auto kde = std::find_if(probes.begin(), probes.end(),
                                  [](const Probe& p) { return p.name == "org.freedesktop.ScreenSaver"; });
    ASSERT_NE(kde, probes.end());
    EXPECT_TRUE(kde->used) << "listening on the session bus even with no screen saver running";
}

TEST_F(SessionTest, SeveralLockersUnlockOnlyWhenAllHave) {
    FakeScreenSaver kde(io, daemon, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver");
    FakeScreenSaver gnome(io, daemon, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
    auto sessions = Sessions::create(io, recorder);
    const auto kde_active = [&] {
        for (const auto& p : sessions->probes())
            if (p.name == "org.freedesktop.ScreenSaver") return p.why.find(", active") != std::string::npos;
        return false;
    };
    kde.set_active(true);
    gnome.set_active(true);
    ASSERT_TRUE(run_until(io, [&] { return !recorder.events.empty() && kde_active(); }));
    kde.set_active(false);
    ASSERT_TRUE(run_until(io, [&] { return !kde_active(); }));
    EXPECT_EQ(recorder.events, std::vector<std::string>{"locked"}) << "GNOME's is still active";
    gnome.set_active(false);
    ASSERT_TRUE(run_until(io, [&] { return recorder.events.size() == 2; }));
    EXPECT_EQ(recorder.events, (std::vector<std::string>{"locked", "unlocked"}));
}

TEST_F(SessionTest, MutterSaysWhyItCannotStart) {
    IgnoreIdle idle;
    auto absent = MutterIdleSource::create(io, idle);
    ASSERT_FALSE(absent.ok());
    EXPECT_EQ(absent.error().message,
              "org.gnome.Mutter.IdleMonitor is not on the session bus (not GNOME, or Mutter is not running)");

    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/limber-test-bus", 1);
    auto no_bus = MutterIdleSource::create(io, idle);
    ASSERT_FALSE(no_bus.ok());
    EXPECT_EQ(no_bus.error().message.rfind("no session bus: ", 0), 0u) << no_bus.error().message;
}

TEST_F(SessionTest, InAGnomeSessionTheFactoryAsksMutterFirst) {
    setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME", 1);
    IgnoreIdle idle;
    IgnoreNotifications notes;
    auto d = make_desktop(io, "auto", idle, notes);
    unsetenv("XDG_CURRENT_DESKTOP");
    ASSERT_GE(d.probes.size(), 2u);
    EXPECT_EQ(d.probes[0].name, "gnome");
    EXPECT_NE(d.probes[0].why.find("not on the session bus"), std::string::npos) << d.probes[0].why;
    EXPECT_EQ(d.probes[1].name, "wayland");
}

}  // namespace
}  // namespace limber::desktop
