// SPDX-License-Identifier: MIT
// A routine in progress: its steps laid out as stages, one per side.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/routine.hpp"
#include "core/time.hpp"

namespace limber::core {

struct Stage {
    int step = 0;         // index into routine.steps
    std::string side;     // "left", "right" or ""
};

class RoutineSession {
public:
    RoutineSession(Routine routine, Millis now);

    const Routine& routine() const { return routine_; }
    const Stage& stage() const { return stages_[index_]; }
    const Step& step() const { return routine_.steps[stages_[index_].step]; }
    int index() const { return index_; }
    int count() const { return static_cast<int>(stages_.size()); }
    Millis started() const { return started_; }
    // When this stage ends by itself; none for an untimed step, which
    // waits for `next`.
    std::optional<Millis> stage_ends() const { return stage_ends_; }

    // Moves to the next stage; false when the routine is finished.
    bool advance(Millis now);

private:
    std::optional<Millis> ends_after(Millis now) const;

    Routine routine_;
    std::vector<Stage> stages_;
    int index_ = 0;
    Millis started_;
    std::optional<Millis> stage_ends_;
};

}  // namespace limber::core
