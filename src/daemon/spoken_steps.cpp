// SPDX-License-Identifier: MIT
#include "daemon/spoken_steps.hpp"

#include "daemon/sound_cues.hpp"

namespace limber::daemon {
namespace {

std::string count(long long n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string spoken_duration(Millis d) {
    // Written out: a voice reads "30 s" as "thirty s".
    const long long total = (d.count() + 999) / 1000;
    const long long minutes = total / 60, seconds = total % 60;
    if (minutes == 0) return count(seconds, "second", "seconds");
    std::string out = count(minutes, "minute", "minutes");
    if (seconds) out += " " + count(seconds, "second", "seconds");
    return out;
}

std::optional<std::string> words_for_step(const core::ShowStep* previous, const core::ShowStep& next) {
    // The same moments as the sound cues: one to hear, one to understand.
    const std::optional<desktop::Cue> cue = cue_for_step(previous, next);
    if (!cue) return std::nullopt;
    std::string words;
    if (next.index + 1 == next.of && next.of > 1) words += "Last one. ";
    if (*cue == desktop::Cue::switch_sides) {
        words += "Switch sides: " + next.side + " leg.";
    } else {
        words += next.step.name;
        if (!next.side.empty()) words += ", " + next.side + " leg";
        words += ".";
    }
    if (next.step.until_next) words += " No timer: press Next when you are ready.";
    else if (next.step.reps > 0) words += " " + count(next.step.reps, "time.", "times.");
    else if (next.step.hold > Millis{0}) words += " Hold for " + spoken_duration(next.step.hold) + ".";
    return words;
}

std::optional<std::string> words_for_end(const core::RoutineEnded& ended) {
    if (!ended.completed) return std::nullopt;  // stopped: the user knows, and may be on a call
    return ended.routine_name + " done. Well done.";
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
