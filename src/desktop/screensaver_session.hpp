// SPDX-License-Identifier: MIT
// A screen saver or locker on the session bus that says when it is active:
// org.freedesktop.ScreenSaver (KDE, XFCE, ...) and org.gnome.ScreenSaver
// (GNOME Shell) both emit ActiveChanged(bool) and answer GetActive(). Active
// counts as locked: either way nobody is at the keyboard.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <sdbus-c++/IProxy.h>
#include <sdbus-c++/TypeTraits.h>

#include "dbus/asio_bus.hpp"
#include "desktop/factory.hpp"
#include "desktop/session_source.hpp"

namespace limber::desktop {

class ScreenSaverSession {
public:
    // service is also the interface name; path is where it answers GetActive.
    // Never fails once the bus is there: a screen saver that is not running
    // now may start later, so we listen anyway.
    static std::unique_ptr<ScreenSaverSession> create(dbus::AsioBus& bus, SessionListener& listener,
                                                      std::string service, std::string path);
    ~ScreenSaverSession();
    ScreenSaverSession(const ScreenSaverSession&) = delete;
    ScreenSaverSession& operator=(const ScreenSaverSession&) = delete;

    std::string_view name() const { return service_; }
    std::vector<Probe> probes() const;  // for doctor: kind "lock", "sleep" or "inhibitors"
    void lost(const std::string& why);

private:
    ScreenSaverSession(dbus::AsioBus& bus, SessionListener& listener, std::string service);
    void ask_active();
    void set_active(bool active);

    dbus::AsioBus& bus_;
    SessionListener& listener_;
    std::string service_;
    std::unique_ptr<sdbus::IProxy> proxy_;
    std::vector<sdbus::Slot> slots_;
    bool running_ = false;
    bool active_ = false;
    std::string error_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
