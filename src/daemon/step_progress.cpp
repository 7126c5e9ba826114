// SPDX-License-Identifier: MIT
#include "daemon/step_progress.hpp"

#include <algorithm>

namespace limber::daemon {
namespace {

constexpr Millis kFewest{1000};    // a 4 s hold still gets three steps of its bar
constexpr Millis kLongest{10000};  // a 2-minute hold moves every 10 s, not every 30

Millis elapsed_at_show(const core::ShowStep& s) {
    return std::clamp(s.step.duration - s.remaining, Millis{0}, s.step.duration);
}

}  // namespace

StepPoint step_point(const core::ShowStep& s, Millis elapsed) {
    StepPoint at;
    const Millis length = s.step.duration;
    if (s.step.untimed() || length <= Millis{0}) return at;
    elapsed = std::clamp(elapsed, Millis{0}, length);
    // Rounded down, so the bar reaches 0 only at the end and 100 only at the start.
    at.percent_left = static_cast<int>((length - elapsed) * 100 / length);
    if (s.step.reps > 0) {
        const Millis rep_time = length / s.step.reps;
        at.rep = std::min<int>(s.step.reps, static_cast<int>(elapsed / rep_time) + 1);
    }
    return at;
}

Millis refresh_every(Millis length) { return std::clamp(length / 4, kFewest, kLongest); }

std::vector<Millis> refresh_offsets(const core::ShowStep& s) {
    std::vector<Millis> out;
    const Millis length = s.step.duration;
    if (s.step.untimed() || length <= Millis{0}) return out;
    const Millis every = refresh_every(length);
    const Millis shown = elapsed_at_show(s);
    for (Millis mark = every; mark + every / 2 <= length; mark += every) {
        if (mark > shown) out.push_back(mark - shown);
    }
    return out;
}

StepProgress::StepProgress(boost::asio::io_context& io) : marks_(io) {}

void StepProgress::stage(const core::ShowStep& s, Show show, std::chrono::steady_clock::time_point shown_at) {
    const Millis shown = elapsed_at_show(s);
    show(step_point(s, shown), false);
    std::vector<Millis> offsets = refresh_offsets(s);
    marks_.plan(shown_at, offsets,
                [s, show = std::move(show), offsets, shown](std::size_t i) {
                    show(step_point(s, shown + offsets[i]), true);
                });
}

void StepProgress::ended() { marks_.cancel(); }

}  // namespace limber::daemon
