// SPDX-License-Identifier: MIT
#include "dbus/names.hpp"

#include <sdbus-c++/Error.h>
#include <sdbus-c++/IProxy.h>
#include <sdbus-c++/Message.h>

#include "util/log.hpp"

namespace limber::dbus {

bool has_owner(sdbus::IConnection& connection, const std::string& name) {
    auto bus = sdbus::createProxy(connection, "org.freedesktop.DBus", "/org/freedesktop/DBus");
    bool owned = false;
    bus->callMethod("NameHasOwner").onInterface("org.freedesktop.DBus").withArguments(name)
        .withTimeout(kCallTimeout).storeResultsTo(owned);
    return owned;
}

sdbus::Slot watch_owner(sdbus::IConnection& connection, const std::string& name,
                        std::function<void(const std::string& new_owner)> changed) {
    const auto rule = signal_rule("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                  "NameOwnerChanged", name);
    return on_signal(connection, rule, "dbus", "while handling NameOwnerChanged for " + name,
                     [name, changed = std::move(changed)](sdbus::Message& m) {
                         std::string which, old_owner, new_owner;
                         m >> which >> old_owner >> new_owner;
                         if (which == name) changed(new_owner);
                     });
}

sdbus::Slot on_signal(sdbus::IConnection& connection, const std::string& rule, const std::string& area,
                      std::string what, std::function<void(sdbus::Message&)> handle) {
    return connection.addMatch(rule, [area, what = std::move(what), handle = std::move(handle)](sdbus::Message& m) {
        try {
            handle(m);
        } catch (const std::exception& e) {
            log::get(area)->warn("{}: {}", what, e.what());
        }
    });
}

std::string signal_rule(const std::string& sender, const std::string& path, const std::string& interface,
                        const std::string& member, const std::string& arg0) {
    std::string rule = "type='signal',sender='" + sender + "'";
    if (!path.empty()) rule += ",path='" + path + "'";
    rule += ",interface='" + interface + "',member='" + member + "'";
    if (!arg0.empty()) rule += ",arg0='" + arg0 + "'";
    return rule;
}

}  // namespace limber::dbus
