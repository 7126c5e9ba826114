// SPDX-License-Identifier: MIT
// The `status` message (docs/protocol.md, "Status object") as one type: the
// daemon fills it and writes it, limberctl and the tray read it. Its keys
// are spelled only in status_message.cpp, and times cross the wire through
// util/iso_time's one writer and one reader.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace limber::ipc {

using Millis = std::chrono::milliseconds;

// The running routine's place; times are UTC milliseconds.
struct RoutineProgress {
    std::string id, name;
    int step = 0;  // 1-based; each side of a two-sided step counts
    int of = 0;
    std::string step_name;
    std::string side;        // "left", "right" or ""
    std::string step_title;  // name and side as people read them
    std::optional<Millis> step_ends_at;  // nullopt while an untimed step waits for next
    bool operator==(const RoutineProgress&) const = default;
};

// A reminder that fell due while the user was busy, and waits.
struct HoldProgress {
    std::string kind;  // "microphone", "camera", "screencast", "fullscreen", "dnd"
    Millis since{0};
    std::optional<Millis> release_at;  // the busy time ended: shown then; nullopt while it goes on
    bool operator==(const HoldProgress&) const = default;
};

// Times are UTC milliseconds, whole seconds on the wire.
struct StatusMessage {
    std::string state;  // "active", "idle", "away", "reminding", "snoozed", "paused", "routine", "held"
    std::optional<Millis> sitting_since;  // nullopt on a break
    Millis sitting_for{0};                // at the moment of the reply ("sitting_seconds")
    std::optional<Millis> next_reminder_at;
    int snoozes = 0;
    bool paused = false;
    std::optional<Millis> paused_until;  // nullopt while paused: until resume
    std::optional<RoutineProgress> routine;
    bool locked = false;
    bool quiet = false;
    std::string suggested_routine;
    std::string idle_backend;  // "x11", "wayland", "gnome", "none", ...
    std::string notifier;      // "libnotify", "libnotify (no server)"
    Millis sit_limit{0};       // reminder.sit_limit
    Millis snooze{0};          // reminder.snooze
    bool speak = false;        // routine.speak: steps are said aloud (the tray's toggle)
    bool idle_inhibited = false;
    std::string idle_inhibitors;      // who holds it; "" when none or unknown
    std::string idle_inhibited_note;  // only while idle_inhibited
    std::optional<std::string> history_error;  // nullopt while history is written
    // What makes the user busy now, as [hold] counts it: "microphone: Firefox".
    std::vector<std::string> busy;
    std::optional<HoldProgress> held;
    bool operator==(const StatusMessage&) const = default;
};

// The step as people read it: step_title, or for a daemon from before
// step_title, the name with the side in brackets.
std::string step_title(const RoutineProgress& step);

nlohmann::json to_json(const StatusMessage& status);
// Never throws: a missing or mistyped field keeps its default, so a newer or
// older daemon's message still reads. nullopt only when `j` is not an object
// with a string `state`.
std::optional<StatusMessage> status_from_json(const nlohmann::json& j);

}  // namespace limber::ipc
