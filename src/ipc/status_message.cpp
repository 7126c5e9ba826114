// SPDX-License-Identifier: MIT
#include "ipc/status_message.hpp"

#include "util/iso_time.hpp"

namespace limber::ipc {
namespace {

using nlohmann::json;

json time_or_null(const std::optional<Millis>& t) { return t ? json(iso_utc(t->count() / 1000)) : json(nullptr); }
json seconds(Millis d) { return d.count() / 1000; }

// Readers that never throw: a field that is absent or of another type is
// the default.
const json* find(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}
std::string text(const json& j, const char* key) {
    const json* v = find(j, key);
    return v && v->is_string() ? v->get<std::string>() : std::string();
}
bool flag(const json& j, const char* key) {
    const json* v = find(j, key);
    return v && v->is_boolean() && v->get<bool>();
}
std::int64_t number(const json& j, const char* key) {
    const json* v = find(j, key);
    if (!v || !v->is_number()) return 0;
    return v->is_number_float() ? static_cast<std::int64_t>(v->get<double>()) : v->get<std::int64_t>();
}
Millis from_seconds(const json& j, const char* key) { return Millis(number(j, key) * 1000); }
std::optional<Millis> time(const json& j, const char* key) {
    const json* v = find(j, key);
    if (!v || !v->is_string()) return std::nullopt;
    const auto s = parse_iso_utc(v->get_ref<const std::string&>());
    return s ? std::optional<Millis>(Millis(*s * 1000)) : std::nullopt;
}

}  // namespace

std::string step_title(const RoutineProgress& step) {
    if (!step.step_title.empty()) return step.step_title;
    return step.step_name + (step.side.empty() ? "" : " (" + step.side + " side)");
}

json to_json(const StatusMessage& s) {
    json j;
    j["state"] = s.state;
    j["sitting_since"] = time_or_null(s.sitting_since);
    j["sitting_seconds"] = seconds(s.sitting_for);
    j["next_reminder_at"] = time_or_null(s.next_reminder_at);
    j["snoozes"] = s.snoozes;
    j["paused"] = s.paused;
    j["paused_until"] = time_or_null(s.paused_until);
    if (s.routine) {
        const RoutineProgress& r = *s.routine;
        j["routine"] = {{"id", r.id},     {"name", r.name},           {"step", r.step},
                        {"of", r.of},     {"step_name", r.step_name}, {"side", r.side},
                        {"step_title", r.step_title}, {"step_ends_at", time_or_null(r.step_ends_at)}};
    } else {
        j["routine"] = nullptr;
    }
    j["locked"] = s.locked;
    j["quiet"] = s.quiet;
    j["suggested_routine"] = s.suggested_routine;
    j["idle_backend"] = s.idle_backend;
    j["notifier"] = s.notifier;
    j["sit_limit_seconds"] = seconds(s.sit_limit);
    j["snooze_seconds"] = seconds(s.snooze);
    j["speak"] = s.speak;
    j["idle_inhibited"] = s.idle_inhibited;
    j["idle_inhibitors"] = s.idle_inhibitors;
    if (s.idle_inhibited) j["idle_inhibited_note"] = s.idle_inhibited_note;
    j["history_error"] = s.history_error ? json(*s.history_error) : json(nullptr);
    j["busy"] = s.busy;
    if (s.held) {
        j["held"] = {{"kind", s.held->kind}, {"since", time_or_null(s.held->since)},
                     {"release_at", time_or_null(s.held->release_at)}};
    } else {
        j["held"] = nullptr;
    }
    return j;
}

std::optional<StatusMessage> status_from_json(const json& j) {
    if (!j.is_object() || !j.contains("state") || !j["state"].is_string()) return std::nullopt;
    StatusMessage s;
    s.state = text(j, "state");
    s.sitting_since = time(j, "sitting_since");
    s.sitting_for = from_seconds(j, "sitting_seconds");
    s.next_reminder_at = time(j, "next_reminder_at");
    s.snoozes = static_cast<int>(number(j, "snoozes"));
    s.paused = flag(j, "paused");
    s.paused_until = time(j, "paused_until");
    if (const json* r = find(j, "routine"); r && r->is_object()) {
        s.routine = RoutineProgress{text(*r, "id"),
                                    text(*r, "name"),
                                    static_cast<int>(number(*r, "step")),
                                    static_cast<int>(number(*r, "of")),
                                    text(*r, "step_name"),
                                    text(*r, "side"),
                                    text(*r, "step_title"),
                                    time(*r, "step_ends_at")};
    }
    s.locked = flag(j, "locked");
    s.quiet = flag(j, "quiet");
    s.suggested_routine = text(j, "suggested_routine");
    s.idle_backend = text(j, "idle_backend");
    s.notifier = text(j, "notifier");
    s.sit_limit = from_seconds(j, "sit_limit_seconds");
    s.snooze = from_seconds(j, "snooze_seconds");
    s.speak = flag(j, "speak");
    s.idle_inhibited = flag(j, "idle_inhibited");
    s.idle_inhibitors = text(j, "idle_inhibitors");
    s.idle_inhibited_note = text(j, "idle_inhibited_note");
    if (const json* e = find(j, "history_error"); e && e->is_string()) s.history_error = e->get<std::string>();
    if (const json* b = find(j, "busy"); b && b->is_array())
        for (const json& item : *b)
            if (item.is_string()) s.busy.push_back(item.get<std::string>());
    if (const json* h = find(j, "held"); h && h->is_object())
        s.held = HoldProgress{text(*h, "kind"), time(*h, "since").value_or(Millis{0}), time(*h, "release_at")};
    return s;
}

}  // namespace limber::ipc
