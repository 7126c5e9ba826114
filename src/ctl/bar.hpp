// SPDX-License-Identifier: MIT
// The status-bar feed's lines (limberctl status --format, docs/status-bar.md)
// as pure functions of the status and the time, so every state and format
// is tested with plain values.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ipc/status_message.hpp"

namespace limber::ctl {

using Millis = std::chrono::milliseconds;

enum class BarFormat { plain, waybar, i3bar };
std::optional<BarFormat> parse_bar_format(std::string_view name);

// What a bar shows, before any format.
struct BarView {
    std::string text;                   // short: "23 min", "paused", "limberd not running"
    std::vector<std::string> tooltip;   // a few lines for people
    std::string css_class;              // fresh, long, over, reminding, snoozed, paused, routine, break, not-running
    int percentage = 0;                 // of sit_limit sat, 0 to 100
    bool urgent = false;                // a reminder is waiting
    bool operator==(const BarView&) const = default;
};

// nullopt status: limberd is not running.
BarView bar_view(const std::optional<ipc::StatusMessage>& status, Millis now, Millis utc_offset);
// When bar_view would next change with no word from the daemon (the sitting
// clock's next displayed step); nullopt when only an event can change it.
std::optional<Millis> next_bar_change(const std::optional<ipc::StatusMessage>& status, Millis now);

// What comes before the first line: the i3bar header and the array's "[".
std::string bar_preamble(BarFormat format);
// One line, with its '\n'. i3bar lines after the first start with ','.
std::string bar_line(BarFormat format, const BarView& view, bool first);

}  // namespace limber::ctl
