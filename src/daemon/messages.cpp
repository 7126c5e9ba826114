#include "daemon/messages.hpp"

namespace limber::daemon {

std::string human_duration(Millis d) {
    const long long s = d.count() / 1000;
    if (s < 60) return std::to_string(s) + " s";
    const long long minutes = (s + 30) / 60;  // round: "sitting for 45 min", not 44
    if (minutes < 60) return std::to_string(minutes) + " min";
    const long long h = minutes / 60, m = minutes % 60;
    return std::to_string(h) + " h" + (m ? " " + std::to_string(m) + " min" : "");
}

desktop::Notification reminder_notification(const core::ShowReminder& r) {
    desktop::Notification n;
    n.tag = "reminder";
    n.summary = "You have been sitting for " + human_duration(r.sitting_for);
    if (r.routine_id.empty()) {
        n.body = "Stand up and move for a few minutes.";
    } else {
        n.body = "Stand up and loosen your hamstrings: " + r.routine_name + " takes " +
                 human_duration(r.routine_length) + ".";
    }
    if (r.critical) {
        n.urgency = desktop::Urgency::critical;
        n.body += " This reminder has been snoozed " + std::to_string(r.snoozes) +
                  " times in a row; your lower back has waited long enough.";
    }
    if (!r.routine_id.empty()) n.actions.push_back({"start", "Start routine"});
    n.actions.push_back({"snooze", "Snooze " + human_duration(r.snooze_for)});
    n.actions.push_back({"skip", "Skip"});
    return n;
}

desktop::Notification step_notification(const core::ShowStep& s) {
    desktop::Notification n;
    n.tag = "routine";
    n.summary = s.routine_name + " · " + std::to_string(s.index + 1) + "/" + std::to_string(s.of) + " · " +
                s.step.name + (s.side.empty() ? "" : " (" + s.side + " leg)");
    n.body = s.step.how;
    if (s.step.reps > 0) {
        n.body += "\n" + std::to_string(s.step.reps) + " times";
    } else {
        n.body += "\nHold for " + human_duration(s.step.hold) + ".";
    }
    if (!s.safety.empty()) n.body += "\n" + s.safety;
    n.urgency = desktop::Urgency::normal;
    n.actions.push_back({"next", s.index + 1 < s.of ? "Next" : "Done"});
    n.actions.push_back({"stop", "Stop"});
    return n;
}

desktop::Notification routine_done_notification(const std::string& routine_name, Millis stretched) {
    desktop::Notification n;
    n.tag = "routine";
    n.summary = routine_name + " done";
    n.body = "Well done: " + human_duration(stretched) + " of stretching. Your sitting time starts over.";
    n.urgency = desktop::Urgency::low;
    return n;
}

}  // namespace limber::daemon
