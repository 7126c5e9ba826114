// SPDX-License-Identifier: MIT
// Session state from the desktop: the screen lock, suspend, and idle
// inhibitors. One source per D-Bus service (logind_session.cpp,
// screensaver_session.cpp) reports to a SessionListener; session_factory.cpp
// starts them all and asks each for its probes.
#pragma once

#include <string>

namespace limber::desktop {

// Called on the daemon's io_context thread.
class SessionListener {
public:
    virtual ~SessionListener() = default;
    virtual void on_locked() = 0;
    virtual void on_unlocked() = 0;
    // The machine is about to sleep. What must be on disk before it does is
    // written before this returns: logind waits for us (a delay inhibitor).
    virtual void on_prepare_sleep() = 0;
    virtual void on_resumed() = 0;
    // An idle inhibitor (a video call, a presentation) appeared or went
    // away. `by` says who and why, for people: "firefox: Playing video".
    virtual void on_inhibitors_changed(bool idle_inhibited, const std::string& by) = 0;
};

}  // namespace limber::desktop
