// SPDX-License-Identifier: MIT
#include "core/engine.hpp"

#include <algorithm>

#include "core/quiet.hpp"
#include "core/vocabulary.hpp"

namespace limber::core {

namespace ev = vocab::event;
namespace key = vocab::key;

const char* to_string(State s) {
    switch (s) {
        case State::active: return "active";
        case State::idle: return "idle";
        case State::away: return "away";
        case State::reminding: return "reminding";
        case State::snoozed: return "snoozed";
        case State::paused: return "paused";
        case State::routine: return "routine";
        case State::held: return "held";
    }
    return "active";
}

Engine::Engine(Settings settings, std::vector<Routine> routines, bool tracks_activity)
    : settings_(std::move(settings)), routines_(std::move(routines)), tracks_activity_(tracks_activity) {}

Effects Engine::shutdown(const Stamp& now) {
    Effects fx;
    close_span(fx, now.mono);
    return fx;
}

// ---- presence -------------------------------------------------------------

Effects Engine::activity(const Stamp& now) {
    Effects fx;
    // During a routine the user is standing and may click through steps;
    // behind a lock screen, input is the password. Neither is sitting.
    last_input_.reset();  // also during a routine: finish_routine asks whether anyone is there
    if (session_ || locked_) return fx;
    const bool was_idle = presence_ == Presence::idle;
    if (presence_ == Presence::away) begin_sitting(fx, now, now.mono);
    presence_ = Presence::active;
    // Back from a short idle: the span ends at the last input before it,
    // and a crash before the next checkpoint would make a restart count the
    // idle as a break. The input woke the daemon anyway: writing costs no
    // wake-up, and the checkpoints then run on from here.
    if (was_idle) checkpoint(fx, now);
    return fx;
}

Effects Engine::idle(const Stamp& now, Millis idle_for) {
    Effects fx;
    if (locked_ || !tracks_activity_) return fx;
    Millis last = now.mono - idle_for;
    if (span_) last = std::max(last, span_->start_mono);
    last_input_ = last;
    // Standing still during a routine is the routine; the report is kept so
    // that its end can tell whether the user is still at the desk.
    if (session_) return fx;
    if (presence_ == Presence::away) return fx;
    if (idle_for >= settings_.natural_break) {
        begin_break(fx, now, vocab::reason::idle, last);
    } else {
        // Nothing is written while idle, so the span's end so far must reach
        // the last input (it has, unless the report came late): a crash
        // then loses none of the sitting.
        presence_ = Presence::idle;
        if (span_ && last > span_->written_end_mono) checkpoint(fx, now);
    }
    return fx;
}

Effects Engine::locked(const Stamp& now) {
    Effects fx;
    if (locked_) return fx;
    locked_ = true;
    lock_start_ = presence_ == Presence::idle && last_input_ ? *last_input_ : now.mono;
    return fx;
}

Effects Engine::unlocked(const Stamp& now) {
    Effects fx;
    if (!locked_) return fx;
    locked_ = false;
    if (session_) return fx;
    // Unlocking takes a person at the keyboard.
    last_input_.reset();
    if (presence_ == Presence::away) begin_sitting(fx, now, now.mono);
    presence_ = Presence::active;
    return fx;
}

Effects Engine::slept(const Stamp& now, Millis duration) {
    // A sleep logind announced is measured from the announcement, and
    // reported here or in woke(), never in both. An announcement far older
    // than the sleep is stale (its resume never came).
    Millis length = duration;
    if (sleep_announced_) {
        const Millis announced = now.mono - *sleep_announced_;
        if (announced >= duration && announced - duration < Millis{60'000}) length = announced;
        sleep_announced_.reset();
    }
    return after_sleep(now, length);
}

Effects Engine::sleeping(const Stamp& now) {
    Effects fx;
    sleep_announced_ = now.mono;
    // The machine may never wake up (a flat battery): write the sitting
    // down to this moment, as the next checkpoint would have.
    checkpoint(fx, now);
    record(fx, now, ev::sleep, {{vocab::key::by, std::string(vocab::by::logind)}});
    return fx;
}

Effects Engine::woke(const Stamp& now) {
    Effects fx;
    if (sleep_announced_) {
        // The clocks saw no sleep: it was too short to notice, or it never
        // happened (refused at the last moment). Nobody used the machine
        // from the announcement on either way, so count that.
        const Millis length = now.mono - *sleep_announced_;
        sleep_announced_.reset();
        fx = after_sleep(now, length);
    }
    record(fx, now, ev::wake, {{vocab::key::by, std::string(vocab::by::logind)}});
    return fx;
}

Effects Engine::after_sleep(const Stamp& now, Millis duration) {
    Effects fx;
    if (duration < settings_.natural_break) return fx;
    // A routine cannot have gone on through a suspend: it stopped there.
    if (session_) finish_routine(fx, now, false);
    if (presence_ == Presence::away) return fx;
    Millis since = now.mono - duration;
    if (presence_ == Presence::idle && last_input_) since = std::min(since, *last_input_);
    if (locked_) since = std::min(since, lock_start_);
    begin_break(fx, now, vocab::reason::suspend, since);
    if (locked_) return fx;  // unlocking will bring the user back
    if (tracks_activity_) {
        fx.add(AwaitActivity{});
    } else {
        begin_sitting(fx, now, now.mono);  // nothing else can tell us they are back
    }
    return fx;
}

// ---- time -----------------------------------------------------------------

Effects Engine::tick(const Stamp& now) {
    Effects fx;
    if (const auto t = lock_break_at(); t && now.mono >= *t) begin_break(fx, now, vocab::reason::lock, lock_start_);

    if (paused_ && paused_until_ && now.mono >= *paused_until_) {
        paused_ = false;
        paused_until_.reset();
        record(fx, now, ev::resumed, {{key::by, std::string(vocab::by::timer)}});
    }

    if (session_ && session_->stage_ends() && now.mono >= *session_->stage_ends()) {
        record(fx, now, ev::routine_step, {{key::routine, session_->routine().id},
                                         {key::step, std::int64_t{session_->index() + 1}},
                                         {key::by, std::string(vocab::by::timer)}});
        if (session_->advance(now.mono)) {
            show_stage(fx, now);
        } else {
            finish_routine(fx, now, true);
        }
    }

    if (const auto t = reminder_time(now); t && now.mono >= *t) reminder_time_came(fx, now);

    if (const auto t = checkpoint_at(); t && now.mono >= *t) checkpoint(fx, now);
    return fx;
}

std::optional<Millis> Engine::next_deadline(const Stamp& now) const {
    std::optional<Millis> best;
    const auto consider = [&](Millis t) { best = best ? std::min(*best, t) : t; };

    if (const auto t = lock_break_at()) consider(*t);
    if (paused_ && paused_until_) consider(*paused_until_);
    if (session_ && session_->stage_ends()) consider(*session_->stage_ends());
    if (const auto t = reminder_time(now)) consider(*t);
    if (const auto t = checkpoint_at()) consider(*t);
    return best;
}

// tick() and next_deadline() ask these same functions, so the timer is
// armed for exactly the moments at which tick() has something to do.
std::optional<Millis> Engine::lock_break_at() const {
    if (!locked_ || presence_ == Presence::away || session_) return std::nullopt;
    return lock_start_ + settings_.natural_break;
}

std::optional<Millis> Engine::checkpoint_at() const {
    // While idle the span's end is the last input, already written by idle():
    // a checkpoint would write nothing new, so nothing wakes the daemon.
    if (!span_ || span_->kind != SpanKind::sitting || session_ || presence_ == Presence::idle) return std::nullopt;
    return span_->checkpointed_mono + checkpoint_every();
}

Millis Engine::checkpoint_every() const {
    return std::clamp(settings_.natural_break / 2, Millis{1000}, kCheckpointEvery);
}

void Engine::checkpoint(Effects& fx, const Stamp& now) {
    if (!span_ || span_->kind != SpanKind::sitting) return;
    // While idle the sitting ends at the last input; a checkpoint already
    // written past it stays (the close, not a checkpoint, moves an end back).
    Millis end = presence_ == Presence::idle && last_input_ ? *last_input_ : now.mono;
    end = std::max(end, span_->written_end_mono);
    span_->checkpointed_mono = now.mono;
    span_->written_end_mono = end;
    fx.add(CheckpointSpan{span_->start_wall + (end - span_->start_mono)});
}

std::vector<Millis> Engine::idle_thresholds() const {
    // The short threshold feeds the "idle" state in status and writes the
    // span's end down at the last input; it is as often as checkpoints.
    return {std::min(Millis{60'000}, settings_.natural_break / 2), settings_.natural_break};
}

// ---- reminders ------------------------------------------------------------

std::optional<Millis> Engine::reminder_time(const Stamp& now) const {
    if (paused_ || locked_ || session_ || !sitting()) return std::nullopt;
    std::optional<Millis> t;
    if (hold_) t = hold_->release_at.value_or(hold_->since + settings_.hold_ceiling);
    else if (reminder_ == Reminder::shown) t = reminder_at_ + settings_.repeat;
    else if (reminder_ == Reminder::snoozed) t = reminder_at_;
    else t = reminder_due();
    if (t && in_quiet(settings_.quiet, now)) {
        const auto left = quiet_left(settings_.quiet, now);
        t = left ? std::optional<Millis>(std::max(*t, now.mono + *left)) : std::nullopt;
    }
    return t;
}

std::optional<Millis> Engine::reminder_due() const {
    if (!sitting()) return std::nullopt;
    Millis due = *sitting_since_ + settings_.sit_limit;
    if (not_before_) due = std::max(due, *not_before_);
    return due;
}

const Routine* Engine::find_routine(const std::string& id) const {
    const auto it = std::find_if(routines_.begin(), routines_.end(), [&](const Routine& r) { return r.id == id; });
    return it == routines_.end() ? nullptr : &*it;
}

const Routine* Engine::suggestion() const {
    if (!suggested_.empty())
        if (const Routine* r = find_routine(suggested_)) return r;
    if (settings_.default_routine != "rotate")
        if (const Routine* r = find_routine(settings_.default_routine)) return r;
    // Take turns through the routines that fit where the user is; when none
    // does (a user who only has floor routines), through all of them.
    std::vector<const Routine*> fitting;
    for (const Routine& r : routines_)
        if (fits_places(r, settings_.places)) fitting.push_back(&r);
    if (fitting.empty())
        for (const Routine& r : routines_) fitting.push_back(&r);
    if (fitting.empty()) return nullptr;
    return fitting[rotation_ % fitting.size()];
}

void Engine::show_reminder(Effects& fx, const Stamp& now, Millis held_for, bool quiet) {
    if (suggested_.empty()) {
        // A new reminder (not a repeat or a snooze's return) offers the next routine.
        if (const Routine* r = suggestion()) suggested_ = r->id;
        if (settings_.default_routine == "rotate") ++rotation_;
        reminder_first_shown_ = now.mono;
    }
    const bool repeat = reminder_ == Reminder::shown;
    reminder_ = Reminder::shown;
    reminder_at_ = now.mono;

    ShowReminder show;
    show.sitting_for = now.mono - *sitting_since_;
    if (const Routine* r = find_routine(suggested_)) {
        show.routine_id = r->id;
        show.routine_name = r->name;
        show.routine_length = r->total();
        show.routine_place = r->place;
        show.routine_needs = r->needs;
    }
    show.snoozes = snoozes_;
    show.critical = snoozes_ >= settings_.max_snoozes;
    show.snooze_for = settings_.snooze;
    show.held_for = held_for;
    show.quiet = quiet;
    record(fx, now, ev::reminder_shown, {{key::sitting_s, seconds(show.sitting_for)},
                                       {key::routine, show.routine_id},
                                       {key::snoozes, std::int64_t{snoozes_}},
                                       {key::repeat, std::int64_t{repeat}},
                                       {key::critical, std::int64_t{show.critical}}});
    fx.add(std::move(show));
}

void Engine::withdraw_reminder(Effects& fx, const Stamp& now, const char* why) {
    end_hold(fx, now, why);
    if (reminder_ == Reminder::none) return;
    if (reminder_ == Reminder::shown) fx.add(WithdrawReminder{});
    record(fx, now, ev::reminder_withdrawn, {{key::why, std::string(why)}});
    reminder_ = Reminder::none;
}

// ---- spans ----------------------------------------------------------------

void Engine::open_span(Effects& fx, const Stamp& now, SpanKind kind, const std::string& reason, Millis start_mono,
                       std::optional<Millis> previous_end) {
    Millis start_wall = wall_of(now, start_mono);
    // Wall and BOOTTIME are read a moment apart, so the two ways of placing
    // the same instant can differ by a millisecond; keep spans contiguous.
    // A larger difference is a wall-clock jump: then follow the new clock.
    if (previous_end && std::chrono::abs(*previous_end - start_wall) < Millis{1000}) start_wall = *previous_end;
    span_ = OpenSpanState{kind, start_mono, start_wall, start_mono, start_mono};
    fx.add(OpenSpan{kind, reason, start_wall});
}

std::optional<Millis> Engine::close_span(Effects& fx, Millis end_mono) {
    if (!span_) return std::nullopt;
    end_mono = std::max(end_mono, span_->start_mono);
    // The end is measured on BOOTTIME from the span's own start, so a wall
    // clock that jumps meanwhile neither adds nor removes sitting time.
    const Millis end_wall = span_->start_wall + (end_mono - span_->start_mono);
    fx.add(CloseSpan{end_wall});
    span_.reset();
    return end_wall;
}

void Engine::begin_sitting(Effects& fx, const Stamp& now, Millis since_mono) {
    const auto end = close_span(fx, since_mono);
    open_span(fx, now, SpanKind::sitting, "", since_mono, end);
    sitting_since_ = since_mono;
    presence_ = Presence::active;
    last_input_.reset();
}

void Engine::begin_break(Effects& fx, const Stamp& now, const std::string& reason, Millis since_mono) {
    withdraw_reminder(fx, now, vocab::why::brk);
    const auto end = close_span(fx, since_mono);
    open_span(fx, now, SpanKind::brk, reason, since_mono, end);
    sitting_since_.reset();
    presence_ = Presence::away;
    snoozes_ = 0;
    not_before_.reset();
    suggested_.clear();
    overdue_ = false;  // a new sitting: its first reminder waits for the call again
}

void Engine::record(Effects& fx, const Stamp& now, std::string type,
                    std::vector<std::pair<std::string, DetailValue>> detail) {
    fx.add(Record{std::move(type), now.wall, std::move(detail)});
}

// ---- status ---------------------------------------------------------------

Status Engine::status(const Stamp& now) const {
    Status s;
    if (session_) s.state = State::routine;
    else if (paused_) s.state = State::paused;
    else if (hold_) s.state = State::held;
    else if (reminder_ == Reminder::shown) s.state = State::reminding;
    else if (reminder_ == Reminder::snoozed) s.state = State::snoozed;
    else if (presence_ == Presence::away || locked_) s.state = State::away;
    else if (presence_ == Presence::idle) s.state = State::idle;
    else s.state = State::active;

    if (sitting()) {
        s.sitting_since_wall = span_ && span_->kind == SpanKind::sitting ? span_->start_wall
                                                                          : wall_of(now, *sitting_since_);
        s.sitting_for = now.mono - *sitting_since_;
        if (const auto t = reminder_time(now)) s.next_reminder_wall = wall_of(now, std::max(*t, now.mono));
    }
    s.snoozes = snoozes_;
    s.paused = paused_;
    if (paused_ && paused_until_) s.paused_until_wall = wall_of(now, *paused_until_);
    if (session_) {
        RoutineStatus r;
        r.id = session_->routine().id;
        r.name = session_->routine().name;
        r.step = session_->index() + 1;
        r.of = session_->count();
        r.step_name = session_->step().name;
        r.side = session_->stage().side;
        if (const auto ends = session_->stage_ends()) r.step_ends_wall = wall_of(now, *ends);
        s.routine = std::move(r);
    }
    s.locked = locked_;
    s.quiet = in_quiet(settings_.quiet, now);
    s.tracks_activity = tracks_activity_;
    if (const Routine* r = suggestion()) s.suggested_routine = r->id;
    s.busy = counted_busy();
    if (hold_) {
        s.hold = HoldStatus{hold_->kind, wall_of(now, hold_->since), std::nullopt};
        if (hold_->release_at) s.hold->release_wall = wall_of(now, *hold_->release_at);
    }
    return s;
}

}  // namespace limber::core
