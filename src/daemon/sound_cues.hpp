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
// When the count before a hold's end sounds, from the step's start: one
// tick per second for the last three, none in the step's first second (its
// own cue is still playing), none for steps counted in reps.
std::vector<Millis> tick_offsets(const core::ShowStep& step);

class SoundCues {
public:
    SoundCues(boost::asio::io_context& io, desktop::Sound& sound);

    // `enabled` is the setting at that moment, so a reload applies at the next cue.
    void step(const core::ShowStep& step, bool enabled);
    void ended(const core::RoutineEnded& ended, bool enabled);
    // The user became busy (a call): what was still to sound does not.
    void hush();

private:
    desktop::Sound& sound_;
    MarkTimer ticks_;
    std::optional<core::ShowStep> previous_;
};

}  // namespace limber::daemon
