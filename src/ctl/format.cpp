#include "ctl/format.hpp"

#include <algorithm>
#include <ctime>
#include <sstream>
#include <vector>

#include "util/human.hpp"
#include "util/iso_time.hpp"

namespace limber::ctl {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

}  // namespace

std::string step_title(const json& step) {
    if (!str(step, "step_title").empty()) return str(step, "step_title");
    // A daemon from before step_title: name and side as it sent them.
    const std::string side = str(step, "side");
    return str(step, "step_name") + (side.empty() ? "" : " (" + side + ")");
}

namespace {

void row(std::ostringstream& o, const std::string& label, const std::string& value) {
    o << label << std::string(label.size() < 16 ? 16 - label.size() : 1, ' ') << value << '\n';
}

}  // namespace

std::string local_clock(const std::string& iso, Millis now) {
    const auto at = parse_iso_utc(iso);
    if (!at) return iso;
    const Millis wall(*at * 1000);
    return human_clock(wall, now, local_utc_offset(wall));
}

std::string local_clock(const std::string& iso) {
    const auto now = std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch());
    return local_clock(iso, now);
}

std::string human_seconds(long long s) { return human_duration(Millis(s * 1000)); }

std::string format_status(const json& s) {
    std::ostringstream o;
    row(o, "State:", str(s, "state"));
    if (!str(s, "sitting_since").empty()) {
        row(o, "Sitting:", human_seconds(s.value("sitting_seconds", 0LL)) + " (since " +
                               local_clock(str(s, "sitting_since")) + ")");
    } else {
        row(o, "Sitting:", "no, on a break");
    }
    if (s.value("paused", false)) {
        const std::string until = str(s, "paused_until");
        row(o, "Paused:", until.empty() ? "until you resume" : "until " + local_clock(until));
    } else if (!str(s, "next_reminder_at").empty()) {
        row(o, "Next reminder:", local_clock(str(s, "next_reminder_at")));
    }
    if (s.value("snoozes", 0) > 0) row(o, "Snoozes:", std::to_string(s.value("snoozes", 0)) + " in a row");
    if (s.contains("routine") && s["routine"].is_object()) {
        const json& r = s["routine"];
        row(o, "Routine:", str(r, "name") + ", step " + std::to_string(r.value("step", 0)) + "/" +
                               std::to_string(r.value("of", 0)) + ": " + step_title(r) +
                               (str(r, "step_ends_at").empty() ? ", until you press next"
                                                               : ", until " + local_clock(str(r, "step_ends_at"))));
    }
    if (s.value("quiet", false)) row(o, "Quiet hours:", "now");
    if (s.value("locked", false)) row(o, "Screen:", "locked");
    if (s.value("idle_inhibited", false))
        row(o, "Idle inhibited:", "by " + (str(s, "idle_inhibitors").empty() ? "an application" : str(s, "idle_inhibitors")) +
                                      "; counted as sitting while it lasts (see limberctl doctor)");
    row(o, "Activity from:", str(s, "idle_backend"));
    row(o, "Notifier:", str(s, "notifier"));
    return o.str();
}

std::string format_routines(const json& routines) {
    std::ostringstream o;
    for (const json& r : routines) {
        std::string id = str(r, "id");
        o << id << std::string(id.size() < 10 ? 10 - id.size() : 1, ' ') << human_seconds(r.value("seconds", 0LL))
          << "  " << str(r, "name");
        if (!str(r, "place").empty()) o << " (" << str(r, "place") << ")";
        o << '\n';
    }
    return o.str();
}

std::string format_skipped(const json& skipped) {
    std::string text;
    if (!skipped.is_array()) return text;
    for (const json& s : skipped) text += "Skipped a routine file: " + str(s, "error") + "\n";
    return text;
}

std::string format_event(const json& e) {
    const std::string type = str(e, "type");
    if (type == "state" && e.contains("status")) return "state: " + str(e["status"], "state");
    if (type == "reminder")
        return "reminder: sitting " + human_seconds(e.value("sitting_seconds", 0LL)) + ", suggests " +
               str(e, "routine") + (e.value("critical", false) ? " (critical)" : "");
    if (type == "routine_step")
        return "routine " + str(e, "routine") + ": step " + std::to_string(e.value("step", 0)) + "/" +
               std::to_string(e.value("of", 0)) + " " + step_title(e);
    if (type == "routine_end")
        return "routine " + str(e, "routine") + (e.value("completed", false) ? " completed" : " stopped");
    return e.dump();
}

std::string format_doctor(const json& d) {
    std::ostringstream o;
    row(o, "Daemon:", str(d, "daemon") + " " + str(d, "version") + " (pid " + std::to_string(d.value("pid", 0LL)) +
                          ", protocol " + std::to_string(d.value("protocol", 0)) + ")");
    row(o, "Socket:", str(d, "socket"));
    row(o, "Config:", str(d, "config"));
    row(o, "Database:", str(d, "database"));
    if (d.contains("skipped_routines"))
        for (const json& s : d["skipped_routines"]) row(o, "Routines:", "skipped " + str(s, "error"));
    std::string env;
    if (d.contains("environment") && d["environment"].is_object()) {
        for (const auto& [name, value] : d["environment"].items())
            if (value.is_string()) env += (env.empty() ? "" : " ") + name + "=" + value.get<std::string>();
    }
    row(o, "Environment:", env.empty() ? "no desktop variables set" : env);
    const std::string idle = str(d, "idle_backend");
    row(o, "Activity:", idle == "none" ? "none: no activity source, counting session time" : idle);
    row(o, "Notifier:", str(d, "notifier") + (d.value("notification_server", false)
                                                  ? ", notification server running"
                                                  : ", no notification server now (reminders wait for one)"));
    if (d.value("idle_inhibited", false)) {
        const std::string by = str(d, "idle_inhibitors");
        row(o, "Idle inhibited:", "yes" + (by.empty() ? "" : ", by " + by));
        if (!str(d, "idle_inhibited_note").empty()) o << std::string(16, ' ') << str(d, "idle_inhibited_note") << '\n';
    } else {
        row(o, "Idle inhibited:", "no");
    }

    // Every probe, grouped by kind in the order the daemon sent them.
    const auto title = [](const std::string& kind) -> std::string {
        if (kind == "activity") return "Activity sources";
        if (kind == "lock") return "Screen lock";
        if (kind == "sleep") return "Suspend";
        if (kind == "inhibitors") return "Idle inhibitors";
        if (kind == "notifier") return "Notifications";
        return kind;
    };
    std::vector<std::string> kinds;
    const json empty = json::array();
    const json& probes = d.contains("probes") && d["probes"].is_array() ? d["probes"] : empty;
    for (const json& p : probes)
        if (std::find(kinds.begin(), kinds.end(), str(p, "kind")) == kinds.end()) kinds.push_back(str(p, "kind"));
    for (const auto& kind : kinds) {
        o << '\n' << title(kind) << ":\n";
        for (const json& p : probes) {
            if (str(p, "kind") != kind) continue;
            const std::string name = str(p, "name");
            o << (p.value("used", false) ? "  used      " : "  not used  ") << name
              << std::string(name.size() < 28 ? 28 - name.size() : 1, ' ') << str(p, "why") << '\n';
        }
    }
    return o.str();
}

}  // namespace limber::ctl
