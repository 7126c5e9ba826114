// An sdbus-c++ connection driven by an Asio io_context: the bus fd and its
// timeout are watched by the loop we already run, so D-Bus needs no thread.
#pragma once

#include <memory>

#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/steady_timer.hpp>
#include <sdbus-c++/IConnection.h>

namespace limber::dbus {

class AsioBus {
public:
    // Takes the connection; call it from the io_context thread only.
    AsioBus(asio::io_context& io, std::unique_ptr<sdbus::IConnection> connection);
    ~AsioBus();
    AsioBus(const AsioBus&) = delete;
    AsioBus& operator=(const AsioBus&) = delete;

    sdbus::IConnection& connection() { return *connection_; }

    // Handle whatever is queued now and re-arm the watches. Call after
    // sending from outside a callback, so replies are not left waiting.
    void process();

private:
    void arm();

    std::unique_ptr<sdbus::IConnection> connection_;
    asio::posix::stream_descriptor fd_;
    asio::steady_timer timer_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
    bool waiting_ = false;
};

}  // namespace limber::dbus
