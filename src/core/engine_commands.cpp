// SPDX-License-Identifier: MIT
// The engine's commands: what the socket and the notification buttons ask.
#include <algorithm>

#include "core/engine.hpp"
#include "core/stretch.hpp"
#include "core/vocabulary.hpp"

namespace limber::core {

namespace ev = vocab::event;
namespace key = vocab::key;
namespace {

// `wording` is a literal with at most one "{}", filled with `value`.
Effects refused(std::string code, const char* wording, const std::string& value = "") {
    std::string message = wording;
    if (const auto at = message.find("{}"); at != std::string::npos) message.replace(at, 2, value);
    Effects fx;
    fx.refused = Refusal{std::move(code), std::move(message), wording, value};
    return fx;
}

}  // namespace

Effects Engine::snooze(const Stamp& now, std::optional<Millis> length) {
    if (session_) return refused("not_now", "a routine is running; finish it or run 'limberctl stop'");
    if (paused_) return refused("not_now", "reminders are paused; run 'limberctl resume' first");
    if (!sitting()) return refused("not_now", "you are on a break; there is nothing to snooze");
    const Millis d = length.value_or(settings_.snooze);
    if (d <= Millis{0}) return refused("bad_args", "a snooze must last longer than zero");

    Effects fx;
    end_hold(fx, now, vocab::why::user);
    if (reminder_ == Reminder::none) {
        // Snoozing ahead of time: no reminder in the next `d`.
        reminder_at_ = std::max(now.mono + d, *reminder_due());
    } else {
        if (reminder_ == Reminder::shown) fx.add(WithdrawReminder{});
        ++snoozes_;
        reminder_at_ = now.mono + d;
    }
    reminder_ = Reminder::snoozed;
    // until_ms lets a restarted daemon keep the snooze (see restart.cpp).
    record(fx, now, ev::reminder_snoozed, {{key::for_s, seconds(d)},
                                         {key::snoozes, std::int64_t{snoozes_}},
                                         {key::until_ms, wall_of(now, reminder_at_).count()}});
    return fx;
}

Effects Engine::skip(const Stamp& now) {
    if (reminder_ == Reminder::none && !hold_) return refused("not_now", "there is no reminder to skip");
    Effects fx;
    if (hold_ && reminder_ == Reminder::none) reminder_first_shown_ = hold_->since;  // due then: the wait counts from there
    end_hold(fx, now, vocab::why::user);
    if (reminder_ == Reminder::shown) fx.add(WithdrawReminder{});
    const Millis waited = now.mono - reminder_first_shown_;
    reminder_ = Reminder::none;
    snoozes_ = 0;
    suggested_.clear();
    // Skipping is not a break: the next reminder comes a whole limit later.
    not_before_ = now.mono + settings_.sit_limit;
    // until_ms lets a restarted daemon keep that quiet time (see restart.cpp).
    record(fx, now, ev::reminder_skipped,
           {{key::waited_s, seconds(waited)}, {key::until_ms, wall_of(now, *not_before_).count()}});
    return fx;
}

Effects Engine::pause(const Stamp& now, std::optional<Millis> length) {
    if (length && *length <= Millis{0}) return refused("bad_args", "a pause must last longer than zero");
    Effects fx;
    withdraw_reminder(fx, now, vocab::why::paused);
    paused_ = true;
    paused_until_ = length ? std::optional<Millis>(now.mono + *length) : std::nullopt;
    std::vector<std::pair<std::string, DetailValue>> detail{{key::for_s, length ? seconds(*length) : std::int64_t{-1}}};
    // until_ms lets a restarted daemon keep the pause (see restart.cpp).
    if (paused_until_) detail.emplace_back(key::until_ms, wall_of(now, *paused_until_).count());
    record(fx, now, ev::paused, std::move(detail));
    return fx;
}

Effects Engine::resume(const Stamp& now) {
    if (!paused_) return refused("not_now", "reminders are not paused");
    Effects fx;
    paused_ = false;
    paused_until_.reset();
    record(fx, now, ev::resumed, {{key::by, std::string(vocab::by::user)}});
    return fx;
}

Effects Engine::start(const Stamp& now, const std::string& routine_id) {
    if (session_)
        return refused("not_now", "routine '{}' is already running; use 'limberctl next' or 'limberctl stop'",
                       session_->routine().id);
    const Routine* routine = routine_id.empty() ? suggestion() : find_routine(routine_id);
    if (!routine) {
        if (routine_id.empty()) return refused("not_now", "no routines are installed");
        return refused("bad_args", "there is no routine called '{}'; 'limberctl routines' lists them", routine_id);
    }
    if (routine->steps.empty()) return refused("bad_args", "routine '{}' has no steps", routine->id);

    Effects fx;
    const bool from_reminder = reminder_ != Reminder::none || hold_;
    if (hold_ && reminder_ == Reminder::none) reminder_first_shown_ = hold_->since;
    end_hold(fx, now, vocab::why::user);
    if (reminder_ == Reminder::shown) fx.add(WithdrawReminder{});
    record(fx, now, ev::routine_started,
           {{key::routine, routine->id},
            {key::from_reminder, std::int64_t{from_reminder}},
            {key::waited_s, from_reminder ? seconds(now.mono - reminder_first_shown_) : std::int64_t{0}}});
    reminder_ = Reminder::none;
    last_input_.reset();  // someone just asked for it
    session_.emplace(*routine, now.mono);
    show_stage(fx, now);
    return fx;
}

Effects Engine::next(const Stamp& now) {
    if (!session_) return refused("not_now", "no routine is running");
    Effects fx;
    record(fx, now, ev::routine_step, {{key::routine, session_->routine().id},
                                     {key::step, std::int64_t{session_->index() + 1}},
                                     {key::by, std::string(vocab::by::user)}});
    if (session_->advance(now.mono)) {
        show_stage(fx, now);
    } else {
        finish_routine(fx, now, true);
    }
    return fx;
}

Effects Engine::stop(const Stamp& now) {
    if (!session_) return refused("not_now", "no routine is running");
    Effects fx;
    finish_routine(fx, now, false);
    return fx;
}

Effects Engine::reconfigure(const Stamp& now, Settings settings, std::vector<Routine> routines) {
    // A running routine keeps its own copy; everything else reads the new
    // values from here on, because deadlines are derived, not stored.
    Effects fx;
    const BusySet before = counted_busy();
    settings_ = std::move(settings);
    routines_ = std::move(routines);
    busy_changed(fx, now, before);  // [hold] sources may count differently now
    return fx;
}

void Engine::show_stage(Effects& fx, const Stamp& now) {
    const RoutineSession& s = *session_;
    ShowStep show;
    show.routine_id = s.routine().id;
    show.routine_name = s.routine().name;
    show.index = s.index();
    show.of = s.count();
    show.step = s.step();
    show.side = s.stage().side;
    show.remaining = s.stage_ends() ? *s.stage_ends() - now.mono : Millis{0};
    // Every step, not only the first: someone who starts halfway through a
    // routine, or whose first popup timed out, still sees when to stop.
    show.safety = s.routine().safety;
    show.quiet = !counted_busy().empty();
    fx.add(std::move(show));
}

void Engine::finish_routine(Effects& fx, const Stamp& now, bool completed) {
    const std::string id = session_->routine().id;
    const std::string name = session_->routine().name;
    const Millis started = session_->started();
    if (completed) record(fx, now, ev::routine_completed, {{key::routine, id}, {key::seconds, seconds(now.mono - started)}});
    if (completed && counts_as_stretch(now.mono - started)) {
        session_.reset();
        // A finished routine was a break from its first step; sitting starts
        // over when the user sits back down, which is now.
        if (sitting()) begin_break(fx, now, vocab::reason::routine, std::max(started, *sitting_since_));
        // Behind a lock screen nobody has sat back down: the break goes on
        // until the unlock. (Found by fuzz/: sitting began here, and the lock
        // break that followed started at the lock, overlapping it.)
        // Nor has anyone who walked off during it: the activity source told
        // us (idle past natural_break) and will report the return.
        const bool left = last_input_ && now.mono - *last_input_ >= settings_.natural_break;
        if (locked_) begin_break(fx, now, vocab::reason::lock, now.mono);
        else if (left) fx.add(AwaitActivity{});
        else begin_sitting(fx, now, now.mono);
    } else {
        // Stopped, or clicked through to its end too fast to be a stretch:
        // no break, and the reminder comes back after the repeat time.
        not_before_ = now.mono + settings_.repeat;
        // until_ms: as after a skip, a restart keeps the quiet time.
        if (!completed)
            record(fx, now, ev::routine_stopped,
                   {{key::routine, id},
                    {key::step, std::int64_t{session_->index() + 1}},
                    {key::of, std::int64_t{session_->count()}},
                    {key::until_ms, wall_of(now, *not_before_).count()}});
        session_.reset();
        // Idle during a routine is idle like anywhere else: a user who walked
        // off long enough ago took a break from the last input, and stopping
        // the routine later (a script, the session ending) is no sitting.
        const bool left = last_input_ && now.mono - *last_input_ >= settings_.natural_break;
        if (left && sitting() && !locked_) {
            begin_break(fx, now, "idle", *last_input_);
            if (tracks_activity_) fx.add(AwaitActivity{});
        }
    }
    fx.add(RoutineEnded{id, name, completed, now.mono - started, !counted_busy().empty()});
}

}  // namespace limber::core
