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
    Millis duration{0};     // time given to one side of this step
    bool both_sides = false;
};

struct Routine {
    std::string id;
    std::string name;
    std::string summary;
    std::string place;     // "desk", "floor", ...
    std::string safety;    // shown with the first step
    std::vector<Step> steps;

    // Whole length with both sides of every two-sided step.
    Millis total() const {
        Millis sum{0};
        for (const Step& s : steps) sum += s.duration * (s.both_sides ? 2 : 1);
        return sum;
    }
};

}  // namespace limber
