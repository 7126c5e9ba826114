// SPDX-License-Identifier: MIT
// Session sources on a real private dbus-daemon: a screen saver written
// here with sdbus-c++ plays KDE's or GNOME's, the factories say why a
// source cannot start, and several lockers unlock only together. logind
// itself is mocked in tests/integration/test_session.py (python3-dbusmock).
#include <catch2/catch.hpp>

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
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
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Events = std::vector<std::string>;

// Returns once the bus has answered `connection`: everything it sent before
// has been routed, and everything routed to it before is read.
void round_trip(sdbus::IConnection& connection) {
    auto driver = sdbus::createProxy(connection, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    std::string id;
    driver->callMethod("GetId").onInterface("org.freedesktop.DBus").storeResultsTo(id);
}

struct Recorder : SessionListener, BusyListener {
    std::vector<std::string> events;
    void on_busy(core::BusyKind kind, bool on, const std::string&) override {
        events.push_back(std::string(core::to_string(kind)) + (on ? " on" : " off"));
    }
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

// KDE Plasma's notification server as far as do-not-disturb goes (Plasma
// cannot run here): owns org.freedesktop.Notifications, has the Inhibited
// property, and emits PropertiesChanged by hand as Plasma does.
struct FakePlasma {
    static constexpr const char* kInterface = "org.freedesktop.Notifications";
    dbus::AsioBus bus;
    std::unique_ptr<sdbus::IObject> object;
    bool inhibited = false;

    FakePlasma(boost::asio::io_context& io, const testing::PrivateBus& daemon)
        : bus(io, daemon.connect()), object(sdbus::createObject(bus.connection(), "/org/freedesktop/Notifications")) {
        object->registerProperty("Inhibited").onInterface(kInterface).withGetter([this] { return inhibited; });
        object->finishRegistration();
        bus.connection().requestName(kInterface);
    }
    void set_inhibited(bool on) {
        inhibited = on;
        object->emitPropertiesChangedSignal(kInterface, {"Inhibited"});
        bus.process();
    }
};

// Every source finds the private bus as the session bus, and no system
// bus, display or compositor of the machine running the tests.
struct SessionTest {
    testing::PrivateBus daemon;
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
    Recorder recorder;
    BusyVotes votes{recorder};
    CurrentDesktop desktop{"KDE"};  // what Plasma sets

    SessionTest() {
        setenv("DBUS_SESSION_BUS_ADDRESS", daemon.address().c_str(), 1);
        setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/limber-test-bus", 1);
        unsetenv("DISPLAY");
        unsetenv("WAYLAND_DISPLAY");
    }
};

TEST_CASE_METHOD(SessionTest, "session: ActiveChanged locks and a screen saver that quits unlocks", "[session]") {
    auto saver = std::make_unique<FakeScreenSaver>(io, daemon, "org.freedesktop.ScreenSaver",
                                                   "/org/freedesktop/ScreenSaver");
    dbus::AsioBus bus(io, daemon.connect());
    auto source = ScreenSaverSession::create(bus, recorder, "org.freedesktop.ScreenSaver",
                                             "/org/freedesktop/ScreenSaver");
    CHECK_THAT(source->probes().at(0).why, Contains("running now"));

    saver->set_active(true);
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 1; }));
    saver.reset();  // it quits while active
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 2; }));
    CHECK(recorder.events == Events{"locked", "unlocked"});
    CHECK_THAT(source->probes().at(0).why, Contains("not running now"));
}

TEST_CASE_METHOD(SessionTest, "session: a screen saver that starts later is asked whether it is active", "[session]") {
    dbus::AsioBus bus(io, daemon.connect());
    auto source = ScreenSaverSession::create(bus, recorder, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
    FakeScreenSaver saver(io, daemon, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
    saver.active = true;  // already locked when it appears: only GetActive can tell
    REQUIRE(run_until(io, [&] { return !recorder.events.empty(); }));
    CHECK(recorder.events == Events{"locked"});
}

TEST_CASE_METHOD(SessionTest, "session: ActiveChanged from anyone but the screen saver is ignored", "[session]") {
    FakeScreenSaver saver(io, daemon, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver");
    dbus::AsioBus bus(io, daemon.connect());
    auto source = ScreenSaverSession::create(bus, recorder, "org.freedesktop.ScreenSaver",
                                             "/org/freedesktop/ScreenSaver");
    saver.set_active(true);
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 1; }));

    // Another client fakes an unlock. Its own round trip to the bus after it
    // puts the fake ahead of everything the real one sends next.
    auto faker = daemon.connect();
    auto object = sdbus::createObject(*faker, "/org/freedesktop/ScreenSaver");
    object->emitSignal("ActiveChanged").onInterface("org.freedesktop.ScreenSaver").withArguments(false);
    round_trip(*faker);

    saver.set_active(true);   // no change, unless the fake got through
    saver.set_active(false);
    REQUIRE(run_until(io, [&] { return recorder.events.back() == "unlocked"; }));
    // A fake that got through is "unlocked" too, and run_until can stop
    // right after it: compare only once the real signals are in as well.
    round_trip(saver.bus.connection());
    saver.bus.process();
    round_trip(bus.connection());
    bus.process();
    CHECK(recorder.events == Events{"locked", "unlocked"});
}

