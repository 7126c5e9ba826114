// SPDX-License-Identifier: MIT
// What counts as stretching, one rule for the engine and the reports: time
// actually spent on a routine's steps, at least a minute of it. A routine
// clicked through with Next in a few seconds is no stretch, and no break
// from sitting either.
#pragma once

#include "core/time.hpp"

namespace limber::core {

inline constexpr Millis kStretchMinimum{60'000};

inline bool counts_as_stretch(Millis spent_on_steps) { return spent_on_steps >= kStretchMinimum; }

}  // namespace limber::core
