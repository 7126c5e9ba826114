// Human-readable text for limberctl's answers.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace limber::ctl {

// "09:14" in local time, from the protocol's "2026-11-21T09:14:00Z".
std::string local_clock(const std::string& iso_utc);
// "23 min", "1 h 5 min", "40 s"
std::string human_seconds(long long seconds);

std::string format_status(const nlohmann::json& status);
std::string format_routines(const nlohmann::json& routines);
// The routine files the daemon skipped, one line each; empty when none.
std::string format_skipped(const nlohmann::json& skipped);
std::string format_event(const nlohmann::json& event);
// The daemon's `doctor` answer: versions, paths, and every probe by kind.
std::string format_doctor(const nlohmann::json& doctor);

}  // namespace limber::ctl
