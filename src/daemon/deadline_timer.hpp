// SPDX-License-Identifier: MIT
// The one timer the daemon arms: a timerfd on CLOCK_BOOTTIME, so a deadline
// that passes during suspend fires right after resume.
#pragma once

#include <functional>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include "core/time.hpp"

namespace limber::daemon {

class DeadlineTimer {
public:
    DeadlineTimer(boost::asio::io_context& io, std::function<void()> on_fire);
    // An absolute BOOTTIME deadline; nullopt disarms.
    void arm(std::optional<Millis> deadline);

private:
    void wait();

    boost::asio::posix::stream_descriptor fd_;
    std::function<void()> on_fire_;
    std::optional<Millis> armed_;
};

}  // namespace limber::daemon
