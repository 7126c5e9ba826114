// SPDX-License-Identifier: MIT
#include "core/quiet.hpp"

#include <algorithm>

namespace limber::core {
namespace {

constexpr std::int64_t kDayMs = 24LL * 3600 * 1000;

// Milliseconds since local midnight.
std::int64_t local_ms_of_day(const Stamp& now) {
    const std::int64_t local = now.wall.count() + std::chrono::duration_cast<Millis>(now.utc_offset).count();
    return ((local % kDayMs) + kDayMs) % kDayMs;
}

bool any_contains(const std::vector<QuietRange>& ranges, int minute) {
    return std::any_of(ranges.begin(), ranges.end(), [&](const QuietRange& r) { return r.contains(minute); });
}

}  // namespace

bool in_quiet(const std::vector<QuietRange>& ranges, const Stamp& now) {
    return any_contains(ranges, static_cast<int>(local_ms_of_day(now) / 60'000));
}

std::optional<Millis> quiet_left(const std::vector<QuietRange>& ranges, const Stamp& now) {
    const std::int64_t ms = local_ms_of_day(now);
    const int minute = static_cast<int>(ms / 60'000);
    if (!any_contains(ranges, minute)) return std::nullopt;
    // Walk forward a minute at a time: at most a day, and only when a
    // reminder is being held back, so simplicity beats cleverness here.
    for (int ahead = 1; ahead <= 24 * 60; ++ahead) {
        if (!any_contains(ranges, (minute + ahead) % (24 * 60)))
            return Millis{(static_cast<std::int64_t>(minute) + ahead) * 60'000 - ms};
    }
    return std::nullopt;
}

}  // namespace limber::core
