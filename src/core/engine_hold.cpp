// SPDX-License-Identifier: MIT
// Reminders that wait for the end of a call. A reminder that falls due
// while the user is busy (microphone, camera, a shared screen, a fullscreen
// window, do-not-disturb) is held: not shown, not lost. When the busy time
// ends it shows after the grace; a hold that reaches the ceiling shows
// quietly anyway, since a three-hour call is exactly when a stretch is due.
// A break during the hold answers it: then there is nothing to show.
#include "core/engine.hpp"
#include "core/vocabulary.hpp"

namespace limber::core {

namespace ev = vocab::event;
namespace key = vocab::key;

const char* to_string(BusyKind k) {
    switch (k) {
        case BusyKind::microphone: return vocab::busy::microphone;
        case BusyKind::camera: return vocab::busy::camera;
        case BusyKind::screencast: return vocab::busy::screencast;
        case BusyKind::fullscreen: return vocab::busy::fullscreen;
        case BusyKind::dnd: return vocab::busy::dnd;
    }
    return vocab::busy::microphone;
}

std::optional<BusyKind> busy_kind(std::string_view name) {
    for (BusyKind k : kBusyKinds)
        if (name == to_string(k)) return k;
    return std::nullopt;
}

Effects Engine::busy(const Stamp& now, BusySet active) {
    Effects fx;
    const BusySet before = counted_busy();
    busy_ = active;
    busy_changed(fx, now, before);
    return fx;
}

void Engine::busy_changed(Effects& fx, const Stamp& now, BusySet before) {
    const BusySet after = counted_busy();
    if (before.empty() == after.empty()) return;
    if (!after.empty()) {
        if (session_) fx.add(Hush{});  // a call started mid-routine: no more cues
        if (hold_) hold_->release_at.reset();  // back in a call during the grace
        return;
    }
    overdue_ = false;
    if (!hold_) return;
    // Do-not-disturb is a switch the user turned off to see what waited:
    // show it now. A call's end leaves time to say goodbye.
    const bool only_dnd = before == BusySet{BusyKind::dnd};
    hold_->release_at = now.mono + (only_dnd ? Millis{0} : settings_.hold_grace);
}

void Engine::reminder_time_came(Effects& fx, const Stamp& now) {
    if (hold_) {
        const Millis held = now.mono - hold_->since;
        const bool at_ceiling = !hold_->release_at;
        end_hold(fx, now, at_ceiling ? vocab::why::ceiling : vocab::why::grace);
        if (at_ceiling) overdue_ = true;
        show_reminder(fx, now, held, at_ceiling);
        return;
    }
    const BusySet busy = counted_busy();
    if (busy.empty() || overdue_) {
        show_reminder(fx, now, Millis{0}, !busy.empty());
        return;
    }
    hold_ = Hold{*busy.first(), now.mono, std::nullopt};
    record(fx, now, ev::reminder_held, {{key::kind, std::string(to_string(hold_->kind))}});
}

void Engine::end_hold(Effects& fx, const Stamp& now, const char* why) {
    if (!hold_) return;
    record(fx, now, ev::reminder_released, {{key::kind, std::string(to_string(hold_->kind))},
                                           {key::held_s, seconds(now.mono - hold_->since)},
                                           {key::why, std::string(why)}});
    hold_.reset();
}

}  // namespace limber::core
