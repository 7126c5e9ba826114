// SPDX-License-Identifier: MIT
#include "daemon/messages.hpp"

#include <algorithm>

#include "core/routine_session.hpp"
#include "core/stretch.hpp"
#include "daemon/step_progress.hpp"
#include "util/i18n.hpp"

namespace limber::daemon {
namespace {

// A popup is a glance, not a reminder: gone after a few seconds.
constexpr std::chrono::milliseconds kPopupShown{6000};
// A reminder stays until answered or until the user gets up (the daemon
// closes it then); a step stays for its step. The server's default (dunst:
// 10 s) would take them away while the user is still reading.
constexpr std::chrono::milliseconds kUntilClosed{0};
constexpr std::size_t kMaxPopupTitle = 200;
constexpr std::size_t kMaxPopupBody = 2000;

Result<std::string> text_arg(const ipc::Json& args, const char* key, std::size_t max, bool required) {
    const auto it = args.find(key);
    if (it == args.end() || it->is_null()) {
        if (required) return fail(std::string("'") + key + "' is required");
        return std::string();
    }
    if (!it->is_string()) return fail(std::string("'") + key + "' must be a string");
    const auto& text = it->get_ref<const std::string&>();
    if (text.size() > max) return fail(std::string("'") + key + "' is longer than " + std::to_string(max) + " bytes");
    return text;
}

// A theme icon name, not a path: a client may name our icons, not files.
bool icon_name_ok(const std::string& name) {
    return name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
           }) && name.find("..") == std::string::npos;
}

// The reminder's words fit where the routine is done: a seated routine
// must not tell someone to stand, a floor one says to find some floor.
std::string invitation(const core::ShowReminder& r) {
    const std::string length = human_duration(r.routine_length);
    // TRANSLATORS: {0} is a routine's name, {1} how long it takes ("6 min").
    std::string text = trf("Get up and loosen your hamstrings: {0} takes {1}.", r.routine_name, length);
    if (r.routine_place == "desk")
        text = trf("Stand up beside your desk and loosen your hamstrings: {0} takes {1}.", r.routine_name, length);
    else if (r.routine_place == "seated")
        text = trf("Stay in your chair and loosen your hamstrings: {0} takes {1}.", r.routine_name, length);
    else if (r.routine_place == "floor")
        text = trf("Find a patch of floor and loosen your hamstrings: {0} takes {1}.", r.routine_name, length);
    // TRANSLATORS: {} lists what the routine needs: "a mat and a strap".
    if (!r.routine_needs.empty()) text += " " + trf("You need {}.", human_list(r.routine_needs));
    return text;
}

}  // namespace

std::string stage_title(const std::string& step_name, const std::string& side) {
    if (side.empty()) return step_name;
    // TRANSLATORS: which leg a step of a two-sided stretch is on.
    const std::string leg = side == "left" ? tr("left leg") : tr("right leg");
    // TRANSLATORS: {0} is a step's name ending in a bracket, without it: "Foam roller (optional"; {1} the leg.
    if (step_name.ends_with(")")) return trf("{0}, {1})", step_name.substr(0, step_name.size() - 1), leg);
    // TRANSLATORS: {0} is a step's name, {1} the leg: "Heel on the chair (left leg)".
    return trf("{0} ({1})", step_name, leg);
}

desktop::Notification reminder_notification(const core::ShowReminder& r) {
    desktop::Notification n;
    n.tag = "reminder";
    // TRANSLATORS: {} is a duration, "1 h 5 min".
    n.summary = trf("You have been sitting for {}", human_duration(r.sitting_for));
    n.body = r.routine_id.empty() ? tr("Stand up and move for a few minutes.") : invitation(r);
    if (r.held_for > Millis{0})
        n.body = trf("This waited {} while you were busy.", human_duration(r.held_for)) + " " + n.body;
    if (r.quiet) {
        // Held as long as allowed and the call goes on: there, but silent.
        n.urgency = desktop::Urgency::low;
        n.suppress_sound = true;
    } else if (r.critical) {
        n.urgency = desktop::Urgency::critical;
        n.body += " " + trnf("This reminder has been snoozed {} time in a row; your lower back has waited long enough.",
                             "This reminder has been snoozed {} times in a row; your lower back has waited long enough.",
                             r.snoozes, r.snoozes);
    }
    if (!r.routine_id.empty()) n.actions.push_back({"start", tr("Start routine")});
    n.actions.push_back({"snooze", trf("Snooze {}", human_duration(r.snooze_for))});
    n.actions.push_back({"skip", tr("Skip")});
    n.expires = kUntilClosed;
    return n;
}

