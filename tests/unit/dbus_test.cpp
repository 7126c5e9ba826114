// AsioBus against a real private dbus-daemon: signals, replies and timeouts
// arrive on the io_context; nothing is stranded after a blocking call or a
// large send; a bus that dies is reported once and does not spin the loop.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
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

struct AsioBusTest : ::testing::Test {
    testing::PrivateBus daemon;
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard = boost::asio::make_work_guard(io);
};

TEST_F(AsioBusTest, SignalsFromAnotherConnectionArriveOnTheLoop) {
    AsioBus bus(io, daemon.connect());
    std::vector<std::string> got;
    auto slot = collect_pings(bus.connection(), got);
    auto sender = daemon.connect();
    emit_ping(*sender, "hello");
    ASSERT_TRUE(run_until(io, [&] { return !got.empty(); }));
    EXPECT_EQ(got, std::vector<std::string>{"hello"});
}

TEST_F(AsioBusTest, AsyncCallsGetTheirRepliesOnTheLoop) {
    Service service(io, daemon);
    AsioBus bus(io, daemon.connect());
    auto proxy = sdbus::createProxy(bus.connection(), "org.limber.TestService", "/t");
    std::optional<int> answer;
    proxy->callMethodAsync("Double").onInterface(kIface).withArguments(21).uponReplyInvoke(
        [&](const sdbus::Error* e, int x) { answer = e ? -1 : x; });
    bus.process();  // sent outside a bus callback: let the bus see it
    ASSERT_TRUE(run_until(io, [&] { return answer.has_value(); }));
    EXPECT_EQ(*answer, 42);
}

TEST_F(AsioBusTest, AnUnansweredCallTimesOutWithoutAnyTraffic) {
    Service service(io, daemon);
    AsioBus bus(io, daemon.connect());
    auto proxy = sdbus::createProxy(bus.connection(), "org.limber.TestService", "/t");
    std::optional<std::string> error;
    proxy->callMethodAsync("Never").onInterface(kIface).withArguments(1).withTimeout(200ms).uponReplyInvoke(
        [&](const sdbus::Error* e, int) { error = e ? e->getName() : "no error"; });
    bus.process();
    // Only AsioBus's timer can end this: the service never answers.
    ASSERT_TRUE(run_until(io, [&] { return error.has_value(); }, 5s));
    EXPECT_EQ(*error, "org.freedesktop.DBus.Error.NoReply");  // sd-bus's name for a timeout
    EXPECT_EQ(service.never_answered.size(), 1u);
}

TEST_F(AsioBusTest, ASignalReadDuringABlockingCallIsNotStranded) {
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
    ASSERT_TRUE(run_until(io, [&] { return !got.empty(); }, 5s)) << "the signal stayed in sd-bus's queue";
    EXPECT_EQ(answer, 4);
    service_connection->leaveEventLoop();
}

TEST_F(AsioBusTest, ProcessInsideABusCallbackIsHarmless) {
    AsioBus bus(io, daemon.connect());
    int got = 0;
    auto slot = bus.connection().addMatch("type='signal',interface='org.limber.Test',member='Ping'",
                                          [&](sdbus::Message&) {
                                              ++got;
                                              bus.process();  // e.g. after a blocking call in a handler
                                          });
    auto sender = daemon.connect();
    for (int i = 0; i < 3; ++i) emit_ping(*sender, "x");
    ASSERT_TRUE(run_until(io, [&] { return got == 3; }));
    EXPECT_FALSE(bus.lost()) << "a re-entered sd_bus_process() fails with EBUSY";
}

TEST_F(AsioBusTest, ALargeSendThatDoesNotFitTheSocketIsFinishedByTheLoop) {
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
    ASSERT_TRUE(run_until(io, [&] { return replied.has_value(); }, 10s)) << "the rest of the message never went out";
    EXPECT_TRUE(*replied) << "an error reply (no such method) proves the whole call arrived";
}

TEST_F(AsioBusTest, ABusThatDiesIsReportedOnceAndTheLoopGoesQuiet) {
    AsioBus bus(io, daemon.connect());
    std::vector<std::string> lost;
    bus.on_lost([&](const std::string& why) { lost.push_back(why); });
    io.run_for(50ms);
    daemon.kill();
    ASSERT_TRUE(run_until(io, [&] { return !lost.empty(); }, 5s));
    // A spinning loop would run thousands of handlers in this time.
    const auto handlers = io.run_for(300ms);
    EXPECT_LT(handlers, 10u);
    EXPECT_EQ(lost.size(), 1u);
    EXPECT_NE(lost[0].find("D-Bus"), std::string::npos) << lost[0];
}

TEST_F(AsioBusTest, DestroyedWhileWaitingLeavesNothingBehind) {
    auto bus = std::make_unique<AsioBus>(io, daemon.connect());
    io.run_for(20ms);
    bus.reset();
    io.run_for(50ms);  // queued handlers must not touch the dead object (ASan would say so)
    SUCCEED();
}

}  // namespace
}  // namespace limber::dbus
