// SPDX-License-Identifier: MIT
#include "ctl/format.hpp"

#include <algorithm>
#include <ctime>
#include <sstream>
#include <vector>

#include "util/human.hpp"
#include "util/i18n.hpp"

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

Millis now_wall() {
    return std::chrono::duration_cast<Millis>(std::chrono::system_clock::now().time_since_epoch());
}

std::string local_clock(Millis wall, Millis now) { return human_clock(wall, now, local_utc_offset(wall)); }

std::string local_clock(Millis wall) { return local_clock(wall, now_wall()); }

std::string human_seconds(long long s) { return human_duration(Millis(s * 1000)); }

namespace {

// Label and value rows, the values lined up after the widest label (a
// translated label may be longer than the English one).
class Rows {
public:
    void add(std::string label, std::string value) { rows_.emplace_back(std::move(label), std::move(value)); }
    std::string text() const {
        std::size_t width = 15;
        for (const auto& [label, value] : rows_) width = std::max(width, display_width(label));
        std::string out;
        for (const auto& [label, value] : rows_)
            out += label + std::string(width + 1 - display_width(label), ' ') + value + '\n';
        return out;
    }

private:
    std::vector<std::pair<std::string, std::string>> rows_;
};

}  // namespace

std::string format_status(const ipc::StatusMessage& s, Millis now) {
    Rows o;
    // The state is the protocol's word ("sitting", "held"), the same in
    // every language: scripts read it, and the rows below say it in words.
    o.add(tr("State:"), s.state);
    if (s.sitting_since) {
        // TRANSLATORS: {0} is how long, {1} a clock time: "1 h 5 min (since 09:14)".
        o.add(tr("Sitting:"), trf("{0} (since {1})", human_duration(s.sitting_for), local_clock(*s.sitting_since, now)));
    } else {
        o.add(tr("Sitting:"), tr("no, on a break"));
    }
    if (s.paused) {
        o.add(tr("Paused:"), s.paused_until ? trf("until {}", local_clock(*s.paused_until, now)) : tr("until you resume"));
    } else if (s.next_reminder_at) {
        o.add(tr("Next reminder:"), local_clock(*s.next_reminder_at, now));
    }
    if (s.snoozes > 0) o.add(tr("Snoozes:"), trnf("{} in a row", "{} in a row", s.snoozes, s.snoozes));
    if (const auto& r = s.routine) {
        // TRANSLATORS: {0} is a routine, {1}/{2} the step and the count, {3} the step's title.
        std::string line = trf("{0}, step {1}/{2}: {3}", r->name, r->step, r->of, ipc::step_title(*r));
        line += r->step_ends_at ? ", " + trf("until {}", local_clock(*r->step_ends_at, now)) : ", " + std::string(tr("until you press next"));
        o.add(tr("Routine:"), line);
    }
    if (const auto& h = s.held) {
        // TRANSLATORS: {0} is a clock time, {1} what kept the user busy ("microphone").
        std::string line = trf("since {0} ({1})", local_clock(h->since, now), human_busy(h->kind));
        line += ", " + (h->release_at ? trf("shown at {}", local_clock(*h->release_at, now)) : tr("until you are free"));
        o.add(tr("Held:"), line);
    }
    if (!s.busy.empty()) {
        std::string busy;
        for (const auto& b : s.busy) busy += (busy.empty() ? "" : "; ") + human_busy_entry(b);
        o.add(tr("Busy:"), busy);
    }
    if (s.quiet) o.add(tr("Quiet hours:"), tr("now"));
    if (s.locked) o.add(tr("Screen:"), tr("locked"));
    if (s.idle_inhibited)
        // TRANSLATORS: {} names the applications that inhibit idle, or says "an application".
        o.add(tr("Idle inhibited:"), trf("by {}; counted as sitting while it lasts (see limberctl doctor)",
                                         s.idle_inhibitors.empty() ? tr("an application") : s.idle_inhibitors));
    o.add(tr("Activity from:"), s.idle_backend);
    o.add(tr("Notifier:"), s.notifier);
    // Reminders go on without a history file; the user must still see it.
    if (s.history_error) o.add(tr("History:"), trf("NOT WRITTEN: {} (see limberctl doctor)", *s.history_error));
    std::string text = o.text();
    text.pop_back();
    return text;
}

std::string format_routines(const json& routines) {
    std::ostringstream o;
    for (const json& r : routines) {
        std::string id = str(r, "id");
        o << id << std::string(id.size() < 10 ? 10 - id.size() : 1, ' ') << human_seconds(r.value("seconds", 0LL))
          << "  " << str(r, "name");
        if (const std::string place = str(r, "place"); !place.empty()) o << " (" << human_place(place) << ")";
        o << '\n';
    }
    return o.str();
}

std::string format_skipped(const json& skipped) {
    std::string text;
    if (!skipped.is_array()) return text;
    for (const json& s : skipped) text += trf("Skipped a routine file: {}", str(s, "error")) + "\n";
    return text;
}

// `events` and `doctor` stay in English: events is a stream for scripts,
// and doctor's answer is pasted into bug reports, where the probes' own
// words (from the daemon, in English) must read the same for everyone.
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
        if (kind == "busy") return "Busy (holds reminders)";
        if (kind == "sound") return "Sound cues";
        if (kind == "speech") return "Spoken guidance";
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
