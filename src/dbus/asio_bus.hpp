// SPDX-License-Identifier: MIT
// An sdbus-c++ connection driven by an Asio io_context: the bus fd and its
// timeout are watched by the loop we already run, so D-Bus needs no thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <sdbus-c++/IConnection.h>

namespace limber::dbus {

class AsioBus {
public:
    // Takes the connection; call it from the io_context thread only.
    // Handlers that sdbus-c++ calls for this connection (signals, replies)
    // must not throw: sd-bus is C and cannot unwind.
    AsioBus(boost::asio::io_context& io, std::unique_ptr<sdbus::IConnection> connection);
    ~AsioBus();
    AsioBus(const AsioBus&) = delete;
    AsioBus& operator=(const AsioBus&) = delete;

    sdbus::IConnection& connection() { return *connection_; }
    // The loop this bus runs on, for posting work to it.
    boost::asio::any_io_executor executor() { return timer_.get_executor(); }

    // Handle whatever is queued now and re-arm the watches. Call it after a
    // blocking call or a send made outside a bus callback: sd-bus may have
    // read other messages off the socket meanwhile, or queued part of the
    // send, and the fd will not say so. Inside a bus callback it does
    // nothing, because the dispatch loop around the callback goes on anyway.
    void process();

    // Called once, from the loop, when the connection ends (the bus daemon
    // quit or dropped us). The bus is then no longer watched; the object may
    // be destroyed from inside the callback.
    void on_lost(std::function<void(const std::string& why)> callback) { on_lost_ = std::move(callback); }
    bool lost() const { return lost_; }

private:
    void arm();
    void lose(const std::string& why);

    std::unique_ptr<sdbus::IConnection> connection_;
    boost::asio::posix::stream_descriptor fd_;
    boost::asio::steady_timer timer_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    std::function<void(const std::string&)> on_lost_;
    // A read wait is always pending; a write wait only while sd-bus has
    // queued output (a large message or a slow bus).
    bool reading_ = false;
    bool writing_ = false;
    bool processing_ = false;
    bool lost_ = false;
};

}  // namespace limber::dbus
