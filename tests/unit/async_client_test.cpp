// SPDX-License-Identifier: MIT
// The async client against the real ipc::Server over a real Unix socket.
// Both run on one io_context, as the tray's client and a daemon never do,
// which lets each test drive the loop until what it waits for has happened.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>

#include "ipc/async_client.hpp"
#include "ipc/server.hpp"
#include "run_until.hpp"

using namespace limber;
using namespace limber::ipc;
using limber::test_support::run_until;  // a test that waits longer than its deadline has failed
using namespace std::chrono_literals;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

class AsyncClientFixture {
public:
    AsyncClientFixture() {
        std::string templ = (fs::temp_directory_path() / "limber-async-XXXXXX").string();
        REQUIRE(::mkdtemp(templ.data()) != nullptr);
        dir_ = templ;
        path_ = dir_ + "/limber.sock";
    }
    ~AsyncClientFixture() {
        client_.reset();
        if (server_) server_->close();
        server_.reset();
        fs::remove_all(dir_);
    }
    AsyncClientFixture(const AsyncClientFixture&) = delete;
    AsyncClientFixture& operator=(const AsyncClientFixture&) = delete;

protected:
    void listen() {
        auto server = Server::listen(io_, path_, [this](const Request& r) { return handle(r); });
        if (!server) FAIL(server.error().message);
        server_ = std::move(*server);
    }

    Reply handle(const Request& r) {
        if (r.cmd == "echo") return Reply::success({{"args", r.args}});
        if (r.cmd == "subscribe") return Reply::success({{"state", "active"}});
        if (r.cmd == "poke") server_->broadcast({{"type", "poked"}});  // the event goes out before the reply
        if (r.cmd == "big") return Reply::success({{"text", std::string(200 * 1024, 'x')}});
        if (r.cmd == "poke" || r.cmd == "hello") return Reply::success({{"daemon", "limberd"}});
        return Reply::failure("unknown_command", "unknown command '" + r.cmd + "'");
    }

    AsyncClient& connected_client() {
        client_ = std::make_unique<AsyncClient>(io_);
        std::optional<Result<void>> done;
        client_->connect(path_, [&](Result<void> r) { done = std::move(r); });
        REQUIRE(run_until(io_, [&] { return done.has_value(); }));
        if (!*done) FAIL(done->error().message);
        return *client_;
    }

    boost::asio::io_context io_;
    std::string dir_, path_;
    std::unique_ptr<Server> server_;
    std::unique_ptr<AsyncClient> client_;
};

