// SPDX-License-Identifier: MIT
// Opening the history file. Only a file SQLite calls damaged (not a
// database, or failing quick_check) is moved aside and a new one started; a
// busy or unreadable one holds the user's past, so it is left alone and the
// daemon runs without writing until the file can be opened again.
#pragma once

#include <optional>
#include <string>

#include "daemon/history.hpp"

namespace limber::daemon {

// At start: waits out a short lock (SQLite's busy timeout) before giving up.
History open_history(const std::string& path);

// One more try for a History without a file; never waits for a lock, so the
// daemon stays responsive. Returns true when the file is attached.
bool reopen_history(History& history, const std::string& path, std::optional<Millis> sitting_since_wall);

}  // namespace limber::daemon
