// SPDX-License-Identifier: MIT
// What the engine asks the shell to do. The engine never does I/O; it
// returns these and the daemon carries them out in order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/routine.hpp"
#include "core/time.hpp"

namespace limber::core {

enum class SpanKind { sitting, brk };

struct ShowReminder {
    Millis sitting_for{0};
    std::string routine_id;     // the suggestion; empty when no routine exists
    std::string routine_name;
    Millis routine_length{0};
    std::string routine_place;  // "desk", "seated", "floor", "anywhere"
    std::vector<std::string> routine_needs;
    int snoozes = 0;            // snoozes in a row before this showing
    bool critical = false;      // max_snoozes reached
    Millis snooze_for{0};       // what the Snooze button will do
    Millis held_for{0};         // it waited this long for a busy time to end
    bool quiet = false;         // held past the ceiling: low urgency, no sound
};

struct WithdrawReminder {};

struct ShowStep {
    std::string routine_id;
    std::string routine_name;
    int index = 0;              // 0-based stage, counting each side of a step
    int of = 0;
    Step step;
    std::string side;           // "left", "right" or ""
    Millis remaining{0};        // until this stage ends on its own; zero when untimed
    std::string safety;         // on every stage
    bool quiet = false;         // the user is busy (a call): no sound, no voice
};

struct RoutineEnded {
    std::string routine_id;
    std::string routine_name;
    bool completed = false;
    Millis elapsed{0};
    bool quiet = false;         // as ShowStep::quiet
};

// The user became busy during a routine: silence what is still to sound.
struct Hush {};

// At most one span is open at a time; these act on it.
struct OpenSpan {
    SpanKind kind = SpanKind::sitting;
    std::string reason;         // "idle", "lock", "suspend", "routine" for breaks
    Millis start_wall{0};
};
struct CheckpointSpan {
    Millis end_wall{0};
};
struct CloseSpan {
    Millis end_wall{0};
};
// Open the newest span in the history again: a restart inside
// natural_break goes on with the sitting the previous daemon left.
struct ReopenSpan {};

using DetailValue = std::variant<std::int64_t, std::string>;

// An event for the history.
struct Record {
    std::string type;
    Millis wall{0};
    std::vector<std::pair<std::string, DetailValue>> detail;
};

// The engine decided the user is away without the activity source knowing
// (lock, suspend): ask it to report the next input.
struct AwaitActivity {};

using Effect = std::variant<ShowReminder, WithdrawReminder, ShowStep, RoutineEnded, OpenSpan, CheckpointSpan,
                            CloseSpan, ReopenSpan, Record, AwaitActivity, Hush>;

// A command the engine would not take, with the protocol's error code.
struct Refusal {
    std::string code;     // "not_now", "bad_args"
    std::string message;  // in English, filled in
    // The message before it was filled in: a msgid with "{}" where `value`
    // goes, for the daemon to say in the user's language (xgettext finds
    // it as refused()'s second argument).
    std::string wording;
    std::string value;
};

struct Effects {
    std::vector<Effect> list;
    std::optional<Refusal> refused;

    void add(Effect e) { list.push_back(std::move(e)); }
};

}  // namespace limber::core
