// SPDX-License-Identifier: MIT
// Typed settings with the defaults of DESIGN §1. The config library fills
// this from TOML; the engine reads it; nothing here knows about files.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/busy.hpp"
#include "core/time.hpp"

namespace limber {

using namespace std::chrono_literals;

// Local minutes of the day [start, end); end < start wraps past midnight.
struct QuietRange {
    int start_min = 0;
    int end_min = 0;
    bool contains(int minute_of_day) const {
        if (start_min == end_min) return false;
        if (start_min < end_min) return minute_of_day >= start_min && minute_of_day < end_min;
        return minute_of_day >= start_min || minute_of_day < end_min;
    }
};

struct Settings {
    // [reminder]
    Millis sit_limit = 45min;
    Millis snooze = 10min;
    int max_snoozes = 3;
    Millis repeat = 5min;
    // [activity]
    Millis natural_break = 5min;
    // [routine]
    std::string default_routine = "rotate";
    // Where "rotate" may send the user: routines whose place is one of these
    // (or "anywhere"). The floor is opt-in: most reminders find people at work.
    std::vector<std::string> places = {"desk", "seated"};
    bool sounds = true;  // cues at step changes, a count at the end of a hold, one when done
    bool rep_ticks = false;  // with sounds: a tick per repetition on steps counted in reps
    bool speak = false;      // the step's name and side said aloud (speech-dispatcher)
    // [goals]
    int stretch_days_per_week = 4;
    // [quiet]
    std::vector<QuietRange> quiet;
    // [hold]: a reminder due while the user is busy waits for the end of it.
    // Fullscreen is off by default: people keep editors and terminals
    // fullscreen all day, and every reminder would wait for the ceiling.
    core::BusySet hold_sources{core::BusyKind::microphone, core::BusyKind::camera, core::BusyKind::screencast,
                               core::BusyKind::dnd};
    Millis hold_grace = 2min;    // after the busy time ends, time to say goodbye
    Millis hold_ceiling = 90min; // past this a held reminder shows anyway, quietly
    std::vector<std::string> hold_ignore;  // application names that never count as busy
};

}  // namespace limber
