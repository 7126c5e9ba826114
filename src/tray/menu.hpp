// SPDX-License-Identifier: MIT
// The tray menu as plain values: which items exist for a daemon state, and
// what clicking each one asks the daemon. dbus_menu.cpp puts it on the bus.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tray/model.hpp"

namespace limber::tray {

struct MenuItem {
    // Stable across rebuilds ("snooze/10m", "start/desk", "quit"), so an item
    // keeps its D-Bus id while the menu changes around it; it also names the
    // action (action_for).
    std::string key;
    std::string label;
    bool enabled = true;
    bool separator = false;
    std::vector<MenuItem> children;  // non-empty: a submenu
    std::optional<bool> checked;     // a check mark item, and whether it is ticked
    bool operator==(const MenuItem&) const = default;
};

std::vector<MenuItem> build_menu(const Snapshot& s, const Now& now);

// What an item or a click on the icon asks for: a daemon command with its
// arguments, or one of the tray's own verbs: "quit", "show" (the status as
// a notification), "report" (this week's report in the browser), "sheet"
// (a routine's sheet in the browser, {"routine": ID}) and "settings" (the
// config file in the user's editor). A check mark item flips what `s` says.
struct Action {
    std::string cmd;
    Json args = Json::object();
    bool operator==(const Action&) const = default;
};
std::optional<Action> action_for(std::string_view key, const Snapshot& s, const Now& now);
// A left click: start the suggested routine while a reminder is out,
// otherwise show the status.
Action activate_action(const Snapshot& s);

// Whether a `report` answer covers exactly the local day of `now`: after
// midnight the one the tray holds is yesterday's.
bool report_is_today(const Json& report, const Now& now);

// The durations the Snooze submenu offers: 10, 20 and 30 minutes plus the
// configured snooze, ascending.
std::vector<Millis> snooze_choices(const Json& status);

}  // namespace limber::tray
