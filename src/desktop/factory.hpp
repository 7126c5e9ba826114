// SPDX-License-Identifier: MIT
// The one place that knows every desktop backend. It tries them in order,
// keeps the first that works, and records why each one was or was not
// chosen, for `limberctl doctor` and `status`.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "desktop/current_desktop.hpp"
#include "desktop/glib_thread.hpp"
#include "desktop/idle_source.hpp"
#include "desktop/notifier.hpp"
#include "desktop/sound.hpp"
#include "desktop/speech.hpp"
#include "util/result.hpp"

namespace limber::desktop {

struct Probe {
    std::string kind;  // "activity" or "notifier"; session sources: "lock", "sleep", "inhibitors"
    std::string name;  // "wayland", "gnome", "x11", "none"; "libnotify"
    bool used = false;
    std::string why;   // for people: why it is or is not in use
};

struct Desktop {
    CurrentDesktop current{std::nullopt};  // XDG_CURRENT_DESKTOP, read once at start
    std::unique_ptr<IdleSource> idle;    // null: no activity source, count session time
    std::unique_ptr<Notifier> notifier;  // never null; without a session bus it keeps what it is given
    GlibThread* glib = nullptr;          // the notifier's GLib thread (GSettings); null if it has none
    std::unique_ptr<Sound> sound;        // never null; connects only while a routine runs
    std::unique_ptr<Speech> speech;      // never null; connects only while a routine runs with speak on
    std::vector<Probe> probes;           // activity backends in the order tried, then the notifier
};

// idle_backend: "auto", "wayland", "gnome", "x11" or "none". auto tries
// them in order: wayland (only with WAYLAND_DISPLAY), gnome, x11 (never with
// WAYLAND_DISPLAY: it would see XWayland clients only), none; in a GNOME
// session (XDG_CURRENT_DESKTOP contains GNOME) gnome first. Every backend
// gets a Probe. A named backend is used or is an error that says why: no
// quiet fallback to another.
Result<Desktop> make_desktop(boost::asio::io_context& io, std::string_view idle_backend,
                             IdleListener& idle_listener, NotifierListener& notifier_listener);

}  // namespace limber::desktop
