// SPDX-License-Identifier: MIT
#include "desktop/dunst_dnd.hpp"

#include <map>

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>
#include <sdbus-c++/Message.h>
#include <sdbus-c++/Types.h>

#include "dbus/asio_bus.hpp"
#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kService = "org.freedesktop.Notifications";
constexpr const char* kPath = "/org/freedesktop/Notifications";
constexpr const char* kInterface = "org.dunstproject.cmd0";
constexpr const char* kProperties = dbus::kPropertiesInterface;

}  // namespace

DunstDnd::DunstDnd(dbus::AsioBus& bus, BusyListener& listener) : bus_(bus), listener_(listener) {}

DunstDnd::~DunstDnd() { alive_.reset(); }

std::unique_ptr<DunstDnd> DunstDnd::create(dbus::AsioBus& bus, BusyListener& listener) {
    std::unique_ptr<DunstDnd> self(new DunstDnd(bus, listener));
    DunstDnd& d = *self;
    auto& c = bus.connection();
    try {
        d.proxy_ = sdbus::createProxy(c, kService, kPath);
        d.slots_.push_back(dbus::on_signal(
            c, dbus::signal_rule(kService, kPath, kProperties, "PropertiesChanged", kInterface), "busy",
            "dunst PropertiesChanged", [&d](sdbus::Message& m) {
                std::string interface;
                std::map<std::string, sdbus::Variant> changed;
                m >> interface >> changed;
                if (const auto it = changed.find("paused"); it != changed.end()) d.set_paused(it->second.get<bool>());
            }));
        d.slots_.push_back(dbus::watch_owner(c, kService, [&d](const std::string& owner) {
            d.running_ = !owner.empty();
            if (d.running_) {
                d.ask_paused();
            } else {
                d.set_paused(false);  // nobody holds notifications back any more
            }
        }));
        d.running_ = dbus::has_owner(c, kService);
    } catch (const sdbus::Error& e) {
        d.error_ = e.getMessage();
        log::get("busy")->info("cannot watch dunst: {}", d.error_);
        return self;
    }
    if (d.running_) {
        boost::asio::post(bus.executor(), [&d, alive = std::weak_ptr<bool>(d.alive_)] {
            if (!alive.expired()) d.ask_paused();
        });
    }
    return self;
}

void DunstDnd::ask_paused() {
    // Another notification server answers with an error: then this source
    // stays off, and doctor says why.
    proxy_->callMethodAsync("Get").onInterface(kProperties).withTimeout(dbus::kCallTimeout)
        .withArguments(std::string(kInterface), std::string("paused"))
        .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, sdbus::Variant v) {
            if (alive.expired()) return;
            if (e != nullptr) {
                error_ = "the notification server is not dunst (" + e->getMessage() + ")";
                log::get("busy")->debug("{}", error_);
                return;
            }
            error_.clear();
            set_paused(v.get<bool>());
        });
    bus_.process();
}

void DunstDnd::set_paused(bool paused) {
    if (paused == paused_) return;
    paused_ = paused;
    log::get("busy")->info("dunst do-not-disturb {}", paused ? "on" : "off");
    listener_.on_busy(core::BusyKind::dnd, paused, "dunst");
}

void DunstDnd::lost(const std::string& why) {
    error_ = why;
    running_ = false;
    set_paused(false);
}

Probe DunstDnd::probe() const {
    Probe p{"busy", "dunst do-not-disturb", error_.empty() && running_, {}};
    if (!error_.empty()) p.why = error_;
    else if (running_) p.why = std::string("paused through PropertiesChanged on the session bus") + (paused_ ? "; on now" : "");
    else p.why = "dunst is not running; listening in case it starts";
    return p;
}

}  // namespace limber::desktop
