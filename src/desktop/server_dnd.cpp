// SPDX-License-Identifier: MIT
#include "desktop/server_dnd.hpp"

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
constexpr const char* kProperties = dbus::kPropertiesInterface;

}  // namespace

ServerDnd::ServerDnd(dbus::AsioBus& bus, BusyListener& listener, const DndProperty& what)
    : bus_(bus), state_(listener, what.server), what_(what) {}

ServerDnd::~ServerDnd() { alive_.reset(); }

std::unique_ptr<ServerDnd> ServerDnd::create(dbus::AsioBus& bus, BusyListener& listener, const DndProperty& what) {
    std::unique_ptr<ServerDnd> self(new ServerDnd(bus, listener, what));
    ServerDnd& d = *self;
    auto& c = bus.connection();
    try {
        d.proxy_ = sdbus::createProxy(c, kService, kPath);
        d.slots_.push_back(dbus::on_signal(
            c, dbus::signal_rule(kService, kPath, kProperties, "PropertiesChanged", what.interface), "busy",
            std::string(what.server) + " PropertiesChanged", [&d](sdbus::Message& m) {
                std::string interface;
                std::map<std::string, sdbus::Variant> changed;
                m >> interface >> changed;
                // A property of another type is not ours to read (get would throw).
                if (const auto it = changed.find(d.what_.property); it != changed.end())
                    d.state_.set_on(it->second.containsValueOfType<bool>() && it->second.get<bool>());
            }));
        d.slots_.push_back(dbus::watch_owner(c, kService, [&d](const std::string& owner) {
            d.state_.running = !owner.empty();
            if (d.state_.running) {
                d.ask();
            } else {
                d.state_.set_on(false);  // nobody holds notifications back any more
            }
        }));
        d.state_.running = dbus::has_owner(c, kService);
    } catch (const sdbus::Error& e) {
        d.state_.error = e.getMessage();
        log::get("busy")->info("cannot watch {}'s do-not-disturb: {}", what.server, d.state_.error);
        return self;
    }
    if (d.state_.running) {
        boost::asio::post(bus.executor(), [&d, alive = std::weak_ptr<bool>(d.alive_)] {
            if (!alive.expired()) d.ask();
        });
    }
    return self;
}

void ServerDnd::ask() {
    proxy_->callMethodAsync("Get").onInterface(kProperties).withTimeout(dbus::kCallTimeout)
        .withArguments(std::string(what_.interface), std::string(what_.property))
        .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, sdbus::Variant v) {
            if (alive.expired()) return;
            if (e != nullptr) {
                state_.error =
                    std::string("the notification server is not ") + what_.server + " (" + e->getMessage() + ")";
                log::get("busy")->debug("{}", state_.error);
                // Another server took the name over at once (no gap in which
                // it had no owner): what the old one said no longer holds.
                // A server that is only slow keeps what it last said.
                if (e->getName() != "org.freedesktop.DBus.Error.NoReply" &&
                    e->getName() != "org.freedesktop.DBus.Error.Timeout")
                    state_.set_on(false);
                return;
            }
            state_.error.clear();
            state_.set_on(v.containsValueOfType<bool>() && v.get<bool>());
        });
    bus_.process();
}

void ServerDnd::lost(const std::string& why) { state_.lost(why); }

Probe ServerDnd::probe() const {
    Probe p{"busy", std::string(what_.server) + " do-not-disturb", state_.error.empty() && state_.running, {}};
    if (!state_.error.empty()) p.why = state_.error;
    else if (state_.running)
        p.why = std::string(what_.property) + " through PropertiesChanged on the session bus" +
                (state_.on ? "; on now" : "");
    else p.why = std::string(what_.server) + " is not running; listening in case it starts";
    return p;
}

}  // namespace limber::desktop
