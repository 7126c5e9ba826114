// SPDX-License-Identifier: MIT
// Durations and clock times as Limber says them to people: in notifications,
// the tray, limberctl and reports. One spelling and one rounding rule, so the
// same moment reads the same everywhere. (format_duration in duration.hpp is
// the other direction: exact values that parse back, for config and logs.)
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace limber {

using Millis = std::chrono::milliseconds;

enum class DurationStyle {
    words,    // "45 s", "6 min", "1 h 5 min", "2 h"
    compact,  // "45s", "6m", "1h 05m": for table columns
};

// The one rounding rule: to the nearest second under a minute, from a
// minute on to the nearest minute (half a minute rounds up). 5 min 30 s is
// "6 min"; 2 min 29 s is "2 min". Negative lengths read as zero.
std::string human_duration(Millis d, DurationStyle style = DurationStyle::words);

// Items as a sentence lists them: "a mat", "a mat and a strap", "a mat, a
// strap and a roller"; "" for none.
std::string human_list(const std::vector<std::string>& items);

// A routine's place ("desk", "seated", "floor", "anywhere", as routine
// files spell it) in the user's language; an unknown word as it is.
std::string human_place(const std::string& place);

// What kept the user busy ("microphone", "screencast", "dnd", as history
// and the protocol spell the kinds) in the user's language; an unknown
// word as it is. human_busy_entry does the same to a status entry, the
// kind before ": who" ("dnd: dunst" -> "do-not-disturb: dunst").
std::string human_busy(const std::string& kind);
std::string human_busy_entry(const std::string& entry);

// How many columns a UTF-8 string takes in a terminal, counting each
// character as one (Limber's own words have no wide characters).
std::size_t display_width(const std::string& text);

// A wall-clock time for a person at `now`: "15:03" today, "tomorrow 15:03",
// "yesterday 15:03", "Sat 15:03" within the coming week, "Sat 12 Dec 15:03"
// beyond. utc_offset is the local zone's offset from UTC at `wall`.
std::string human_clock(Millis wall, Millis now, Millis utc_offset);
// The local zone's offset from UTC at `wall` (asks the C library's zone).
Millis local_utc_offset(Millis wall);

}  // namespace limber
