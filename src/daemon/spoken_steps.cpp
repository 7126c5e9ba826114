// SPDX-License-Identifier: MIT
#include "daemon/spoken_steps.hpp"

#include "daemon/sound_cues.hpp"
#include "util/i18n.hpp"

namespace limber::daemon {

std::string spoken_duration(Millis d) {
    // Written out: a voice reads "30 s" as "thirty s".
    const long long total = (d.count() + 999) / 1000;
    const long long minutes = total / 60, seconds = total % 60;
    // TRANSLATORS: spoken durations, written out for a voice: "1 minute 30 seconds".
    if (minutes == 0) return trnf("{} second", "{} seconds", seconds, seconds);
    std::string out = trnf("{} minute", "{} minutes", minutes, minutes);
    if (seconds) out += " " + trnf("{} second", "{} seconds", seconds, seconds);
    return out;
}

std::optional<std::string> words_for_step(const core::ShowStep* previous, const core::ShowStep& next) {
    // The same moments as the sound cues: one to hear, one to understand.
    const std::optional<desktop::Cue> cue = cue_for_step(previous, next);
    if (!cue) return std::nullopt;
    std::string words;
    // TRANSLATORS: spoken before the last step of a routine.
    if (next.index + 1 == next.of && next.of > 1) words += std::string(tr("Last one.")) + " ";
    const std::string leg = next.side == "left" ? tr("left leg") : tr("right leg");
    if (*cue == desktop::Cue::switch_sides) {
        // TRANSLATORS: spoken: {} is "left leg" or "right leg".
        words += trf("Switch sides: {}.", leg);
    } else {
        // TRANSLATORS: spoken: {0} is a step's name, {1} the leg.
        words += next.side.empty() ? next.step.name + "." : trf("{0}, {1}.", next.step.name, leg);
    }
    if (next.step.until_next) words += " " + std::string(tr("No timer: press Next when you are ready."));
    else if (next.step.reps > 0) words += " " + trnf("{} time.", "{} times.", next.step.reps, next.step.reps);
    else if (next.step.hold > Millis{0}) words += " " + trf("Hold for {}.", spoken_duration(next.step.hold));
    return words;
}

std::optional<std::string> words_for_end(const core::RoutineEnded& ended) {
    if (!ended.completed) return std::nullopt;  // stopped: the user knows, and may be on a call
    // TRANSLATORS: spoken at the end of a routine; {} is its name.
    return trf("{} done. Well done.", ended.routine_name);
}

void SpokenSteps::step(const core::ShowStep& step, bool enabled) {
    const std::optional<std::string> words = words_for_step(previous_ ? &*previous_ : nullptr, step);
    previous_ = step;
    if (!words || !enabled || step.quiet) return;
    speech_.open();  // the first step of a routine connects
    speech_.say(*words);
}

void SpokenSteps::ended(const core::RoutineEnded& ended, bool enabled) {
    previous_.reset();
    if (const auto words = words_for_end(ended); words && enabled && !ended.quiet) speech_.say(*words);
    speech_.release();
}

void SpokenSteps::hush() { speech_.hush(); }

}  // namespace limber::daemon
