// SPDX-License-Identifier: MIT
// The engine's answers as protocol JSON (docs/protocol.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "core/routine.hpp"
#include "ipc/status_message.hpp"

namespace limber::daemon {

struct Backends {
    std::string idle;      // "x11", "none"
    std::string notifier;  // "libnotify", "libnotify (no server)"
};

// The engine's part of the status message; the daemon adds the session's.
ipc::StatusMessage status_message(const core::Status& s, const Backends& backends);
// What a client needs to judge the sitting clock itself (the tray's "getting
// long" icon, its snooze lengths): sit_limit and snooze; and the settings
// the tray toggles (speak), so that its check mark shows the file's truth.
void add_limits(ipc::StatusMessage& status, const Settings& settings);

}  // namespace limber::daemon
