// SPDX-License-Identifier: MIT
// limber-tray's wiring: the daemon link feeds a Snapshot; the icon, the
// tooltip and the menu are computed from it (model.hpp, menu.hpp) when it
// changes or when a host asks. One loop, one thread; the only timer is the
// one for the next moment the icon would change by itself.
#pragma once

#include <functional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "dbus/asio_bus.hpp"
#include "tray/daemon_link.hpp"
#include "tray/dbus_menu.hpp"
#include "tray/model.hpp"
#include "tray/sni.hpp"

namespace limber::tray {

struct TrayOptions {
    std::string socket;           // limberd's socket
    std::string service;          // our well-known bus name
    std::string icon_theme_path;  // where hosts find our icons if not in their theme
};

class Tray {
public:
    // `quit` ends the program (the "Quit tray" item).
    Tray(boost::asio::io_context& io, dbus::AsioBus& bus, TrayOptions options, std::function<void()> quit);
    Tray(const Tray&) = delete;
    Tray& operator=(const Tray&) = delete;

    void start();

private:
    static Now now();
    void changed();
    void clicked(const std::string& key);
    void activate();
    // Something the user clicked for did not happen: a notification says so.
    void tell(const std::string& title, const std::string& body);
    void arm_icon_timer(const Now& at);

    boost::asio::io_context& io_;
    dbus::AsioBus& bus_;
    std::function<void()> quit_;
    std::string socket_;  // for the limberctl that makes a routine sheet
    Snapshot snapshot_;
    StatusNotifierItem item_;
    DbusMenu menu_;
    DaemonLink link_;
    boost::asio::steady_timer icon_timer_;
};

}  // namespace limber::tray
