// SPDX-License-Identifier: MIT
#include "ctl/bar.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "util/human.hpp"
#include "util/markup.hpp"
#include "util/i18n.hpp"

namespace limber::ctl {
namespace {

using nlohmann::json;

// As the tray's icon: "getting long" from three quarters of sit_limit on.
constexpr double kLongShare = 0.75;

std::string joined(const std::vector<std::string>& lines, std::string_view between) {
    std::string out;
    for (const auto& line : lines) out += (out.empty() ? "" : std::string(between)) + line;
    return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::optional<Millis> sitting(const ipc::StatusMessage& s, Millis now) {
    if (!s.sitting_since) return std::nullopt;
    return std::max(Millis{0}, now - *s.sitting_since);
}

}  // namespace

std::optional<BarFormat> parse_bar_format(std::string_view name) {
    if (name == "plain") return BarFormat::plain;
    if (name == "waybar") return BarFormat::waybar;
    if (name == "i3bar") return BarFormat::i3bar;
    return std::nullopt;
}

BarView bar_view(const std::optional<ipc::StatusMessage>& status, Millis now, Millis utc_offset) {
    BarView v;
    if (!status) {
        v.text = tr("limberd not running");
        v.tooltip = {tr("limberd is not running"), tr("This line comes back when it starts.")};
        v.css_class = "not-running";
        return v;
    }
    const ipc::StatusMessage& s = *status;
    const auto clock = [&](Millis at) { return human_clock(at, now, utc_offset); };
    const auto sat = sitting(s, now);
    if (sat && s.sit_limit > Millis{0})
        v.percentage = static_cast<int>(std::min<std::int64_t>(100, sat->count() * 100 / s.sit_limit.count()));
    const std::string sat_text = sat ? human_duration(*sat) : "";

    if (s.state == "routine" && s.routine) {
        const auto& r = *s.routine;
        // TRANSLATORS: a status bar's short text during a routine: "stretching 2/5".
        v.text = trf("stretching {0}/{1}", r.step, r.of);
        // TRANSLATORS: {0} is a routine, {1} and {2} count its steps, {3} is the step's title.
        v.tooltip.push_back(trf("{0}, step {1} of {2}: {3}", r.name, r.step, r.of, ipc::step_title(r)));
        v.css_class = "routine";
    } else if (s.state == "paused") {
        v.text = tr("paused");
        v.tooltip.push_back(s.paused_until ? trf("Paused until {}", clock(*s.paused_until)) : tr("Paused until you resume"));
        v.css_class = "paused";
    } else if (s.state == "reminding") {
        // TRANSLATORS: {} is how long the user has sat: "52 min: time for a break".
        v.text = sat_text.empty() ? tr("time for a break") : trf("{}: time for a break", sat_text);
        v.tooltip.push_back(tr("Time for a break"));
        v.css_class = "reminding";
        v.urgent = true;
    } else if (s.state == "snoozed") {
        v.text = sat_text.empty() ? tr("snoozed") : trf("{} (snoozed)", sat_text);
        v.tooltip.push_back(tr("Reminder snoozed"));
        v.css_class = "snoozed";
    } else if (!sat) {
        v.text = tr("on a break");
        v.css_class = "break";
    } else {
        v.text = sat_text;
        v.css_class = v.percentage >= 100 ? "over" : v.percentage >= kLongShare * 100 ? "long" : "fresh";
    }
    v.tooltip.push_back(sat ? trf("Sitting for {}", sat_text) : tr("On a break"));
    if (s.next_reminder_at && !s.paused) v.tooltip.push_back(trf("Next reminder at {}", clock(*s.next_reminder_at)));
    if (s.history_error) v.tooltip.push_back(trf("History not written: {}", *s.history_error));
    return v;
}

std::optional<Millis> next_bar_change(const std::optional<ipc::StatusMessage>& status, Millis now) {
    if (!status) return std::nullopt;
    const auto sat = sitting(*status, now);
    if (!sat) return std::nullopt;
    // human_duration rounds to the second under a minute, then to the
    // minute (half up): the text changes half a unit before each whole one.
    const std::int64_t ms = sat->count();
    std::int64_t next;
    if (ms < 59'500) {
        next = (ms + 500) / 1000 * 1000 + 500;
    } else {
        next = ((ms - 29'500) / 60'000 + 1) * 60'000 + 29'500;
    }
    // The percentage moves on its own steps; the class follows it.
    if (status->sit_limit > Millis{0}) {
        const std::int64_t limit = status->sit_limit.count();
        const std::int64_t pct = ms * 100 / limit;
        if (pct < 100) next = std::min(next, ((pct + 1) * limit + 99) / 100);
    }
    return *status->sitting_since + Millis(next);
}

std::string bar_preamble(BarFormat format) {
    if (format != BarFormat::i3bar) return "";
    return "{\"version\":1}\n[\n";
}

std::string bar_line(BarFormat format, const BarView& v, bool first) {
    switch (format) {
        case BarFormat::plain:
            return v.text + (v.tooltip.empty() ? "" : " | " + joined(v.tooltip, ". ")) + "\n";
        case BarFormat::waybar:
            // Waybar reads text and tooltip as Pango markup.
            return dump({{"text", escape_markup(v.text)},
                         {"tooltip", escape_markup(joined(v.tooltip, "\n"))},
                         {"class", v.css_class},
                         {"percentage", v.percentage}}) +
                   "\n";
        case BarFormat::i3bar:
            return (first ? "" : ",") +
                   dump(json::array({{{"name", "limber"},
                                      {"full_text", v.text},
                                      {"short_text", v.text},
                                      {"urgent", v.urgent},
                                      {"markup", "none"}}})) +
                   "\n";
    }
    return "\n";
}

}  // namespace limber::ctl
