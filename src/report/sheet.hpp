// SPDX-License-Identifier: MIT
// A routine written out to learn it once or to print it: `limberctl
// routines show ID` as text, or as one self-contained HTML page with every
// step's figure. Pure functions of the routine; the figures' SVG text is
// read by the caller.
#pragma once

#include <string>
#include <vector>

#include "core/routine.hpp"

namespace limber::report {

// A step's picture: its SVG, and the same drawing mirrored for the other
// side of a two-sided step. Either may be empty (no figure, or one that
// cannot be mirrored).
struct SheetFigure {
    std::string svg;
    std::string mirrored;
};

// What a step asks of the body and for how long, as one sentence:
// "Hold 30 s on each leg, left first.", "5 times, about 50 s each.",
// "No timer: stay as long as it feels good, then press Next."
std::string step_timing(const Step& step);
// "6 min", with a word on the steps that have no timer. The number is
// Routine::total() as human_duration says it, as everywhere else.
std::string routine_length(const Routine& routine);

// Name, place, needs, length and safety, then the numbered steps; lines
// wrapped to `width` columns.
std::string sheet_text(const Routine& routine, int width = 78);
// One A4-printable page, inline CSS and SVG, nothing fetched. `figures` is
// one per step (missing ones count as none).
std::string sheet_html(const Routine& routine, const std::vector<SheetFigure>& figures);

}  // namespace limber::report
