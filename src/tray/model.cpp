#include "tray/model.hpp"

#include <cstdio>
#include <ctime>

#include "util/human.hpp"
#include "util/iso_time.hpp"

namespace limber::tray {
namespace {

std::string string_field(const Json& j, const char* key) {
    const Json v = field(j, key);
    return v.is_string() ? v.get<std::string>() : "";
}

std::optional<Millis> seconds_field(const Json& j, const char* key) {
    const Json v = field(j, key);
    if (!v.is_number()) return std::nullopt;
    return Millis(static_cast<std::int64_t>(v.get<double>() * 1000));
}

int int_field(const Json& j, const char* key) {
    const Json v = field(j, key);
    return v.is_number() ? static_cast<int>(v.get<double>()) : 0;
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
        case Icon::paused: return "limber-paused";
        case Icon::routine: return "limber-routine";
        case Icon::not_running: return "limber-not-running";
    }
    return "limber-fresh";
}

std::string state_of(const Json& status) { return string_field(status, "state"); }

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

std::optional<Millis> sitting_for(const Json& status, const Now& now) {
    const auto since = parse_time(field(status, "sitting_since"));
    if (!since) return std::nullopt;
    return std::max(Millis{0}, now.wall - *since);
}

Icon choose_icon(const Snapshot& s, const Now& now) {
    if (!s.status) return Icon::not_running;
    const Json& status = *s.status;
    const std::string state = state_of(status);
    if (state == "routine") return Icon::routine;
    if (state == "paused") return Icon::paused;
    if (state == "snoozed") return Icon::snoozed;
    if (state == "reminding") return Icon::over_limit;
    const auto sitting = sitting_for(status, now);
    const auto limit = seconds_field(status, "sit_limit_seconds");
    if (!sitting || !limit || *limit <= Millis{0}) return Icon::fresh;
    // Past the limit without a reminder: held by quiet hours or a lock.
    if (*sitting >= *limit) return Icon::over_limit;
    if (*sitting >= long_after(*limit)) return Icon::getting_long;
    return Icon::fresh;
}

std::optional<Millis> next_icon_change(const Snapshot& s, const Now& now) {
    if (!s.status || !clock_decides(state_of(*s.status))) return std::nullopt;
    const auto since = parse_time(field(*s.status, "sitting_since"));
    const auto limit = seconds_field(*s.status, "sit_limit_seconds");
    if (!since || !limit || *limit <= Millis{0}) return std::nullopt;
    const Millis long_at = *since + long_after(*limit);
    if (long_at > now.wall) return long_at;
    if (*since + *limit > now.wall) return *since + *limit;
    return std::nullopt;
}

std::string format_clock(Millis wall, const Now& now) { return human_clock(wall, now.wall, now.utc_offset); }

std::string escape_markup(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string summary_body(const Summary& summary) {
    std::string body;
    for (const auto& line : summary.lines) body += (body.empty() ? "" : "\n") + escape_markup(line);
    return body;
}

Summary summarize(const Snapshot& s, const Now& now) {
    Summary out{"Limber", {}};
    if (!s.status) {
        out.lines = {"limberd is not running", "The tray reconnects as soon as it starts."};
        return out;
    }
    const Json& status = *s.status;
    const std::string state = state_of(status);
    auto& lines = out.lines;

    if (const Json r = field(status, "routine"); state == "routine" && r.is_object()) {
        lines.push_back("Stretching: " + string_field(r, "name") + ", step " + std::to_string(int_field(r, "step")) +
                        " of " + std::to_string(int_field(r, "of")));
        std::string step = string_field(r, "step_title");
        if (step.empty()) {  // a daemon from before step_title
            step = string_field(r, "step_name");
            if (const std::string side = string_field(r, "side"); !side.empty()) step += " (" + side + " side)";
        }
        if (!step.empty()) lines.push_back(step);
    } else if (state == "paused") {
        const auto until = parse_time(field(status, "paused_until"));
        lines.push_back(until ? "Paused until " + format_clock(*until, now) : "Paused until you resume");
    } else if (state == "reminding") {
        lines.push_back("Time for a break");
    } else if (state == "snoozed") {
        lines.push_back("Reminder snoozed");
    }

    const auto sitting = sitting_for(status, now);
    lines.push_back(sitting ? "Sitting for " + human_duration(*sitting) : "On a break");

    if (const auto next = parse_time(field(status, "next_reminder_at"))) {
        lines.push_back(*next > now.wall ? "Next reminder at " + format_clock(*next, now) + " (in " +
                                               human_duration(*next - now.wall) + ")"
                                         : "Next reminder: now");
    }
    return out;
}

}  // namespace limber::tray
