// SPDX-License-Identifier: MIT
// AsioBus against a real private dbus-daemon: signals, replies and timeouts
// arrive on the io_context; nothing is stranded after a blocking call or a
// large send; a bus that dies is reported once and does not spin the loop.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sdbus-c++/sdbus-c++.h>

#include "dbus/asio_bus.hpp"
#include "private_bus.hpp"
#include "run_until.hpp"

namespace limber::dbus {
namespace {

using namespace std::chrono_literals;

constexpr const char* kIface = "org.limber.Test";

void emit_ping(sdbus::IConnection& from, const std::string& text) {
    auto object = sdbus::createObject(from, "/t");
    object->emitSignal("Ping").onInterface(kIface).withArguments(text);
}

using test_support::run_until;

// Open file descriptors of this process.
std::ptrdiff_t open_fds() {
    return std::distance(std::filesystem::directory_iterator("/proc/self/fd"), std::filesystem::directory_iterator());
}

// Appends the text of every Ping signal the connection receives to `got`.
[[nodiscard]] sdbus::Slot collect_pings(sdbus::IConnection& connection, std::vector<std::string>& got) {
    return connection.addMatch("type='signal',interface='org.limber.Test',member='Ping'", [&got](sdbus::Message& m) {
        std::string s;
        m >> s;
        got.push_back(s);
    });
}

// A service on its own connection, served by its own AsioBus on the same loop.
struct Service {
    AsioBus bus;
    std::unique_ptr<sdbus::IObject> object;
    std::vector<sdbus::Result<int>> never_answered;

