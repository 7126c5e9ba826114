// SPDX-License-Identifier: MIT
#include "daemon/sound_cues.hpp"

namespace limber::daemon {
namespace {

constexpr int kCount = 3;                      // ticks before a hold ends
constexpr Millis kTickEvery{1000};
constexpr Millis kQuietAfterStepCue{1000};    // the step's cue plays out first

}  // namespace

std::optional<desktop::Cue> cue_for_step(const core::ShowStep* previous, const core::ShowStep& next) {
    if (previous && previous->routine_id == next.routine_id && previous->index == next.index) return std::nullopt;
    // The stage right after one side of the same step is its other side.
    const bool other_side = previous && previous->routine_id == next.routine_id &&
                            previous->index + 1 == next.index && previous->step.name == next.step.name &&
                            !previous->side.empty() && !next.side.empty() && previous->side != next.side;
    return other_side ? desktop::Cue::switch_sides : desktop::Cue::step;
}

std::optional<desktop::Cue> cue_for_end(const core::RoutineEnded& ended) {
    if (ended.completed) return desktop::Cue::complete;
    return std::nullopt;  // the user stopped it, or a lock or suspend did: nothing to celebrate
}

std::vector<Millis> tick_offsets(const core::ShowStep& step, bool rep_ticks) {
    std::vector<Millis> out;
    if (step.step.reps > 0) {
        // A tick as each repetition after the first begins; the step's own
        // cue starts the first. The stage may have been shown late (after a
        // restart), so count back from what remains.
        const Millis rep_time = step.step.duration / step.step.reps;  // a side's time is reps × rep_time
        if (!rep_ticks || rep_time <= Millis{0}) return out;
        const Millis start = step.remaining - step.step.duration;
        for (int k = 1; k < step.step.reps; ++k) {
            const Millis at = start + rep_time * k;
            if (at >= kQuietAfterStepCue) out.push_back(at);
        }
        return out;
    }
    if (step.step.hold <= Millis{0}) return out;  // untimed
    for (int k = kCount; k >= 1; --k) {
        const Millis at = step.remaining - kTickEvery * k;
        if (at >= kQuietAfterStepCue) out.push_back(at);
    }
    return out;
}

SoundCues::SoundCues(boost::asio::io_context& io, desktop::Sound& sound) : sound_(sound), ticks_(io) {}

void SoundCues::step(const core::ShowStep& step, bool enabled, bool rep_ticks) {
    const std::optional<desktop::Cue> cue = cue_for_step(previous_ ? &*previous_ : nullptr, step);
    previous_ = step;
    if (!cue) return;  // the same stage again: its ticks are already set
    ticks_.cancel();
    if (!enabled) return;
    sound_.open();  // the first step of a routine connects
    sound_.play(*cue);
    ticks_.plan(std::chrono::steady_clock::now(), tick_offsets(step, rep_ticks),
                [this](std::size_t) { sound_.play(desktop::Cue::tick); });
}

void SoundCues::ended(const core::RoutineEnded& ended, bool enabled) {
    previous_.reset();
    ticks_.cancel();
    if (const auto cue = cue_for_end(ended); cue && enabled) sound_.play(*cue);
    sound_.release();
}

void SoundCues::hush() { ticks_.cancel(); }

}  // namespace limber::daemon
