// The server and client over a real Unix socket in a temporary directory,
// with the io_context on its own thread as in the daemon.
#include <gtest/gtest.h>

#include <grp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <future>
#include <optional>
#include <stdexcept>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include "ipc/client.hpp"
#include "ipc/server.hpp"

using namespace limber::ipc;
namespace fs = std::filesystem;

namespace {

mode_t mode_of(const std::string& path) {
    struct stat st {};
    return ::lstat(path.c_str(), &st) == 0 ? st.st_mode : 0;
}

// A bare socket, for what Client would never send. Reads time out after
// 10 s so a broken server fails the test instead of hanging it.
struct Raw {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    std::string buffer;

    explicit Raw(const std::string& path) {
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
        EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
        timeval tv{10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~Raw() { ::close(fd); }
    bool send(std::string_view data) const {
        for (std::size_t at = 0; at < data.size();) {
            const ssize_t n = ::send(fd, data.data() + at, data.size() - at, MSG_NOSIGNAL);
            if (n <= 0) return false;
            at += static_cast<std::size_t>(n);
        }
        return true;
    }
    // nullopt at end of stream (or an error other than the timeout).
    std::optional<std::string> line() {
        char chunk[4096];
        for (;;) {
            if (const auto nl = buffer.find('\n'); nl != std::string::npos) {
                std::string out = buffer.substr(0, nl);
                buffer.erase(0, nl + 1);
                return out;
            }
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) {
                EXPECT_FALSE(n < 0 && errno == EAGAIN) << "timed out waiting for the server";
                return std::nullopt;
            }
            buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }
    Incoming reply() {
        const auto l = line();
        EXPECT_TRUE(l);
        const auto in = decode_incoming(l.value_or(""));
        EXPECT_TRUE(in) << l.value_or("");
        return in.value_or(Incoming{});
    }
};

class ServerTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string templ = (fs::temp_directory_path() / "limber-ipc-XXXXXX").string();
        ASSERT_NE(::mkdtemp(templ.data()), nullptr);
        dir_ = templ;
        path_ = dir_ + "/limber.sock";
    }
    void TearDown() override {
        stop();
        fs::remove_all(dir_);
    }

    void start() {
        auto server = Server::listen(io_, path_, [this](const Request& r) { return handle(r); });
        ASSERT_TRUE(server) << server.error().message;
        server_ = std::move(*server);
        thread_ = std::thread([this] { io_.run(); });
    }
    // Runs f on the io thread, where the Server must be used, and waits.
    template <class F>
    auto on_io(F f) {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto done = task.get_future();
        boost::asio::post(io_, std::move(task));
        return done.get();
    }

    void stop() {
        if (!thread_.joinable()) return;
        on_io([this] { server_->close(); });
        guard_.reset();
        thread_.join();
        server_.reset();
    }
    Reply handle(const Request& r) {
        if (r.cmd == "hello") return Reply::success({{"protocol", kProtocolVersion}, {"version", "test"}});
        if (r.cmd == "echo") return Reply::success(r.args);
        if (r.cmd == "subscribe") return Reply::success({{"state", "active"}});
        if (r.cmd == "poke") server_->broadcast({{"type", "poked"}});  // from inside the handler
        if (r.cmd == "poke") return Reply::success({});
        if (r.cmd == "boom") throw std::runtime_error("kaboom");
        return Reply::failure("unknown_command", "no command " + r.cmd);
    }

    Client connect() {
        auto c = Client::connect(path_);
        if (!c) throw std::runtime_error(c.error().message);
        return std::move(*c);
    }

    std::string dir_, path_;
    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_ = boost::asio::make_work_guard(io_);
    std::unique_ptr<Server> server_;
    std::thread thread_;
};

TEST_F(ServerTest, HelloRoundTrip) {
    start();
    auto c = connect();
    auto r = c.call("hello");
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->ok);
    EXPECT_EQ(r->result["protocol"], 1);
    r = c.call("echo", {{"for", "10m"}});
    EXPECT_EQ(r->result, Json({{"for", "10m"}}));
    r = c.call("frobnicate");
    EXPECT_EQ(r->error.code, "unknown_command");
    r = c.call("boom");  // a throwing handler is an error reply, not a dead daemon
    EXPECT_EQ(r->error.code, "internal");
    EXPECT_TRUE(c.call("hello")->ok);
}

TEST_F(ServerTest, ConnectErrorsSayWhere) {
    auto c = Client::connect(dir_ + "/nobody.sock");
    ASSERT_FALSE(c);
    EXPECT_NE(c.error().message.find("cannot reach limberd at " + dir_ + "/nobody.sock"), std::string::npos);
    EXPECT_NE(c.error().message.find("is it running?"), std::string::npos);
    EXPECT_NE(Client::connect("/" + std::string(200, 'x')).error().message.find("too long"), std::string::npos);
    EXPECT_NE(Server::listen(io_, "/" + std::string(200, 'x'), {}).error().message.find("too long"),
              std::string::npos);
}

