// SPDX-License-Identifier: MIT
// A guided routine: plain data, loaded by the config library.
#pragma once

#include <string>
#include <vector>

#include "core/time.hpp"

namespace limber {

struct Step {
    std::string name;
    std::string how;        // one or two sentences
    Millis hold{0};         // how long to hold, per side; zero when counted in reps
    int reps = 0;           // repetitions per side; zero when held
    Millis duration{0};     // time given to one side; zero when untimed
    bool both_sides = false;
    bool until_next = false;  // untimed: lasts until the user says next
    std::string figure;       // as written in the file: "quarter-dog" or a path to an SVG
    std::string figure_path;  // the file it was found at; empty when none was

    // A step like "rest as long as it feels good" has no clock of its own.
    bool untimed() const { return until_next; }
};

struct Routine {
    std::string id;
    std::string name;
    std::string summary;
    std::string place;     // "desk", "seated", "floor" or "anywhere"
    std::vector<std::string> needs;  // "a strap or towel", ...; empty when nothing
    std::string safety;    // shown with every step
    std::string dir;       // the directory of its file: figures are looked up from here
    std::vector<Step> steps;

    // Whole length with both sides of every two-sided step; untimed steps
    // count nothing, so this is the least the routine takes.
    Millis total() const {
        Millis sum{0};
        for (const Step& s : steps) sum += s.duration * (s.both_sides ? 2 : 1);
        return sum;
    }
};

// A routine for "anywhere" fits wherever the user is.
inline bool fits_places(const Routine& r, const std::vector<std::string>& places) {
    if (r.place == "anywhere") return true;
    for (const std::string& p : places)
        if (p == r.place) return true;
    return false;
}

}  // namespace limber
