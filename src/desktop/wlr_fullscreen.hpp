// SPDX-License-Identifier: MIT
// A fullscreen window with the focus, on wlroots compositors (sway, labwc,
// Hyprland, river, Wayfire) through zwlr_foreign_toplevel_management_v1:
// the compositor tells us every toplevel and each change of its states,
// and we are busy while one is both activated and fullscreen. Its own
// Wayland connection on the daemon's loop; events only, no polling. GNOME
// and KDE do not offer the protocol, and the probe says so.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "desktop/busy_source.hpp"
#include "desktop/factory.hpp"

struct zwlr_foreign_toplevel_manager_v1;
struct zwlr_foreign_toplevel_handle_v1;

namespace limber::desktop {

class WaylandConnection;

class WlrFullscreen {
public:
    static constexpr const char* kGlobal = "zwlr_foreign_toplevel_manager_v1";

    // Never fails: outside Wayland, or on a compositor without the
    // protocol, the probe says why.
    static std::unique_ptr<WlrFullscreen> create(boost::asio::io_context& io, BusyListener& listener);
    ~WlrFullscreen();
    WlrFullscreen(const WlrFullscreen&) = delete;
    WlrFullscreen& operator=(const WlrFullscreen&) = delete;

    Probe probe() const;  // kind "busy", name "wayland fullscreen"

    // One toplevel's states: pending until the compositor's "done".
    struct Toplevel {
        std::string app_id;
        bool active = false, fullscreen = false;
        bool next_active = false, next_fullscreen = false;
    };

    // Called from the protocol's listeners.
    void added(zwlr_foreign_toplevel_handle_v1* handle);
    void changed();  // a toplevel's "done" or "closed"
    void closed(zwlr_foreign_toplevel_handle_v1* handle);
    void finished();
    Toplevel& toplevel(zwlr_foreign_toplevel_handle_v1* handle) { return toplevels_[handle]; }

private:
    explicit WlrFullscreen(BusyListener& listener);
    void lost(const std::string& why);
    void report(bool on, const std::string& who);

    BusyListener& listener_;
    std::unique_ptr<WaylandConnection> connection_;
    zwlr_foreign_toplevel_manager_v1* manager_ = nullptr;
    std::map<zwlr_foreign_toplevel_handle_v1*, Toplevel> toplevels_;
    std::string why_;  // what the probe says
    bool used_ = false;
    bool on_ = false;
    std::string who_;
};

}  // namespace limber::desktop
