// The async client against the real ipc::Server over a real Unix socket.
// Both run on one io_context, as the tray's client and a daemon never do,
// which lets each test drive the loop until what it waits for has happened.
#include <gtest/gtest.h>

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
namespace fs = std::filesystem;

namespace {

class AsyncClientTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string templ = (fs::temp_directory_path() / "limber-async-XXXXXX").string();
        ASSERT_NE(::mkdtemp(templ.data()), nullptr);
        dir_ = templ;
        path_ = dir_ + "/limber.sock";
    }
    void TearDown() override {
        client_.reset();
        if (server_) server_->close();
        server_.reset();
        fs::remove_all(dir_);
    }

    void listen() {
        auto server = Server::listen(io_, path_, [this](const Request& r) { return handle(r); });
        ASSERT_TRUE(server) << server.error().message;
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
        EXPECT_TRUE(run_until(io_, [&] { return done.has_value(); }));
        EXPECT_TRUE(done && *done) << (done && !*done ? done->error().message : "");
        return *client_;
    }

    boost::asio::io_context io_;
    std::string dir_, path_;
    std::unique_ptr<Server> server_;
    std::unique_ptr<AsyncClient> client_;
};

TEST_F(AsyncClientTest, PipelinedCallsEachGetTheirOwnReply) {
    listen();
    auto& client = connected_client();
    std::vector<std::string> answers;
    for (const char* word : {"one", "two", "three"}) {
        client.call("echo", {{"word", word}}, [&](Result<Reply> r) {
            ASSERT_TRUE(r) << r.error().message;
            answers.push_back(r->result["args"]["word"]);
        });
    }
    ASSERT_TRUE(run_until(io_, [&] { return answers.size() == 3; }));
    EXPECT_EQ(answers, (std::vector<std::string>{"one", "two", "three"}));
    EXPECT_TRUE(client.connected());
}

TEST_F(AsyncClientTest, CallsMadeWhileConnectingAreSentOnceConnected) {
    listen();
    client_ = std::make_unique<AsyncClient>(io_);
    bool connected = false;
    std::optional<Reply> reply;
    client_->connect(path_, [&](Result<void> r) { connected = r.ok(); });
    client_->call("hello", {}, [&](Result<Reply> r) { reply = *r; });
    ASSERT_TRUE(run_until(io_, [&] { return reply.has_value(); }));
    EXPECT_TRUE(connected);
    EXPECT_EQ(reply->result["daemon"], "limberd");
}

TEST_F(AsyncClientTest, RefusalsArriveAsRepliesNotAsBrokenConnections) {
    listen();
    auto& client = connected_client();
    std::optional<Reply> reply;
    client.call("frobnicate", {}, [&](Result<Reply> r) { reply = *r; });
    ASSERT_TRUE(run_until(io_, [&] { return reply.has_value(); }));
    EXPECT_FALSE(reply->ok);
    EXPECT_EQ(reply->error.code, "unknown_command");
    EXPECT_TRUE(client.connected());
}

TEST_F(AsyncClientTest, EventsArriveBetweenReplies) {
    listen();
    auto& client = connected_client();
    std::vector<std::string> seen;
    client.on_event([&](const Json& e) { seen.push_back("event:" + e["type"].get<std::string>()); });
    client.call("subscribe", {}, [&](Result<Reply> r) {
        seen.push_back("subscribed:" + r->result["state"].get<std::string>());
    });
    client.call("poke", {}, [&](Result<Reply>) { seen.push_back("poke replied"); });
    ASSERT_TRUE(run_until(io_, [&] { return seen.size() == 3; }));
    EXPECT_EQ(seen, (std::vector<std::string>{"subscribed:active", "event:poked", "poke replied"}));

    server_->broadcast({{"type", "state"}});
    ASSERT_TRUE(run_until(io_, [&] { return seen.size() == 4; }));
    EXPECT_EQ(seen.back(), "event:state");
}