    Service(boost::asio::io_context& io, const testing::PrivateBus& daemon)
        : bus(io, daemon.connect()), object(sdbus::createObject(bus.connection(), "/t")) {
        bus.connection().requestName("org.limber.TestService");
        object->registerMethod("Double").onInterface(kIface).implementedAs([](int x) { return 2 * x; });
        object->registerMethod("Never").onInterface(kIface).implementedAs(
            [this](sdbus::Result<int>&& result, int) { never_answered.push_back(std::move(result)); });
        object->registerSignal("Ping").onInterface(kIface).withParameters<std::string>();
        object->finishRegistration();
    }
};

struct AsioBusTest {
    testing::PrivateBus daemon;
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
};

TEST_CASE_METHOD(AsioBusTest, "dbus: signals from another connection arrive on the loop", "[dbus]") {
    AsioBus bus(io, daemon.connect());
    std::vector<std::string> got;
    auto slot = collect_pings(bus.connection(), got);
    auto sender = daemon.connect();
    emit_ping(*sender, "hello");
    REQUIRE(run_until(io, [&] { return !got.empty(); }));
    CHECK(got == std::vector<std::string>{"hello"});
}

TEST_CASE_METHOD(AsioBusTest, "dbus: async calls get their replies on the loop", "[dbus]") {
    Service service(io, daemon);
    AsioBus bus(io, daemon.connect());
    auto proxy = sdbus::createProxy(bus.connection(), "org.limber.TestService", "/t");
    std::optional<int> answer;
    proxy->callMethodAsync("Double").onInterface(kIface).withArguments(21).uponReplyInvoke(
        [&](const sdbus::Error* e, int x) { answer = e ? -1 : x; });
    bus.process();  // sent outside a bus callback: let the bus see it
    REQUIRE(run_until(io, [&] { return answer.has_value(); }));
    CHECK(*answer == 42);
}

TEST_CASE_METHOD(AsioBusTest, "dbus: an unanswered call times out without any traffic", "[dbus]") {
    Service service(io, daemon);
    AsioBus bus(io, daemon.connect());
    auto proxy = sdbus::createProxy(bus.connection(), "org.limber.TestService", "/t");
    std::optional<std::string> error;
    proxy->callMethodAsync("Never").onInterface(kIface).withArguments(1).withTimeout(200ms).uponReplyInvoke(
        [&](const sdbus::Error* e, int) { error = e ? e->getName() : "no error"; });
    bus.process();
    // Only AsioBus's timer can end this: the service never answers.
    REQUIRE(run_until(io, [&] { return error.has_value(); }, 5s));
    CHECK(*error == "org.freedesktop.DBus.Error.NoReply");  // sd-bus's name for a timeout
    CHECK(service.never_answered.size() == 1u);
}

TEST_CASE_METHOD(AsioBusTest, "dbus: a signal read during a blocking call is not stranded", "[dbus]") {
    // The service runs on its own thread so that our blocking call gets an answer.
    auto service_connection = daemon.connect();
    service_connection->requestName("org.limber.TestService");
    auto object = sdbus::createObject(*service_connection, "/t");
    object->registerMethod("Double").onInterface(kIface).implementedAs([&](int x) {
        // The signal goes out before the reply, so our blocking call reads it
        // off the socket into sd-bus's queue while it waits.
        object->emitSignal("Ping").onInterface(kIface).withArguments(std::string("during"));
        return 2 * x;
    });
    object->registerSignal("Ping").onInterface(kIface).withParameters<std::string>();
    object->finishRegistration();
    service_connection->enterEventLoopAsync();

    AsioBus bus(io, daemon.connect());
    std::vector<std::string> got;
    auto slot = collect_pings(bus.connection(), got);
    io.run_for(50ms);
    auto proxy = sdbus::createProxy(bus.connection(), "org.limber.TestService", "/t");
    int answer = 0;
    boost::asio::post(io, [&] {
        proxy->callMethod("Double").onInterface(kIface).withArguments(2).storeResultsTo(answer);
        bus.process();
    });
    INFO("the signal stayed in sd-bus's queue");
    REQUIRE(run_until(io, [&] { return !got.empty(); }, 5s));
    CHECK(answer == 4);
    service_connection->leaveEventLoop();
}

TEST_CASE_METHOD(AsioBusTest, "dbus: process inside a bus callback is harmless", "[dbus]") {
    AsioBus bus(io, daemon.connect());
    int got = 0;
    auto slot = bus.connection().addMatch("type='signal',interface='org.limber.Test',member='Ping'",
                                          [&](sdbus::Message&) {
                                              ++got;
                                              bus.process();  // e.g. after a blocking call in a handler
                                          });
    auto sender = daemon.connect();
    for (int i = 0; i < 3; ++i) emit_ping(*sender, "x");
    REQUIRE(run_until(io, [&] { return got == 3; }));
    INFO("a re-entered sd_bus_process() fails with EBUSY");
    CHECK_FALSE(bus.lost());
}

TEST_CASE_METHOD(AsioBusTest, "dbus: a large send that does not fit the socket is finished by the loop", "[dbus]") {
    Service service(io, daemon);
    AsioBus bus(io, daemon.connect());
    auto proxy = sdbus::createProxy(bus.connection(), "org.limber.TestService", "/t");
    // More than a socket buffer while the bus does not read: sd-bus writes
    // what fits and queues the rest, which only goes out if the loop waits
    // for the socket to turn writable.
    const std::string big(24 << 20, 'x');
    std::optional<bool> replied;
    io.run_for(20ms);  // the bus now waits for input, as it does most of its life
    daemon.freeze();
    proxy->callMethodAsync("Echo").onInterface(kIface).withArguments(big).uponReplyInvoke(
        [&](const sdbus::Error* e) { replied = e != nullptr; });
    bus.process();
    io.run_for(50ms);
    daemon.thaw();
    {
        INFO("the rest of the message never went out");
        // A deadline, not a timing: 24 MB through the bus takes seconds of
        // CPU under ASan, and longer on a loaded machine.
        REQUIRE(run_until(io, [&] { return replied.has_value(); }, 60s));
    }
    INFO("an error reply (no such method) proves the whole call arrived");
    CHECK(*replied);
}

TEST_CASE_METHOD(AsioBusTest, "dbus: a bus that dies is reported once and the loop goes quiet", "[dbus]") {
    AsioBus bus(io, daemon.connect());
    std::vector<std::string> lost;
    bus.on_lost([&](const std::string& why) { lost.push_back(why); });
    io.run_for(50ms);
    daemon.kill();
    REQUIRE(run_until(io, [&] { return !lost.empty(); }, 5s));
    // A spinning loop would run thousands of handlers in this time.
    const auto handlers = io.run_for(300ms);
    CHECK(handlers < 10u);
    CHECK(lost.size() == 1u);
    CHECK_THAT(lost[0], Catch::Matchers::Contains("D-Bus"));
}

// What the daemon would notice of a bus left behind: its descriptors stay
// open (and with them the connection, so the name is never released), and
// its waits keep the io_context from running out of work. ASan, in the
// sanitizer build, adds the third: no queued handler touches the dead object.
TEST_CASE_METHOD(AsioBusTest, "dbus: a bus destroyed while waiting closes its connection and leaves the loop no work",
                 "[dbus]") {
    // The loop's own descriptors (epoll, its timerfd and wake-up eventfd)
    // come with its first timer: open them before counting.
    { boost::asio::steady_timer first(io); }
    const auto before = open_fds();
    auto bus = std::make_unique<AsioBus>(io, daemon.connect());
    REQUIRE(open_fds() > before);  // the count does see the connection

    SECTION("before its first handler ran") {}
    SECTION("with its waits pending") {
        io.run_for(20ms);  // the first process() ran and armed the read wait
    }
    bus.reset();
    CHECK(open_fds() == before);
    // Without the guard the loop stops once nothing is queued or pending; a
    // wait the bus left behind would keep it running to the deadline.
    guard.reset();
    io.run_for(5s);
    CHECK(io.stopped());
}

}  // namespace
}  // namespace limber::dbus
