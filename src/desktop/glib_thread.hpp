// SPDX-License-Identifier: MIT
// A thread that runs a GLib main loop, for the GLib-based libraries that
// need one (GSettings): libnotify's thread is it, so there is one such
// thread in limberd, not one per library. No GLib types here.
#pragma once

#include <functional>

namespace limber::desktop {

class GlibThread {
public:
    virtual ~GlibThread() = default;
    // Runs `work` on the GLib thread, its loop's context the thread-default
    // (so what `work` subscribes to is delivered there), after what was
    // queued before; from any other thread never in the caller (from
    // the GLib thread itself GLib may run it at once). Work queued while
    // the thread stops is dropped.
    virtual void invoke(std::function<void()> work) = 0;
};

}  // namespace limber::desktop
