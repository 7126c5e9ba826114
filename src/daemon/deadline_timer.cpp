// SPDX-License-Identifier: MIT
#include "daemon/deadline_timer.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace limber::daemon {
namespace {

int make_timerfd() {
    const int fd = timerfd_create(CLOCK_BOOTTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0) throw std::runtime_error(std::string("cannot create a timer: ") + std::strerror(errno));
    return fd;
}

}  // namespace

DeadlineTimer::DeadlineTimer(boost::asio::io_context& io, std::function<void()> on_fire)
    : fd_(io, make_timerfd()), on_fire_(std::move(on_fire)) {
    wait();
}

void DeadlineTimer::arm(std::optional<Millis> deadline) {
    if (deadline == armed_) return;
    armed_ = deadline;
    itimerspec spec{};
    if (deadline) {
        // it_value zero would disarm; a deadline at or before zero means "now".
        const std::int64_t ms = std::max<std::int64_t>(deadline->count(), 1);
        spec.it_value.tv_sec = ms / 1000;
        spec.it_value.tv_nsec = (ms % 1000) * 1'000'000;
    }
    timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME, &spec, nullptr);
}

void DeadlineTimer::wait() {
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read, [this](const boost::system::error_code& ec) {
        if (ec) return;  // cancelled at shutdown
        std::uint64_t expirations = 0;
        if (::read(fd_.native_handle(), &expirations, sizeof expirations) == sizeof expirations) {
            armed_.reset();
            on_fire_();
        }
        wait();
    });
}

}  // namespace limber::daemon
