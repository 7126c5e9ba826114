// SPDX-License-Identifier: MIT
// Internal to limber_ipc: one accepted client of the daemon's socket.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ipc/protocol.hpp"

namespace spdlog {
class logger;
}

namespace limber::ipc::detail {

class Connection;

// What a connection needs from its server. Shared with the connection so a
// completion that runs after the Server was closed still finds it alive.
class Hub {
public:
    virtual ~Hub() = default;
    // Calls the daemon's handler; exceptions become an "internal" reply.
    virtual Reply dispatch(const Request& request) = 0;
    virtual void forget(const Connection& connection) = 0;
    virtual spdlog::logger& log() = 0;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    // A client that does not read gets this much queued before it is dropped,
    // so one stuck client cannot make the daemon grow without bound.
    static constexpr std::size_t kMaxPending = 1024 * 1024;

    // Until it subscribes, the connection must complete a line within
    // request_timeout of connecting and of each previous line.
    Connection(boost::asio::local::stream_protocol::socket socket, std::shared_ptr<Hub> hub, unsigned long serial,
               std::chrono::milliseconds request_timeout);

    // Checks the peer's uid, then starts reading requests.
    void start();
    // Queues one encoded line; drops the connection if too much is queued.
    void send(std::string line);
    void close();
    // Makes room for a newer client: one error line if the kernel takes it
    // at once, then closed.
    void evict();
    bool subscribed() const { return subscribed_; }

private:
    void read();
    void on_read(std::size_t n);
    void consume();
    void handle_line(std::string_view line);
    void write_front();
    // After a fatal error line: stop reading, flush, then hang up.
    void close_after_flush();
    // One timer per connection, re-armed only when it fires: a line moves
    // the deadline, not the timer, so busy clients cost no timer calls.
    void arm_deadline();
    void on_deadline();

    boost::asio::local::stream_protocol::socket socket_;
    std::shared_ptr<Hub> hub_;
    unsigned long serial_;  // names the connection in debug logs
    std::chrono::milliseconds request_timeout_;
    boost::asio::steady_timer timer_;
    std::chrono::steady_clock::time_point deadline_;
    std::array<char, 16 * 1024> chunk_{};
    std::string_view unread_;  // what consume() has yet to take from chunk_
    std::string line_;  // an unfinished line, never longer than kMaxLine
    // Lines not yet taken by the kernel; the front one may be in flight.
    std::deque<std::string> out_;
    std::size_t pending_ = 0;
    bool subscribed_ = false;
    bool waiting_for_reader_ = false;  // requests wait until out_ is taken
    bool closing_ = false;
    bool closed_ = false;
};

}  // namespace limber::ipc::detail
