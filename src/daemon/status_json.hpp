// The engine's answers as protocol JSON (docs/protocol.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "core/routine.hpp"

namespace limber::daemon {

// "2026-11-21T09:30:00Z"
std::string iso_utc(Millis wall);

struct Backends {
    std::string idle;      // "x11", "none"
    std::string notifier;  // "libnotify", "libnotify (no server)"
};

nlohmann::json status_json(const core::Status& s, const Backends& backends);
// What a client needs to judge the sitting clock itself (the tray's "getting
// long" icon, its snooze lengths): sit_limit_seconds and snooze_seconds.
void add_limits(nlohmann::json& status, const Settings& settings);
nlohmann::json routines_json(const std::vector<Routine>& routines);

}  // namespace limber::daemon
