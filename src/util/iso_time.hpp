// SPDX-License-Identifier: MIT
// The one spelling of instants on the wire and in exports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace limber {

// "2026-11-21T09:30:00Z" for seconds since the epoch, UTC.
std::string iso_utc(std::int64_t utc_seconds);
// The one reader of that spelling: seconds since the epoch, or nullopt for
// anything that is not exactly "YYYY-MM-DDTHH:MM:SSZ".
std::optional<std::int64_t> parse_iso_utc(std::string_view text);

}  // namespace limber
