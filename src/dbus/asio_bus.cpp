#include "dbus/asio_bus.hpp"

#include <poll.h>
#include <unistd.h>
#include <time.h>

#include <chrono>
#include <cstdint>
#include <limits>

#include <asio/post.hpp>
#include <sdbus-c++/Error.h>

#include "util/log.hpp"

namespace limber::dbus {

AsioBus::AsioBus(asio::io_context& io, std::unique_ptr<sdbus::IConnection> connection)
    : connection_(std::move(connection)),
      // Not ours to close: duplicate, so asio closing its copy leaves sd-bus alone.
      fd_(io, ::dup(connection_->getEventLoopPollData().fd)),
      timer_(io) {
    asio::post(io, [this, alive = std::weak_ptr<bool>(alive_)] {
        if (!alive.expired()) process();
    });
}

AsioBus::~AsioBus() {
    alive_.reset();
    asio::error_code ignored;
    fd_.cancel(ignored);
    timer_.cancel();
}

void AsioBus::process() {
    try {
        while (connection_->processPendingRequest()) {
        }
    } catch (const sdbus::Error& e) {
        log::get("dbus")->warn("D-Bus: {}", e.getMessage());
    }
    arm();
}

void AsioBus::arm() {
    const auto poll = connection_->getEventLoopPollData();
    if (!waiting_) {
        waiting_ = true;
        const auto kind = (poll.events & POLLOUT) ? asio::posix::stream_descriptor::wait_write
                                                  : asio::posix::stream_descriptor::wait_read;
        fd_.async_wait(kind, [this, alive = std::weak_ptr<bool>(alive_)](const asio::error_code& ec) {
            if (alive.expired() || ec == asio::error::operation_aborted) return;
            waiting_ = false;
            process();
        });
    }
    // sd-bus's timeout is absolute CLOCK_MONOTONIC, the clock steady_timer uses.
    timer_.cancel();
    if (poll.timeout_usec != std::numeric_limits<std::uint64_t>::max()) {
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        const std::int64_t now_us = std::int64_t{now.tv_sec} * 1'000'000 + now.tv_nsec / 1000;
        const auto wait = std::chrono::microseconds(std::max<std::int64_t>(
            0, static_cast<std::int64_t>(poll.timeout_usec) - now_us));
        timer_.expires_after(wait);
        timer_.async_wait([this, alive = std::weak_ptr<bool>(alive_)](const asio::error_code& ec) {
            if (!alive.expired() && !ec) process();
        });
    }
}

}  // namespace limber::dbus
