// SPDX-License-Identifier: MIT
// Time as the engine sees it: every input carries its own stamp.
#pragma once

#include <chrono>

namespace limber {

using Millis = std::chrono::milliseconds;

// mono: CLOCK_BOOTTIME (keeps counting through suspend; used for every duration).
// wall: UTC since the epoch (used only to record and to find local time).
// utc_offset: the local zone's offset at `wall`, for quiet hours.
struct Stamp {
    Millis mono{0};
    Millis wall{0};
    std::chrono::minutes utc_offset{0};
};

}  // namespace limber
