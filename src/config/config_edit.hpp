// SPDX-License-Identifier: MIT
// Changing one setting in the user's own config file, the way the user
// would: that key's line and nothing else, so their comments, order and
// other keys stay as they wrote them. For the tray's toggles.
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace limber::config {

// `text` with `key = value` under `[table]`: an existing `key = ...` line
// there is replaced; otherwise the line goes right after the commented
// example (`#key = ...`) if the table has one, else right after the table's
// header; a text without the table gets the table at its end. `value` is
// TOML as written ("true", "\"10m\""). Pure: the caller checks the result.
std::string set_key_line(std::string_view text, std::string_view table, std::string_view key, std::string_view value);

// Sets routine.speak in the config file at `path`, made from the documented
// default when there is none. The file is written only when the result
// parses and says what was asked; otherwise the error says why (a file the
// user left broken stays theirs to fix). Replaced in one rename, so the
// daemon's watcher reads a whole file.
Result<void> save_speak(const std::string& path, bool on);

}  // namespace limber::config
