// SPDX-License-Identifier: MIT
// The engine: sitting timeline, break policy and routine sessions.
//
// Pure: every input carries its Stamp, every answer is a list of effects, and
// next_deadline() says when the shell should call tick() if nothing else
// happens first. No clock, no I/O, no threads, so a whole day can be tested
// in microseconds with plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/effects.hpp"
#include "core/routine.hpp"
#include "core/routine_session.hpp"
#include "core/settings.hpp"
#include "core/time.hpp"

namespace limber::core {

// held: a reminder fell due while the user was busy and waits for the end of it.
enum class State { active, idle, away, reminding, snoozed, paused, routine, held };
const char* to_string(State s);

struct RoutineStatus {
    std::string id;
    std::string name;
    int step = 0;  // 1-based stage
    int of = 0;
    std::string step_name;
    std::string side;
    std::optional<Millis> step_ends_wall;  // none while a step waits for next
};

struct HoldStatus {
    BusyKind kind = BusyKind::microphone;  // what was busy when it fell due
    Millis since_wall{0};
    std::optional<Millis> release_wall;  // the busy time ended: shown then, after the grace
};

struct Status {
    State state = State::active;
    std::optional<Millis> sitting_since_wall;
    Millis sitting_for{0};
    std::optional<Millis> next_reminder_wall;
    int snoozes = 0;
    bool paused = false;
    std::optional<Millis> paused_until_wall;  // paused with no end: paused && !paused_until_wall
    std::optional<RoutineStatus> routine;
    bool locked = false;
    bool quiet = false;
    bool tracks_activity = true;
    std::string suggested_routine;
    BusySet busy;                   // the kinds busy now that [hold] counts
    std::optional<HoldStatus> hold;
};

// What the history holds from the daemon that ran before this one, read by
// the shell at start. The engine decides what of it still holds.
struct Previous {
    struct Span {
        SpanKind kind = SpanKind::sitting;
        Millis start_wall{0};
        Millis end_wall{0};  // closed at its last checkpoint if it was left open
    };
    std::optional<Span> last_span;
    // The newest event of each type in Engine::remembered_events(), oldest first.
    std::vector<Record> events;
};

class Engine {
public:
    // tracks_activity: false when no activity source exists; then sitting is
    // session time, broken only by lock, suspend and routines.
    Engine(Settings settings, std::vector<Routine> routines, bool tracks_activity);

    // The first input. A restart inside natural_break goes on with the last
    // sitting (and its snooze, or the quiet time after a skip); a longer gap
    // was a "shutdown" break. A pause that has not ended yet goes on either way.
    Effects begin(const Stamp& now, const Previous& previous = {});
    // The event types begin() wants to see the newest of.
    static const std::vector<std::string>& remembered_events();
    Effects shutdown(const Stamp& now);

    // From the activity source.
    Effects activity(const Stamp& now);
    Effects idle(const Stamp& now, Millis idle_for);
    // From the session (lock screen, suspend seen after the fact).
    Effects locked(const Stamp& now);
    Effects unlocked(const Stamp& now);
    // The clocks saw a sleep of `duration` (BOOTTIME grew past MONOTONIC).
    Effects slept(const Stamp& now, Millis duration);
    // logind announced a sleep, and later its end. The announcement is when
    // the user stopped using the machine, so it measures the sleep.
    Effects sleeping(const Stamp& now);
    Effects woke(const Stamp& now);
    // From the busy sources: every kind that is on now (all of them, also
    // those [hold] leaves out; the engine applies the settings).
    Effects busy(const Stamp& now, BusySet active);
    // The deadline timer fired.
    Effects tick(const Stamp& now);

    // Commands (socket, notification buttons). A refusal leaves state as it was.
    Effects snooze(const Stamp& now, std::optional<Millis> length = std::nullopt);
    Effects skip(const Stamp& now);
    Effects pause(const Stamp& now, std::optional<Millis> length = std::nullopt);
    Effects resume(const Stamp& now);
    Effects start(const Stamp& now, const std::string& routine_id = "");
    Effects next(const Stamp& now);
    Effects stop(const Stamp& now);
    Effects reconfigure(const Stamp& now, Settings settings, std::vector<Routine> routines);

    // BOOTTIME milliseconds at which tick() is wanted; nullopt: only inputs.
    std::optional<Millis> next_deadline(const Stamp& now) const;
    // Idle thresholds the activity source should report.
    std::vector<Millis> idle_thresholds() const;
    Status status(const Stamp& now) const;
    const Settings& settings() const { return settings_; }
    const std::vector<Routine>& routines() const { return routines_; }

