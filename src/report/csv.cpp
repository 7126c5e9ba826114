// SPDX-License-Identifier: MIT
// CSV is cut from the JSON of each day, so the two can never disagree.
#include <sstream>
#include <vector>

#include "report/render.hpp"

namespace limber::report {
namespace {

using Json = nlohmann::ordered_json;

// Header name, and where the value sits in a day's JSON object.
struct Column {
    const char* header;
    const char* pointer;
};

constexpr Column kColumns[] = {
    {"date", "/date"},
    {"weekday", "/weekday"},
    {"sitting_s", "/sitting_s"},
    {"sittings", "/sittings"},
    {"longest_sitting_s", "/longest_sitting_s"},
    {"longest_sitting_start", "/longest_sitting_start"},
    {"average_sitting_s", "/average_sitting_s"},
    {"over_limit_count", "/over_limit/count"},
    {"over_limit_s", "/over_limit/seconds"},
    {"over_limit_share", "/over_limit/share"},
    {"breaks_count", "/breaks/count"},
    {"breaks_s", "/breaks/seconds"},
    {"breaks_idle_count", "/breaks/idle/count"},
    {"breaks_idle_s", "/breaks/idle/seconds"},
    {"breaks_lock_count", "/breaks/lock/count"},
    {"breaks_lock_s", "/breaks/lock/seconds"},
    {"breaks_suspend_count", "/breaks/suspend/count"},
    {"breaks_suspend_s", "/breaks/suspend/seconds"},
    {"breaks_routine_count", "/breaks/routine/count"},
    {"breaks_routine_s", "/breaks/routine/seconds"},
    {"breaks_shutdown_count", "/breaks/shutdown/count"},
    {"breaks_shutdown_s", "/breaks/shutdown/seconds"},
    {"breaks_other_count", "/breaks/other/count"},
    {"breaks_other_s", "/breaks/other/seconds"},
    {"reminders_shown", "/reminders/shown"},
    {"reminders_shown_again", "/reminders/shown_again"},
    {"reminders_snoozed", "/reminders/snoozed"},
    {"reminders_skipped", "/reminders/skipped"},
    {"reminders_acted", "/reminders/acted"},
    {"reminders_took_break", "/reminders/took_break"},
    {"reminders_paused", "/reminders/paused"},
    {"reminders_unanswered", "/reminders/unanswered"},
    {"reminders_answered", "/reminders/answered"},
    {"reminder_wait_mean_s", "/reminders/wait_mean_s"},
    {"reminder_wait_median_s", "/reminders/wait_median_s"},
    {"reminder_wait_max_s", "/reminders/wait_max_s"},
    {"reminders_held", "/held/count"},
    {"held_s", "/held/seconds"},
    {"routines_started", "/routines/started"},
    {"routines_completed", "/routines/completed"},
    {"routines_stopped", "/routines/stopped"},
    {"stretched_s", "/routines/stretched_s"},
    {"routines", "/routines/by_routine"},
    {"stretch_day", "/stretch_day"},
    {"ongoing", "/ongoing"},
};

std::string csv_quoted(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string cell(const Json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return csv_quoted(v.get<std::string>());
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    if (v.is_object()) {  // by_routine: "desk:2;floor:1", completed runs per routine
        std::string out;
        for (const auto& [id, use] : v.items())
            if (use.value("completed", 0) > 0) out += (out.empty() ? "" : ";") + id + ":" + std::to_string(use.value("completed", 0));
        return csv_quoted(out);
    }
    return v.dump();
}

}  // namespace

std::string render_csv(const Report& r) {
    std::ostringstream out;
    bool first = true;
    for (const auto& c : kColumns) {
        out << (first ? "" : ",") << c.header;
        first = false;
    }
    out << "\r\n";
    std::vector<Json::json_pointer> pointers;
    for (const auto& c : kColumns) pointers.emplace_back(c.pointer);
    const Json json = to_json(r);
    for (const auto& day : json["days"]) {
        first = true;
        for (const auto& pointer : pointers) {
            out << (first ? "" : ",") << cell(day.at(pointer));
            first = false;
        }
        out << "\r\n";
    }
    return out.str();
}

}  // namespace limber::report
