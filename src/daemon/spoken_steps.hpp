// SPDX-License-Identifier: MIT
// What is said aloud during a routine, and when: the daemon hands every
// step and the end to SpokenSteps; the words themselves are pure.
#pragma once

#include <optional>
#include <string>

#include "core/effects.hpp"
#include "desktop/speech.hpp"

namespace limber::daemon {

// A duration as it is read out: "30 seconds", "1 minute 30 seconds".
std::string spoken_duration(Millis d);
// The words for a stage that is now shown, given the one before it in this
// routine (null at the start): its name and side, "Switch sides" for the
// other side of the same step, "Last one" for the last stage. None when
// the same stage is shown again.
std::optional<std::string> words_for_step(const core::ShowStep* previous, const core::ShowStep& next);
std::optional<std::string> words_for_end(const core::RoutineEnded& ended);

class SpokenSteps {
public:
    explicit SpokenSteps(desktop::Speech& speech) : speech_(speech) {}

    // `enabled` is the setting at that moment, so a reload (or the tray's
    // toggle) applies at the next step. A step or end the engine marks
    // quiet (the user is in a call) is not said.
    void step(const core::ShowStep& step, bool enabled);
    void ended(const core::RoutineEnded& ended, bool enabled);
    // A call started mid-routine: the words being said stop now, like the
    // sound cues; the steps during the call come quiet, so nothing more is
    // said until it ends.
    void hush();

private:
    desktop::Speech& speech_;
    std::optional<core::ShowStep> previous_;
};

}  // namespace limber::daemon
