// SPDX-License-Identifier: MIT
// What every do-not-disturb source keeps, whatever the desktop: whether its
// server runs, whether do-not-disturb is on, and what went wrong, with
// the one way it reports a change to its BusyListener.
#pragma once

#include <string>

#include "desktop/busy_source.hpp"
#include "util/log.hpp"

namespace limber::desktop {

struct DndState {
    DndState(BusyListener& to, std::string by) : listener(to), who(std::move(by)) {}

    void set_on(bool now) {
        if (now == on) return;
        on = now;
        log::get("busy")->info("{} do-not-disturb {}", who, on ? "on" : "off");
        listener.on_busy(core::BusyKind::dnd, on, who);
    }
    // The bus went away: nobody holds notifications back any more.
    void lost(const std::string& why) {
        error = why;
        running = false;
        set_on(false);
    }

    BusyListener& listener;
    const std::string who;  // status says "dnd: <who>"
    bool running = false;   // its server is on the bus
    bool on = false;
    std::string error;      // why it cannot be read; empty when it can
};

}  // namespace limber::desktop
