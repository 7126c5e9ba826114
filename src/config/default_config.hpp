// SPDX-License-Identifier: MIT
// The config file a user starts from: config/limber.toml, every key
// documented and commented out, compiled in so that the tray can write it
// where there is none (one text: the shipped file is the source).
#pragma once

#include <string>
#include <string_view>

#include "util/result.hpp"

namespace limber::config {

std::string_view default_config_text();

// Writes default_config_text() to `path`, making its directory, unless a
// file is there already (never overwritten). True: it was created now.
Result<bool> create_default_config(const std::string& path);

}  // namespace limber::config
