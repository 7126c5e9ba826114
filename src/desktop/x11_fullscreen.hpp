// SPDX-License-Identifier: MIT
// A fullscreen window with the focus, on X11 through EWMH: busy while the
// window the root's _NET_ACTIVE_WINDOW names has _NET_WM_STATE_FULLSCREEN
// in its _NET_WM_STATE. PropertyNotify on the root (the active window
// changes, a window manager comes), on the active window (its state
// changes) and DestroyNotify on the window manager's check window (it went
// away, leaving its properties on the root behind) wake us through the X connection's fd on the daemon's
// loop. No polling.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "desktop/busy_source.hpp"
#include "desktop/factory.hpp"
#include "desktop/x11_connection.hpp"

namespace limber::desktop {

class X11Fullscreen {
public:
    // Never fails: under Wayland, without a display or without an EWMH
    // window manager, the probe says why. A window manager that starts
    // later is noticed.
    static std::unique_ptr<X11Fullscreen> create(boost::asio::io_context& io, BusyListener& listener);
    ~X11Fullscreen();
    X11Fullscreen(const X11Fullscreen&) = delete;
    X11Fullscreen& operator=(const X11Fullscreen&) = delete;

    Probe probe() const;  // kind "busy", name "x11 fullscreen"

private:
    // An X window or atom (an XID, i.e. unsigned long).
    using Xid = unsigned long;

    X11Fullscreen(BusyListener& listener, std::string error);
    void connect(boost::asio::io_context& io, std::unique_ptr<X11Connection> x);
    void on_event(_XEvent& event);
    void refresh();  // reads the window manager, the active window and its state again
    void follow(Xid& followed, Xid now, long mask);  // moves our event mask from one window to another
    Xid window_property(Xid window, Xid property) const;  // the first window in it, or 0
    bool fullscreen(Xid window) const;
    std::string who(Xid window) const;  // its WM_CLASS class, "Firefox"; may be empty
    void report(bool on, const std::string& who);

    BusyListener& listener_;
    std::unique_ptr<X11Connection> x_;
    std::string error_;  // why there is no connection
    Xid root_ = 0;
    Xid active_atom_ = 0, state_atom_ = 0, fullscreen_atom_ = 0, check_atom_ = 0, name_atom_ = 0, utf8_atom_ = 0;
    Xid check_ = 0;    // the EWMH window manager's check window; 0 without one
    std::string wm_;   // its _NET_WM_NAME
    Xid active_ = 0;   // the window whose PropertyNotify we follow
    bool on_ = false;
    std::string who_;
    std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // for the first refresh, posted
};

}  // namespace limber::desktop
