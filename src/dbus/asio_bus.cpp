// SPDX-License-Identifier: MIT
#include "dbus/asio_bus.hpp"

#include <fcntl.h>
#include <poll.h>

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>

#include "util/log.hpp"

namespace limber::dbus {

AsioBus::AsioBus(boost::asio::io_context& io, std::unique_ptr<sdbus::IConnection> connection)
    : connection_(std::move(connection)),
      // Not ours to close: duplicate, so asio closing its copy leaves sd-bus alone.
      fd_(io, ::fcntl(connection_->getEventLoopPollData().fd, F_DUPFD_CLOEXEC, 0)),
      timer_(io) {
    boost::asio::post(io, [this, alive = std::weak_ptr<bool>(alive_)] {
        if (!alive.expired()) process();
    });
}

AsioBus::~AsioBus() {
    alive_.reset();
    boost::system::error_code ignored;
    fd_.cancel(ignored);
    timer_.cancel();
}

void AsioBus::process() {
    // sd_bus_process() refuses to be re-entered (EBUSY); the loop below
    // already runs until sd-bus has nothing left.
    if (processing_ || lost_) return;
    processing_ = true;
    try {
        while (connection_->processPendingRequest()) {
        }
    } catch (const sdbus::Error& e) {
        // sd-bus fails here only when the connection is gone (the peer
        // hung up, a broken message closed it): every later call would
        // fail the same way, so stop watching instead of spinning on it.
        processing_ = false;
        lose(e.getMessage());
        return;
    }
    processing_ = false;
    arm();
}

void AsioBus::arm() {
    sdbus::IConnection::PollData poll{};
    try {
        poll = connection_->getEventLoopPollData();
    } catch (const sdbus::Error& e) {
        lose(e.getMessage());
        return;
    }
    if (!reading_) {
        reading_ = true;
        fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                       [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
                           if (alive.expired()) return;
                           reading_ = false;
                           if (ec != boost::asio::error::operation_aborted) process();
                       });
    }
    // Waiting for input alone would leave a half-sent message queued until
    // the bus happens to send us something.
    if ((poll.events & POLLOUT) && !writing_) {
        writing_ = true;
        fd_.async_wait(boost::asio::posix::stream_descriptor::wait_write,
                       [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
                           if (alive.expired()) return;
                           writing_ = false;
                           if (ec != boost::asio::error::operation_aborted) process();
                       });
    }
    // A call awaiting its reply, for example: sd-bus's own deadline.
    timer_.cancel();
    if (const auto wait = poll.getRelativeTimeout()) {
        timer_.expires_after(*wait);
        timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
            if (!alive.expired() && !ec) process();
        });
    }
}

void AsioBus::lose(const std::string& why) {
    if (lost_) return;
    lost_ = true;
    boost::system::error_code ignored;
    fd_.cancel(ignored);
    fd_.close(ignored);
    timer_.cancel();
    log::get("dbus")->debug("D-Bus connection ended: {}", why);
    // Posted: the owner may destroy us in the callback, and we may be deep
    // inside our own handlers here.
    boost::asio::post(timer_.get_executor(), [this, alive = std::weak_ptr<bool>(alive_), why] {
        if (alive.expired() || !on_lost_) return;
        auto callback = on_lost_;
        callback("lost the D-Bus connection: " + why);
    });
}

}  // namespace limber::dbus
