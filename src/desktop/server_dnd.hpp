// SPDX-License-Identifier: MIT
// Do-not-disturb that the notification server keeps as a D-Bus property of
// its own object, /org/freedesktop/Notifications: dunst's `paused`
// (org.dunstproject.cmd0), KDE Plasma's `Inhibited` (on the spec's own
// interface). Both emit PropertiesChanged when it changes; it is read once
// whenever the server appears. No polling. Another server answers the
// read with an error: then this source stays off and doctor says why.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <sdbus-c++/IProxy.h>

#include "desktop/busy_source.hpp"
#include "desktop/dnd_state.hpp"
#include "desktop/factory.hpp"

namespace limber::dbus {
class AsioBus;
}

namespace limber::desktop {

struct DndProperty {
    const char* server;     // who status names: "dnd: dunst"
    const char* interface;  // on org.freedesktop.Notifications's object
    const char* property;   // a boolean: true while notifications are held back
};

inline constexpr DndProperty kDunstPaused{"dunst", "org.dunstproject.cmd0", "paused"};
inline constexpr DndProperty kPlasmaInhibited{"KDE Plasma", "org.freedesktop.Notifications", "Inhibited"};

class ServerDnd {
public:
    static std::unique_ptr<ServerDnd> create(dbus::AsioBus& bus, BusyListener& listener, const DndProperty& what);
    ~ServerDnd();
    Probe probe() const;  // kind "busy", name "<server> do-not-disturb"
    void lost(const std::string& why);

private:
    ServerDnd(dbus::AsioBus& bus, BusyListener& listener, const DndProperty& what);
    void ask();

    dbus::AsioBus& bus_;
    DndState state_;
    const DndProperty what_;
    std::unique_ptr<sdbus::IProxy> proxy_;
    std::vector<sdbus::Slot> slots_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
