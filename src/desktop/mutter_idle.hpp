// SPDX-License-Identifier: MIT
// Activity on GNOME from Mutter's idle monitor on the session bus
// (org.gnome.Mutter.IdleMonitor at /org/gnome/Mutter/IdleMonitor/Core).
// Mutter keeps the watches and tells us when one fires, so nothing polls:
//   AddIdleWatch(ms)     fires each time the idle time reaches ms
//   AddUserActiveWatch() fires once, at the next input
// Mutter's known behaviour: watches do not fire while the session inhibits
// idle (a video, a call), and they die with Mutter; when its bus name comes
// back (a GNOME Shell restart on X11) we add them again.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <sdbus-c++/IProxy.h>
#include <sdbus-c++/TypeTraits.h>

#include "dbus/asio_bus.hpp"
#include "desktop/idle_source.hpp"
#include "util/result.hpp"

namespace limber::desktop {

class MutterIdleSource final : public IdleSource {
public:
    // Connects to the session bus. Fails with a reason a user can act on:
    // "no session bus: ...", "org.gnome.Mutter.IdleMonitor is not on the
    // session bus (not GNOME, or Mutter is not running)".
    static Result<std::unique_ptr<MutterIdleSource>> create(boost::asio::io_context& io, IdleListener& listener);
    ~MutterIdleSource() override;
    MutterIdleSource(const MutterIdleSource&) = delete;
    MutterIdleSource& operator=(const MutterIdleSource&) = delete;

    std::string_view name() const override { return "gnome"; }
    void watch(std::vector<Millis> thresholds) override;
    void await_activity() override;

private:
    struct Watched {
        Millis threshold;
        std::uint32_t id = 0;
        bool reported = false;  // on_idle sent for it in this idle stretch
    };

    MutterIdleSource(std::unique_ptr<dbus::AsioBus> bus, IdleListener& listener);
    void add_watches();
    void add_active_watch();
    void on_fired(std::uint32_t id);
    void on_owner(const std::string& owner);
    void report_active();
    Millis idle_time(Millis at_least);

    std::unique_ptr<dbus::AsioBus> bus_;
    IdleListener& listener_;
    std::unique_ptr<sdbus::IProxy> monitor_;
    std::vector<sdbus::Slot> slots_;
    std::vector<Watched> watched_;  // shortest threshold first
    std::uint32_t active_id_ = 0;   // the pending user-active watch, 0: none
    bool idle_ = false;             // waiting for input after an on_idle or await_activity
    bool present_ = true;           // Mutter owns its name now
};

}  // namespace limber::desktop
