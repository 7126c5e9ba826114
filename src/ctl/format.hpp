// SPDX-License-Identifier: MIT
// Human-readable text for limberctl's answers.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "ipc/status_message.hpp"
#include "util/human.hpp"

namespace limber::ctl {

// Now, as UTC milliseconds: the one clock call of limberctl's printing.
Millis now_wall();
// An instant as a local time with its day when that is not today ("09:14",
// "tomorrow 09:14"): util/human.hpp's human_clock, at `now` or, without it,
// at the time of asking.
std::string local_clock(Millis wall, Millis now);
std::string local_clock(Millis wall);
// util/human.hpp's human_duration of whole seconds: "23 min", "1 h 5 min", "40 s"
std::string human_seconds(long long seconds);

// A routine step (status "routine" or a routine_step event) as people read
// it: "Foam roller (optional, left leg)".
std::string step_title(const nlohmann::json& step);
// `limberctl status`: a row per line, the last without a newline.
std::string format_status(const ipc::StatusMessage& status, Millis now);
std::string format_routines(const nlohmann::json& routines);
// The routine files the daemon skipped, one line each; empty when none.
std::string format_skipped(const nlohmann::json& skipped);
std::string format_event(const nlohmann::json& event);
// The daemon's `doctor` answer: versions, paths, and every probe by kind.
std::string format_doctor(const nlohmann::json& doctor);

}  // namespace limber::ctl
