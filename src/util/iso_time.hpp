// The one spelling of instants on the wire and in exports.
#pragma once

#include <cstdint>
#include <string>

namespace limber {

// "2026-11-21T09:30:00Z" for seconds since the epoch, UTC.
std::string iso_utc(std::int64_t utc_seconds);

}  // namespace limber
