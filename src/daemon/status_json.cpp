// SPDX-License-Identifier: MIT
#include "daemon/status_json.hpp"

#include "daemon/messages.hpp"

namespace limber::daemon {
namespace {

using nlohmann::json;

}  // namespace

ipc::StatusMessage status_message(const core::Status& s, const Backends& backends) {
    ipc::StatusMessage m;
    m.state = core::to_string(s.state);
    m.sitting_since = s.sitting_since_wall;
    m.sitting_for = s.sitting_for;
    m.next_reminder_at = s.next_reminder_wall;
    m.snoozes = s.snoozes;
    m.paused = s.paused;
    m.paused_until = s.paused_until_wall;
    if (s.routine) {
        const auto& r = *s.routine;
        m.routine = ipc::RoutineProgress{r.id, r.name, r.step, r.of, r.step_name, r.side,
                                        stage_title(r.step_name, r.side), r.step_ends_wall};
    }
    m.locked = s.locked;
    m.quiet = s.quiet;
    m.suggested_routine = s.suggested_routine;
    m.idle_backend = backends.idle;
    m.notifier = backends.notifier;
    if (s.hold) m.held = ipc::HoldProgress{core::to_string(s.hold->kind), s.hold->since_wall, s.hold->release_wall};
    return m;
}

void add_limits(ipc::StatusMessage& status, const Settings& settings) {
    status.sit_limit = settings.sit_limit;
    status.snooze = settings.snooze;
    status.speak = settings.speak;
}

}  // namespace limber::daemon
