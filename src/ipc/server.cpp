// SPDX-License-Identifier: MIT
#include "ipc/server.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/logger.h>

#include "ipc/connection.hpp"
#include "ipc/socket_path.hpp"
#include "util/log.hpp"

namespace limber::ipc {
namespace {

using boost::asio::local::stream_protocol;
using detail::Connection;

// Shared with every connection and pending accept, so completions that run
// after close() (or after the Server handle is gone) find a live object.
class ServerCore final : public detail::Hub, public std::enable_shared_from_this<ServerCore> {
public:
    ServerCore(boost::asio::io_context& io, std::string path, Server::Handler handler, ServerLimits limits)
        : acceptor_(io),
          retry_(io),
          path_(std::move(path)),
          handler_(std::move(handler)),
          limits_(limits),
          log_(log::get("ipc")) {}

    Result<void> bind() {
        const auto addr = detail::unix_address(path_);
        if (!addr) return addr.error();
        if (auto removed = remove_stale(); !removed) return removed;

        boost::system::error_code ec;
        acceptor_.open(stream_protocol(), ec);
        if (!ec) {
            // umask, not fchmod, decides a socket file's mode. 077 rather than
            // 177: umask is per process, and another thread creating a
            // directory in this instant must keep its x bit.
            const mode_t old = ::umask(077);
            acceptor_.bind(stream_protocol::endpoint(path_), ec);
            ::umask(old);
        }
        if (ec) return fail("cannot bind the socket " + path_ + ": " + ec.message());
        bound_ = true;
        if (::chmod(path_.c_str(), 0600) != 0)
            return fail("cannot make the socket " + path_ + " private: " + std::strerror(errno));
        acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
        if (ec) return fail("cannot listen on " + path_ + ": " + ec.message());
        log_->info("listening on {}", path_);
        return {};
    }

    void accept() {
        acceptor_.async_accept([self = shared_from_this()](boost::system::error_code ec, stream_protocol::socket socket) {
            if (self->closed_) return;
            if (ec) {
                self->accept_failed(ec);
                return;
            }
            if (self->connections_.size() >= self->limits_.max_connections && !self->evict_oldest_idle()) {
                self->log_->warn("{} subscribers connected already; refusing another client",
                                 self->limits_.max_connections);
                // Best effort and never blocking: the line fits any empty buffer.
                const std::string line = encode_reply(
                    nullptr, Reply::failure("internal", "limberd has too many clients connected; try again later"));
                socket.non_blocking(true, ec);
                socket.write_some(boost::asio::buffer(line), ec);
            } else {
                auto conn = std::make_shared<Connection>(std::move(socket), self, ++self->serial_,
                                                         self->limits_.request_timeout);
                self->connections_.push_back(conn);
                conn->start();
            }
            self->accept();
        });
    }

    void broadcast(const Json& event) {
        const std::string line = encode_event(event);
        // A send may drop a connection, which edits the list: walk a copy.
        const auto snapshot = connections_;
        for (const auto& conn : snapshot)
            if (conn->subscribed()) conn->send(line);
    }

    std::size_t connections() const { return connections_.size(); }

    void close() {
        if (closed_) return;
        closed_ = true;
        boost::system::error_code ec;
        acceptor_.close(ec);
        retry_.cancel();
        const auto all = std::move(connections_);
        connections_.clear();
        for (const auto& conn : all) conn->close();
        // Only unlink what we bound: after a failed bind the path may be
        // another instance's socket.
        if (bound_) ::unlink(path_.c_str());
        log_->debug("stopped listening on {}", path_);
    }

    Reply dispatch(const Request& request) override {
        try {
            return handler_(request);
        } catch (const std::exception& e) {
            log_->error("command {} failed: {}", request.cmd, e.what());
            return Reply::failure("internal", std::string("limberd failed: ") + e.what());
        } catch (...) {
            log_->error("command {} failed with an unknown exception", request.cmd);
            return Reply::failure("internal", "limberd failed");
        }
    }

