// SPDX-License-Identifier: MIT
#include "desktop/xfconf_dnd.hpp"

#include <boost/asio/post.hpp>
#include <sdbus-c++/Error.h>
#include <sdbus-c++/Message.h>
#include <sdbus-c++/Types.h>

#include "dbus/asio_bus.hpp"
#include "dbus/names.hpp"
#include "util/log.hpp"

namespace limber::desktop {
namespace {

constexpr const char* kService = "org.xfce.Xfconf";
constexpr const char* kPath = "/org/xfce/Xfconf";
constexpr const char* kInterface = "org.xfce.Xfconf";
constexpr const char* kChannel = "xfce4-notifyd";
constexpr const char* kProperty = "/do-not-disturb";
// What xfconfd answers for a property never set: do-not-disturb is off.
constexpr const char* kNotFound = "org.xfce.Xfconf.Error.PropertyNotFound";

}  // namespace

XfconfDnd::XfconfDnd(dbus::AsioBus& bus, BusyListener& listener) : bus_(bus), state_(listener, "Xfce") {}

XfconfDnd::~XfconfDnd() { alive_.reset(); }

std::unique_ptr<XfconfDnd> XfconfDnd::create(dbus::AsioBus& bus, BusyListener& listener) {
    std::unique_ptr<XfconfDnd> self(new XfconfDnd(bus, listener));
    XfconfDnd& d = *self;
    auto& c = bus.connection();
    try {
        d.proxy_ = sdbus::createProxy(c, kService, kPath);
        const auto rule = [](const char* member) {
            return dbus::signal_rule(kService, kPath, kInterface, member, kChannel);
        };
        d.slots_.push_back(dbus::on_signal(c, rule("PropertyChanged"), "busy", "xfconf PropertyChanged",
                                           [&d](sdbus::Message& m) {
                                               std::string channel, property;
                                               sdbus::Variant v;
                                               m >> channel >> property >> v;
                                               if (property != kProperty) return;
                                               d.state_.set_on(v.containsValueOfType<bool>() && v.get<bool>());
                                           }));
        d.slots_.push_back(dbus::on_signal(c, rule("PropertyRemoved"), "busy", "xfconf PropertyRemoved",
                                           [&d](sdbus::Message& m) {
                                               std::string channel, property;
                                               m >> channel >> property;
                                               if (property == kProperty) d.state_.set_on(false);
                                           }));
        d.slots_.push_back(dbus::watch_owner(c, kService, [&d](const std::string& owner) {
            d.state_.running = !owner.empty();
            if (d.state_.running) {
                d.ask();
            } else {
                d.state_.set_on(false);  // Xfce's settings went away with the session
            }
        }));
        d.state_.running = dbus::has_owner(c, kService);
    } catch (const sdbus::Error& e) {
        d.state_.error = e.getMessage();
        log::get("busy")->info("cannot watch xfconf: {}", d.state_.error);
        return self;
    }
    if (d.state_.running) {
        boost::asio::post(bus.executor(), [&d, alive = std::weak_ptr<bool>(d.alive_)] {
            if (!alive.expired()) d.ask();
        });
    }
    return self;
}

void XfconfDnd::ask() {
    proxy_->callMethodAsync("GetProperty").onInterface(kInterface).withTimeout(dbus::kCallTimeout)
        .withArguments(std::string(kChannel), std::string(kProperty))
        .uponReplyInvoke([this, alive = std::weak_ptr<bool>(alive_)](const sdbus::Error* e, sdbus::Variant v) {
            if (alive.expired()) return;
            if (e != nullptr && e->getName() != kNotFound) {
                state_.error =
                    "cannot read xfconf's " + std::string(kChannel) + kProperty + " (" + e->getMessage() + ")";
                log::get("busy")->info("{}", state_.error);
                return;
            }
            state_.error.clear();
            state_.set_on(e == nullptr && v.containsValueOfType<bool>() && v.get<bool>());
        });
    bus_.process();
}

void XfconfDnd::lost(const std::string& why) { state_.lost(why); }

Probe XfconfDnd::probe() const {
    Probe p{"busy", "xfce do-not-disturb", state_.error.empty() && state_.running, {}};
    if (!state_.error.empty()) p.why = state_.error;
    else if (state_.running)
        p.why = std::string("xfconf ") + kChannel + kProperty + ", followed through PropertyChanged" +
                (state_.on ? "; on now" : "");
    else p.why = "xfconfd is not running (not an Xfce session); listening in case it starts";
    return p;
}

}  // namespace limber::desktop
