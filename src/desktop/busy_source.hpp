// SPDX-License-Identifier: MIT
// What keeps the user busy: one source per signal (dunst's do-not-disturb,
// PipeWire's microphone and screencast streams, ...), each reporting to a
// BusyListener on the daemon's loop. The engine decides what a busy time
// does to a reminder; sources only say who is busy and with what.
#pragma once

#include <chrono>
#include <string>

#include "core/busy.hpp"

namespace limber::desktop {

// A probe (an application checking that a microphone or a camera works)
// opens the device for about a second; a call keeps it open. A source
// reports a device in use only once it has been for this long.
inline constexpr std::chrono::milliseconds kBusyDebounce{1500};

// Called on the daemon's io_context thread.
class BusyListener {
public:
    virtual ~BusyListener() = default;
    // `kind` is now on (who: for people, "Firefox"; may be empty) or off.
    virtual void on_busy(core::BusyKind kind, bool on, const std::string& who) = 0;
};

}  // namespace limber::desktop