TEST_CASE_METHOD(SessionTest, "session: without a system bus logind says why and the clock is the backup",
                 "[session]") {
    auto sessions = Sessions::create(io, recorder, votes, desktop);
    const auto probes = sessions->probes();
    int logind = 0;
    for (const auto& p : probes) {
        if (p.name == "logind") {
            ++logind;
            CAPTURE(p.kind);
            CHECK_FALSE(p.used);
            CHECK_THAT(p.why, StartsWith("no system bus: "));
        }
    }
    INFO("lock, sleep and inhibitors");
    CHECK(logind == 3);
    const auto clock = std::find_if(probes.begin(), probes.end(), [](const Probe& p) { return p.name == "clock"; });
    REQUIRE(clock != probes.end());
    CHECK(clock->used);
    CHECK(clock->kind == "sleep");
    const auto kde = std::find_if(probes.begin(), probes.end(),
                                  [](const Probe& p) { return p.name == "org.freedesktop.ScreenSaver"; });
    REQUIRE(kde != probes.end());
    INFO("listening on the session bus even with no screen saver running");
    CHECK(kde->used);
}

TEST_CASE_METHOD(SessionTest, "session: KDE Plasma's do-not-disturb holds until it is turned off", "[session]") {
    FakePlasma plasma(io, daemon);
    plasma.inhibited = true;  // on before limberd starts: read once
    auto sessions = Sessions::create(io, recorder, votes, desktop);
    REQUIRE(run_until(io, [&] { return !recorder.events.empty(); }));
    CHECK(recorder.events == Events{"dnd on"});
    const auto probe = [&](const std::string& name) {
        for (const auto& p : sessions->probes())
            if (p.name == name) return p;
        return Probe{};
    };
    CHECK(probe("KDE Plasma do-not-disturb").used);
    CHECK_THAT(probe("KDE Plasma do-not-disturb").why, Contains("on now"));
    // dunst's property is not on Plasma's object: that source says so.
    REQUIRE(run_until(io, [&] { return !probe("dunst do-not-disturb").why.empty(); }));
    CHECK_THAT(probe("dunst do-not-disturb").why, StartsWith("the notification server is not dunst"));
    CHECK_THAT(probe("xfce do-not-disturb").why, Contains("not an Xfce session (XDG_CURRENT_DESKTOP is \"KDE\")"));

    plasma.set_inhibited(false);
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 2; }));
    CHECK(recorder.events.back() == "dnd off");
    plasma.set_inhibited(true);
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 3; }));
    CHECK(recorder.events.back() == "dnd on");
}

TEST_CASE_METHOD(SessionTest, "session: a server that takes the name straight over ends the old one's do-not-disturb",
                 "[session]") {
    FakePlasma plasma(io, daemon);
    plasma.inhibited = true;
    auto sessions = Sessions::create(io, recorder, votes, desktop);
    REQUIRE(run_until(io, [&] { return !recorder.events.empty(); }));
    CHECK(recorder.events == Events{"dnd on"});

    // Another server waits in the bus's queue for the name, and gets it the
    // moment Plasma lets go: the name never has no owner in between.
    dbus::AsioBus other(io, daemon.connect());
    auto driver = sdbus::createProxy(other.connection(), "org.freedesktop.DBus", "/org/freedesktop/DBus");
    std::uint32_t queued = 0;
    driver->callMethod("RequestName").onInterface("org.freedesktop.DBus")
        .withArguments(std::string(FakePlasma::kInterface), std::uint32_t{0}).storeResultsTo(queued);
    REQUIRE(queued == 2);  // DBUS_REQUEST_NAME_REPLY_IN_QUEUE
    plasma.bus.connection().releaseName(FakePlasma::kInterface);
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 2; }));
    CHECK(recorder.events.back() == "dnd off");
}

TEST_CASE_METHOD(SessionTest, "session: several lockers unlock only when all have", "[session]") {
    FakeScreenSaver kde(io, daemon, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver");
    FakeScreenSaver gnome(io, daemon, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver");
    auto sessions = Sessions::create(io, recorder, votes, desktop);
    const auto kde_active = [&] {
        for (const auto& p : sessions->probes())
            if (p.name == "org.freedesktop.ScreenSaver") return p.why.find(", active") != std::string::npos;
        return false;
    };
    kde.set_active(true);
    gnome.set_active(true);
    REQUIRE(run_until(io, [&] { return !recorder.events.empty() && kde_active(); }));
    kde.set_active(false);
    REQUIRE(run_until(io, [&] { return !kde_active(); }));
    {
        INFO("GNOME's is still active");
        CHECK(recorder.events == Events{"locked"});
    }
    gnome.set_active(false);
    REQUIRE(run_until(io, [&] { return recorder.events.size() == 2; }));
    CHECK(recorder.events == Events{"locked", "unlocked"});
}

TEST_CASE_METHOD(SessionTest, "session: Mutter says why it cannot start", "[session]") {
    IgnoreIdle idle;
    SECTION("a session bus without Mutter") {
        auto absent = MutterIdleSource::create(io, idle);
        REQUIRE_FALSE(absent.ok());
        CHECK(absent.error().message ==
              "org.gnome.Mutter.IdleMonitor is not on the session bus (not GNOME, or Mutter is not running)");
    }
    SECTION("no session bus at all") {
        setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/limber-test-bus", 1);
        auto no_bus = MutterIdleSource::create(io, idle);
        REQUIRE_FALSE(no_bus.ok());
        CHECK_THAT(no_bus.error().message, StartsWith("no session bus: "));
    }
}

TEST_CASE_METHOD(SessionTest, "session: in a GNOME session the factory asks Mutter first", "[session]") {
    setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME", 1);
    IgnoreIdle idle;
    IgnoreNotifications notes;
    auto made = make_desktop(io, "auto", idle, notes);
    unsetenv("XDG_CURRENT_DESKTOP");
    REQUIRE(made);
    const Desktop& d = *made;
    REQUIRE(d.probes.size() >= 2u);
    CHECK(d.probes[0].name == "gnome");
    CHECK_THAT(d.probes[0].why, Contains("not on the session bus"));
    CHECK(d.probes[1].name == "wayland");
}

}  // namespace
}  // namespace limber::desktop
