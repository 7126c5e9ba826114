// SPDX-License-Identifier: MIT
// Where activity comes from. One implementation per desktop protocol
// (x11_idle.cpp, ...); the factory picks one at run time.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace limber::desktop {

// Called on the daemon's io_context thread.
class IdleListener {
public:
    virtual ~IdleListener() = default;
    // Idle time crossed one of the watched thresholds; idle_for is how long
    // ago the last input was (at least the threshold).
    virtual void on_idle(Millis idle_for) = 0;
    // Input arrived after an on_idle.
    virtual void on_active() = 0;
    // The source died (display gone). The daemon exits non-zero.
    virtual void on_source_lost(const std::string& why) = 0;
};

class IdleSource {
public:
    virtual ~IdleSource() = default;
    virtual std::string_view name() const = 0;
    // Report on_idle once for each threshold the idle time crosses (any
    // order given; reported shortest first), and on_active at the first input
    // after any on_idle. Calling it again replaces the thresholds.
    virtual void watch(std::vector<Millis> thresholds) = 0;
    // Report on_active at the next input even though no on_idle came first:
    // the daemon learned of an absence elsewhere (lock, suspend).
    virtual void await_activity() {}
};

}  // namespace limber::desktop
