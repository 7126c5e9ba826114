// SPDX-License-Identifier: MIT
// One logger per area ("engine", "store", "ipc", "idle", "notify", ...), so a
// user can turn up one area: LIMBER_LOG=debug or LIMBER_LOG=store=debug,info.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

namespace limber::log {

// The logger for an area, created on first use with the shared stderr sink.
std::shared_ptr<spdlog::logger> get(const std::string& area);

// "debug", "info", ... optionally per area: "info,store=debug".
// Returns false (and changes nothing) when the spec is not understood.
bool configure(std::string_view spec);

// The spec to use: --log-level when it says more than the default "info",
// else $LIMBER_LOG when set (handy in a unit's Environment=), else "info".
std::string chosen_spec(const std::string& option);

}  // namespace limber::log
