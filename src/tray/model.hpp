// SPDX-License-Identifier: MIT
// What the tray shows, as pure functions of what the daemon said and the
// time: the icon, the tooltip text and the menu. No D-Bus, no socket, no
// clock here, so every daemon state can be tested with plain values.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ipc/status_message.hpp"
#include "util/markup.hpp"

namespace limber::tray {

using Json = nlohmann::json;
using Millis = std::chrono::milliseconds;

// The instant the tray looks at: UTC milliseconds, and the local offset for
// clock times shown to the user ("next reminder at 14:05").
struct Now {
    Millis wall{0};
    Millis utc_offset{0};
};

// Everything the tray knows about the daemon.
struct Snapshot {
    std::optional<Json> status;    // the status object; nullopt: daemon not reachable
    Json routines = Json::array(); // the `routines` command's list
    std::optional<Json> today;     // the `report` command's answer for today, when it has one
};

enum class Icon { fresh, getting_long, over_limit, snoozed, held, paused, routine, not_running };
inline constexpr Icon kAllIcons[] = {Icon::fresh,  Icon::getting_long, Icon::over_limit, Icon::snoozed,
                                     Icon::held,   Icon::paused,       Icon::routine,    Icon::not_running};
// "Getting long" from this share of sit_limit on.
inline constexpr double kLongShare = 0.75;

// Names in the hicolor theme: "limber-fresh", "limber-long", ...
const char* icon_name(Icon icon);
Icon choose_icon(const Snapshot& s, const Now& now);
// When the icon would change without any word from the daemon (sitting
// crosses 75 % or 100 % of sit_limit); nullopt: only an event can change it.
std::optional<Millis> next_icon_change(const Snapshot& s, const Now& now);
// The current sitting, from `sitting_since`; nullopt on a break.
std::optional<Millis> sitting_for(const Json& status, const Now& now);
// The status's `state` ("active", "paused", ...); "" when it has none.
std::string state_of(const Json& status);

// Tooltip and notification text: a title and a few plain-text lines.
struct Summary {
    std::string title;
    std::vector<std::string> lines;
};
Summary summarize(const Snapshot& s, const Now& now);
// The lines as one markup-escaped text, a line each: a tooltip's or a
// notification's body.
// "Reminder held: microphone: Firefox", and when it will show once known.
std::string held_line(const ipc::StatusMessage& status, const Now& now);
std::string summary_body(const Summary& summary);

// j[key] when j is an object that has it, else null: the daemon's JSON is
// read without exceptions.
Json field(const Json& j, const char* key);
// "2024-05-02T09:15:00Z" to UTC milliseconds; nullopt for anything else.
std::optional<Millis> parse_time(const Json& value);
// Local "14:05" today, "tomorrow 14:05" and so on: util/human.hpp's human_clock.
std::string format_clock(Millis wall, const Now& now);
// Hosts may read tooltip and notification text as markup.
using limber::escape_markup;

}  // namespace limber::tray
