// SPDX-License-Identifier: MIT
// What a new daemon takes over from the one before it: the sitting, if the
// gap was shorter than a natural break, and a pause, a snooze or a skip's
// quiet time the user asked for and has not seen end. The shell reads the history; every
// decision about it is here, so it is tested with plain values.
#include <algorithm>

#include "core/engine.hpp"
#include "core/vocabulary.hpp"

namespace limber::core {
namespace {

namespace ev = vocab::event;
namespace key = vocab::key;

const Record* newest_of(const std::vector<Record>& events, std::initializer_list<const char*> types) {
    const Record* newest = nullptr;
    for (const Record& e : events)
        if (std::any_of(types.begin(), types.end(), [&](const char* t) { return e.type == t; }))
            if (!newest || e.wall >= newest->wall) newest = &e;
    return newest;
}

std::optional<std::int64_t> number(const Record& r, const std::string& name) {
    for (const auto& [k, v] : r.detail)
        if (k == name)
            if (const auto* n = std::get_if<std::int64_t>(&v)) return *n;
    return std::nullopt;
}

}  // namespace

Millis Engine::natural_break_after(const Previous::Span& last, const std::vector<Record>& events) const {
    // A daemon that stopped cleanly closed the span at its last moment. One
    // that crashed left it at its last checkpoint, and died up to a
    // checkpoint interval later while the user sat on: a restart within
    // natural_break of the crash must find the sitting, so the interval is
    // added. (No checkpoint is written while the user is idle, and none
    // more often: the idle daemon sleeps on.)
    const Record* stop = newest_of(events, {ev::daemon_stop});
    const bool crashed = !stop || stop->wall < last.end_wall;
    if (!crashed || last.kind != SpanKind::sitting) return settings_.natural_break;
    return settings_.natural_break + checkpoint_every();
}

const std::vector<std::string>& Engine::remembered_events() {
    static const std::vector<std::string> types{ev::paused,           ev::resumed,          ev::reminder_shown,
                                                ev::reminder_snoozed, ev::reminder_skipped, ev::reminder_withdrawn,
                                                ev::routine_started,  ev::routine_stopped,  ev::daemon_stop};
    return types;
}

Effects Engine::begin(const Stamp& now, const Previous& previous) {
    Effects fx;
    const bool resumed = resume_sitting(fx, now, previous);
    if (!resumed) begin_sitting(fx, now, now.mono);
    restore_pause(now, previous.events);
    if (resumed) {
        restore_snooze(now, previous.events, previous.last_span->start_wall);
        restore_not_before(now, previous.events, previous.last_span->start_wall);
    }
    return fx;
}

bool Engine::resume_sitting(Effects& fx, const Stamp& now, const Previous& previous) {
    const std::optional<Previous::Span>& last = previous.last_span;
    if (!last) return false;
    const Millis gap = now.wall - last->end_wall;
    if (gap < Millis{0}) return false;  // the clock went back; start fresh
    if (gap >= natural_break_after(*last, previous.events)) {
        // Nobody was measuring, and it was long enough to count as away.
        fx.add(OpenSpan{SpanKind::brk, vocab::reason::shutdown, last->end_wall});
        fx.add(CloseSpan{now.wall});
        return false;
    }
    if (last->kind != SpanKind::sitting || last->start_wall > now.wall) return false;
    // A restart (an upgrade, a crash) is not a break: the sitting goes on,
    // so "longest unbroken sitting" stays true.
    fx.add(ReopenSpan{});
    const Millis start_mono = mono_of(now, last->start_wall);
    const Millis end_mono = std::max(start_mono, mono_of(now, last->end_wall));
    span_ = OpenSpanState{SpanKind::sitting, start_mono, last->start_wall, now.mono, end_mono};
    sitting_since_ = start_mono;
    presence_ = Presence::active;
    return true;
}

void Engine::restore_pause(const Stamp& now, const std::vector<Record>& events) {
    const Record* last = newest_of(events, {ev::paused, ev::resumed});
    if (!last || last->type != ev::paused) return;
    const auto until = number(*last, key::until_ms);
    if (!until) {  // no end: it lasts until `resume`, across any restart
        paused_ = true;
        paused_until_.reset();
        return;
    }
    if (Millis{*until} <= now.wall) return;  // it ended while no daemon ran
    paused_ = true;
    paused_until_ = mono_of(now, Millis{*until});
}

void Engine::restore_snooze(const Stamp& now, const std::vector<Record>& events, Millis sitting_start_wall) {
    // Only the reminder's last word counts: a snooze since answered (shown
    // again, skipped, withdrawn by a break or a pause, a routine) is over.
    const Record* last = newest_of(events, {ev::reminder_shown, ev::reminder_snoozed, ev::reminder_skipped,
                                            ev::reminder_withdrawn, ev::routine_started});
    if (!last || last->type != ev::reminder_snoozed || last->wall < sitting_start_wall) return;
    const auto until = number(*last, key::until_ms);
    if (!until) return;
    reminder_ = Reminder::snoozed;
    reminder_at_ = mono_of(now, Millis{*until});  // already past: the reminder shows at once
    reminder_first_shown_ = now.mono;
    snoozes_ = static_cast<int>(number(*last, key::snoozes).value_or(0));
}

void Engine::restore_not_before(const Stamp& now, const std::vector<Record>& events, Millis sitting_start_wall) {
    // A skip or a stopped routine in this sitting holds the next reminder
    // back; the newer of the two set it last. One from before the sitting
    // began was ended by the break in between.
    const Record* last = newest_of(events, {ev::reminder_skipped, ev::routine_stopped});
    if (!last || last->wall < sitting_start_wall) return;
    if (const auto until = number(*last, key::until_ms)) not_before_ = mono_of(now, Millis{*until});
}

}  // namespace limber::core