TEST_CASE_METHOD(AsyncClientFixture, "async client: pipelined calls each get their own reply", "[async-client]") {
    listen();
    auto& client = connected_client();
    std::vector<std::string> answers;
    for (const char* word : {"one", "two", "three"}) {
        client.call("echo", {{"word", word}}, [&](Result<Reply> r) {
            if (!r) FAIL(r.error().message);  // thrown out of run_until, failing the test there
            answers.push_back(r->result["args"]["word"]);
        });
    }
    REQUIRE(run_until(io_, [&] { return answers.size() == 3; }));
    CHECK(answers == (std::vector<std::string>{"one", "two", "three"}));
    CHECK(client.connected());
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: calls made while connecting are sent once connected",
                 "[async-client]") {
    listen();
    client_ = std::make_unique<AsyncClient>(io_);
    bool connected = false;
    std::optional<Reply> reply;
    client_->connect(path_, [&](Result<void> r) { connected = r.ok(); });
    client_->call("hello", {}, [&](Result<Reply> r) { reply = *r; });
    REQUIRE(run_until(io_, [&] { return reply.has_value(); }));
    CHECK(connected);
    CHECK(reply->result["daemon"] == "limberd");
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: refusals arrive as replies not as broken connections",
                 "[async-client]") {
    listen();
    auto& client = connected_client();
    std::optional<Reply> reply;
    client.call("frobnicate", {}, [&](Result<Reply> r) { reply = *r; });
    REQUIRE(run_until(io_, [&] { return reply.has_value(); }));
    CHECK_FALSE(reply->ok);
    CHECK(reply->error.code == "unknown_command");
    CHECK(client.connected());
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: events arrive between replies", "[async-client]") {
    listen();
    auto& client = connected_client();
    std::vector<std::string> seen;
    client.on_event([&](const Json& e) { seen.push_back("event:" + e["type"].get<std::string>()); });
    client.call("subscribe", {}, [&](Result<Reply> r) {
        seen.push_back("subscribed:" + r->result["state"].get<std::string>());
    });
    client.call("poke", {}, [&](Result<Reply>) { seen.push_back("poke replied"); });
    REQUIRE(run_until(io_, [&] { return seen.size() == 3; }));
    CHECK(seen == (std::vector<std::string>{"subscribed:active", "event:poked", "poke replied"}));

    server_->broadcast({{"type", "state"}});
    REQUIRE(run_until(io_, [&] { return seen.size() == 4; }));
    CHECK(seen.back() == "event:state");
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: replies longer than the request limit are read", "[async-client]") {
    listen();
    auto& client = connected_client();
    std::size_t length = 0;
    client.call("big", {}, [&](Result<Reply> r) { length = r->result["text"].get<std::string>().size(); });
    REQUIRE(run_until(io_, [&] { return length > 0; }));
    CHECK(length == 200u * 1024);
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: no daemon is an error that says where", "[async-client]") {
    client_ = std::make_unique<AsyncClient>(io_);
    const auto connect_to = [&](const std::string& path) {
        std::optional<Result<void>> done;
        client_->connect(path, [&](Result<void> r) { done = std::move(r); });
        REQUIRE(run_until(io_, [&] { return done.has_value(); }));
        REQUIRE_FALSE(*done);
        return done->error().message;
    };
    SECTION("nobody listens at the path") {
        const std::string message = connect_to(path_);
        CHECK_THAT(message, Contains(path_));
        CHECK_THAT(message, Contains("is it running?"));
    }
    SECTION("a path too long for a socket fails the same way, not with an exception") {
        CHECK_THAT(connect_to(dir_ + "/" + std::string(200, 'a')), Contains("too long"));
    }
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: the daemon going away fails pending calls then reports the end",
                 "[async-client]") {
    listen();
    auto& client = connected_client();
    std::vector<std::string> order;
    client.on_closed([&](const Error& why) { order.push_back("closed: " + why.message); });
    bool subscribed = false;
    client.call("subscribe", {}, [&](Result<Reply> r) { subscribed = r.ok(); });
    REQUIRE(run_until(io_, [&] { return subscribed; }));

    server_->close();  // what a stopping daemon does
    REQUIRE(run_until(io_, [&] { return !order.empty(); }));
    REQUIRE(order.size() == 1u);
    CHECK_THAT(order[0], Contains("closed the connection"));
    CHECK_FALSE(client.connected());

    // Later calls fail from the loop, not inside call().
    bool failed = false;
    client.call("hello", {}, [&](Result<Reply> r) { failed = !r; });
    CHECK_FALSE(failed);
    REQUIRE(run_until(io_, [&] { return failed; }));
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: a handler may destroy the client", "[async-client]") {
    listen();
    auto& client = connected_client();
    int replies = 0;
    // The first reply destroys the client; the second call's handler must
    // then never run, though its reply is already on the way.
    client.call("hello", {}, [&](Result<Reply>) {
        ++replies;
        client_.reset();
    });
    client.call("hello", {}, [&](Result<Reply>) { ++replies; });
    REQUIRE(run_until(io_, [&] { return client_ == nullptr; }));
    io_.restart();
    io_.poll();  // run whatever is still queued
    CHECK(replies == 1);
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: a wedged daemon times out", "[async-client]") {
    // A listener that accepts and never answers, which a real limberd
    // never does: that is what this test is about.
    boost::asio::local::stream_protocol::acceptor acceptor(io_, boost::asio::local::stream_protocol::endpoint(path_));
    boost::asio::local::stream_protocol::socket peer(io_);
    acceptor.async_accept(peer, [](const boost::system::error_code&) {});

    client_ = std::make_unique<AsyncClient>(io_, 200ms);
    std::optional<std::string> closed;
    std::optional<Result<Reply>> reply;
    client_->on_closed([&](const Error& why) { closed = why.message; });
    client_->connect(path_, [](Result<void>) {});
    client_->call("hello", {}, [&](Result<Reply> r) { reply = std::move(r); });
    REQUIRE(run_until(io_, [&] { return closed.has_value(); }));
    REQUIRE(reply.has_value());
    REQUIRE_FALSE(*reply);
    CHECK_THAT(reply->error().message, Contains("did not answer within 200 ms"));
}

TEST_CASE_METHOD(AsyncClientFixture, "async client: a connection error without an id answers the oldest call",
                 "[async-client]") {
    // What a daemon of another uid sends: one error line, then it hangs up.
    boost::asio::local::stream_protocol::acceptor acceptor(io_, boost::asio::local::stream_protocol::endpoint(path_));
    boost::asio::local::stream_protocol::socket peer(io_);
    const std::string line = encode_reply(nullptr, Reply::failure("forbidden", "limberd belongs to another user"));
    acceptor.async_accept(peer, [&](const boost::system::error_code& ec) {
        REQUIRE_FALSE(ec);
        boost::system::error_code ignored;
        boost::asio::write(peer, boost::asio::buffer(line), ignored);
        peer.close(ignored);
    });
    client_ = std::make_unique<AsyncClient>(io_);
    std::optional<Result<Reply>> reply;
    bool closed = false;
    client_->on_closed([&](const Error&) { closed = true; });
    client_->connect(path_, [](Result<void>) {});
    client_->call("status", {}, [&](Result<Reply> r) { reply = std::move(r); });
    REQUIRE(run_until(io_, [&] { return closed; }));
    REQUIRE(reply.has_value());
    if (!*reply) FAIL(reply->error().message);
    CHECK((*reply)->error.code == "forbidden");
}

}  // namespace
