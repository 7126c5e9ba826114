// SPDX-License-Identifier: MIT
// fmt to stdout/stderr rather than <iostream>: the ostream code it pulls in
// was 64 kB of limberd's resident text (docs/performance.md).
#include <string>
#include <vector>

#include <fmt/core.h>

#include "daemon/daemon.hpp"
#include "daemon/options.hpp"
#include "util/help.hpp"
#include "util/i18n.hpp"

int main(int argc, char** argv) {
    // The session's language: the environment the unit or autostart gives.
    limber::i18n::init();
    using namespace limber::daemon;
    auto options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        fmt::print(stderr, "limberd: {}\n", options.error().message);
        return 2;
    }
    if (options->help) {
        fmt::print("{}", usage());
        return 0;
    }
    if (options->version) {
        fmt::print("{}", limber::version_line("limberd"));
        return 0;
    }
    return run(*options);
}