desktop::Notification step_notification(const core::ShowStep& s, const StepPoint& at) {
    desktop::Notification n;
    n.tag = "routine";
    n.summary = s.routine_name + " · " + std::to_string(s.index + 1) + "/" + std::to_string(s.of) + " · " +
                stage_title(s.step.name, s.side);
    // Where the stage is comes first: from the floor, the top line is what
    // a glance at the screen reads.
    if (s.step.untimed()) {
        n.body = s.index + 1 < s.of ? tr("No timer: press Next when you are ready.")
                                    : tr("No timer: press Done when you are ready.");
    } else if (s.step.reps > 0) {
        n.body = trf("Rep {0} of {1}.", std::max(at.rep, 1), s.step.reps);
    } else {
        n.body = trf("Hold for {}.", human_duration(s.step.hold));
    }
    n.body += "\n" + s.step.how;
    if (!s.safety.empty()) n.body += "\n" + s.safety;
    n.urgency = desktop::Urgency::normal;
    n.actions.push_back({"next", s.index + 1 < s.of ? tr("Next") : tr("Done")});
    n.actions.push_back({"stop", tr("Stop")});
    n.progress = at.percent_left;
    n.expires = kUntilClosed;
    return n;
}

desktop::Notification routine_done_notification(const std::string& routine_name, Millis stretched) {
    desktop::Notification n;
    n.tag = "routine";
    // TRANSLATORS: {} is a routine's name.
    n.summary = trf("{} done", routine_name);
    // Stretching is time spent on the steps (core/stretch.hpp); a routine
    // clicked through is no break, and "0s of stretching" would read as a
    // broken count.
    if (core::counts_as_stretch(stretched)) {
        n.body = trf("Well done: {} of stretching. Your sitting time starts over.", human_duration(stretched));
    } else {
        n.body = tr("That was too quick to count: stretching is time spent on the steps, a minute at least, "
                    "so none of it counts and your sitting time goes on.");
    }
    n.urgency = desktop::Urgency::low;
    return n;
}

// One tag for both: the next good save closes whichever is out.
desktop::Notification config_refused_notification(const std::string& error) {
    desktop::Notification n;
    n.tag = "config";
    n.summary = tr("Limber kept its old settings");
    n.body = error + "\n" + tr("Fix the file and save it again.");
    n.expires = kUntilClosed;  // the user may be looking at the editor, not the corner
    return n;
}

desktop::Notification routines_skipped_notification(const std::vector<std::string>& errors) {
    desktop::Notification n;
    n.tag = "config";
    n.summary = trn("Limber skipped a routine file", "Limber skipped routine files", errors.size());
    for (const auto& e : errors) n.body += e + "\n";
    n.body += tr("The other routines are in use; fix the file and save it again.");
    n.expires = kUntilClosed;
    return n;
}

}  // namespace limber::daemon

namespace limber::daemon {

Result<desktop::Notification> popup_notification(const ipc::Json& args) {
    auto title = text_arg(args, "title", kMaxPopupTitle, true);
    if (!title) return title.error();
    auto body = text_arg(args, "body", kMaxPopupBody, false);
    if (!body) return body.error();
    auto icon = text_arg(args, "icon", 64, false);
    if (!icon) return icon.error();
    if (!icon_name_ok(*icon)) return fail("'icon' must be an icon name like \"limber-fresh\"");
    desktop::Notification n;
    n.tag = "popup";  // one at a time: each replaces the one before
    n.summary = std::move(*title);
    n.body = std::move(*body);
    n.icon = std::move(*icon);
    n.urgency = desktop::Urgency::low;
    n.expires = kPopupShown;
    n.transient = true;
    return n;
}

}  // namespace limber::daemon
