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
