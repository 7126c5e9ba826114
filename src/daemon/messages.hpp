// SPDX-License-Identifier: MIT
// The words on the screen: notifications for reminders and routine steps.
#pragma once

#include <string>
#include <vector>

#include "core/effects.hpp"
#include "desktop/notifier.hpp"
#include "ipc/protocol.hpp"
#include "util/human.hpp"
#include "util/result.hpp"

namespace limber::daemon {

// How a stage is named to the user: "Heel on the chair (left leg)", and
// "Foam roller (if you have one, left leg)" for a name that already ends
// in a parenthesis, rather than two of them in a row. In the user's
// language, like the routine's own words (status sends it as step_title).
std::string stage_title(const std::string& step_name, const std::string& side);

desktop::Notification reminder_notification(const core::ShowReminder& r);
struct StepPoint;
// A stage as it stands at `at`: its progress bar and, on reps, the rep.
desktop::Notification step_notification(const core::ShowStep& s, const StepPoint& at);
desktop::Notification routine_done_notification(const std::string& routine_name, Millis stretched);
// A saved config was refused (`error` says where and why, and that the old
// settings stay in use); a saved routine file was skipped (its errors).
desktop::Notification config_refused_notification(const std::string& error);
desktop::Notification routines_skipped_notification(const std::vector<std::string>& errors);
// The `popup` command's arguments (a client's own glance at the status, as
// the tray's left click asks for): title, body, icon. Error: the
// "bad_args" reply's message.
Result<desktop::Notification> popup_notification(const ipc::Json& args);

}  // namespace limber::daemon
