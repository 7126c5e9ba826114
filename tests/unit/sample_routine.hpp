// SPDX-License-Identifier: MIT
// A routine of `steps` equal steps, for tests and the dispatch fuzzer that
// need one without reading a routine file.
#pragma once

#include <string>

#include "core/routine.hpp"

namespace limber::test_support {

inline Routine sample_routine(const std::string& id, int steps, Millis each, bool both_sides = false) {
    Routine r;
    r.id = id;
    r.name = "Routine " + id;
    r.safety = "Stop if it hurts.";
    for (int i = 0; i < steps; ++i) {
        Step s;
        s.name = "step " + std::to_string(i + 1);
        s.how = "Do it.";
        s.hold = each;
        s.duration = each;
        s.both_sides = both_sides;
        r.steps.push_back(s);
    }
    return r;
}

}  // namespace limber::test_support
