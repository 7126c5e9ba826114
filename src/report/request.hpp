// SPDX-License-Identifier: MIT
// The protocol's `report` command: arguments in, the JSON report out. Lives
// here so the daemon's branch stays three lines and limberctl's --json and
// the daemon agree by construction.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "report/query.hpp"
#include "store/store.hpp"

namespace limber::report {

struct Answer {
    nlohmann::json result;   // the report, when error_code is empty
    std::string error_code;  // "bad_args" or "internal"
    std::string error_message;
};

// The daemon answers at most this many days, so one request cannot hold up
// its loop for long (a year is tens of milliseconds); limberctl reads the
// file directly for longer ranges.
inline constexpr int kMaxDaemonDays = 400;

// args: {"range": "day"|"week"|"month", "date": "YYYY-MM-DD"} (date: default
// today; a month may also be "YYYY-MM"), or {"from": DATE, "to": DATE}.
// Default: this week.
Answer answer(const store::Store& store, const nlohmann::json& args, const Options& options);

}  // namespace limber::report
