// SPDX-License-Identifier: MIT
// The picture on a step's notification: the step's own figure file, and on
// the second side of a two-sided step that figure mirrored.
//
// A mirrored figure is written under $XDG_RUNTIME_DIR/limber/figures, not the
// cache dir: it is derived from the figure in microseconds, a few hundred
// bytes, so keeping it across reboots buys nothing; the runtime dir is a
// tmpfs (no disk write per routine), emptied at logout (nothing to clean up),
// and private to the user (another user cannot swap the picture), like the
// socket beside it. Its name carries a hash of its content, so it is
// written once, and an edited figure gets a new file instead of a stale one.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/effects.hpp"
#include "util/result.hpp"

namespace limber::daemon {

// The stage shows the figure mirrored: the second of a two-sided step's
// sides (RoutineSession lays out left, then right; figures draw the first).
bool shows_mirrored(const core::ShowStep& s);
// "quarter-dog-mirrored-<16 hex digits>.svg" for a figure file and its
// mirrored text: the same text, the same name.
std::string mirrored_file_name(const std::string& source, std::string_view mirrored_svg);
// Mirrors `source` into `dir` (made if missing) unless that file is there
// already; returns its path. Error: the figure cannot be read or mirrored,
// or the file cannot be written.
Result<std::string> write_mirrored(const std::string& source, const std::string& dir);

class StepFigures {
public:
    // `mirror_dir`: where mirrored figures go; empty when there is nowhere.
    explicit StepFigures(std::string mirror_dir);
    // An absolute path for the notification's image-path; empty when the
    // step has no figure or it cannot be shown, which is one log line per
    // figure file: the step is shown without a picture, never held up.
    std::string for_stage(const core::ShowStep& s);

private:
    void warn_once(const std::string& figure, const std::string& why);

    std::string mirror_dir_;
    std::set<std::string> warned_;
};

}  // namespace limber::daemon
