#include "daemon/status_json.hpp"

#include "util/iso_time.hpp"

namespace limber::daemon {
namespace {

using nlohmann::json;

json time_or_null(const std::optional<Millis>& t) { return t ? json(iso_utc(*t)) : json(nullptr); }

}  // namespace

std::string iso_utc(Millis wall) { return limber::iso_utc(wall.count() / 1000); }

json status_json(const core::Status& s, const Backends& backends) {
    json j;
    j["state"] = core::to_string(s.state);
    j["sitting_since"] = time_or_null(s.sitting_since_wall);
    j["sitting_seconds"] = s.sitting_for.count() / 1000;
    j["next_reminder_at"] = time_or_null(s.next_reminder_wall);
    j["snoozes"] = s.snoozes;
    j["paused"] = s.paused;
    j["paused_until"] = time_or_null(s.paused_until_wall);
    if (s.routine) {
        j["routine"] = {{"id", s.routine->id},       {"name", s.routine->name},
                        {"step", s.routine->step},   {"of", s.routine->of},
                        {"step_name", s.routine->step_name}, {"side", s.routine->side},
                        {"step_title", s.routine->step_title},
                        {"step_ends_at", time_or_null(s.routine->step_ends_wall)}};
    } else {
        j["routine"] = nullptr;
    }
    j["locked"] = s.locked;
    j["quiet"] = s.quiet;
    j["suggested_routine"] = s.suggested_routine;
    j["idle_backend"] = backends.idle;
    j["notifier"] = backends.notifier;
    return j;
}

void add_limits(json& status, const Settings& settings) {
    status["sit_limit_seconds"] = settings.sit_limit.count() / 1000;
    status["snooze_seconds"] = settings.snooze.count() / 1000;
}

json routines_json(const std::vector<Routine>& routines) {
    json list = json::array();
    for (const Routine& r : routines) {
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
        list.push_back({{"id", r.id},
                        {"name", r.name},
                        {"summary", r.summary},
                        {"place", r.place},
                        {"needs", r.needs},
                        {"seconds", r.total().count() / 1000},
                        {"steps", steps}});
    }
    return list;
}

}  // namespace limber::daemon
