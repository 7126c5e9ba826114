// SPDX-License-Identifier: MIT
#include "ipc/routine_message.hpp"

namespace limber::ipc {
namespace {

using nlohmann::json;

Millis seconds(const json& j, const char* key) { return Millis(j.value(key, std::int64_t{0}) * 1000); }

}  // namespace

json routine_to_json(const Routine& r) {
    json steps = json::array();
    for (const Step& s : r.steps) {
        steps.push_back({{"name", s.name},
                         {"how", s.how},
                         {"hold_seconds", s.hold.count() / 1000},
                         {"reps", s.reps},
                         {"seconds", s.duration.count() / 1000},
                         {"sides", s.both_sides ? "both" : "none"},
                         {"until_next", s.until_next},
                         {"figure", s.figure_path}});
    }
    return {{"id", r.id},
            {"name", r.name},
            {"summary", r.summary},
            {"place", r.place},
            {"needs", r.needs},
            {"safety", r.safety},
            {"seconds", r.total().count() / 1000},
            {"steps", steps}};
}

json routines_to_json(const std::vector<Routine>& routines) {
    json list = json::array();
    for (const Routine& r : routines) list.push_back(routine_to_json(r));
    return list;
}

Result<Routine> routine_from_json(const json& j) {
    // nlohmann throws on a value of the wrong type: one message for all of them.
    try {
        if (!j.is_object() || !j.contains("id") || !j.contains("steps") || !j["steps"].is_array())
            return fail("not a routine object");
        Routine r;
        r.id = j["id"].get<std::string>();
        r.name = j.value("name", r.id);
        r.summary = j.value("summary", "");
        r.place = j.value("place", "anywhere");
        r.needs = j.value("needs", std::vector<std::string>{});
        r.safety = j.value("safety", "");
        for (const json& s : j["steps"]) {
            Step step;
            step.name = s.value("name", "");
            step.how = s.value("how", "");
            step.hold = seconds(s, "hold_seconds");
            step.reps = s.value("reps", 0);
            step.duration = seconds(s, "seconds");
            step.both_sides = s.value("sides", "none") == "both";
            step.until_next = s.value("until_next", false);
            step.figure_path = s.value("figure", "");
            r.steps.push_back(std::move(step));
        }
        return r;
    } catch (const json::exception& e) {
        return fail(std::string("not a routine object: ") + e.what());
    }
}

}  // namespace limber::ipc
