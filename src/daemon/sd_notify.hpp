// SPDX-License-Identifier: MIT
// systemd's readiness protocol (Type=notify), without linking libsystemd:
// one datagram to $NOTIFY_SOCKET.
#pragma once

#include <string_view>

namespace limber::daemon {

// Returns false when not run by systemd (no NOTIFY_SOCKET) or on error.
bool sd_notify(std::string_view state);

}  // namespace limber::daemon
