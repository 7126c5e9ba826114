// SPDX-License-Identifier: MIT
// limberd's command line.
#pragma once

#include <string>
#include <vector>

#include "util/result.hpp"

namespace limber::daemon {

struct Options {
    std::string config;        // empty: $XDG_CONFIG_HOME/limber/config.toml
    std::string socket;        // empty: $XDG_RUNTIME_DIR/limber/limber.sock
    std::string db;            // empty: $XDG_DATA_HOME/limber/limber.db
    std::string routines_dir;  // empty: the installed built-in routines
    std::string idle_backend = "auto";
    std::string log_level = "info";
    bool check_config = false;
    bool version = false;
    bool help = false;
};

Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

}  // namespace limber::daemon
