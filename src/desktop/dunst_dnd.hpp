// SPDX-License-Identifier: MIT
// dunst's do-not-disturb: the `paused` property of org.dunstproject.cmd0 on
// org.freedesktop.Notifications, followed through PropertiesChanged (dunst
// emits it when `dunstctl set-paused` changes the property) and read once
// whenever dunst appears. No polling.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <sdbus-c++/IProxy.h>

#include "desktop/busy_source.hpp"
#include "desktop/factory.hpp"

namespace limber::dbus {
class AsioBus;
}

namespace limber::desktop {

class DunstDnd {
public:
    static std::unique_ptr<DunstDnd> create(dbus::AsioBus& bus, BusyListener& listener);
    ~DunstDnd();
    Probe probe() const;  // kind "busy"
    void lost(const std::string& why);

private:
    DunstDnd(dbus::AsioBus& bus, BusyListener& listener);
    void ask_paused();
    void set_paused(bool paused);

    dbus::AsioBus& bus_;
    BusyListener& listener_;
    std::unique_ptr<sdbus::IProxy> proxy_;
    std::vector<sdbus::Slot> slots_;
    bool running_ = false;
    bool paused_ = false;
    std::string error_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
