// SPDX-License-Identifier: MIT
// Bus names: who owns one now, and being told when that changes. Small
// helpers shared by the D-Bus sources (logind, screen savers, Mutter).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <sdbus-c++/IConnection.h>
#include <sdbus-c++/TypeTraits.h>

namespace limber::dbus {

// How long a source waits for a service at start-up before saying it does
// not answer. A healthy local service answers in milliseconds.
inline constexpr std::chrono::seconds kCallTimeout{3};

// The interface of PropertiesChanged and Get, which every D-Bus object has.
inline constexpr const char* kPropertiesInterface = "org.freedesktop.DBus.Properties";

// Whether `name` has an owner on the bus right now. Throws sdbus::Error.
bool has_owner(sdbus::IConnection& connection, const std::string& name);

// Calls `changed(new_owner)` whenever `name` changes hands; new_owner is
// empty when the name went away. The callback runs inside the bus dispatch.
sdbus::Slot watch_owner(sdbus::IConnection& connection, const std::string& name,
                        std::function<void(const std::string& new_owner)> changed);

// Calls `handle` for each message that matches `rule`, inside the bus
// dispatch. An exception from it (a message with other arguments than
// expected) is logged as "`what`: why" under `area`: nothing may unwind
// into sd-bus.
sdbus::Slot on_signal(sdbus::IConnection& connection, const std::string& rule, const std::string& area,
                      std::string what, std::function<void(sdbus::Message&)> handle);

// A match rule for a signal from `sender` (a well-known name: the bus only
// delivers it from that name's owner, so other clients cannot fake it).
// An empty path matches every path.
std::string signal_rule(const std::string& sender, const std::string& path, const std::string& interface,
                        const std::string& member, const std::string& arg0 = "");

}  // namespace limber::dbus
