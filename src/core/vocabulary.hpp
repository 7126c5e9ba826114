// SPDX-License-Identifier: MIT
// The names that cross from the engine to the history file and on to the
// report and the bench: event types, break reasons and detail keys. Each is
// spelled here once; the engine, the daemon, the report and the bench
// generator all use these constants, so a rename cannot silently zero a
// report. The strings are stored in users' history files: change one only
// with a migration.
#pragma once

namespace limber::vocab {

// Event types (events.type).
namespace event {
inline constexpr const char* reminder_shown = "reminder_shown";
inline constexpr const char* reminder_snoozed = "reminder_snoozed";
inline constexpr const char* reminder_skipped = "reminder_skipped";
inline constexpr const char* reminder_withdrawn = "reminder_withdrawn";
inline constexpr const char* routine_started = "routine_started";
inline constexpr const char* routine_step = "routine_step";
inline constexpr const char* routine_completed = "routine_completed";
inline constexpr const char* routine_stopped = "routine_stopped";
inline constexpr const char* paused = "paused";
inline constexpr const char* resumed = "resumed";
inline constexpr const char* daemon_start = "daemon_start";
inline constexpr const char* daemon_stop = "daemon_stop";
inline constexpr const char* sleep = "sleep";  // logind announced a suspend
inline constexpr const char* wake = "wake";    // and the machine came back
inline constexpr const char* reminder_held = "reminder_held";          // due while busy: not shown yet
inline constexpr const char* reminder_released = "reminder_released";  // that hold's end
inline constexpr const char* reminder_prefix = "reminder_";  // every reminder_* type above
}  // namespace event

// Why a break span began (spans.reason).
namespace reason {
inline constexpr const char* idle = "idle";
inline constexpr const char* lock = "lock";
inline constexpr const char* suspend = "suspend";
inline constexpr const char* routine = "routine";
inline constexpr const char* shutdown = "shutdown";
}  // namespace reason

// Keys of the events' detail objects, and the values some of them take.
namespace key {
inline constexpr const char* sitting_s = "sitting_s";     // reminder_shown
inline constexpr const char* routine = "routine";         // reminder_shown, routine_*
inline constexpr const char* snoozes = "snoozes";         // reminder_shown, reminder_snoozed
inline constexpr const char* repeat = "repeat";           // reminder_shown: 1 for a repeat of an ignored one
inline constexpr const char* critical = "critical";       // reminder_shown
inline constexpr const char* for_s = "for_s";             // reminder_snoozed, paused (-1: until resumed)
inline constexpr const char* until_ms = "until_ms";       // reminder_snoozed, paused: when it ends (UTC ms), for a restart;
                                                          // reminder_skipped, routine_stopped: no reminder before it
inline constexpr const char* waited_s = "waited_s";       // reminder_skipped, routine_started
inline constexpr const char* why = "why";                 // reminder_withdrawn: why::*
inline constexpr const char* from_reminder = "from_reminder";  // routine_started
inline constexpr const char* step = "step";               // routine_step, routine_stopped
inline constexpr const char* of = "of";                   // routine_stopped
inline constexpr const char* by = "by";                   // routine_step, resumed: by::*
inline constexpr const char* seconds = "seconds";         // routine_completed
inline constexpr const char* idle_backend = "idle_backend";  // daemon_start
inline constexpr const char* exit = "exit";               // daemon_stop
inline constexpr const char* kind = "kind";               // reminder_held, reminder_released: busy::*
inline constexpr const char* held_s = "held_s";           // reminder_released: how long it was held
}  // namespace key

// reminder_withdrawn: brk, paused; reminder_released: all of them.
namespace why {
inline constexpr const char* brk = "break";
inline constexpr const char* paused = "paused";
inline constexpr const char* grace = "grace";      // the busy time ended and the grace passed
inline constexpr const char* ceiling = "ceiling";  // held as long as allowed: shown quietly
inline constexpr const char* user = "user";        // a command answered it (snooze, skip, start)
}  // namespace why

// What kept the user busy (reminder_held, reminder_released; config [hold] sources).
namespace busy {
inline constexpr const char* microphone = "microphone";
inline constexpr const char* camera = "camera";
inline constexpr const char* screencast = "screencast";
inline constexpr const char* fullscreen = "fullscreen";
inline constexpr const char* dnd = "dnd";
}  // namespace busy

namespace by {
inline constexpr const char* timer = "timer";
inline constexpr const char* user = "user";
inline constexpr const char* logind = "logind";
}  // namespace by

}  // namespace limber::vocab
