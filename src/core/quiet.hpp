// SPDX-License-Identifier: MIT
// Quiet hours are local wall-clock ranges; everything else runs on BOOTTIME.
#pragma once

#include <optional>
#include <vector>

#include "core/settings.hpp"
#include "core/time.hpp"

namespace limber::core {

bool in_quiet(const std::vector<QuietRange>& ranges, const Stamp& now);

// How long from now until quiet hours end; nullopt when not in quiet hours
// or when they never end (ranges covering the whole day).
std::optional<Millis> quiet_left(const std::vector<QuietRange>& ranges, const Stamp& now);

}  // namespace limber::core
