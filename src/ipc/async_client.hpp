// SPDX-License-Identifier: MIT
// A client on an Asio loop, for programs that must not block on the daemon
// (limber-tray): calls are pipelined and answered through callbacks, and
// event lines arrive as they come. Protocol as in docs/protocol.md.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "ipc/protocol.hpp"
#include "util/result.hpp"

namespace limber::ipc {

class AsyncClient {
public:
    using ConnectHandler = std::function<void(Result<void>)>;
    // Error: the connection broke or the daemon did not answer in time.
    using ReplyHandler = std::function<void(Result<Reply>)>;
    using EventHandler = std::function<void(const Json& event)>;
    using ClosedHandler = std::function<void(const Error& why)>;

    // reply_timeout: a call unanswered this long breaks the connection, so
    // a wedged daemon looks like a dead one and the caller reconnects.
    explicit AsyncClient(boost::asio::io_context& io, std::chrono::milliseconds reply_timeout = std::chrono::seconds(10));
    // No handler runs after this, not even for calls still pending.
    ~AsyncClient();
    AsyncClient(const AsyncClient&) = delete;
    AsyncClient& operator=(const AsyncClient&) = delete;

    // Set these before connect(). on_closed runs once, after the pending
    // calls have failed, when an open connection ends for any reason other
    // than close() or destruction.
    void on_event(EventHandler handler) { on_event_ = std::move(handler); }
    void on_closed(ClosedHandler handler) { on_closed_ = std::move(handler); }

    // Error: the daemon is not reachable (the message says why and where).
    void connect(const std::string& path, ConnectHandler done);
    // Replies come back in request order. Calling before connect() has
    // finished queues the request; calling after the end fails at once
    // (from the loop, never from inside call()).
    void call(const std::string& cmd, const Json& args, ReplyHandler done);
    // Ends the connection quietly: pending calls fail, on_closed does not run.
    void close();
    bool connected() const { return state_ == State::open; }

private:
    enum class State { idle, connecting, open, closed };
    struct Pending {
        long id;
        ReplyHandler done;
        std::chrono::steady_clock::time_point deadline;
    };

    void read();
    void write();
    void handle_line(std::string_view line);
    void arm_deadline();
    // Fails every pending call with `why`; tells on_closed when `notify`.
    void end(const Error& why, bool notify);
    template <class F>
    auto guarded(F f);

    boost::asio::io_context& io_;
    boost::asio::local::stream_protocol::socket socket_;
    boost::asio::steady_timer deadline_;
    std::chrono::milliseconds reply_timeout_;
    std::string path_;  // for error messages
    State state_ = State::idle;
    long next_id_ = 1;
    std::deque<Pending> pending_;
    std::deque<std::string> outbox_;
    bool writing_ = false;
    std::string inbox_;
    EventHandler on_event_;
    ClosedHandler on_closed_;
    // Completions check it: they may run after this object is gone.
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::ipc