    // How often the open sitting span is written down while the user is at
    // it: at most once a minute, at least twice per natural_break. A crash
    // leaves the span at its last checkpoint, so a restart allows this much
    // more than natural_break before it counts the gap as a break.
    static constexpr Millis kCheckpointEvery{60'000};
    Millis checkpoint_every() const;

private:
    enum class Presence { active, idle, away };
    enum class Reminder { none, shown, snoozed };
    struct OpenSpanState {
        SpanKind kind;
        Millis start_mono;
        Millis start_wall;
        Millis checkpointed_mono;  // when the last checkpoint was written
        Millis written_end_mono;   // the end it wrote: checkpoints never move back
    };

    bool sitting() const { return sitting_since_.has_value(); }
    std::optional<Millis> lock_break_at() const;  // a lock long enough becomes a break
    std::optional<Millis> checkpoint_at() const;  // the open sitting is written down
    void checkpoint(Effects& fx, const Stamp& now);
    // restart.cpp: what begin() takes over from the previous daemon.
    bool resume_sitting(Effects& fx, const Stamp& now, const Previous& previous);
    // How long a gap after `last` must be to have been a break: natural_break,
    // plus a checkpoint interval when the daemon crashed (no clean stop).
    Millis natural_break_after(const Previous::Span& last, const std::vector<Record>& events) const;
    void restore_pause(const Stamp& now, const std::vector<Record>& events);
    void restore_snooze(const Stamp& now, const std::vector<Record>& events, Millis sitting_start_wall);
    void restore_not_before(const Stamp& now, const std::vector<Record>& events, Millis sitting_start_wall);
    Effects after_sleep(const Stamp& now, Millis length);
    // When the next reminder shows if nothing happens; nullopt while held
    // by pause, lock or a routine, or while not sitting.
    std::optional<Millis> reminder_time(const Stamp& now) const;
    std::optional<Millis> reminder_due() const;
    // engine_hold.cpp: a reminder at its time shows, is held, or leaves its hold.
    void reminder_time_came(Effects& fx, const Stamp& now);
    BusySet counted_busy() const { return busy_ & settings_.hold_sources; }
    void busy_changed(Effects& fx, const Stamp& now, BusySet before);
    void end_hold(Effects& fx, const Stamp& now, const char* why);
    const Routine* find_routine(const std::string& id) const;
    const Routine* suggestion() const;

    void open_span(Effects& fx, const Stamp& now, SpanKind kind, const std::string& reason, Millis start_mono,
                   std::optional<Millis> previous_end);
    std::optional<Millis> close_span(Effects& fx, Millis end_mono);
    void begin_sitting(Effects& fx, const Stamp& now, Millis since_mono);
    void begin_break(Effects& fx, const Stamp& now, const std::string& reason, Millis since_mono);
    void withdraw_reminder(Effects& fx, const Stamp& now, const char* why);
    void show_reminder(Effects& fx, const Stamp& now, Millis held_for = Millis{0}, bool quiet = false);
    void show_stage(Effects& fx, const Stamp& now);
    void finish_routine(Effects& fx, const Stamp& now, bool completed);
    void record(Effects& fx, const Stamp& now, std::string type,
                std::vector<std::pair<std::string, DetailValue>> detail = {});
    static Millis wall_of(const Stamp& now, Millis mono) { return now.wall - (now.mono - mono); }
    static Millis mono_of(const Stamp& now, Millis wall) { return now.mono - (now.wall - wall); }
    // Whole seconds, for event details.
    static std::int64_t seconds(Millis d) { return d.count() / 1000; }

    Settings settings_;
    std::vector<Routine> routines_;
    bool tracks_activity_;

    Presence presence_ = Presence::active;
    std::optional<Millis> sitting_since_;       // BOOTTIME
    std::optional<Millis> last_input_;          // known only after an idle report
    std::optional<OpenSpanState> span_;

    bool locked_ = false;
    Millis lock_start_{0};
    std::optional<Millis> sleep_announced_;  // by logind, before the clocks saw it

    Reminder reminder_ = Reminder::none;
    Millis reminder_at_{0};        // shown: when last shown; snoozed: when it returns
    Millis reminder_first_shown_{0};
    int snoozes_ = 0;
    std::optional<Millis> not_before_;  // after skip or a stopped routine
    std::size_t rotation_ = 0;
    std::string suggested_;        // routine id offered by the reminder that is out

    bool paused_ = false;
    std::optional<Millis> paused_until_;

    std::optional<RoutineSession> session_;

    struct Hold {
        BusyKind kind;
        Millis since;
        std::optional<Millis> release_at;  // set when the busy time ends
    };
    BusySet busy_;                 // as the sources report it
    std::optional<Hold> hold_;
    bool overdue_ = false;         // a hold reached the ceiling in this busy time: show quietly
};

}  // namespace limber::core
