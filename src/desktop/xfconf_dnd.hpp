// SPDX-License-Identifier: MIT
// xfce4-notifyd's do-not-disturb, which it keeps in xfconf (channel
// xfce4-notifyd, property /do-not-disturb) rather than on its own D-Bus
// object: read from xfconfd once whenever it appears, then followed
// through its PropertyChanged and PropertyRemoved signals, matched on the
// channel so other settings do not wake us. xfconfd is only asked while
// it runs: asking would start it through D-Bus activation on a desktop
// that is not Xfce.
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

class XfconfDnd {
public:
    static std::unique_ptr<XfconfDnd> create(dbus::AsioBus& bus, BusyListener& listener);
    ~XfconfDnd();
    Probe probe() const;  // kind "busy", name "xfce do-not-disturb"
    void lost(const std::string& why);

private:
    XfconfDnd(dbus::AsioBus& bus, BusyListener& listener);
    void ask();

    dbus::AsioBus& bus_;
    DndState state_;
    std::unique_ptr<sdbus::IProxy> proxy_;
    std::vector<sdbus::Slot> slots_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