TEST_F(ServerTest, ManyClientsAtOnce) {
    start();
    constexpr int kClients = 20;
    std::vector<std::optional<Client>> clients(kClients);
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i)
        threads.emplace_back([&, i] {
            clients[i].emplace(connect());
            for (int k = 0; k < 25; ++k) {
                const auto r = clients[i]->call("echo", {{"who", i}, {"k", k}});
                ASSERT_TRUE(r && r->ok);
                EXPECT_EQ(r->result, Json({{"who", i}, {"k", k}}));
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(on_io([this] { return server_->connections(); }), std::size_t{kClients});
}

TEST_F(ServerTest, BroadcastReachesOnlySubscribers) {
    start();
    auto sub = connect();
    const auto snapshot = sub.call("subscribe");
    ASSERT_TRUE(snapshot && snapshot->ok);
    EXPECT_EQ(snapshot->result["state"], "active");
    Raw other(path_);
    other.send("{\"id\":1,\"cmd\":\"hello\"}\n");
    EXPECT_EQ(other.reply().id, 1);

    on_io([this] { server_->broadcast({{"type", "state"}, {"status", {{"state", "idle"}}}}); });
    EXPECT_EQ(sub.next_event(), Json({{"type", "state"}, {"status", {{"state", "idle"}}}}));
    // Had the event gone to `other`, it would come before this reply.
    other.send("{\"id\":2,\"cmd\":\"hello\"}\n");
    const auto in = other.reply();
    EXPECT_FALSE(in.is_event);
    EXPECT_EQ(in.id, 2);

    // An event that arrives during a call waits for next_event().
    auto poker = connect();
    EXPECT_TRUE(poker.call("poke")->ok);
    on_io([this] { server_->broadcast({{"type", "reminder"}}); });
    EXPECT_TRUE(sub.call("hello")->ok);
    EXPECT_EQ(sub.next_event(), Json({{"type", "poked"}}));
    EXPECT_EQ(sub.next_event(), Json({{"type", "reminder"}}));

    on_io([this] { server_->close(); });
    EXPECT_FALSE(sub.next_event());  // the daemon went away
    EXPECT_FALSE(fs::exists(path_));
}

TEST_F(ServerTest, EndlessLineIsCutOffAtTheLimit) {
    start();
    Raw flood(path_);
    std::size_t sent = 0;
    std::thread writer([&] {
        const std::string chunk(64 * 1024, 'x');
        while (sent < 10 * 1024 * 1024 && flood.send(chunk)) sent += chunk.size();
    });
    auto c = connect();
    EXPECT_TRUE(c.call("hello")->ok);
    const auto in = flood.reply();
    EXPECT_FALSE(in.reply.ok);
    EXPECT_EQ(in.reply.error.code, "line_too_long");
    EXPECT_FALSE(flood.line());  // and then hung up
    writer.join();
    EXPECT_LT(sent, std::size_t{10 * 1024 * 1024});
    EXPECT_TRUE(c.call("hello")->ok);
}

TEST_F(ServerTest, GarbageGetsBadRequestAndTheConnectionStays) {
    start();
    Raw raw(path_);
    raw.send(std::string("\x00\x01\x02\xff\xfe{{{garbage\n", 16));
    raw.send("\n  \r\n{\"id\":1,\"cmd\":\"hello\"}\n{\"id\":2,\"cmd\"");  // blank lines are skipped
    raw.send(":\"echo\",\"args\":{\"a\":1}}\n[]\n");
    auto in = raw.reply();
    EXPECT_EQ(in.reply.error.code, "bad_request");
    EXPECT_TRUE(in.id.is_null());
    in = raw.reply();
    EXPECT_EQ(in.id, 1);
    EXPECT_TRUE(in.reply.ok);
    in = raw.reply();
    EXPECT_EQ(in.id, 2);
    EXPECT_EQ(in.reply.result, Json({{"a", 1}}));
    EXPECT_EQ(raw.reply().reply.error.code, "bad_request");
    // Half-closing still delivers the replies (socat, nc -N).
    raw.send("{\"id\":3,\"cmd\":\"hello\"}\n");
    ::shutdown(raw.fd, SHUT_WR);
    EXPECT_EQ(raw.reply().id, 3);
    EXPECT_FALSE(raw.line());
}

TEST_F(ServerTest, InstanceLockIsExclusive) {
    ::chmod(dir_.c_str(), 0755);
    const std::string path = dir_ + "/run/limber/limber.sock";
    auto first = InstanceLock::acquire(path);
    ASSERT_TRUE(first) << first.error().message;
    ASSERT_TRUE(first->has_value());
    EXPECT_EQ(mode_of(dir_ + "/run") & 0777, 0700u);
    EXPECT_EQ(mode_of(dir_ + "/run/limber") & 0777, 0700u);
    EXPECT_EQ(mode_of(dir_) & 0777, 0755u);  // existing directories keep their mode
    EXPECT_EQ(mode_of(path + ".lock") & 0777, 0600u);

    auto second = InstanceLock::acquire(path);
    ASSERT_TRUE(second) << second.error().message;
    EXPECT_FALSE(second->has_value());
    first->reset();
    auto third = InstanceLock::acquire(path);
    ASSERT_TRUE(third);
    EXPECT_TRUE(third->has_value());

    std::FILE* f = std::fopen((dir_ + "/file").c_str(), "w");
    std::fclose(f);
    EXPECT_FALSE(InstanceLock::acquire(dir_ + "/file/limber.sock"));
}

TEST_F(ServerTest, SocketIsPrivateAndStaleOnesAreReplaced) {
    // A daemon that died without unlinking its socket left this behind.
    const int dead = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path_.c_str(), sizeof addr.sun_path - 1);
    ASSERT_EQ(::bind(dead, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::close(dead);
    ASSERT_TRUE(S_ISSOCK(mode_of(path_)));
    start();
    EXPECT_EQ(mode_of(path_) & 0777, 0600u);
    EXPECT_TRUE(connect().call("hello")->ok);
    stop();
    EXPECT_FALSE(fs::exists(path_));

    std::FILE* f = std::fopen(path_.c_str(), "w");  // not a socket: left alone
    std::fclose(f);
    const auto refused = Server::listen(io_, path_, {});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("not a socket"), std::string::npos);
    EXPECT_TRUE(fs::exists(path_));
}

TEST_F(ServerTest, ClientThatNeverReadsIsDropped) {
    start();
    auto stuck = connect();
    ASSERT_TRUE(stuck.call("subscribe")->ok);
    auto reader = connect();
    ASSERT_TRUE(reader.call("subscribe")->ok);
    const Json event = {{"type", "state"}, {"pad", std::string(1000, 'x')}};
    for (int batch = 0; batch < 30; ++batch) {  // 3 MB, well past kernel buffers + 1 MiB
        on_io([&] {
            for (int i = 0; i < 100; ++i) server_->broadcast(event);
        });
        for (int i = 0; i < 100; ++i) ASSERT_EQ(reader.next_event(), event);
    }
    EXPECT_EQ(on_io([this] { return server_->connections(); }), 1u);
    EXPECT_TRUE(connect().call("hello")->ok);
    EXPECT_FALSE(stuck.call("hello"));  // queued events, then the hang-up
}

TEST_F(ServerTest, TooManyClientsGetAnErrorLine) {
    start();
    std::vector<std::unique_ptr<Raw>> held;
    for (int i = 0; i < 256; ++i) held.push_back(std::make_unique<Raw>(path_));
    held.back()->send("{\"id\":1,\"cmd\":\"hello\"}\n");
    EXPECT_EQ(held.back()->reply().id, 1);  // the server has taken all 256 by now
    auto extra = connect();
    const auto r = extra.call("hello");  // the connection-level error answers the call
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->error.code, "internal");
    held.pop_back();
    // The server notices the hang-up in its own time; each check is a round
    // trip through the io thread, bounded by a deadline.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (on_io([this] { return server_->connections(); }) >= 256)
        ASSERT_LT(std::chrono::steady_clock::now(), deadline);
    EXPECT_TRUE(connect().call("hello")->ok);
}

TEST_F(ServerTest, OtherUidIsForbidden) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to become another uid";
    ::chmod(dir_.c_str(), 0755);
    start();
    ::chmod(path_.c_str(), 0777);  // only SO_PEERCRED stands in the way now
    int out[2];
    ASSERT_EQ(::pipe(out), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {  // only async-signal-safe calls: the parent has threads
        ::close(out[0]);
        if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(2);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::memcpy(addr.sun_path, path_.c_str(), path_.size());
        if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) ::_exit(3);
        timeval tv{10, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char buf[4096];
        ssize_t n;
        while ((n = ::read(fd, buf, sizeof buf)) > 0) (void)!::write(out[1], buf, static_cast<std::size_t>(n));
        ::_exit(n == 0 ? 0 : 4);
    }
    ASSERT_GT(pid, 0);
    ::close(out[1]);
    std::string got;
    char buf[4096];
    for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<std::size_t>(n));
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 0) << "child failed at step " << WEXITSTATUS(status);
    const auto in = decode_incoming(got.substr(0, got.find('\n')));
    ASSERT_TRUE(in) << got;
    EXPECT_EQ(in->reply.error.code, "forbidden");
    EXPECT_EQ(got.find('\n'), got.size() - 1);  // one line, then closed
    EXPECT_TRUE(connect().call("hello")->ok);
}

}  // namespace
