// SPDX-License-Identifier: MIT
// Which sound goes with which moment of a routine, and when: the daemon
// hands every step and the end to SoundCues; the choice itself is pure.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/effects.hpp"
#include "daemon/mark_timer.hpp"
#include "desktop/sound.hpp"

namespace limber::daemon {

// The cue for a step that is now shown, given the one shown before it in
// this routine (null at the routine's start). None when it is the same
// stage shown again.
std::optional<desktop::Cue> cue_for_step(const core::ShowStep* previous, const core::ShowStep& next);
// "complete" for a routine done to its end; nothing when it was stopped.
std::optional<desktop::Cue> cue_for_end(const core::RoutineEnded& ended);
// When a tick sounds, from the step's start. A hold: one per second for
// its last three. A step counted in reps: one per repetition when
// `rep_ticks`, else none. Never in the step's first second (its own cue is
// still playing).
std::vector<Millis> tick_offsets(const core::ShowStep& step, bool rep_ticks);

class SoundCues {
public:
    SoundCues(boost::asio::io_context& io, desktop::Sound& sound);

    // `enabled` and `rep_ticks` are the settings at that moment, so a
    // reload applies at the next cue.
    void step(const core::ShowStep& step, bool enabled, bool rep_ticks);
    void ended(const core::RoutineEnded& ended, bool enabled);
    // The user became busy (a call): what was still to sound does not.
    void hush();

private:
    desktop::Sound& sound_;
    MarkTimer ticks_;
    std::optional<core::ShowStep> previous_;
};

}  // namespace limber::daemon