TEST_F(AsyncClientTest, RepliesLongerThanTheRequestLimitAreRead) {
    listen();
    auto& client = connected_client();
    std::size_t length = 0;
    client.call("big", {}, [&](Result<Reply> r) { length = r->result["text"].get<std::string>().size(); });
    ASSERT_TRUE(run_until(io_, [&] { return length > 0; }));
    EXPECT_EQ(length, 200u * 1024);
}

TEST_F(AsyncClientTest, NoDaemonIsAnErrorThatSaysWhere) {
    client_ = std::make_unique<AsyncClient>(io_);
    std::optional<Result<void>> done;
    client_->connect(path_, [&](Result<void> r) { done = std::move(r); });
    ASSERT_TRUE(run_until(io_, [&] { return done.has_value(); }));
    ASSERT_FALSE(*done);
    EXPECT_NE(done->error().message.find(path_), std::string::npos) << done->error().message;
    EXPECT_NE(done->error().message.find("is it running?"), std::string::npos) << done->error().message;

    // A path too long for a socket fails the same way, not with an exception.
    AsyncClient other(io_);
    std::optional<Result<void>> refused;
    other.connect(dir_ + "/" + std::string(200, 'a'), [&](Result<void> r) { refused = std::move(r); });
    ASSERT_TRUE(run_until(io_, [&] { return refused.has_value(); }));
    ASSERT_FALSE(*refused);
    EXPECT_NE(refused->error().message.find("too long"), std::string::npos) << refused->error().message;
}

TEST_F(AsyncClientTest, DaemonGoingAwayFailsPendingCallsThenReportsTheEnd) {
    listen();
    auto& client = connected_client();
    std::vector<std::string> order;
    client.on_closed([&](const Error& why) { order.push_back("closed: " + why.message); });
    bool subscribed = false;
    client.call("subscribe", {}, [&](Result<Reply> r) { subscribed = r.ok(); });
    ASSERT_TRUE(run_until(io_, [&] { return subscribed; }));

    server_->close();  // what a stopping daemon does
    ASSERT_TRUE(run_until(io_, [&] { return !order.empty(); }));
    ASSERT_EQ(order.size(), 1u);
    EXPECT_NE(order[0].find("closed the connection"), std::string::npos) << order[0];
    EXPECT_FALSE(client.connected());

    // Later calls fail from the loop, not inside call().
    bool failed = false;
    client.call("hello", {}, [&](Result<Reply> r) { failed = !r; });
    EXPECT_FALSE(failed);
    ASSERT_TRUE(run_until(io_, [&] { return failed; }));
}

TEST_F(AsyncClientTest, AHandlerMayDestroyTheClient) {
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
    ASSERT_TRUE(run_until(io_, [&] { return client_ == nullptr; }));
    io_.restart();
    io_.poll();  // run whatever is still queued
    EXPECT_EQ(replies, 1);
}

TEST_F(AsyncClientTest, AWedgedDaemonTimesOut) {
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
    ASSERT_TRUE(run_until(io_, [&] { return closed.has_value(); }));
    ASSERT_TRUE(reply.has_value());
    ASSERT_FALSE(*reply);
    EXPECT_NE(reply->error().message.find("did not answer within 200 ms"), std::string::npos)
        << reply->error().message;
}

TEST_F(AsyncClientTest, AConnectionErrorWithoutAnIdAnswersTheOldestCall) {
    // What a daemon of another uid sends: one error line, then it hangs up.
    boost::asio::local::stream_protocol::acceptor acceptor(io_, boost::asio::local::stream_protocol::endpoint(path_));
    boost::asio::local::stream_protocol::socket peer(io_);
    const std::string line = encode_reply(nullptr, Reply::failure("forbidden", "limberd belongs to another user"));
    acceptor.async_accept(peer, [&](const boost::system::error_code& ec) {
        ASSERT_FALSE(ec);
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
    ASSERT_TRUE(run_until(io_, [&] { return closed; }));
    ASSERT_TRUE(reply && *reply);
    EXPECT_EQ((*reply)->error.code, "forbidden");
}

}  // namespace
