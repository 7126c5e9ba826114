// SPDX-License-Identifier: MIT
// limber-tray from start to exit; main() only hands over its arguments.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace limber::tray {

struct Options {
    std::string socket;           // empty: the default path
    std::string log_level = "info";
    bool help = false;
    bool version = false;
};

// Error: a usage message naming the bad argument.
Result<Options> parse_options(const std::vector<std::string>& args);
std::string usage();

// Exit status: 0 after "Quit tray" or SIGTERM/SIGINT, 1 when the session bus
// is not there or goes away, 2 on bad usage.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace limber::tray
