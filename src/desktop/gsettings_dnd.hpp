// SPDX-License-Identifier: MIT
// GNOME's do-not-disturb: the key show-banners of the GSettings schema
// org.gnome.desktop.notifications, false while it is on. Read through
// GSettings (dconf underneath) on the notifier's GLib thread, which
// delivers its "changed" signal; the answer is posted to the daemon's
// loop. dconf's own match rule on the session bus wakes that thread only
// for changes under /org/gnome/desktop/notifications/. The daemon makes
// one only in a GNOME session. Without the schema (no
// gsettings-desktop-schemas, which every GNOME has) or without dconf (GIO
// would keep settings in our own memory) the source is off and doctor
// says so.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>

#include "desktop/busy_source.hpp"
#include "desktop/dnd_state.hpp"
#include "desktop/factory.hpp"
#include "desktop/glib_thread.hpp"

namespace limber::desktop {

class GsettingsDnd {
public:
    // `glib` null: nothing to read GSettings on; the probe says so.
    static std::unique_ptr<GsettingsDnd> create(boost::asio::io_context& io, GlibThread* glib,
                                                BusyListener& listener);
    ~GsettingsDnd();
    GsettingsDnd(const GsettingsDnd&) = delete;
    GsettingsDnd& operator=(const GsettingsDnd&) = delete;

    Probe probe() const;  // kind "busy", name "GNOME do-not-disturb"

    struct Glib;  // the GSettings side; touched on the GLib thread only

private:
    GsettingsDnd(boost::asio::io_context& io, GlibThread* glib, BusyListener& listener);

    boost::asio::io_context& io_;
    GlibThread* glib_;
    DndState state_;
    std::shared_ptr<Glib> glib_side_;
    std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace limber::desktop
