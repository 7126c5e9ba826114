// SPDX-License-Identifier: MIT
// The daemon's only clock reads. Everything downstream takes the Stamp.
#pragma once

#include "core/time.hpp"

namespace limber::daemon {

class Clock {
public:
    Clock();
    Stamp now() const;
    // How long the machine slept since the previous call: BOOTTIME counts
    // suspend, MONOTONIC does not, so their gap grows by exactly that much.
    Millis take_sleep();

private:
    Millis gap_;
};

}  // namespace limber::daemon
