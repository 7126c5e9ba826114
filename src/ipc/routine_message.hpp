// SPDX-License-Identifier: MIT
// The routine object of the `routines` answer (docs/protocol.md, "Routine
// object"): the daemon writes the routines it loaded, limberctl reads one
// back to show it step by step. Its keys are spelled only in
// routine_message.cpp.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/routine.hpp"
#include "util/result.hpp"

namespace limber::ipc {

nlohmann::json routine_to_json(const Routine& routine);
nlohmann::json routines_to_json(const std::vector<Routine>& routines);
// A routine as the daemon sent it. The figure's path comes back as
// figure_path (the daemon sends no name); `dir` stays empty. A daemon from
// before `safety` sends none: the routine has none then.
Result<Routine> routine_from_json(const nlohmann::json& routine);

}  // namespace limber::ipc
