// SPDX-License-Identifier: MIT
#include "daemon/clock.hpp"

#include <time.h>

namespace limber::daemon {
namespace {

Millis read(clockid_t id) {
    timespec ts{};
    clock_gettime(id, &ts);
    return Millis{static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000};
}

std::chrono::minutes utc_offset(Millis wall) {
    const time_t t = static_cast<time_t>(wall.count() / 1000);
    tm local{};
    localtime_r(&t, &local);
    return std::chrono::minutes{local.tm_gmtoff / 60};
}

}  // namespace

Clock::Clock() : gap_(read(CLOCK_BOOTTIME) - read(CLOCK_MONOTONIC)) {}

Stamp Clock::now() const {
    const Millis wall = read(CLOCK_REALTIME);
    return Stamp{read(CLOCK_BOOTTIME), wall, utc_offset(wall)};
}

Millis Clock::take_sleep() {
    const Millis gap = read(CLOCK_BOOTTIME) - read(CLOCK_MONOTONIC);
    const Millis slept = gap - gap_;
    gap_ = gap;
    // The two clocks are read a few microseconds apart; ignore that noise.
    return slept > Millis{1000} ? slept : Millis{0};
}

}  // namespace limber::daemon
