// SPDX-License-Identifier: MIT
#include "tray/model.hpp"

#include <cstdio>
#include <ctime>

#include "ipc/status_message.hpp"
#include "util/human.hpp"
#include "util/iso_time.hpp"
#include "util/i18n.hpp"

namespace limber::tray {
namespace {

// The daemon's status as the one typed message; an object without a state
// reads as an empty message (no state, no sitting).
ipc::StatusMessage message(const Json& status) { return ipc::status_from_json(status).value_or(ipc::StatusMessage{}); }

std::optional<Millis> sitting_of(const ipc::StatusMessage& status, const Now& now) {
    if (!status.sitting_since) return std::nullopt;
    return std::max(Millis{0}, now.wall - *status.sitting_since);
}

// States in which only the sitting clock decides the icon.
bool clock_decides(const std::string& state) { return state == "active" || state == "idle" || state == "away"; }

// How long into a sitting the icon turns "getting long".
Millis long_after(Millis sit_limit) {
    return Millis(static_cast<std::int64_t>(static_cast<double>(sit_limit.count()) * kLongShare));
}

}  // namespace

const char* icon_name(Icon icon) {
    switch (icon) {
        case Icon::fresh: return "limber-fresh";
        case Icon::getting_long: return "limber-long";
        case Icon::over_limit: return "limber-over";
        case Icon::snoozed: return "limber-snoozed";
        case Icon::held: return "limber-held";
        case Icon::paused: return "limber-paused";
        case Icon::routine: return "limber-routine";
        case Icon::not_running: return "limber-not-running";
    }
    return "limber-fresh";
}

std::string state_of(const Json& status) { return message(status).state; }

Json field(const Json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? Json() : *it;
}

std::optional<Millis> parse_time(const Json& value) {
    if (!value.is_string()) return std::nullopt;
    const auto s = parse_iso_utc(value.get_ref<const std::string&>());
    return s ? std::optional<Millis>(Millis(*s * 1000)) : std::nullopt;
}

std::optional<Millis> sitting_for(const Json& status, const Now& now) { return sitting_of(message(status), now); }

Icon choose_icon(const Snapshot& s, const Now& now) {
    if (!s.status) return Icon::not_running;
    const ipc::StatusMessage status = message(*s.status);
    const std::string& state = status.state;
    if (state == "routine") return Icon::routine;
    if (state == "paused") return Icon::paused;
    if (state == "snoozed") return Icon::snoozed;
    // Due, but waiting for the end of a call: not the snoozed moon, which
    // the user chose; this one the user did not.
    if (state == "held") return Icon::held;
    if (state == "reminding") return Icon::over_limit;
    const auto sitting = sitting_of(status, now);
    const Millis limit = status.sit_limit;
    if (!sitting || limit <= Millis{0}) return Icon::fresh;
    // Past the limit without a reminder: held by quiet hours or a lock.
    if (*sitting >= limit) return Icon::over_limit;
    if (*sitting >= long_after(limit)) return Icon::getting_long;
    return Icon::fresh;
}

std::optional<Millis> next_icon_change(const Snapshot& s, const Now& now) {
    if (!s.status) return std::nullopt;
    const ipc::StatusMessage status = message(*s.status);
    if (!clock_decides(status.state)) return std::nullopt;
    const auto since = status.sitting_since;
    const Millis limit = status.sit_limit;
    if (!since || limit <= Millis{0}) return std::nullopt;
    const Millis long_at = *since + long_after(limit);
    if (long_at > now.wall) return long_at;
    if (*since + limit > now.wall) return *since + limit;
    return std::nullopt;
}

std::string format_clock(Millis wall, const Now& now) { return human_clock(wall, now.wall, now.utc_offset); }

std::string held_line(const ipc::StatusMessage& status, const Now& now) {
    // TRANSLATORS: {} says what keeps the user busy: "microphone: Firefox".
    const std::string why = status.busy.empty() ? (status.held ? human_busy(status.held->kind) : tr("busy"))
                                                 : human_busy_entry(status.busy.front());
    if (status.held && status.held->release_at)
        // TRANSLATORS: {0} says what kept the user busy, {1} is a clock time.
        return trf("Reminder held: {0}, shown at {1}", why, format_clock(*status.held->release_at, now));
    return trf("Reminder held: {}", why);
}

std::string summary_body(const Summary& summary) {
    std::string body;
    for (const auto& line : summary.lines) body += (body.empty() ? "" : "\n") + escape_markup(line);
    return body;
}

Summary summarize(const Snapshot& s, const Now& now) {
    Summary out{"Limber", {}};
    if (!s.status) {
        out.lines = {tr("limberd is not running"), tr("The tray reconnects as soon as it starts.")};
        return out;
    }
    const ipc::StatusMessage status = message(*s.status);
    const std::string& state = status.state;
    auto& lines = out.lines;

    if (const auto& r = status.routine; state == "routine" && r) {
        // TRANSLATORS: {0} is a routine's name, {1} and {2} count its steps: "step 2 of 5".
        lines.push_back(trf("Stretching: {0}, step {1} of {2}", r->name, r->step, r->of));
        const std::string step = ipc::step_title(*r);
        if (!step.empty()) lines.push_back(step);
    } else if (state == "paused") {
        const auto until = status.paused_until;
        lines.push_back(until ? trf("Paused until {}", format_clock(*until, now)) : tr("Paused until you resume"));
    } else if (state == "reminding") {
        lines.push_back(tr("Time for a break"));
    } else if (state == "snoozed") {
        lines.push_back(tr("Reminder snoozed"));
    } else if (state == "held") {
        lines.push_back(held_line(status, now));
    }

    const auto sitting = sitting_of(status, now);
    lines.push_back(sitting ? trf("Sitting for {}", human_duration(*sitting)) : tr("On a break"));

    if (const auto next = status.next_reminder_at) {
        // TRANSLATORS: {0} is a clock time, {1} how long until then: "Next reminder at 15:03 (in 12 min)".
        lines.push_back(*next > now.wall ? trf("Next reminder at {0} (in {1})", format_clock(*next, now),
                                               human_duration(*next - now.wall))
                                         : tr("Next reminder: now"));
    }
    return out;
}

}  // namespace limber::tray
