// SPDX-License-Identifier: MIT
// Where a routine's stage is, as its notification shows it: a bar of the
// hold that is left and, on a step counted in reps, the rep. The
// notification is shown again a few times per stage, never every second,
// and only while a routine runs. The arithmetic is pure; StepProgress
// carries it out on the daemon's loop.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "core/effects.hpp"
#include "daemon/mark_timer.hpp"

namespace limber::daemon {

struct StepPoint {
    std::optional<int> percent_left;  // 100 as the stage starts, 0 as it ends; none when untimed
    int rep = 0;                      // 1-based, on a step counted in reps; else 0
};

// Where a stage is `elapsed` into its own length (step.duration).
StepPoint step_point(const core::ShowStep& s, Millis elapsed);
// How often a stage of this length is shown again: a quarter of it, but at
// least every 10 s on long holds and at most every second on short ones.
Millis refresh_every(Millis length);
// When a stage just shown is shown again, counted from that showing (its
// `remaining` says how far in it already was); none for an untimed stage,
// none in the last half interval (the next stage is about to replace it).
std::vector<Millis> refresh_offsets(const core::ShowStep& s);

class StepProgress {
public:
    // `refresh` false: a new stage; true: the same stage further along.
    using Show = std::function<void(const StepPoint& at, bool refresh)>;

    explicit StepProgress(boost::asio::io_context& io);
    // Shows the stage now, then at each of its refresh_offsets from
    // `shown_at` until the next stage or the end.
    void stage(const core::ShowStep& s, Show show,
               std::chrono::steady_clock::time_point shown_at = std::chrono::steady_clock::now());
    void ended();

private:
    MarkTimer marks_;
};

}  // namespace limber::daemon
