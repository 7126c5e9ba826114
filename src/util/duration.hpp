// SPDX-License-Identifier: MIT
// Durations as users write them: "90s", "10m", "1h30m". A bare number is
// refused because "10" could mean seconds or minutes.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace limber {

using Millis = std::chrono::milliseconds;

Result<Millis> parse_duration(std::string_view text);

// The shortest form that parses back to the same value: "1h30m", "45s", "0s".
std::string format_duration(Millis d);

}  // namespace limber
