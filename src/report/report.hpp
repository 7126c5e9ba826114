// SPDX-License-Identifier: MIT
// What a report knows: figures per local day and for the whole range. Plain
// data; aggregate.cpp fills it, the renderers read it. Times are whole UTC
// seconds, lengths whole seconds.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/stretch.hpp"
#include "report/date.hpp"

namespace limber::report {

// Stretching is time spent on a routine's steps: a routine clicked through
// in seconds is not a stretch. A local day whose completed routines took at
// least this long in all is a stretch day, in the totals, the goal and its
// streak alike.
inline constexpr std::int64_t kStretchDaySeconds = core::kStretchMinimum.count() / 1000;
inline bool is_stretch_day(std::int64_t stretched_s) { return stretched_s >= kStretchDaySeconds; }

struct Count {
    int count = 0;
    std::int64_t seconds = 0;
};

// The break reasons the daemon records, in the order reports show them.
enum class BreakReason { idle, lock, suspend, routine, shutdown, other };
inline constexpr std::size_t kBreakReasons = 6;
const char* to_string(BreakReason r);
BreakReason break_reason(const std::string& stored);

struct Reminders {
    int shown = 0;        // reminders (a new one: not a repeat, not back from a snooze)
    int shown_again = 0;  // repeats of an ignored one and returns after a snooze
    int snoozed = 0;
    int skipped = 0;
    int acted = 0;        // a routine started while the reminder was out or snoozed
    int took_break = 0;   // withdrawn because the user got up
    int paused = 0;       // withdrawn because reminders were paused
    int unanswered = 0;   // still out when the next one came, or at the end of the range
    // Time from a reminder appearing to the first answer (snooze, skip, start).
    int answered = 0;
    std::int64_t wait_total_s = 0;
    std::int64_t wait_max_s = 0;
    std::int64_t wait_median_s = 0;
};

// Reminders that waited for the end of a call (reminder_released events):
// how many, how long in all, and by what kept the user busy.
struct Holds {
    int count = 0;
    std::int64_t seconds = 0;
    std::map<std::string, Count> by_kind;  // "microphone", "camera", ...
};

struct RoutineUse {
    int started = 0;
    int completed = 0;
    int stopped = 0;
    std::int64_t seconds = 0;  // of completed runs
};

struct Routines {
    int started = 0;
    int completed = 0;
    int stopped = 0;
    std::int64_t stretched_s = 0;
    std::map<std::string, RoutineUse> by_routine;  // by routine id
};

struct Figures {
    std::int64_t sitting_s = 0;
    int sittings = 0;              // sittings longer than zero
    std::int64_t longest_s = 0;
    std::int64_t longest_start_s = 0;  // UTC; 0 when there was no sitting
    int over_limit = 0;            // sittings longer than sit_limit
    std::int64_t over_limit_s = 0; // their whole length
    std::array<Count, kBreakReasons> breaks{};
    Reminders reminders;
    Holds holds;
    Routines routines;
    bool ongoing = false;          // the last sitting is still open (the daemon runs)

    std::int64_t average_s() const { return sittings ? sitting_s / sittings : 0; }
    double over_limit_share() const {
        return sitting_s ? static_cast<double>(over_limit_s) / static_cast<double>(sitting_s) : 0.0;
    }
    Count breaks_total() const;
};

// A stretch of sitting or a break inside one day, for timelines.
struct Piece {
    std::int64_t start_s = 0;
    std::int64_t end_s = 0;
    bool sitting = true;
    BreakReason reason = BreakReason::other;  // breaks only
    std::int64_t sitting_since_s = 0;         // sittings: where the whole sitting began
    bool open = false;
};

struct Day {
    Date date;
    std::int64_t start_s = 0;
    std::int64_t end_s = 0;  // 23, 24 or 25 hours after start_s
    Figures figures;
    bool stretch_day = false;  // is_stretch_day(figures.routines.stretched_s)
    std::vector<Piece> pieces;
};

struct Week {
    Date monday;
    int stretch_days = 0;  // over the whole week, also days outside the range
    bool met = false;
    // Over the week's days inside the range: for charts of long ranges.
    std::int64_t sitting_s = 0;
    std::int64_t over_limit_s = 0;
    std::int64_t longest_s = 0;
};

struct Goal {
    int per_week = 0;        // goals.stretch_days_per_week
    Date week;               // Monday of "this week": the one holding the range's end (or today)
    int stretch_days = 0;
    bool met = false;
    bool in_progress = false;  // that week is not over yet
    int streak_weeks = 0;    // weeks in a row that met the goal, up to "this week"
};

enum class RangeKind { day, week, month, custom };
const char* to_string(RangeKind k);

struct Report {
    RangeKind kind = RangeKind::week;
    Date first;
    Date last;
    std::string zone;
    std::int64_t generated_s = 0;
    std::int64_t sit_limit_s = 0;

    Figures totals;
    int stretch_days = 0;
    std::vector<Day> days;
    std::vector<Week> weeks;  // every week that overlaps the range, whole
    Goal goal;
    // Sitting seconds by local weekday (0 = Monday) and hour of the clock.
    std::array<std::array<std::int64_t, 24>, 7> heat{};

    // Days of the range with any sitting.
    int days_with_sitting() const;
};

}  // namespace limber::report