    void forget(const Connection& connection) override {
        std::erase_if(connections_, [&](const auto& c) { return c.get() == &connection; });
    }

    spdlog::logger& log() override { return *log_; }

private:
    // The caller holds the instance lock, so a socket file here belongs to a
    // daemon that died without cleaning up.
    Result<void> remove_stale() {
        struct stat st {};
        if (::lstat(path_.c_str(), &st) != 0) {
            if (errno == ENOENT) return {};
            return fail("cannot inspect " + path_ + ": " + std::strerror(errno));
        }
        if (!S_ISSOCK(st.st_mode)) return fail(path_ + " exists and is not a socket; not replacing it");
        if (::unlink(path_.c_str()) != 0)
            return fail("cannot remove the stale socket " + path_ + ": " + std::strerror(errno));
        log_->debug("removed a stale socket at {}", path_);
        return {};
    }

    // Subscribers (the tray, `limberctl events`) are what the user sees;
    // anything else is a request that a well-behaved client has finished
    // or a client that never will. connections_ is in accept order.
    bool evict_oldest_idle() {
        const auto it = std::find_if(connections_.begin(), connections_.end(),
                                     [](const auto& c) { return !c->subscribed(); });
        if (it == connections_.end()) return false;
        if (!warned_full_) {
            log_->warn("{} clients connected; closing the oldest idle ones to make room", limits_.max_connections);
            warned_full_ = true;
        }
        const auto victim = *it;  // evict() erases it from the list
        victim->evict();
        return true;
    }

    void accept_failed(boost::system::error_code ec) {
        if (ec == boost::asio::error::operation_aborted) return;
        log_->warn("accept on {} failed: {}", path_, ec.message());
        if (ec != boost::asio::error::no_descriptors && ec.value() != ENFILE && ec != boost::asio::error::no_buffer_space &&
            ec != boost::asio::error::no_memory) {
            accept();
            return;
        }
        // Out of descriptors: accepting again at once would spin. This timer
        // only exists in that failure.
        retry_.expires_after(std::chrono::seconds(1));
        retry_.async_wait([self = shared_from_this()](boost::system::error_code wait_ec) {
            if (!wait_ec && !self->closed_) self->accept();
        });
    }

    stream_protocol::acceptor acceptor_;
    boost::asio::steady_timer retry_;
    std::string path_;
    Server::Handler handler_;
    ServerLimits limits_;
    std::shared_ptr<spdlog::logger> log_;
    std::vector<std::shared_ptr<Connection>> connections_;
    unsigned long serial_ = 0;
    bool bound_ = false;
    bool closed_ = false;
    bool warned_full_ = false;  // one journal line per daemon, not one per eviction
};

// What the daemon holds. Its destructor closes, which breaks the
// core <-> connection ownership cycle.
class ServerHandle final : public Server {
public:
    explicit ServerHandle(std::shared_ptr<ServerCore> core) : core_(std::move(core)) {}
    ~ServerHandle() override { core_->close(); }
    ServerHandle(const ServerHandle&) = delete;
    ServerHandle& operator=(const ServerHandle&) = delete;

    void broadcast(const Json& event) override { core_->broadcast(event); }
    std::size_t connections() const override { return core_->connections(); }
    void close() override { core_->close(); }

private:
    std::shared_ptr<ServerCore> core_;
};

}  // namespace

Result<std::unique_ptr<Server>> Server::listen(boost::asio::io_context& io, const std::string& path, Handler handler,
                                               ServerLimits limits) {
    auto core = std::make_shared<ServerCore>(io, path, std::move(handler), limits);
    if (auto bound = core->bind(); !bound) {
        core->close();
        return bound.error();
    }
    core->accept();
    return std::unique_ptr<Server>(std::make_unique<ServerHandle>(std::move(core)));
}

}  // namespace limber::ipc
