// SPDX-License-Identifier: MIT
#include "core/routine_session.hpp"

namespace limber::core {
namespace {

// One stage per step, two (left, then right) for a step done on both sides.
std::vector<Stage> lay_out(const Routine& routine) {
    std::vector<Stage> stages;
    for (int i = 0; i < static_cast<int>(routine.steps.size()); ++i) {
        if (routine.steps[i].both_sides) {
            stages.push_back({i, "left"});
            stages.push_back({i, "right"});
        } else {
            stages.push_back({i, ""});
        }
    }
    return stages;
}

}  // namespace

RoutineSession::RoutineSession(Routine routine, Millis now)
    : routine_(std::move(routine)), stages_(lay_out(routine_)), started_(now), stage_ends_(ends_after(now)) {}

bool RoutineSession::advance(Millis now) {
    if (index_ + 1 >= count()) return false;
    ++index_;
    stage_ends_ = ends_after(now);
    return true;
}

std::optional<Millis> RoutineSession::ends_after(Millis now) const {
    if (step().untimed()) return std::nullopt;
    return now + step().duration;
}

}  // namespace limber::core
